"""The whole pipeline on real and written input: idempotent re-runs, crash safety, bad input."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SHARED, need

POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"


def write_articles(folder: Path, n: int) -> list[str]:
    rows = [json.loads(line) for line in need(POLNEAR).read_text(encoding="utf-8").splitlines()[:n]]
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for i, row in enumerate(rows):
        name = f"p{i:03d}"
        (folder / f"{name}.txt").write_text(row["title"] + "\n\n" + row["text"], encoding="utf-8")
        ids.append(name)
    return ids


def export_eval(db: Path) -> list[dict[str, Any]]:
    from dealgraph.export import export
    from dealgraph.store.store import open_store

    buffer = io.StringIO()
    export(open_store(f"sqlite:///{db}"), "eval", buffer)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def cli(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dealgraph.cli", "--db", f"sqlite:///{db}", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def count_articles(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_reingest_is_a_noop(examples_store: Any, extractor: Any) -> None:
    from dealgraph.pipeline.run import ingest
    from tests.conftest import EXAMPLES

    before = {t: examples_store.count(t) for t in ("articles", "mentions", "amounts", "events", "entities")}
    report = ingest([str(EXAMPLES)], examples_store, extractor=extractor)
    assert report.stored == []
    assert len(report.unchanged) + len(report.duplicates) >= before["articles"]
    assert {t: examples_store.count(t) for t in before} == before


def test_syndicated_copy_is_linked_not_stored(examples_store: Any) -> None:
    from dealgraph.store.reader import summary

    assert summary(examples_store).duplicates == 1


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates(tmp_path: Path) -> None:
    ids = write_articles(tmp_path / "in", 40)
    clean_db, crash_db = tmp_path / "clean.db", tmp_path / "crash.db"
    assert cli(clean_db, "ingest", str(tmp_path / "in")).wait(timeout=600) == 0
    proc = cli(crash_db, "ingest", str(tmp_path / "in"))
    deadline = time.time() + 300
    while count_articles(crash_db) < 5 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = count_articles(crash_db)
    assert 0 < partial < len(ids), f"the kill should land mid-run, stored {partial}"
    assert cli(crash_db, "ingest", str(tmp_path / "in")).wait(timeout=600) == 0
    assert count_articles(crash_db) == len(ids)
    assert export_eval(crash_db) == export_eval(clean_db)
