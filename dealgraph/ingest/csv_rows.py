"""CSV rows read so that one bad row costs only itself; the ingest stage's ``CsvSource`` and the
backfill reader (``pipeline/bulk.py``) both read their rows here.

A quote left open makes ``csv.reader`` take every following line into one field, so that one bad row
would swallow the rest of the file. Here such a row is reported for its first line and the lines after
it are read again. They are kept in a buffer while the row is read (a gzip stream cannot seek), and a
row is given up at ``limit`` characters, so the buffer stays bounded.

Python's ``csv`` module holds one field size limit for the whole process (128 KB by default, far below a
long article). It is raised to ``limit`` only while a row is parsed and put back at once
(``field_size_limit``), so no other reader of CSV in the process sees it changed.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# csv's limit is one value for the process: readers in two threads take turns at raising it, so that
# neither puts back a value while the other is parsing under it.
_LIMIT_LOCK = threading.Lock()


@contextmanager
def field_size_limit(limit: int) -> Iterator[None]:
    """csv's field size limit at least ``limit`` inside the block, and as it was after it."""
    with _LIMIT_LOCK:
        before = csv.field_size_limit()
        if before < limit:
            csv.field_size_limit(limit)
        try:
            yield
        finally:
            csv.field_size_limit(before)


@dataclass(frozen=True)
class CsvRow:
    """One row: its first and last line numbers, its cells (None when unreadable), and what is wrong
    with it ("" when nothing)."""

    start: int
    end: int
    cells: list[str] | None
    problem: str = ""

    @property
    def blank(self) -> bool:
        return self.cells is not None and not any(cell.strip() for cell in self.cells)


def csv_rows(
    lines: Iterable[str], width: int, limit: int, *, first: int = 1, **fmtparams: Any
) -> Iterator[CsvRow]:
    """The rows of ``lines`` (the first numbered ``first``), read by ``csv.reader`` with ``fmtparams``.

    A row is bad when it does not parse, is over ``limit`` characters, or has cells that are not blank
    and are not ``width`` of them. A bad row that spans several lines (a quote left open?) is given for
    its first line and the lines after it are read again: the rows it swallowed are read, not lost.
    """
    replay = _Replay(iter(lines), limit, first - 1)
    reader = csv.reader(replay, **fmtparams)
    while True:
        start = replay.number + 1
        replay.start_row()
        row: CsvRow
        try:
            with field_size_limit(limit):
                cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, _RowTooLong) as error:
            row = CsvRow(start, replay.number, None, f"malformed CSV: {error}")
        else:
            row = CsvRow(start, replay.number, cells)
            if len(cells) != width and not row.blank:
                row = CsvRow(start, replay.number, cells, f"{len(cells)} fields where the header has {width}")
        if row.problem:
            if len(replay.kept) > 1:
                again = f" (a quote left open? the lines after {start} are read again)"
                row = CsvRow(row.start, row.end, row.cells, row.problem + again)
                replay.again(start)
            reader = csv.reader(replay, **fmtparams)  # a fresh reader: the old one may hold half a field
        yield row


class _RowTooLong(Exception):
    pass


class _Replay:
    """Lines for ``csv.reader``, numbered, keeping those of the row being read (``kept``) so that the
    ones after its first can be read again (``again``)."""

    def __init__(self, lines: Iterator[str], limit: int, number: int) -> None:
        self.lines, self.limit = lines, limit
        self.number = number  # the last line handed out
        self.kept: list[str] = []
        self.size = 0  # characters in ``kept``
        self.pending: list[str] = []  # lines to read again, the next one last

    def start_row(self) -> None:
        self.kept, self.size = [], 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.pending.pop() if self.pending else next(self.lines)
        self.number += 1
        self.kept.append(line)
        self.size += len(line)
        if self.size > self.limit:
            raise _RowTooLong(f"a row over {self.limit} characters")
        return line

    def again(self, start: int) -> None:
        """Read again the lines kept after the first of the row that began at line ``start``."""
        self.pending.extend(reversed(self.kept[1:]))
        self.number = start
