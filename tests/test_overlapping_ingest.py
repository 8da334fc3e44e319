"""Two ingests of the same input on one SQLite store at once (issue 13, defect 8): the one that commits
second used to end with IntegrityError; it now counts what the other stored as already stored.

The race is made deterministic: the second ingest's "is it stored?" checks answer as they did before
the first ingest committed, which is the window two processes meet in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SHARED, need

POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, line in enumerate(need(POLNEAR).read_text(encoding="utf-8").splitlines()[:n]):
        row = json.loads(line)
        (folder / f"p{i:03d}.txt").write_text(row["title"] + "\n\n" + row["text"], encoding="utf-8")


def test_the_later_writer_skips_what_the_other_stored(
    tmp_path: Path, extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dealgraph.pipeline.run import ingest
    from dealgraph.store.store import Store, open_store

    write_articles(tmp_path / "in", 6)
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    first = ingest([str(tmp_path / "in")], open_store(url), extractor=extractor, screen=False)
    assert len(first.stored) == 6
    late = open_store(url)
    monkeypatch.setattr(Store, "has_content", lambda self, digest: None)
    monkeypatch.setattr(Store, "has_article", lambda self, article_id: False)
    monkeypatch.setattr(Store, "candidate_duplicates", lambda self, bands: {})
    second = ingest([str(tmp_path / "in")], late, extractor=extractor, screen=False)
    assert (second.stored, sorted(second.unchanged), second.errors) == ([], sorted(first.stored), [])
    assert late.count("articles") == 6


@pytest.mark.slow
def test_two_processes_ingesting_the_same_folder_both_finish(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 20)
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    command = [sys.executable, "-m", "dealgraph.cli", "--db", db, "ingest", str(tmp_path / "in")]
    runs = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    results = [(run.wait(timeout=600), run.stderr.read().decode() if run.stderr else "") for run in runs]
    assert [code for code, _ in results] == [0, 0], results


def test_a_store_another_process_is_creating_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes open one new store at once: the one whose CREATE comes second finds the table made
    ("already exists"), waits, and finds the migrations done. Any other error is reported at once."""
    from sqlalchemy.exc import OperationalError

    from dealgraph.store import store as store_module

    real = store_module.migrate
    calls: list[int] = []

    def racing(conn: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            real(conn)  # as if the other process had just created everything
            raise OperationalError(
                "CREATE TABLE schema_version", {}, Exception("table schema_version already exists")
            )
        real(conn)

    monkeypatch.setattr(store_module, "migrate", racing)
    opened = store_module.open_store(f"sqlite:///{tmp_path / 'new.db'}")
    assert len(calls) == 2 and opened.count("articles") == 0

    def broken(conn: Any) -> None:
        raise OperationalError("PRAGMA", {}, Exception("unable to open database file"))

    monkeypatch.setattr(store_module, "migrate", broken)
    with pytest.raises(OperationalError):
        store_module.open_store(f"sqlite:///{tmp_path / 'other.db'}")
