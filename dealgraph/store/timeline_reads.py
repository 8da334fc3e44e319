"""The timeline as the desk reads it: filtered, newest or oldest first, the undated in a group at the end,
a page at a time, and the month of every matching event so the chart covers the whole range.

Filters: event type, modality, a date floor, an entity in any role, the named source (an entity id),
the project (an entity id in the ``project`` role), and ROLE events left out ("who is who" is not a
deal). An event's day is its own date when the text gives one, else its article's; an event with
neither is undated and comes after every dated one in either order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import and_, case, func, select

from dealgraph.store import event_tables, schema
from dealgraph.store.event_reads import EventView, events_by_id
from dealgraph.store.store import Store

A, AE = schema.articles, schema.article_entities
EV, ARG = event_tables.events, event_tables.event_args
Order = Literal["newest", "oldest"]
ORDERS: tuple[Order, ...] = ("newest", "oldest")


@dataclass(frozen=True)
class TimelineQuery:
    entity_id: str | None = None
    type_: str | None = None
    modality: str | None = None
    since: date | None = None
    source_id: str | None = None
    project_id: str | None = None
    hide_roles: bool = False


def _in_role(entity_id: str, role: str | None = None) -> Any:
    """The events in which the entity fills a role (``role`` alone, when given)."""
    keyed = select(AE.c.article_id, AE.c.key).where(AE.c.entity_id == entity_id).subquery()
    args = ARG.join(EV, EV.c.id == ARG.c.event_id).join(
        keyed, and_(keyed.c.article_id == EV.c.article_id, keyed.c.key == ARG.c.entity_key)
    )
    stmt = select(ARG.c.event_id).select_from(args)
    if role:
        stmt = stmt.where(ARG.c.role == role)
    return EV.c.id.in_(stmt)


def _said_by(entity_id: str) -> Any:
    said = select(AE.c.key).where(
        AE.c.article_id == EV.c.article_id, AE.c.key == EV.c.source_key, AE.c.entity_id == entity_id
    )
    return said.exists()


def _where(q: TimelineQuery) -> Any:
    conds: list[Any] = []
    if q.type_:
        conds.append(EV.c.type == q.type_.upper())
    if q.hide_roles:
        conds.append(EV.c.type != "ROLE")
    if q.modality:
        conds.append(EV.c.modality == q.modality)
    if q.since:
        conds.append(EV.c.day >= q.since.isoformat())
    if q.entity_id:
        conds.append(_in_role(q.entity_id))
    if q.project_id:
        conds.append(_in_role(q.project_id, "project"))
    if q.source_id:
        conds.append(_said_by(q.source_id))
    return and_(*conds) if conds else EV.c.id.isnot(None)


def _with_amount() -> Any:
    return select(ARG.c.event_id).where(ARG.c.event_id == EV.c.id, ARG.c.amount_idx.isnot(None)).exists()


def timeline_events(
    store: Store,
    q: TimelineQuery,
    order: Order = "newest",
    limit: int | None = 100,
    offset: int = 0,
    *,
    amounts_first: bool = False,
) -> list[EventView]:
    """A page of the matching events: dated ones newest (or oldest) first, then the undated; those that
    carry an amount before all others when ``amounts_first`` (the deals ledger's amount order).

    The page's ids are found first, from the events' ``day`` index, and only those events are read with
    their evidence: cutting the evidence of every matching event to sort them cost most of a page."""
    by_day = EV.c.day.desc().nulls_last() if order == "newest" else EV.c.day.asc().nulls_last()
    keys = [case((_with_amount(), 0), else_=1)] if amounts_first else []
    stmt = select(EV.c.id).where(_where(q)).order_by(*keys, by_day, EV.c.article_id, EV.c.idx).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as conn:
        return events_by_id(conn, list(conn.execute(stmt).scalars()))


def timeline_months(store: Store, q: TimelineQuery) -> list[str | None]:
    """The month (``2025-03``) of every matching event: the event's own date when it gives the month,
    else its article's (as the web chart counts); None where neither does."""
    # Counted by month in the database, from an index: a store-wide timeline has tens of thousands of events.
    stmt = select(EV.c.month, func.count()).where(_where(q)).group_by(EV.c.month)
    with store.read() as conn:
        rows = conn.execute(stmt).all()
    return [None if m is None else str(m) for m, n in rows for _ in range(int(n))]
