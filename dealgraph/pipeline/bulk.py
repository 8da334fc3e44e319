"""Bulk input for backfills: JSONL, CSV and Parquet files, and directories of them, streamed as ``RawItem``s.

A backfill archive is many large files, often compressed, often Parquet. This reads them record by
record: JSONL and CSV line by line (plain or gzip), Parquet one batch of rows at a time through pyarrow,
so memory does not grow with the size of a file or of the input. (The ingest stage streams plain JSONL
and CSV too, but not Parquet or gzip.) It shares the ingest stage's JSON-line parser (``json_line``),
its CSV row reader (``csv_rows``) and its record-to-item mapping (``record_item``).

Each record maps to one ``RawItem`` with the same fields, synonyms and source names (``file#LINE``) as
the ingest stage's JSONL/CSV reader, so a backfill stores what ``dealgraph ingest`` of the same file
would: ``text`` (or ``html``, read as HTML), and optionally ``id``, ``title`` (or ``headline``), ``url``
(or ``link``), ``published`` (or ``date``) and ``outlet`` (or ``publisher``); CSV header names are
case-insensitive. A record that cannot be used (broken JSON, no text, a text that is not a string, a
field of ``NaN``, over the size cap) is yielded as an ``ItemError`` naming the file and line or row, and
the stream goes on. Directories are walked recursively in sorted order, so a re-run sees the same items
in the same order.
"""

from __future__ import annotations

import csv
import gzip
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from dealgraph.exc import ItemError
from dealgraph.ingest.csv_rows import csv_rows, field_size_limit
from dealgraph.ingest.tabular import FIELDS, LINE_FACTOR, json_line, record_item
from dealgraph.model import RawItem

log = logging.getLogger(__name__)

Item = RawItem | ItemError
SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet", ".jsonl.gz", ".ndjson.gz", ".csv.gz")
PARQUET_BATCH = 256
DEFAULT_MAX_RECORD = 10 * 1024 * 1024
NOT_BULK = "not a bulk input file (jsonl, ndjson, csv, parquet, or .gz of jsonl, ndjson, csv)"


def bulk_suffix(path: Path) -> str | None:
    """The bulk format suffix of a path (``.csv.gz`` counts as ``.csv.gz``), or None."""
    name = path.name.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), None)


def iter_files(targets: Iterable[str | Path]) -> Iterator[Path | ItemError]:
    """Every bulk file under the targets, directories walked recursively in sorted order."""
    for target in targets:
        path = Path(target)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if bulk_suffix(child) is None:
                    yield ItemError(str(child), NOT_BULK)
                else:
                    yield child
        elif path.is_file():
            if bulk_suffix(path) is None:
                yield ItemError(str(path), NOT_BULK)
            else:
                yield path
        else:
            yield ItemError(str(path), "no such file or directory")


def iter_bulk(targets: Iterable[str | Path], *, max_record_bytes: int = DEFAULT_MAX_RECORD) -> Iterator[Item]:
    """Stream the records of every bulk file under ``targets`` as raw items or per-record errors."""
    for found in iter_files(targets):
        if isinstance(found, ItemError):
            yield found
            continue
        yield from iter_file(found, max_record_bytes=max_record_bytes)


def iter_file(path: Path, *, max_record_bytes: int = DEFAULT_MAX_RECORD) -> Iterator[Item]:
    suffix = bulk_suffix(path) or ""
    try:
        if suffix == ".parquet":
            yield from _parquet(path, max_record_bytes)
        elif suffix.startswith(".csv"):
            with _open_text(path) as stream:
                yield from _csv(stream, str(path), max_record_bytes)
        else:
            with _open_text(path) as stream:
                yield from _jsonl(stream, str(path), max_record_bytes)
    except (OSError, UnicodeDecodeError, csv.Error, EOFError) as error:
        # the rest of this file is unreadable (truncated gzip, bad encoding mid-file): say where it stopped
        yield ItemError(str(path), f"unreadable from here on: {error}")


def _open_text(path: Path) -> IO[str]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open("r", encoding="utf-8-sig", newline="")


def _jsonl(stream: IO[str], name: str, cap: int) -> Iterator[Item]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        source = f"{name}#{number}"
        if len(line) > cap * LINE_FACTOR:
            yield ItemError(source, f"line is {len(line)} characters, over {cap * LINE_FACTOR}; skipped")
            continue
        try:
            record = json_line(line, source)
        except ItemError as error:
            yield error
            continue
        if not isinstance(record, dict):
            yield ItemError(source, f"a JSON object was expected, not {type(record).__name__}")
            continue
        yield to_item(record, source, cap)


def _csv(stream: IO[str], name: str, cap: int) -> Iterator[Item]:
    """Rows as items, read by ``csv_rows`` as the ingest stage's ``CsvSource`` reads them: a bad row
    that spans several lines (a quote left open takes the following lines into one field) is reported
    for its first line and the lines after it are read again; a row is given up at ``cap * LINE_FACTOR``
    characters, so the lines kept for reading again stay bounded on a stream that cannot seek (gzip)."""
    limit = min(cap * LINE_FACTOR, sys.maxsize)
    lines = iter(stream)
    reader = csv.reader(lines)
    with field_size_limit(limit):
        header = [h.strip().lower() for h in next(reader, [])]
    for row in csv_rows(lines, len(header), limit, first=reader.line_num + 1):
        source = f"{name}#{row.start}"
        if row.problem:
            yield ItemError(source, row.problem)
        elif row.cells is not None and not row.blank:
            yield to_item(dict(zip(header, row.cells, strict=True)), source, cap)


def _parquet(path: Path, cap: int) -> Iterator[Item]:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]  # pyarrow ships no type information
    except ImportError:
        yield ItemError(str(path), "reading Parquet needs pyarrow (pip install pyarrow)")
        return
    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises its own ArrowInvalid for a broken file, and OSError
        yield ItemError(str(path), f"not a readable Parquet file: {error}")
        return
    wanted = {name for names in FIELDS.values() for name in names}
    columns = [c for c in parquet.schema_arrow.names if c in wanted]
    number = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
        for row in batch.to_pylist():
            number += 1
            source = f"{path}#{number}"
            size = sum(len(v) for v in row.values() if isinstance(v, str))
            if size > cap * LINE_FACTOR:
                yield ItemError(source, f"record is {size} characters, over {cap * LINE_FACTOR}; skipped")
                continue
            yield to_item(row, source, cap)


def to_item(record: Mapping[str, Any], source: str, cap: int = DEFAULT_MAX_RECORD) -> Item:
    """One record as a raw item, as the ingest stage maps it (``record_item``), or its ``ItemError``."""
    try:
        return record_item(record, source, cap)
    except ItemError as error:
        return error
