"""List snapshots in the store: save one atomically, derive listing intervals, read the listings and
the snapshots back.

``save_snapshot`` validates everything before it writes; it runs in the caller's transaction when
there is one (so the caller's rollback undoes it), else in its own. Saving a snapshot of a dataset and
date that is already stored replaces it. Intervals are rebuilt for the dataset from the membership of
all its snapshots, so snapshots may be loaded in any order.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from dealgraph.exc import InputError
from dealgraph.screen.records import Interval, ListEntry, Listing, LoadedSnapshot, SnapshotStats
from dealgraph.store.screening_tables import (
    list_entries,
    list_intervals,
    list_members,
    list_names,
    list_snapshots,
)

log = logging.getLogger(__name__)

_CHUNK = 500  # ids per IN (...) clause
MAX_SHRINK = 0.05  # the share of a list a new snapshot may remove without --allow-shrink


def compute_intervals(snapshots: Sequence[tuple[date, set[str]]]) -> dict[str, list[Interval]]:
    """Listing intervals from the entry ids of each snapshot: an entry is listed from the first snapshot
    that has it until the first later snapshot that lacks it (exclusive), and again if it comes back."""
    ordered = sorted(snapshots, key=lambda snap: snap[0])
    result: dict[str, list[Interval]] = {}
    open_since: dict[str, date] = {}
    for as_of, members in ordered:
        for entry_id in members:
            open_since.setdefault(entry_id, as_of)
        for entry_id in [e for e in open_since if e not in members]:
            result.setdefault(entry_id, []).append(Interval(open_since.pop(entry_id), as_of))
    for entry_id, since in open_since.items():
        result.setdefault(entry_id, []).append(Interval(since, None))
    for intervals in result.values():
        intervals.sort(key=lambda interval: interval.listed_from)
    return result


def _digest(entries: Sequence[ListEntry]) -> str:
    rows = sorted(json.dumps(_entry_row(e), default=str, ensure_ascii=False, sort_keys=True) for e in entries)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _entry_row(entry: ListEntry) -> dict[str, Any]:
    return {
        "dataset": entry.dataset,
        "entry_id": entry.entry_id,
        "schema": entry.schema,
        "name": entry.name,
        "programs": list(entry.programs),
        "listed_on": entry.listed_on,
        "remarks": entry.remarks,
        "linked_to": list(entry.linked_to),
        "countries": list(entry.countries),
        "birth_dates": list(entry.birth_dates),
    }


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _validate(dataset: str, entries: Sequence[ListEntry]) -> list[ListEntry]:
    if not dataset.strip():
        raise InputError("a list snapshot needs a dataset name")
    if not entries:
        raise InputError(f"{dataset}: a snapshot without entries would delist everything; refused")
    seen: set[str] = set()
    for entry in entries:
        if entry.entry_id in seen:
            raise InputError(f"{dataset}: entry id {entry.entry_id!r} appears twice")
        if not entry.name.strip():
            raise InputError(f"{dataset}: entry {entry.entry_id!r} has no name")
        seen.add(entry.entry_id)
    return [e if e.dataset == dataset else replace(e, dataset=dataset) for e in entries]


def save_snapshot(
    conn: Connection,
    dataset: str,
    as_of: date,
    entries: Sequence[ListEntry],
    source: str = "",
    format: str | None = None,
    max_shrink: float | None = MAX_SHRINK,
) -> SnapshotStats:
    """Store one snapshot of a list as of a date: all of it or, on any error, nothing.

    A snapshot that would remove more than ``max_shrink`` (a share) of the entries of the snapshot
    before it (or of the one it replaces) is refused: a list cut short by a copy or a ``head`` would
    otherwise delist thousands of parties from that date on. ``None`` accepts any shrinking."""
    checked = _validate(dataset, entries)
    context = nullcontext() if conn.in_transaction() else conn.begin()
    with context:
        if max_shrink is not None:
            _check_shrink(conn, dataset, as_of, {e.entry_id for e in checked}, max_shrink)
        return _save(conn, dataset, as_of, checked, source, format)


def _check_shrink(conn: Connection, dataset: str, as_of: date, ids: set[str], max_shrink: float) -> None:
    snaps = list_snapshots.c
    before = conn.execute(
        select(snaps.id, snaps.as_of)
        .where(snaps.dataset == dataset, snaps.as_of <= as_of)
        .order_by(snaps.as_of.desc())
        .limit(1)
    ).first()
    if before is None:
        return
    members = set(
        conn.execute(select(list_members.c.entry_id).where(list_members.c.snapshot_id == before.id)).scalars()
    )
    removed = len(members - ids)
    if members and removed > max_shrink * len(members):
        raise InputError(
            f"{dataset} as of {as_of}: refused, it would remove {removed} of the {len(members)} entries "
            f"of the snapshot of {before.as_of} ({removed / len(members):.1%}, more than the "
            f"{max_shrink:.0%} allowed) and keep {len(ids)}; is the file cut short? "
            "If the list really shrank, load it with --allow-shrink"
        )


def _save(
    conn: Connection, dataset: str, as_of: date, entries: list[ListEntry], source: str, format: str | None
) -> SnapshotStats:
    snaps = list_snapshots.c
    now = datetime.now(UTC).replace(tzinfo=None)
    values = {"source": source, "format": format, "entries": len(entries), "content_hash": _digest(entries)}
    existing = conn.execute(
        select(snaps.id).where(snaps.dataset == dataset, snaps.as_of == as_of)
    ).scalar_one_or_none()
    if existing is not None:
        conn.execute(delete(list_members).where(list_members.c.snapshot_id == existing))
        conn.execute(update(list_snapshots).where(snaps.id == existing).values(loaded_at=now, **values))
        snapshot_id = existing
    else:
        conn.execute(insert(list_snapshots).values(dataset=dataset, as_of=as_of, loaded_at=now, **values))
        snapshot_id = conn.execute(
            select(snaps.id).where(snaps.dataset == dataset, snaps.as_of == as_of)
        ).scalar_one()
    members = [{"snapshot_id": snapshot_id, "entry_id": e.entry_id} for e in entries]
    conn.execute(insert(list_members), members)
    _store_entries(conn, dataset, as_of, entries)
    previous = _rebuild_intervals(conn, dataset, as_of)
    ids = {e.entry_id for e in entries}
    stats = SnapshotStats(
        dataset=dataset,
        as_of=as_of,
        entries=len(entries),
        added=len(ids - previous) if previous is not None else len(ids),
        removed=len(previous - ids) if previous is not None else 0,
        replaced=existing is not None,
    )
    log.info("saved %s snapshot %s: %s", dataset, as_of, stats)
    return stats


def _store_entries(conn: Connection, dataset: str, as_of: date, entries: list[ListEntry]) -> None:
    """Keep each entry as the latest snapshot (by date) prints it."""
    ent = list_entries.c
    versions = dict(conn.execute(select(ent.entry_id, ent.version_as_of).where(ent.dataset == dataset)).all())
    newer = [e for e in entries if versions.get(e.entry_id) is None or versions[e.entry_id] <= as_of]
    stale = [e.entry_id for e in newer if e.entry_id in versions]
    for chunk in _chunks(stale):
        conn.execute(delete(list_entries).where(ent.dataset == dataset, ent.entry_id.in_(chunk)))
        conn.execute(
            delete(list_names).where(list_names.c.dataset == dataset, list_names.c.entry_id.in_(chunk))
        )
    if not newer:
        return
    conn.execute(insert(list_entries), [{**_entry_row(e), "version_as_of": as_of} for e in newer])
    names = [
        {"dataset": dataset, "entry_id": e.entry_id, "pos": pos, "name": name, "kind": kind}
        for e in newer
        for pos, (name, kind) in enumerate([(e.name, "primary"), *((a, "alias") for a in e.aliases)])
    ]
    conn.execute(insert(list_names), names)


def _rebuild_intervals(conn: Connection, dataset: str, as_of: date) -> set[str] | None:
    """Recompute the dataset's intervals and drop entries no snapshot has any more (a replaced snapshot
    may have had them); return the members of the snapshot before ``as_of``, if any."""
    snaps = list_snapshots.c
    rows = conn.execute(
        select(snaps.as_of, list_members.c.entry_id)
        .join(list_members, list_members.c.snapshot_id == snaps.id)
        .where(snaps.dataset == dataset)
    )
    members: dict[date, set[str]] = {}
    for day, entry_id in rows:
        members.setdefault(day, set()).add(entry_id)
    intervals = compute_intervals(list(members.items()))
    conn.execute(delete(list_intervals).where(list_intervals.c.dataset == dataset))
    rows_out = [
        {"dataset": dataset, "entry_id": key, "listed_from": i.listed_from, "listed_until": i.listed_until}
        for key, found in intervals.items()
        for i in found
    ]
    conn.execute(insert(list_intervals), rows_out)
    ent = list_entries.c
    stored = conn.execute(select(ent.entry_id).where(ent.dataset == dataset)).scalars().all()
    orphans = [entry_id for entry_id in stored if entry_id not in intervals]
    for chunk in _chunks(orphans):
        conn.execute(delete(list_entries).where(ent.dataset == dataset, ent.entry_id.in_(chunk)))
        conn.execute(
            delete(list_names).where(list_names.c.dataset == dataset, list_names.c.entry_id.in_(chunk))
        )
    earlier = [day for day in members if day < as_of]
    return members[max(earlier)] if earlier else None


def read_listings(conn: Connection, datasets: Sequence[str] | None = None) -> list[Listing]:
    """Every stored entry with its listing intervals (of the given datasets, or all)."""
    ent, nam, itv, snaps = list_entries.c, list_names.c, list_intervals.c, list_snapshots.c
    query_entries = select(list_entries)
    query_names = select(nam.dataset, nam.entry_id, nam.name, nam.kind)
    query_names = query_names.order_by(nam.dataset, nam.entry_id, nam.pos)
    query_intervals = select(list_intervals)
    query_starts = select(snaps.dataset, snaps.as_of)
    if datasets is not None:
        query_entries = query_entries.where(ent.dataset.in_(datasets))
        query_names = query_names.where(nam.dataset.in_(datasets))
        query_intervals = query_intervals.where(itv.dataset.in_(datasets))
        query_starts = query_starts.where(snaps.dataset.in_(datasets))
    starts: dict[str, date] = {}
    for dataset, day in conn.execute(query_starts):
        starts[dataset] = min(day, starts.get(dataset, day))
    aliases: dict[tuple[str, str], list[str]] = {}
    for dataset, entry_id, name, kind in conn.execute(query_names):
        if kind != "primary":
            aliases.setdefault((dataset, entry_id), []).append(name)
    intervals: dict[tuple[str, str], list[Interval]] = {}
    for row in conn.execute(query_intervals.order_by(itv.listed_from)).mappings():
        key = (row["dataset"], row["entry_id"])
        intervals.setdefault(key, []).append(Interval(row["listed_from"], row["listed_until"]))
    listings: list[Listing] = []
    for row in conn.execute(query_entries).mappings():
        key = (row["dataset"], row["entry_id"])
        entry = ListEntry(
            dataset=row["dataset"],
            entry_id=row["entry_id"],
            schema=row["schema"],
            name=row["name"],
            aliases=tuple(aliases.get(key, ())),
            programs=tuple(row["programs"]),
            listed_on=row["listed_on"],
            remarks=row["remarks"],
            linked_to=tuple(row["linked_to"]),
            countries=tuple(row["countries"]),
            birth_dates=tuple(row["birth_dates"]),
        )
        listings.append(Listing(entry, tuple(intervals.get(key, ())), starts.get(row["dataset"])))
    return listings


def lists_state(conn: Connection) -> str | None:
    """A digest of the loaded snapshots, or None when no list is loaded."""
    rows = conn.execute(
        select(list_snapshots.c.dataset, list_snapshots.c.as_of, list_snapshots.c.content_hash).order_by(
            list_snapshots.c.dataset, list_snapshots.c.as_of
        )
    ).all()
    if not rows:
        return None
    return hashlib.sha256(repr([tuple(map(str, r)) for r in rows]).encode()).hexdigest()


def loaded_snapshots(conn: Connection) -> list[LoadedSnapshot]:
    """The stored snapshots, by dataset and date."""
    t = list_snapshots
    return [
        LoadedSnapshot(r.dataset, r.as_of, r.entries, r.format, r.source, r.loaded_at)
        for r in conn.execute(select(t).order_by(t.c.dataset, t.c.as_of))
    ]
