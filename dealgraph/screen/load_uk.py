"""Read the UK sanctions list as an OpenDocument spreadsheet (``.ods``), as published by the FCDO.

The first sheet has a header row; we need ``Unique ID``, ``Name``, ``Type`` (Individual, Entity, Ship)
and use ``Regime Name``, ``Date Designated`` (``29-06-2012``) and ``Sanctions Imposed`` when present.
Rows sharing a ``Unique ID`` are names of one party. Names of individuals are surname first. A name
with an acronym in brackets (``HAQQANI NETWORK (HQN)``) gives the acronym as an alias.

We read ``content.xml`` out of the zip with the standard library's streaming XML parser rather than
with odfpy: odfpy needs about 1.9 s just to build its DOM of the 7 MB sheet (and its
``doc.spreadsheet`` accessor failed on this file in our trial), while ``iterparse`` reads the rows in
about 0.2 s, one at a time, with no dependency beyond the standard library (lxml would do the same).
Repeated cells (``number-columns-repeated``) and ``<text:s/>`` spaces are expanded. The expat parser
behind it refuses entity-expansion bombs.
"""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

from dealgraph.screen.listfile import check_unique, clean, input_error, parse_date, read_bytes
from dealgraph.screen.names import split_aliases
from dealgraph.screen.records import ListEntry

log = logging.getLogger(__name__)

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_SPREADSHEET_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_MAX_REPEAT = 256  # trailing empty cells are "repeated" 16,000 times; we never need that many
REQUIRED = ("Unique ID", "Name", "Type")
_TYPES = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}


def _node_text(node: ET.Element, parts: list[str]) -> None:
    if node.tag == f"{_TEXT}s":
        parts.append(" " * int(node.get(f"{_TEXT}c", "1")))
    elif node.tag in (f"{_TEXT}tab", f"{_TEXT}line-break"):
        parts.append(" ")
    if node.text:
        parts.append(node.text)
    for child in node:
        _node_text(child, parts)
        if child.tail:
            parts.append(child.tail)


def _cell_text(cell: ET.Element) -> str:
    """The text of a cell: its paragraphs joined by newlines, ``<text:s c="n"/>`` as n spaces."""
    paragraphs: list[str] = []
    for para in cell.iter(f"{_TEXT}p"):
        parts: list[str] = []
        _node_text(para, parts)
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def iter_rows(path: Path | str) -> Iterator[list[str]]:
    """The rows of the first sheet of an ODS file, as lists of cell texts."""
    data = read_bytes(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise input_error(path, "not an OpenDocument spreadsheet (not a zip archive)") from err
    with archive:
        names = set(archive.namelist())
        mime = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
        if mime != _SPREADSHEET_MIME or "content.xml" not in names:
            raise input_error(path, f"not an OpenDocument spreadsheet (mimetype {mime or 'missing'!r})")
        content = archive.read("content.xml")
    tables = 0
    try:
        for _event, node in ET.iterparse(io.BytesIO(content), events=("end",)):
            if node.tag == f"{_TABLE}table-row" and tables == 0:
                row: list[str] = []
                for cell in node:
                    if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                        continue
                    repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                    row.extend([_cell_text(cell)] * min(repeat, _MAX_REPEAT))
                node.clear()
                yield row
            elif node.tag == f"{_TABLE}table":
                tables += 1
                node.clear()
    except ET.ParseError as err:
        raise input_error(path, f"content.xml is not well-formed XML ({err})") from err
    if tables == 0:
        raise input_error(path, "the document has no sheet")


def load_uk_ods(path: Path | str, dataset: str = "gb_hmt") -> list[ListEntry]:
    """Every party of a UK list ODS. Raises ``InputError`` for a file that is not such a spreadsheet."""
    rows = iter_rows(path)
    header = [" ".join(cell.split()) for cell in next(rows, [])]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise input_error(path, f"not a UK sanctions list sheet: missing columns {', '.join(missing)}")
    col = {name: header.index(name) for name in header if name}
    grouped: dict[str, list[dict[str, str]]] = {}
    for line, row in enumerate(rows, start=2):
        cells = {name: row[i] if i < len(row) else "" for name, i in col.items()}
        uid = clean(cells["Unique ID"])
        if uid is None:
            if any(clean(value) for value in cells.values()):
                raise input_error(path, f"row {line}: a row without a Unique ID")
            continue
        grouped.setdefault(uid, []).append(cells)
    entries: list[ListEntry] = []
    for uid, group in grouped.items():
        entry = _entry(uid, group, dataset, path)
        if entry is None:
            log.warning("%s: entry %s has no name; skipped", path, uid)
        else:
            entries.append(entry)
    log.info("read %d UK entries from %s", len(entries), path)
    return check_unique(path, entries)


def _entry(uid: str, rows: list[dict[str, str]], dataset: str, path: Path | str) -> ListEntry | None:
    names: list[str] = []
    for cells in rows:
        names.extend(split_aliases(cells["Name"], r"\n"))
    names = list(dict.fromkeys(names))
    if not names:
        return None  # the published sheet has such rows (BEL0174 on 2025-08-11)
    first = rows[0]
    kind = (clean(first["Type"]) or "").lower()
    if kind not in _TYPES:
        raise input_error(path, f"entry {uid}: unknown type {first['Type']!r}")
    regimes = [clean(c.get("Regime Name")) for c in rows]
    measures = clean(first.get("Sanctions Imposed"))
    designated = [d for d in (parse_date(c.get("Date Designated")) for c in rows) if d is not None]
    return ListEntry(
        dataset=dataset,
        entry_id=uid,
        schema=_TYPES[kind],
        name=names[0],
        aliases=tuple(names[1:]),
        programs=tuple(dict.fromkeys(r for r in regimes if r)),
        listed_on=min(designated, default=None),
        remarks=measures,
    )
