"""An entity's events, read for pages: a page at a time, and a lean timeline.

``reader.list_events(entity_id=...)`` answers the same question for the CLI, but filters through an
``IN`` subquery over every event and loads each article's whole text to cut the evidence out; on a
hub entity of a large store (thousands of articles) that costs a second. Here the query starts from
the entity's in-article links (indexed), sorts only its own events, cuts the evidence in SQL
(``substr``), and reads arguments only for the page it returns. Same ``EventView`` rows, same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, String, and_, cast, func, or_, select

from dealgraph.store import event_tables, schema
from dealgraph.store.event_reads import EventView, event_views, evidence_text
from dealgraph.store.store import Store

A, AE = schema.articles, schema.article_entities
EV, ARG = event_tables.events, event_tables.event_args


@dataclass(frozen=True)
class TimelineRow:
    event_id: str
    article_id: str
    date: str | None
    type: str
    modality: str
    evidence: str


def _matching(entity_id: str, type_: str | None, modality: str | None, since: date | None) -> Any:
    """(event id, date key) of the events in which the entity fills a role, without duplicates."""
    day = func.coalesce(EV.c.event_date, cast(A.c.published, String))
    stmt = (
        select(EV.c.id.label("id"), day.label("day"), EV.c.article_id.label("article"), EV.c.idx.label("idx"))
        .select_from(
            AE.join(EV, EV.c.article_id == AE.c.article_id)
            .join(ARG, and_(ARG.c.event_id == EV.c.id, ARG.c.entity_key == AE.c.key))
            .join(A, A.c.id == EV.c.article_id)
        )
        .where(AE.c.entity_id == entity_id)
        .distinct()
    )
    if type_:
        stmt = stmt.where(EV.c.type == type_.upper())
    if modality:
        stmt = stmt.where(EV.c.modality == modality)
    if since:
        stmt = stmt.where(
            or_(EV.c.event_date >= since.isoformat(), and_(EV.c.event_date.is_(None), A.c.published >= since))
        )
    return stmt


def _page(conn: Connection, stmt: Any, limit: int, offset: int) -> list[tuple[str, str | None]]:
    """First the ids of one page in time order (no text read), then the rows for those ids only."""
    sub = stmt.subquery()
    return [
        (str(r.id), r.day)
        for r in conn.execute(
            # within a day in reading order (ids are hashes: store.stable_event_id)
            select(sub.c.id, sub.c.day)
            .order_by(sub.c.day, sub.c.article, sub.c.idx)
            .limit(limit)
            .offset(offset)
        )
    ]


def entity_events(
    store: Store,
    entity_id: str,
    type_: str | None = None,
    modality: str | None = None,
    since: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[EventView]:
    """A page of the events naming an entity in any role, in time order (as ``reader.list_events``)."""
    with store.read() as conn:
        page = _page(conn, _matching(entity_id, type_, modality, since), limit, offset)
        if not page:
            return []
        rows = {
            r.id: r
            for r in conn.execute(
                select(EV, A.c.published, evidence_text().label("evidence"))
                .select_from(EV.join(A, A.c.id == EV.c.article_id))
                .where(EV.c.id.in_([i for i, _ in page]))
            )
        }
        return event_views(conn, [rows[i] for i, _ in page if i in rows])


def events_by_ids(store: Store, ids: list[str]) -> list[EventView]:
    """Events by id, in the order given (a page already chosen, e.g. from the timeline)."""
    if not ids:
        return []
    with store.read() as conn:
        rows = {
            r.id: r
            for r in conn.execute(
                select(EV, A.c.published, evidence_text().label("evidence"))
                .select_from(EV.join(A, A.c.id == EV.c.article_id))
                .where(EV.c.id.in_(ids))
            )
        }
        return event_views(conn, [rows[i] for i in ids if i in rows])


def entity_timeline(store: Store, entity_id: str, limit: int = 500) -> list[TimelineRow]:
    """Dated events naming an entity, earliest first: date, type, modality and evidence only."""
    with store.read() as conn:
        page = _page(conn, _matching(entity_id, None, None, None), limit, 0)
        rows = {
            r.id: r
            for i in range(0, len(page), 500)
            for r in conn.execute(
                select(EV.c.id, EV.c.article_id, EV.c.type, EV.c.modality, evidence_text().label("evidence"))
                .select_from(EV.join(A, A.c.id == EV.c.article_id))
                .where(EV.c.id.in_([x for x, _ in page[i : i + 500]]))
            )
        }
    return [
        TimelineRow(i, rows[i].article_id, day, rows[i].type, rows[i].modality, str(rows[i].evidence or ""))
        for i, day in page
        if i in rows
    ]
