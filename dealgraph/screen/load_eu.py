"""Read the EU financial sanctions list as a flat CSV (one row per listed party; the Regulation 269/2014
sample in ``shared/data/sanctions/eu_fsf``).

Columns we use: ``recordId`` (numbered per ``annex``, so the entry id is ``annex:recordId``),
``schema`` (Person, LegalEntity, Company...), ``name``, ``alias`` and
``previousName`` (several names separated by ``;`` or ``" / "``, a Cyrillic form often in brackets after
its Latin one), ``programKey``, ``startDate`` (designation date, ``17.3.2014``), ``birthDate``,
``nationality``, ``reason`` and ``position``. A file without the key columns is rejected.
"""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

from dealgraph.screen.listfile import check_unique, clean, input_error, parse_date, read_text
from dealgraph.screen.names import split_aliases
from dealgraph.screen.records import ListEntry

log = logging.getLogger(__name__)

REQUIRED = ("recordId", "schema", "name", "alias", "startDate")
_SCHEMAS = {"person": "Person", "vessel": "Vessel", "airplane": "Airplane"}
_SEPARATORS = r";|\s/\s"


def _schema(value: str) -> str:
    return _SCHEMAS.get(value.strip().lower(), "Organization")


def parse_row(row: dict[str, str | None], line: int, path: Path | str, dataset: str) -> ListEntry:
    record = clean(row.get("recordId"))
    name = clean(row.get("name"))
    annex = clean(row.get("annex"))
    if record is None or name is None:
        raise input_error(path, f"line {line}: a row without recordId or name (truncated file?)")
    if None in row.values():
        raise input_error(path, f"line {line}: fewer cells than columns (truncated file?)")
    names = split_aliases(name, _SEPARATORS)
    aliases = [*names[1:]]
    for column in ("alias", "previousName"):
        aliases.extend(split_aliases(row.get(column) or "", _SEPARATORS))
    programs = [p for p in (clean(row.get("programKey")), clean(row.get("annex"))) if p]
    remarks = "; ".join(v for v in (clean(row.get("position")), clean(row.get("reason"))) if v)
    return ListEntry(
        dataset=dataset,
        entry_id=f"{annex}:{record}" if annex else record,
        schema=_schema(row.get("schema") or ""),
        name=names[0] if names else name,
        aliases=tuple(dict.fromkeys(a for a in aliases if a != (names[0] if names else name))),
        programs=tuple(programs),
        listed_on=parse_date(row.get("startDate")),
        remarks=remarks or None,
        countries=tuple(split_aliases(row.get("nationality") or "", "[;,]")),
        birth_dates=tuple(d.strip() for d in (row.get("birthDate") or "").split(";") if d.strip()),
    )


def load_eu_csv(path: Path | str, dataset: str = "eu_fsf") -> list[ListEntry]:
    """Every entry of an EU list CSV. Raises ``InputError`` when columns are missing or rows cut short."""
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = reader.fieldnames or []
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise input_error(path, f"not an EU list CSV: missing columns {', '.join(missing)}")
    entries: list[ListEntry] = []
    try:
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            if None in row:  # more cells than columns
                raise input_error(path, f"line {reader.line_num}: more cells than columns")
            entries.append(parse_row(row, reader.line_num, path, dataset))
    except csv.Error as err:
        raise input_error(path, f"line {reader.line_num}: malformed CSV ({err}); truncated file?") from err
    log.info("read %d EU entries from %s", len(entries), path)
    return check_unique(path, entries)
