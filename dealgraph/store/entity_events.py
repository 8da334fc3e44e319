"""An entity's events, read for pages: a page at a time (``event_reads.list_events``, which starts from
the entity's in-article links), events by id, and a lean timeline (date, type, modality, evidence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from dealgraph.store import event_tables, schema
from dealgraph.store.event_reads import (
    EventView,
    entity_event_keys,
    entity_event_page,
    events_by_id,
    evidence_text,
    list_events,
)
from dealgraph.store.store import Store

A = schema.articles
EV = event_tables.events


@dataclass(frozen=True)
class TimelineRow:
    event_id: str
    article_id: str
    date: str | None
    type: str
    modality: str
    evidence: str


def entity_events(
    store: Store,
    entity_id: str,
    type_: str | None = None,
    modality: str | None = None,
    since: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[EventView]:
    """A page of the events naming an entity in any role, in time order: ``list_events(entity_id=...)``."""
    return list_events(store, type_, entity_id, modality, since, limit, offset)


def events_by_ids(store: Store, ids: list[str]) -> list[EventView]:
    """Events by id, in the order given (a page already chosen, e.g. from the timeline)."""
    if not ids:
        return []
    with store.read() as conn:
        return events_by_id(conn, ids)


def entity_timeline(store: Store, entity_id: str, limit: int = 500) -> list[TimelineRow]:
    """Dated events naming an entity, earliest first: date, type, modality and evidence only."""
    with store.read() as conn:
        page = entity_event_page(conn, entity_event_keys(entity_id, None, None, None), limit, 0)
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
