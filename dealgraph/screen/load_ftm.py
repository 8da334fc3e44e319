"""Read a FollowTheMoney entity file (JSON lines, one entity per line, as OpenSanctions exports).

A listed party is a Person, Organization (or subtype), LegalEntity, Vessel or Airplane that is marked
``target`` or that a ``Sanction`` entity points to. Its names are every name-typed property the schema
marks matchable (``name``, ``alias``, ``previousName``...), read through followthemoney. ``Sanction``
entities give the programs (``programId``, else ``program``) and the designation date (the earliest
``listingDate``, else ``startDate``). Relationship entities (Ownership, Family, Directorship...) give
the names of linked parties. OpenSanctions' ``first_seen`` is a crawl date, not a designation date,
and is not used.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from dealgraph.screen.listfile import check_unique, input_error, parse_date, read_text
from dealgraph.screen.records import ListEntry

log = logging.getLogger(__name__)

_PARTY_SCHEMAS = ("LegalEntity", "Vessel", "Airplane")


def _schema_of(proxy: Any) -> str | None:
    schema = proxy.schema
    if schema.is_a("Person"):
        return "Person"
    if schema.is_a("Vessel"):
        return "Vessel"
    if schema.is_a("Airplane"):
        return "Airplane"
    if schema.is_a("LegalEntity"):
        return "Organization"
    return None


def _read(path: Path | str) -> list[Any]:
    proxies: list[Any] = []
    for line_no, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            raise input_error(path, f"line {line_no}: not JSON ({err.msg}); truncated file?") from err
        except RecursionError:
            raise input_error(path, f"line {line_no}: JSON nested too deeply to be an entity") from None
        if not isinstance(data, dict) or "schema" not in data:
            raise input_error(path, f"line {line_no}: not a FollowTheMoney entity (no schema)")
        try:
            proxy = model.get_proxy(data, cleaned=False)
        except (InvalidData, TypeError, ValueError) as err:
            raise input_error(path, f"line {line_no}: invalid entity ({err})") from err
        if proxy.id is None:
            raise input_error(path, f"line {line_no}: entity without an id")
        proxies.append((proxy, bool(data.get("target"))))
    return proxies


def load_ftm(path: Path | str, dataset: str = "ftm") -> list[ListEntry]:
    """Every listed party in an FtM JSON-lines file. Raises ``InputError`` on lines that are not entities."""
    proxies = _read(path)
    by_id = {proxy.id: proxy for proxy, _ in proxies}
    sanctions: dict[str, list[Any]] = {}
    links: dict[str, list[str]] = {}
    for proxy, _ in proxies:
        if proxy.schema.is_a("Sanction"):
            for target in proxy.get("entity"):
                sanctions.setdefault(target, []).append(proxy)
        elif proxy.schema.edge:
            ends = [proxy.get(proxy.schema.edge_source), proxy.get(proxy.schema.edge_target)]
            for here, there in ((ends[0], ends[1]), (ends[1], ends[0])):
                for a in here:
                    for b in there:
                        if b in by_id:
                            links.setdefault(a, []).append(by_id[b].caption)
    entries: list[ListEntry] = []
    for proxy, target in proxies:
        schema = _schema_of(proxy)
        if schema is None or not (target or proxy.id in sanctions):
            continue
        names = list(dict.fromkeys(proxy.get_type_values(registry.name, matchable=True)))
        caption = proxy.caption
        if not names:
            continue
        name = caption if caption in names else names[0]
        own = sanctions.get(proxy.id, [])
        programs = [p for s in own for p in (s.get("programId") or s.get("program"))]
        dates = [parse_date(d) for s in own for d in (s.get("listingDate") or s.get("startDate"))]
        entries.append(
            ListEntry(
                dataset=dataset,
                entry_id=str(proxy.id),
                schema=schema,
                name=name,
                aliases=tuple(n for n in names if n != name),
                programs=tuple(dict.fromkeys(programs)),
                listed_on=min((d for d in dates if d is not None), default=None),
                remarks="; ".join(proxy.get("notes")) or None,
                linked_to=tuple(dict.fromkeys(links.get(str(proxy.id), []))),
                countries=tuple(proxy.get_type_values(registry.country)),
                birth_dates=tuple(proxy.get("birthDate", quiet=True)),
            )
        )
    log.info("read %d listed parties from %s", len(entries), path)
    return check_unique(path, entries)
