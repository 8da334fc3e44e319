"""Ingest of JSONL and CSV files: one item per line or row, broken ones reported, streamed.

The records below are written for these tests; the PolNeAR file comes from ``../shared/data``.
"""

from __future__ import annotations

import csv
import json
import tracemalloc
from pathlib import Path

import pytest

from dealgraph.exc import ItemError
from dealgraph.ingest import iter_items
from dealgraph.model import RawItem
from tests.conftest import EXAMPLES, SHARED, need

POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"


def items(path: Path, max_bytes: int = 10 * 1024 * 1024) -> list[RawItem | ItemError]:
    return list(iter_items([str(path)], max_bytes=max_bytes))


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_broken_line_is_an_error_and_the_rest_go_on(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "wire.jsonl",
        [
            json.dumps(
                {"id": "w1", "text": "Talks in Riyadh ended.", "title": "Riyadh", "published": "2025-02-18"}
            ),
            '{"id": "w2", "text": "Unterminated',
            "",
            json.dumps(
                {"id": "w3", "html": "<p>Embassies reopen.</p>", "outlet": "Wire", "url": "https://x.test/3"}
            ),
            json.dumps(["not", "an", "object"]),
            json.dumps({"id": "w5", "title": "No body"}),
            json.dumps({"id": 6, "text": "Numeric id.", "published": 2025}),
        ],
    )
    result = items(path)
    assert [(type(item).__name__, item.source) for item in result] == [
        ("RawItem", f"{path}#1"),
        ("ItemError", f"{path}#2"),
        ("RawItem", f"{path}#4"),
        ("ItemError", f"{path}#5"),
        ("ItemError", f"{path}#6"),
        ("RawItem", f"{path}#7"),
    ]
    first, broken, html, array, bodiless, numeric = result
    assert isinstance(first, RawItem)
    assert (first.doc_id, first.title, first.published, first.content_type) == (
        "w1",
        "Riyadh",
        "2025-02-18",
        "text",
    )
    assert isinstance(broken, ItemError) and "invalid JSON" in broken.reason
    assert isinstance(html, RawItem)
    assert (html.content_type, html.outlet, html.url) == ("html", "Wire", "https://x.test/3")
    assert isinstance(array, ItemError) and "not an object" in array.reason
    assert isinstance(bodiless, ItemError) and "no 'text' or 'html'" in bodiless.reason
    assert isinstance(numeric, RawItem) and (numeric.doc_id, numeric.published) == ("6", "2025")


def test_jsonl_row_over_the_cap_is_an_error(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "big.jsonl",
        [
            json.dumps({"text": "a" * 5000}),
            json.dumps({"text": "Short enough."}),
            json.dumps({"text": "ж" * 3000}),
        ],
    )
    result = items(path, max_bytes=4000)
    assert [type(item) for item in result] == [ItemError, RawItem, ItemError]
    first, _, cyrillic = result
    assert isinstance(first, ItemError) and "5000 bytes" in first.reason and "4000 bytes" in first.reason
    # 3000 Cyrillic letters are 6000 bytes of UTF-8 (and 18000 bytes of escaped JSON).
    assert isinstance(cyrillic, ItemError) and "6000 bytes" in cyrillic.reason


def test_empty_jsonl_is_an_error(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "none.jsonl", ["", "  "])
    result = items(path)
    assert len(result) == 1 and isinstance(result[0], ItemError) and "empty" in result[0].reason


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    """A 24 MB file is read with far less memory than its size."""
    path = tmp_path / "archive.jsonl"
    body = "Officials discussed sanctions relief and frozen assets at length. " * 30
    with path.open("w", encoding="utf-8") as handle:
        for number in range(12_000):
            handle.write(json.dumps({"id": f"n{number}", "text": f"{number}. {body}"}) + "\n")
    assert path.stat().st_size > 20 * 1024 * 1024
    tracemalloc.start()
    try:
        count = 0
        for item in iter_items([str(path)]):
            assert isinstance(item, RawItem)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 12_000
    assert peak < 2 * 1024 * 1024, peak


def test_example_wire_briefs_load() -> None:
    path = EXAMPLES / "wire-briefs.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = items(path)
    assert [item.doc_id for item in result if isinstance(item, RawItem)] == [
        record["id"] for record in records
    ]


def test_polnear_corpus_loads_whole() -> None:
    path = need(POLNEAR)
    result = items(path)
    errors = [item for item in result if isinstance(item, ItemError)]
    assert not errors, errors[:3]
    assert len(result) == 840
    first = json.loads(path.open(encoding="utf-8").readline())
    assert isinstance(result[0], RawItem)
    assert (result[0].doc_id, result[0].title, result[0].published) == (
        first["id"],
        first["title"],
        first["published"],
    )
    assert result[0].outlet == first["publisher"]  # the common synonym of "outlet"
    assert result[0].content == first["text"]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_csv_rows_become_items(tmp_path: Path) -> None:
    # Over the csv module's default 128 KB field limit.
    long_text = "Negotiators met again.\n\n" + "The frozen assets question remained open. " * 5000
    path = write_csv(
        tmp_path / "export.csv",
        [
            ["ID", "Title", "Text", "Published", "Publisher"],
            ["c1", "Riyadh talks", "Delegations met in Riyadh.\nA second paragraph.", "2025-02-18", "Wire"],
            ["c2", "Empty", "  ", "2025-02-19", "Wire"],
            ["c3", "Long", long_text, "2025-02-20", "Wire"],
            ["c4", "Short row"],
            [],
            ["c5", "Istanbul", "Embassy talks in Istanbul.", "", ""],
        ],
    )
    result = items(path)
    assert [(type(item).__name__, item.source.rsplit("#", 1)[1]) for item in result] == [
        ("RawItem", "2"),
        ("ItemError", "4"),  # c2; c1's text spans lines 2-3
        ("RawItem", "5"),
        ("ItemError", "8"),  # c3 spans lines 5-7
        ("RawItem", "10"),  # line 9 was blank
    ]
    c1, c2, c3, c4, c5 = result
    assert isinstance(c1, RawItem)
    assert (c1.doc_id, c1.title, c1.published, c1.outlet) == ("c1", "Riyadh talks", "2025-02-18", "Wire")
    assert c1.content == "Delegations met in Riyadh.\nA second paragraph."
    assert isinstance(c2, ItemError) and "empty" in c2.reason
    assert isinstance(c3, RawItem) and c3.content == long_text
    assert isinstance(c4, ItemError) and "2 fields" in c4.reason
    assert isinstance(c5, RawItem) and (c5.published, c5.outlet) == (None, None)


def test_csv_in_cp1251(tmp_path: Path) -> None:
    text = "Министр заявил, что переговоры о замороженных активах продолжатся на следующей неделе."
    path = write_csv(tmp_path / "ru.csv", [["id", "text"], ["r1", text]], encoding="cp1251")
    result = items(path)
    assert len(result) == 1 and isinstance(result[0], RawItem) and result[0].content == text


def test_csv_without_a_text_column_is_one_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "meta.csv", [["id", "title"], ["1", "A"], ["2", "B"]])
    result = items(path)
    assert len(result) == 1 and isinstance(result[0], ItemError)
    assert result[0].source == str(path) and "no 'text' or 'html' column" in result[0].reason


@pytest.mark.parametrize("content", [b"", b"text,title\r\n"])
def test_csv_with_no_rows_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "none.csv"
    path.write_bytes(content)
    result = items(path)
    assert len(result) == 1 and isinstance(result[0], ItemError) and "empty" in result[0].reason


def test_csv_with_semicolons_and_an_unclosed_quote(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        b'\xef\xbb\xbfid;text\r\n1;"Talks, in Riyadh; ended."\r\n2;"A quote left open\r\n3;not lost\r\n'
    )
    result = items(path)
    assert [type(item) for item in result] == [RawItem, ItemError, RawItem]
    good, broken, after = result
    assert isinstance(good, RawItem) and (good.doc_id, good.content) == ("1", "Talks, in Riyadh; ended.")
    assert isinstance(broken, ItemError) and broken.source == f"{path}#3" and "malformed CSV" in broken.reason
    assert isinstance(after, RawItem) and (after.doc_id, after.content) == ("3", "not lost")


def test_an_unclosed_quote_does_not_swallow_the_rest_of_the_file(tmp_path: Path) -> None:
    """Issue 13, defect 6: 1 good row, 1 with a quote left open, 1,000 good: 1,001 items and one error."""
    rows = ["id,title,text", '1,One,"Rosneft, Novatek and Chinese investors met in Beijing."']
    rows.append('2,Two,"Gazprom said exports rose')
    rows += [f'{n},Row {n},"Lukoil agreed to sell a stake, story {n}."' for n in range(3, 1003)]
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = items(path)
    errors = [item for item in result if isinstance(item, ItemError)]
    assert [e.source for e in errors] == [f"{path}#3"]
    assert [item.doc_id for item in result if isinstance(item, RawItem)] == [
        str(n) for n in range(1, 1003) if n != 2
    ]
    multi = path.with_name("multi.csv")  # a quoted field over several lines is still one good row
    multi.write_text('id,text\n1,"Line one\nline two, same story."\n2,next\n', encoding="utf-8")
    assert [(i.doc_id, i.content) for i in items(multi) if isinstance(i, RawItem)] == [
        ("1", "Line one\nline two, same story."),
        ("2", "next"),
    ]


def test_a_csv_row_over_the_line_limit_is_an_error_not_a_blank_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(b'id,text\n1,"Talks in Riyadh."\n2,"' + b"b" * 9000 + b'"\n3,"More talks."\n')
    result = items(path, max_bytes=1000)
    assert [type(i) for i in result] == [RawItem, ItemError, RawItem]
    assert isinstance(result[1], ItemError) and "too long" in result[1].reason


def test_one_stray_byte_does_not_make_a_utf8_file_legacy(tmp_path: Path) -> None:
    """Found by scripts/bench_bad_input.py: one cp1252 byte in a UTF-8 JSONL or CSV made the whole file
    read as cp1252, storing every other line garbled ("’" as "â€™"); the bad line is its own error."""
    good = "Dmitriev’s fund and Novatek’s partners met in Riyadh — “a good start”, they said."
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_bytes(
        f'{{"id": "a", "text": "{good}"}}\n'.encode()
        + b'{"id": "b", "text": "caf\xe9 talks"}\n'
        + f'{{"id": "c", "text": "{good}"}}\n'.encode()
    )
    csv_file = tmp_path / "rows.csv"
    csv_file.write_bytes(
        f'id,text\na,"{good}"\n'.encode() + b'b,"caf\xe9 talks"\n' + f'c,"{good}"\n'.encode()
    )
    for path in (jsonl, csv_file):
        result = items(path)
        assert [type(i) for i in result] == [RawItem, ItemError, RawItem], path
        assert all(i.content == good for i in result if isinstance(i, RawItem)), path
        assert isinstance(result[1], ItemError) and "utf-8" in result[1].reason


def test_reading_a_long_csv_field_leaves_the_process_wide_csv_limit_as_it_was(tmp_path: Path) -> None:
    from dealgraph.pipeline.bulk import iter_file

    before = csv.field_size_limit()
    long_text = "The frozen assets question remained open. " * 5000  # over csv's default 128 KB
    path = write_csv(tmp_path / "long.csv", [["id", "text"], ["1", long_text]])
    for read in (items(path), list(iter_file(path))):
        assert [i.content for i in read if isinstance(i, RawItem)] == [long_text]
        assert csv.field_size_limit() == before
