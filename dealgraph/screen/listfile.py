"""Helpers every list reader shares: reading the file, failing with a clear message, parsing dates.

A reader parses the whole file into ``ListEntry`` values before anything is written, so a malformed file
raises ``InputError`` and leaves the loaded lists as they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from dealgraph.exc import InputError
from dealgraph.screen.records import ListEntry

MAX_LIST_BYTES = 500 * 1024 * 1024  # the largest list file we read (the full OFAC XML is ~100 MB)


def input_error(path: Path | str, reason: str) -> InputError:
    return InputError(f"{path}: {reason}")


def read_bytes(path: Path | str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise input_error(path, "no such file")
    if file.stat().st_size > MAX_LIST_BYTES:
        raise input_error(path, f"larger than {MAX_LIST_BYTES} bytes; not a list file?")
    data = file.read_bytes()
    if not data.strip():
        raise input_error(path, "the file is empty")
    return data


def read_text(path: Path | str) -> str:
    data = read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        raise input_error(path, "this is a zip archive (a spreadsheet?), not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older OFAC and UK exports are Windows-1252.
        return data.decode("cp1252", errors="replace")


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}


def parse_date(text: str | None) -> date | None:
    """A full date in the forms lists print: ISO, ``17.3.2014``, ``29-06-2012``, ``12 Apr 1975``."""
    if not text:
        return None
    text = text.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})", text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", text):
            month = _MONTHS.get(m[2].lower())
            return date(int(m[3]), month, int(m[1])) if month else None
    except ValueError:
        return None
    return None


def clean(value: str | None, null: Iterable[str] = ("", "-0-")) -> str | None:
    """A cell's text with whitespace collapsed, or None for an empty or null marker."""
    if value is None:
        return None
    text = " ".join(value.split())
    return None if text in null else text


def check_unique(path: Path | str, entries: list[ListEntry]) -> list[ListEntry]:
    """Fail on an empty list or on two entries with one id in one dataset: either means we misread the
    file."""
    if not entries:
        raise input_error(path, "no list entries found")
    seen: set[str] = set()
    for entry in entries:
        if entry.key in seen:
            raise input_error(path, f"entry id {entry.entry_id!r} appears twice")
        seen.add(entry.key)
    return entries
