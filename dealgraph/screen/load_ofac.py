"""Read the OFAC SDN list in its legacy CSV form (``sdn.csv``).

The file has no header; each row has twelve columns: ent_num, SDN_Name, SDN_Type, Program, Title,
Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks. ``-0-`` marks an empty cell and the
file ends with a DOS end-of-file byte (0x1A). ``SDN_Type`` is ``individual``, ``vessel``, ``aircraft``
or empty for organisations. Several programs are joined as ``"A] [B"``. Names of individuals are
``"LAST, First"``. The remarks carry, separated by ``;``: ``a.k.a. 'X'`` (also ``f.k.a.``/``n.k.a.``),
``Linked To: NAME``, ``DOB 12 Apr 1975``, ``nationality Russia``. OFAC truncates long remarks in this
file, so aliases at the end of a long remark are lost; the list gives no designation date.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from pathlib import Path

from dealgraph.screen.listfile import check_unique, clean, input_error, read_text
from dealgraph.screen.records import ListEntry

log = logging.getLogger(__name__)

COLUMNS = 12
_TYPES = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
_ALIAS = re.compile(r"^(?:alt\.\s+)?[afn]\.k\.a\.?,?\s*(.+)$", re.IGNORECASE)
_LINKED = re.compile(r"^Linked To:\s*(.+)$", re.IGNORECASE)
_DOB = re.compile(r"^(?:alt\.\s+)?DOB\s+(.+)$")
_COUNTRY = re.compile(r"^(?:alt\.\s+)?(?:nationality|citizen)\s+(.+)$")


def _items(remarks: str) -> list[str]:
    """The ``;``-separated items of a remark, the final period removed from the last one."""
    items = [item.strip() for item in remarks.split(";")]
    if items and items[-1].endswith(".") and not re.search(r"\b[A-Z]\.[A-Z]\.$", items[-1]):
        items[-1] = items[-1][:-1]
    return [item for item in items if item]


def _unquote(text: str) -> str:
    text = text.strip().rstrip(".")
    while len(text) >= 2 and text[0] == "'" and text[-1] == "'":
        text = text[1:-1].strip()
    return text.strip("'").strip()


def parse_remarks(remarks: str | None) -> dict[str, list[str]]:
    """Aliases, linked parties, birth dates and countries named in an SDN remark."""
    found: dict[str, list[str]] = {"aliases": [], "linked_to": [], "birth_dates": [], "countries": []}
    if not remarks:
        return found
    for item in _items(remarks):
        if m := _ALIAS.match(item):
            alias = _unquote(m[1])
            if alias:
                found["aliases"].append(alias)
        elif m := _LINKED.match(item):
            found["linked_to"].append(m[1].strip())
        elif m := _DOB.match(item):
            found["birth_dates"].append(m[1].strip())
        elif m := _COUNTRY.match(item):
            found["countries"].append(m[1].strip())
    return found


def parse_row(row: list[str], line: int, path: Path | str, dataset: str) -> ListEntry:
    if len(row) != COLUMNS:
        hint = " (truncated file?)" if len(row) < COLUMNS else ""
        raise input_error(path, f"line {line}: {len(row)} columns, an SDN row has {COLUMNS}{hint}")
    ent_num = row[0].strip()
    if not ent_num.isdigit():
        raise input_error(path, f"line {line}: first column {ent_num[:40]!r} is not an SDN entry number")
    name = clean(row[1])
    if name is None:
        raise input_error(path, f"line {line}: entry {ent_num} has no name")
    sdn_type = (clean(row[2]) or "").lower()
    if sdn_type and sdn_type not in _TYPES:
        raise input_error(path, f"line {line}: unknown SDN type {sdn_type!r}")
    programs = tuple(p.strip(" []") for p in (clean(row[3]) or "").split("] [") if p.strip(" []"))
    remarks = clean(row[11])
    extra = parse_remarks(remarks)
    return ListEntry(
        dataset=dataset,
        entry_id=ent_num,
        schema=_TYPES.get(sdn_type, "Organization"),
        name=name,
        aliases=tuple(dict.fromkeys(a for a in extra["aliases"] if a != name)),
        programs=programs,
        remarks=remarks,
        linked_to=tuple(extra["linked_to"]),
        countries=tuple(dict.fromkeys(extra["countries"])),
        birth_dates=tuple(extra["birth_dates"]),
    )


def load_ofac_sdn(path: Path | str, dataset: str = "us_ofac_sdn") -> list[ListEntry]:
    """Every entry of an SDN CSV. Raises ``InputError`` on a file that is not one, or is cut short."""
    raw = read_text(path)
    text = raw.rstrip("\x1a\r\n\t ")
    if "\n" not in text and "," not in text:
        raise input_error(path, "not an SDN CSV file")
    entries: list[ListEntry] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            entries.append(parse_row(row, reader.line_num, path, dataset))
    except csv.Error as err:
        raise input_error(path, f"line {reader.line_num}: malformed CSV ({err}); truncated file?") from err
    if text.count('"') % 2:
        raise input_error(path, "unbalanced quotes: the file is truncated")
    if not raw.rstrip("\r\n\t ").endswith("\x1a"):
        # cut at a line end (``head -n 2000``) every row parses: only the missing marker tells
        raise input_error(path, "no end-of-file byte (0x1A) after the last row: the file is truncated")
    log.info("read %d SDN entries from %s", len(entries), path)
    return check_unique(path, entries)
