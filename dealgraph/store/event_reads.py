"""Events read back as ``EventView``s: filtered lists for the CLI, API and pages, and the shared
row-to-view step.

An event's evidence is cut from the article text in SQL (``substr`` counts characters on both SQLite and
PostgreSQL, as Python slicing does), so no article's whole text is loaded to list its events. An
entity's events are found from its in-article links (indexed), one page of ids first, and only that
page is read in full: on a hub entity of a large store (thousands of articles) a filter over every
event would cost a second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, func, select, tuple_

from dealgraph.store import event_tables, schema
from dealgraph.store.store import Store

A, AE = schema.articles, schema.article_entities
EV, ARG = event_tables.events, event_tables.event_args
CHUNK = 400  # ids in one IN (...) list, well under SQLite's limit on bound parameters


@dataclass(frozen=True)
class ArgView:
    role: str
    entity_key: str | None
    entity_id: str | None
    name: str | None
    amount_idx: int | None
    text: str | None


@dataclass(frozen=True)
class EventView:
    id: str
    article_id: str
    type: str
    modality: str
    polarity: str | None
    source_key: str | None
    source_id: str | None
    source_name: str | None
    trigger: str
    evidence: str
    evidence_start: int
    evidence_end: int
    event_date: str | None
    published: date | None
    extractor: str
    confidence: float
    args: tuple[ArgView, ...]


def evidence_text() -> Any:
    """The evidence span of each event row, cut from its article's text by the database."""
    return func.substr(A.c.text, EV.c.evidence_start + 1, EV.c.evidence_end - EV.c.evidence_start)


def _each(conn: Connection, stmt: Any, column: Any, ids: list[Any], size: int = CHUNK) -> Iterator[Any]:
    """The rows of ``stmt`` whose ``column`` is one of ``ids``, asked ``size`` ids at a time."""
    for i in range(0, len(ids), size):
        yield from conn.execute(stmt.where(column.in_(ids[i : i + size])))


def in_article_entities(
    conn: Connection, wanted: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """(article id, in-article key) → (canonical id, name) for the ``wanted`` in-article entities: who an
    event's source and role keys name. Asked by (article, key) pairs, ``CHUNK`` at a time: an article can
    link hundreds of entities and an event names two or three. The articles are named too, so that
    SQLite finds the rows by its primary key (for a row-value ``IN`` alone it scans the whole table)."""
    pairs = sorted(wanted)
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for i in range(0, len(pairs), CHUNK):
        chunk = pairs[i : i + CHUNK]
        stmt = select(AE.c.article_id, AE.c.key, AE.c.entity_id, AE.c.name).where(
            AE.c.article_id.in_(sorted({a for a, _ in chunk})), tuple_(AE.c.article_id, AE.c.key).in_(chunk)
        )
        found.update({(e.article_id, e.key): (e.entity_id, e.name) for e in conn.execute(stmt)})
    return found


def named_by(
    names: dict[tuple[str, str], tuple[str, str]], article_id: str, key: str | None
) -> tuple[str | None, str | None]:
    """(canonical id, name) of the in-article entity ``key`` in ``in_article_entities``' answer; two
    Nones when there is no key or it names no entity."""
    return names.get((article_id, key), (None, None)) if key else (None, None)


def event_views(conn: Connection, rows: list[Any]) -> list[EventView]:
    """Rows of ``events`` joined with ``published`` and ``evidence`` → views with arguments and names."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    # each argument with its entity's link in the article, joined in SQL: an article can have hundreds
    # of linked entities and an event names two or three
    arg_entity = and_(AE.c.article_id == EV.c.article_id, AE.c.key == ARG.c.entity_key)
    with_args = select(
        *(ARG.c[c] for c in ("event_id", "role", "entity_key", "amount_idx", "text")),
        AE.c.entity_id.label("linked_id"),
        AE.c.name.label("linked_name"),
    ).select_from(ARG.join(EV, EV.c.id == ARG.c.event_id).outerjoin(AE, arg_entity))
    args: dict[str, list[Any]] = defaultdict(list)
    for a in _each(conn, with_args.order_by(ARG.c.event_id, ARG.c.pos), ARG.c.event_id, ids):
        args[a.event_id].append(a)
    names = in_article_entities(conn, {(r.article_id, r.source_key) for r in rows if r.source_key})
    result = []
    for r in rows:
        views = tuple(
            ArgView(a.role, a.entity_key, a.linked_id, a.linked_name, a.amount_idx, a.text)
            for a in args[r.id]
        )
        result.append(
            EventView(
                r.id,
                r.article_id,
                r.type,
                r.modality,
                r.polarity,
                r.source_key,
                *named_by(names, r.article_id, r.source_key),
                r.trigger,
                str(r.evidence or ""),
                r.evidence_start,
                r.evidence_end,
                r.event_date,
                r.published,
                r.extractor,
                r.confidence,
                views,
            )
        )
    return result


def events_where(conn: Connection, where: Any, limit: int | None = None, offset: int = 0) -> list[EventView]:
    """The events matching ``where``, undated first, then by day and in reading order within a day (ids
    are hashes: store.stable_event_id); the page's ids first, then only those events in full."""
    stmt = (
        select(EV.c.id)
        .where(where)
        # undated first on both backends (SQLite and PostgreSQL disagree on where NULLs go)
        .order_by(EV.c.day.asc().nulls_first(), EV.c.article_id, EV.c.idx)
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return events_by_id(conn, list(conn.execute(stmt).scalars()))


def list_events(
    store: Store,
    type_: str | None = None,
    entity_id: str | None = None,
    modality: str | None = None,
    since: date | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[EventView]:
    """Events in time order (undated first; within a day in reading order), filtered."""
    with store.read() as conn:
        if entity_id:
            keys = entity_event_keys(entity_id, type_, modality, since)
            return events_by_id(conn, [i for i, _ in entity_event_page(conn, keys, limit, offset)])
        return events_where(conn, _events_filter(type_, None, modality, since), limit, offset)


def events_by_id(conn: Connection, ids: list[str]) -> list[EventView]:
    """Events by id, in the order given."""
    if not ids:
        return []
    rows = {
        r.id: r
        for r in conn.execute(
            select(EV, A.c.published, evidence_text().label("evidence"))
            .select_from(EV.join(A, A.c.id == EV.c.article_id))
            .where(EV.c.id.in_(ids))
        )
    }
    return event_views(conn, [rows[i] for i in ids if i in rows])


def entity_event_keys(entity_id: str, type_: str | None, modality: str | None, since: date | None) -> Any:
    """(event id, date key) of the events in which the entity fills a role, without duplicates."""
    stmt = (
        select(EV.c.id, EV.c.day, EV.c.article_id.label("article"), EV.c.idx)
        .select_from(
            AE.join(EV, EV.c.article_id == AE.c.article_id).join(
                ARG, and_(ARG.c.event_id == EV.c.id, ARG.c.entity_key == AE.c.key)
            )
        )
        .where(AE.c.entity_id == entity_id)
        .distinct()
    )
    return stmt.where(_events_filter(type_, None, modality, since))


def entity_event_page(
    conn: Connection, stmt: Any, limit: int | None, offset: int
) -> list[tuple[str, str | None]]:
    """The ids (and date keys) of one page of ``entity_event_keys`` in ``events_where``'s order."""
    sub = stmt.subquery()
    return [
        (str(r.id), r.day)
        for r in conn.execute(
            select(sub.c.id, sub.c.day)
            .order_by(sub.c.day.nulls_first(), sub.c.article, sub.c.idx)
            .limit(limit)
            .offset(offset)
        )
    ]


def count_events(
    store: Store,
    type_: str | None = None,
    entity_id: str | None = None,
    modality: str | None = None,
    since: date | None = None,
) -> int:
    """How many events ``list_events`` would list without a limit (for "showing 100 of 740")."""
    stmt = select(func.count()).select_from(EV).where(_events_filter(type_, entity_id, modality, since))
    with store.read() as conn:
        return int(conn.execute(stmt).scalar() or 0)


def _events_filter(type_: str | None, entity_id: str | None, modality: str | None, since: date | None) -> Any:
    conds: list[Any] = []
    if type_:
        conds.append(EV.c.type == type_.upper())
    if modality:
        conds.append(EV.c.modality == modality)
    if since:
        conds.append(EV.c.day >= since.isoformat())
    if entity_id:
        keyed = select(AE.c.article_id, AE.c.key).where(AE.c.entity_id == entity_id).subquery()
        in_args = select(ARG.c.event_id).select_from(
            ARG.join(EV, EV.c.id == ARG.c.event_id).join(
                keyed, and_(keyed.c.article_id == EV.c.article_id, keyed.c.key == ARG.c.entity_key)
            )
        )
        conds.append(EV.c.id.in_(in_args))
    return and_(*conds) if conds else EV.c.id.isnot(None)
