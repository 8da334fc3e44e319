"""The ingest summary counts what it records (issue 13, defect 9): of an original, a near-duplicate and
an exact copy of that near-duplicate in one batch, the copy is 'already stored' (its content is the
recorded duplicate's), not a second near-duplicate that no table holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import SHARED, need

POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"


def test_an_exact_copy_of_a_near_duplicate_is_counted_once(tmp_path: Path, extractor: Any) -> None:
    from dealgraph.pipeline.run import ingest
    from dealgraph.store.store import open_store

    row = json.loads(need(POLNEAR).read_text(encoding="utf-8").splitlines()[0])
    text = row["title"] + "\n\n" + row["text"]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text + "\n\nReporting by a wire service.", encoding="utf-8")
    (folder / "c.txt").write_text(text + "\n\nReporting by a wire service.", encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([str(folder)], store, extractor=extractor, screen=False)
    assert (report.stored, report.duplicates, report.unchanged) == (["a"], [("b", "a")], ["c"])
    assert store.count("duplicates") == len(report.duplicates)
    assert report.summary().startswith("1 stored, 1 already stored, 1 near-duplicates linked")
