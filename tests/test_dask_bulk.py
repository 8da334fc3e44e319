"""Bulk input for backfills (``pipeline/bulk.py``) on real PolNeAR records: the same items as the ingest
stage's reader, in JSONL, gzip, CSV and Parquet alike; bad records reported in place; memory that does
not grow with the file."""

from __future__ import annotations

import csv
import gzip
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from dealgraph.exc import ItemError
from dealgraph.ingest import iter_items
from dealgraph.model import RawItem
from dealgraph.pipeline.bulk import iter_bulk

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared")).resolve()
POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    if not POLNEAR.exists():
        pytest.skip(f"shared data not found: {POLNEAR} (set DEALGRAPH_SHARED)")
    with POLNEAR.open(encoding="utf-8") as lines:
        return [json.loads(next(lines)) for _ in range(40)]


def _fields(item: RawItem | ItemError) -> tuple[object, ...]:
    assert isinstance(item, RawItem), item
    return (item.doc_id, item.content, item.content_type, item.title, item.url, item.published, item.outlet)


def test_jsonl_gives_the_ingest_stages_items(records: list[dict[str, str]], tmp_path: Path) -> None:
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    bulk = list(iter_bulk([path]))
    ingest = list(iter_items([str(path)]))
    assert len(bulk) == len(records) == len(ingest)
    assert [(b.source, *_fields(b)) for b in bulk] == [(i.source, *_fields(i)) for i in ingest]
    assert all(
        isinstance(b, RawItem) and b.outlet == r["publisher"] for b, r in zip(bulk, records, strict=True)
    )


def test_gzip_csv_and_parquet_give_the_same_items(records: list[dict[str, str]], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is needed for Parquet input")
    import pyarrow as pa

    plain = tmp_path / "a.jsonl"
    plain.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as sink:
        sink.writelines(json.dumps(r) + "\n" for r in records)
    with (tmp_path / "c.csv").open("w", encoding="utf-8", newline="") as sink:
        writer = csv.DictWriter(sink, fieldnames=["Id", "Title", "Published", "Publisher", "Text"])
        writer.writeheader()
        writer.writerows(
            {k.capitalize(): r[k] for k in ("id", "title", "published", "publisher", "text")} for r in records
        )
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "d.parquet", row_group_size=7)
    expected = [_fields(i) for i in iter_bulk([plain])]
    for name in ("b.jsonl.gz", "c.csv", "d.parquet"):
        items = list(iter_bulk([tmp_path / name]))
        assert [_fields(i) for i in items] == expected, name
    # a directory: every file, in sorted order, recursively
    assert len(list(iter_bulk([tmp_path]))) == 4 * len(records)


def test_bad_records_are_reported_in_place(records: list[dict[str, str]], tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps(records[0]),
        "{broken",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
    ]
    lines += [json.dumps({"text": "   "}), "", json.dumps(records[1])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not bulk input", encoding="utf-8")
    items = list(iter_bulk([tmp_path, tmp_path / "missing.jsonl"]))
    assert [type(i).__name__ for i in items] == [
        "RawItem",
        *["ItemError"] * 4,
        "RawItem",
        "ItemError",
        "ItemError",
    ]
    errors = [i for i in items if isinstance(i, ItemError)]
    assert [e.source for e in errors] == [
        *(f"{path}#{n}" for n in (2, 3, 4, 5)),
        str(tmp_path / "notes.txt"),
        str(tmp_path / "missing.jsonl"),
    ]
    assert "invalid JSON" in errors[0].reason and "no 'text' or 'html'" in errors[2].reason
    assert errors[3].reason == "empty"


def test_memory_does_not_grow_with_the_file(records: list[dict[str, str]], tmp_path: Path) -> None:
    """Reading a ~20 MB file keeps well under 2 MB of Python allocations at any time."""
    path = tmp_path / "big.jsonl"
    block = "".join(json.dumps(r) + "\n" for r in records)
    with path.open("w", encoding="utf-8") as sink:
        while sink.tell() < 20 * 1024 * 1024:
            sink.write(block)
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_bulk([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count > 2000
    assert peak < 2 * 1024 * 1024, (
        f"peak {peak / 1e6:.1f} MB while streaming a {path.stat().st_size / 1e6:.0f} MB file"
    )


def test_an_unclosed_quote_in_a_gzip_csv_costs_only_its_row(tmp_path: Path) -> None:
    """Issue 13, defect 6, on the backfill path: 1 good row, 1 with a quote left open, 1,000 good, in a
    gzip stream that cannot seek: 1,001 items and one error."""
    rows = ["id,title,text", '1,One,"Rosneft, Novatek and Chinese investors met in Beijing."']
    rows.append('2,Two,"Gazprom said exports rose')
    rows += [f'{n},Row {n},"Lukoil agreed to sell a stake, story {n}."' for n in range(3, 1003)]
    path = tmp_path / "rows.csv.gz"
    path.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8")))
    items = list(iter_bulk([path]))
    assert [e.source for e in items if isinstance(e, ItemError)] == [f"{path}#3"]
    stored = [i.doc_id for i in items if isinstance(i, RawItem)]
    assert stored == [str(n) for n in range(1, 1003) if n != 2]


def test_a_parquet_date_column_is_given_in_iso_form() -> None:
    from datetime import date, datetime

    from dealgraph.pipeline.bulk import to_item

    for value, expected in (
        (date(2025, 2, 27), "2025-02-27"),
        (datetime(2025, 2, 27, 9, 30), "2025-02-27T09:30:00"),
    ):
        item = to_item({"text": "Talks in Riyadh.", "published": value}, "x.parquet#1")
        assert isinstance(item, RawItem) and item.published == expected
