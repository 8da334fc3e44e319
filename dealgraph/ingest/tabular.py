"""JSONL and CSV files: one article per line or row, streamed.

Neither file is read whole: lines are read one at a time with a length limit, so memory stays flat
however large the file. The size cap applies to each item's text. A broken line or row is an
``ItemError`` for ``file#LINE`` and the rest of the file goes on.

Fields (JSON keys or CSV header names, case-insensitive for CSV): ``text`` or ``html`` (the content;
``text`` wins when both are present), ``title``, ``url``, ``published``, ``outlet``, ``id`` (kept as the
article id). A few common synonyms are accepted (``publisher`` for ``outlet``, ``date`` for
``published``, ``link`` for ``url``), so exports of other tools load without renaming.

The file's encoding is found once, from its first ``_SNIFF_BYTES`` (UTF-8 unless that sample is not);
a line that does not decode in it is an error for that line. CSV is read strictly, row by row in
``csv_rows.py``: a quote left open is an error for its row, not a field that swallows the rest of the
file (reading starts again on the row's second line). The delimiter is the one that makes the header
name a content column.
"""

from __future__ import annotations

import codecs
import csv
import json
import logging
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from dealgraph.exc import ItemError
from dealgraph.ingest.base import Item, PathSource, cannot_read, too_large
from dealgraph.ingest.csv_rows import csv_rows, field_size_limit
from dealgraph.ingest.decode import detect_encoding
from dealgraph.model import RawItem

log = logging.getLogger(__name__)

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text",),
    "html": ("html",),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date"),
    "outlet": ("outlet", "publisher"),
    "id": ("id",),
}
# A line may be longer than the text it carries (JSON escapes a non-ASCII character as 6 bytes,
# ``\u0436``), so lines are cut off at this multiple of the cap, and the cap checked on the text.
LINE_FACTOR = 8
_SNIFF_BYTES = 64 * 1024
# Spreadsheets in many locales export with ";" (where "," is the decimal mark); tabs are common too.
DELIMITERS = (",", ";", "\t", "|")


def _lines(handle: BinaryIO, limit: int, number: int = 0) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line after line ``number``, without a UTF-8 byte-order mark; None
    for a line over ``limit``."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _encoding(handle: BinaryIO) -> str:
    """The encoding of a line-based file, from its start; the handle is rewound."""
    sample = handle.read(_SNIFF_BYTES)
    handle.seek(0)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 4 and not _mostly_utf8(sample):
            return detect_encoding(sample) or "utf-8"
    return "utf-8"


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 with a stray byte or two: more well-formed multi-byte characters than malformed sequences.
    One bad line must not make the whole file read as a legacy code page (every ’ and é garbled); it is
    an error for that line. Legacy text has almost no well-formed multi-byte sequences."""
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd") > bad


def record_item(record: Mapping[str, object], source: str, max_bytes: int) -> RawItem:
    """A ``RawItem`` from one record's fields, or ``ItemError`` (no content, empty, over the cap)."""
    values = {field: _field(record, names, source) for field, names in FIELDS.items()}
    text, html = values.pop("text"), values.pop("html")
    if text is None and html is None:
        raise ItemError(source, "no 'text' or 'html' field")
    content = text if text and text.strip() else html
    if content is None or not content.strip():
        raise ItemError(source, "empty")
    size = len(content.encode("utf-8", "surrogatepass"))  # a lone surrogate is refused in clean
    if size > max_bytes:
        raise too_large(source, size, max_bytes, what="text")
    meta = {field: value.strip() or None if value else None for field, value in values.items()}
    return RawItem(
        source=source,
        content=content,
        content_type="text" if content is text else "html",
        doc_id=meta["id"],
        title=meta["title"],
        url=meta["url"],
        published=meta["published"],
        outlet=meta["outlet"],
    )


def _field(record: Mapping[str, object], names: tuple[str, ...], source: str) -> str | None:
    """The first of ``names`` the record has, as a string; finite numbers are accepted for metadata (an
    id, a year), never as the content: ``NaN`` or ``1.5e308`` is not an article. A date or timestamp (a
    Parquet column's, in a backfill) is given in ISO form."""
    for name in names:
        value = record.get(name)
        if value is None or value == "":
            continue
        content = name in ("text", "html")
        if isinstance(value, date) and not content:
            return value.isoformat()
        if (
            isinstance(value, bool)
            or not isinstance(value, str | int | float)
            or (content and not isinstance(value, str))
        ):
            raise ItemError(source, f"field {name!r} is a {type(value).__name__}, not a string")
        if isinstance(value, float) and not math.isfinite(value):
            raise ItemError(source, f"field {name!r} is {value}, not a value")
        return str(value)
    return None


def json_line(text: str, source: str) -> object:
    """One line parsed as JSON, or ``ItemError``: besides syntax errors, ``json.loads`` raises
    ``RecursionError`` on deep nesting and ``ValueError`` on an integer of over 4,300 digits."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ItemError(source, f"invalid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise ItemError(source, "invalid JSON: nested too deeply") from None
    except ValueError as error:  # int(...) past sys.get_int_max_str_digits()
        raise ItemError(source, f"invalid JSON: {error}") from None


@dataclass(frozen=True)
class _FileOfRecords(PathSource):
    """A file of records, read from one open handle (``read_from``); a file that will not open, one error."""

    def items(self) -> Iterator[Item]:
        try:
            handle = self.path.open("rb")
        except OSError as error:
            yield cannot_read(self.name, error)
            return
        with handle:
            yield from self.read_from(handle)

    def read_from(self, handle: BinaryIO) -> Iterator[Item]:
        raise NotImplementedError


@dataclass(frozen=True)
class JsonlSource(_FileOfRecords):
    """A JSON Lines file: one JSON object per line; blank lines are skipped."""

    def read_from(self, handle: BinaryIO) -> Iterator[Item]:
        """The items of JSON lines read from ``handle`` (seekable), named after this source."""
        found = False
        encoding = _encoding(handle)
        for number, line in _lines(handle, self.max_bytes * LINE_FACTOR):
            source = f"{self.name}#{number}"
            try:
                item = self._item(line, source, encoding)
            except ItemError as error:
                found = True
                yield error
                continue
            if item is not None:
                found = True
                yield item
        if not found:
            yield ItemError(self.name, "empty (no JSON lines)")

    def _item(self, line: bytes | None, source: str, encoding: str) -> RawItem | None:
        if line is None:
            raise ItemError(source, f"line is over {self.max_bytes * LINE_FACTOR} bytes; skipped")
        try:
            text = line.decode(encoding)
        except UnicodeDecodeError as error:
            raise ItemError(source, f"not valid {encoding} at byte {error.start}") from None
        if not text.strip():
            return None
        record = json_line(text, source)
        if not isinstance(record, dict):
            raise ItemError(source, f"a JSON {type(record).__name__}, not an object")
        return record_item(record, source, self.max_bytes)


@dataclass(frozen=True)
class CsvSource(_FileOfRecords):
    """A CSV file with a header row naming the fields; quoted fields may span lines."""

    def read_from(self, handle: BinaryIO) -> Iterator[Item]:
        limit = self.max_bytes * LINE_FACTOR
        encoding = _encoding(handle)
        bad: set[int] = set()
        lines = _decoded(handle, encoding, limit, bad)
        first = next(lines, None)
        if first is None or not first.strip():
            yield ItemError(self.name, "empty")
            return
        header, delimiter = _header(first, limit)
        if not {"text", "html"} & set(header):
            yield ItemError(self.name, f"no 'text' or 'html' column in the header ({first.strip()})")
            return
        found = False
        for row in csv_rows(lines, len(header), limit, first=2, delimiter=delimiter, strict=True):
            source = f"{self.name}#{row.start}"
            if row.problem:
                yield ItemError(source, row.problem)
            elif bad.intersection(range(row.start, row.end + 1)):  # an over-long line reads as blank
                yield ItemError(source, f"row has a line that is not valid {encoding} or too long")
            elif row.cells is None or row.blank:
                continue
            else:
                try:
                    yield record_item(dict(zip(header, row.cells, strict=True)), source, self.max_bytes)
                except ItemError as error:
                    yield error
            found = True
        if not found:
            yield ItemError(self.name, "empty (a header and no rows)")


def _header(line: str, limit: int) -> tuple[list[str], str]:
    """The column names and the delimiter: the first of ``DELIMITERS`` that yields a content column."""
    for delimiter in DELIMITERS:
        try:
            with field_size_limit(limit):
                names = [name.strip().lower() for name in next(csv.reader([line], delimiter=delimiter))]
        except csv.Error:
            continue
        if {"text", "html"} & set(names):
            return names, delimiter
    return [], ","


def _decoded(handle: BinaryIO, encoding: str, limit: int, bad: set[int]) -> Iterator[str]:
    """The lines of a binary file as text; the numbers of those that do not decode or are over ``limit``
    are added to ``bad`` (an over-long one is given as an empty line)."""
    for number, line in _lines(handle, limit):
        if line is None:
            bad.add(number)
            yield "\n"
            continue
        try:
            yield line.decode(encoding)
        except UnicodeDecodeError:
            bad.add(number)
            yield line.decode(encoding, errors="replace")
