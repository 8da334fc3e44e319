"""Read a FollowTheMoney entity file (JSON lines, one entity per line, as OpenSanctions exports).

A listed party is a Person, Organization (or subtype), LegalEntity, Vessel or Airplane that is marked
``target`` or that a ``Sanction`` entity points to. Its names are every name-typed property the schema
marks matchable (``name``, ``alias``, ``previousName``...), read through followthemoney. ``Sanction``
entities give the programs (``programId``, else ``program``) and the designation date (the earliest
``listingDate``, else ``startDate``, else the party's own ``createdAt``). Relationship entities
(Ownership, Family, Directorship...) give the names of linked parties. OpenSanctions' ``first_seen`` is
a crawl date, not a designation date, and is not used for that.

Datasets: a file may hold several lists (OpenSanctions' collections do). A party is an entry of each
dataset one of its ``Sanction`` entities belongs to, with that dataset's programs and dates; a target
without ``Sanction`` entities is an entry of its own ``datasets`` but OpenSanctions' external sources
(``ext_*``: company registries and the like that enrich an entity, never list it); an entity that
names none belongs to the file's dataset (its name up to the first dot: ``x.entities.ftm.json`` →
``x``). A dataset given by the user puts every entry in that one dataset, as before. The snapshot's
date, when neither the user nor the file name gives one, is the latest ``last_seen`` (else
``last_change``) in the file: the day the publisher last saw the list so (``snapshot_date``).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date
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


def _read(path: Path | str) -> list[tuple[Any, bool, list[str]]]:
    proxies: list[tuple[Any, bool, list[str]]] = []
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
        proxies.append((proxy, bool(data.get("target")), _datasets(data)))
    return proxies


def file_dataset(path: Path | str) -> str:
    """The dataset an FtM file's entities belong to when they name none: the file name to its first dot."""
    stem = re.sub(r"[^a-z0-9_]+", "_", Path(path).name.split(".")[0].lower()).strip("_")
    return stem or "ftm"


def snapshot_date(path: Path | str) -> date | None:
    """The latest ``last_seen`` (else ``last_change``) date of the file's entities, if they carry one."""
    latest: date | None = None
    for line in read_text(path).splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            continue  # ``load_ftm`` reports the bad line
        if isinstance(data, dict):
            seen = parse_date(str(data.get("last_seen") or data.get("last_change") or ""))
            if seen is not None and (latest is None or seen > latest):
                latest = seen
    return latest


def _datasets(data: dict[str, Any]) -> list[str]:
    """The entity's own datasets, external enrichment sources (``ext_*``) left out."""
    values = data.get("datasets")
    return [str(v) for v in values if v and not str(v).startswith("ext_")] if isinstance(values, list) else []


def load_ftm(path: Path | str, dataset: str | None = None) -> list[ListEntry]:
    """Every listed party in an FtM JSON-lines file, as an entry of each dataset that lists it (all of
    them in ``dataset`` when given). Raises ``InputError`` on lines that are not entities."""
    proxies = _read(path)
    default = file_dataset(path)
    by_id = {proxy.id: proxy for proxy, _, _ in proxies}
    sanctions: dict[str, list[tuple[Any, list[str]]]] = {}
    links: dict[str, list[str]] = {}
    for proxy, _, datasets in proxies:
        if proxy.schema.is_a("Sanction"):
            for target in proxy.get("entity"):
                sanctions.setdefault(target, []).append((proxy, datasets or [default]))
        elif proxy.schema.edge:
            ends = [proxy.get(proxy.schema.edge_source), proxy.get(proxy.schema.edge_target)]
            for here, there in ((ends[0], ends[1]), (ends[1], ends[0])):
                for a in here:
                    for b in there:
                        if b in by_id:
                            links.setdefault(a, []).append(by_id[b].caption)
    entries: list[ListEntry] = []
    for proxy, target, datasets in proxies:
        schema = _schema_of(proxy)
        if schema is None or not (target or proxy.id in sanctions):
            continue
        names = list(dict.fromkeys(proxy.get_type_values(registry.name, matchable=True)))
        caption = proxy.caption
        if not names:
            continue
        name = caption if caption in names else names[0]
        by_dataset: dict[str, list[Any]] = {}
        for sanction, where in sanctions.get(proxy.id, []):
            for name_of_set in [dataset] if dataset else where:
                by_dataset.setdefault(name_of_set, []).append(sanction)
        if not by_dataset:
            by_dataset = {d: [] for d in ([dataset] if dataset else datasets or [default])}
        created = [parse_date(d) for d in proxy.get("createdAt", quiet=True)]
        for name_of_set, own in by_dataset.items():
            programs = [p for s in own for p in (s.get("programId") or s.get("program"))]
            dates = [parse_date(d) for s in own for d in (s.get("listingDate") or s.get("startDate"))]
            known = [d for d in dates if d is not None] or [d for d in created if d is not None]
            entries.append(
                ListEntry(
                    dataset=name_of_set,
                    entry_id=str(proxy.id),
                    schema=schema,
                    name=name,
                    aliases=tuple(n for n in names if n != name),
                    programs=tuple(dict.fromkeys(programs)),
                    listed_on=min(known, default=None),
                    remarks="; ".join(proxy.get("notes")) or None,
                    linked_to=tuple(dict.fromkeys(links.get(str(proxy.id), []))),
                    countries=tuple(proxy.get_type_values(registry.country)),
                    birth_dates=tuple(proxy.get("birthDate", quiet=True)),
                )
            )
    log.info(
        "read %d list entries of %d datasets from %s", len(entries), len({e.dataset for e in entries}), path
    )
    return check_unique(path, entries)
