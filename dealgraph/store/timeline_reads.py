"""The timeline as the desk reads it: filtered, newest or oldest first, the undated in a group at the end,
a page at a time, and the month of every matching event so the chart covers the whole range.

Filters: event type, modality, a date floor, an entity in any role, the named source (an entity id),
the project (an entity id in the ``project`` role), and ROLE events left out ("who is who" is not a
deal). An event's day is its own date when the text gives one, else its article's; an event with
neither is undated and comes after every dated one in either order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection, and_, case, func, select

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


INLINE = 10_000  # at most this many event ids are given to a query as a list (else it asks again)


def _in_role(conn: Connection, entity_id: str, role: str | None = None) -> Any:
    """The events in which the entity fills a role (``role`` alone, when given): found once and given to
    the query as a list of ids, or as the subquery itself when they are very many (bound parameters
    have a limit). Found once because a hub entity's events cost a scan of its thousands of articles,
    which the page, its chart and each deal type would otherwise repeat."""
    keyed = select(AE.c.article_id, AE.c.key).where(AE.c.entity_id == entity_id).subquery()
    args = ARG.join(EV, EV.c.id == ARG.c.event_id).join(
        keyed, and_(keyed.c.article_id == EV.c.article_id, keyed.c.key == ARG.c.entity_key)
    )
    stmt = select(ARG.c.event_id).select_from(args)
    if role:
        stmt = stmt.where(ARG.c.role == role)
    ids = list(conn.execute(stmt.distinct().limit(INLINE + 1)).scalars())
    return EV.c.id.in_(ids) if len(ids) <= INLINE else EV.c.id.in_(stmt)


def _said_by(entity_id: str) -> Any:
    said = select(AE.c.key).where(
        AE.c.article_id == EV.c.article_id, AE.c.key == EV.c.source_key, AE.c.entity_id == entity_id
    )
    return said.exists()


def _where(conn: Connection, q: TimelineQuery) -> Any:
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
        conds.append(_in_role(conn, q.entity_id))
    if q.project_id:
        conds.append(_in_role(conn, q.project_id, "project"))
    if q.source_id:
        conds.append(_said_by(q.source_id))
    return and_(*conds) if conds else EV.c.id.isnot(None)


def _with_amount() -> Any:
    return select(ARG.c.event_id).where(ARG.c.event_id == EV.c.id, ARG.c.amount_idx.isnot(None)).exists()


def _order(order: Order, amounts_first: bool) -> list[Any]:
    """Dated events newest (or oldest) first, then the undated, in reading order within a day; those that
    carry an amount before all others when ``amounts_first``."""
    by_day = EV.c.day.desc().nulls_last() if order == "newest" else EV.c.day.asc().nulls_last()
    keys = [case((_with_amount(), 0), else_=1)] if amounts_first else []
    return [*keys, by_day, EV.c.article_id, EV.c.idx]


def timeline_events(
    store: Store,
    q: TimelineQuery,
    order: Order = "newest",
    limit: int | None = 100,
    offset: int = 0,
) -> list[EventView]:
    """A page of the matching events in ``_order``.

    The page's ids are found first, from the events' ``day`` index, and only those events are read with
    their evidence: cutting the evidence of every matching event to sort them cost most of a page."""
    with store.read() as conn:
        return _page(conn, _where(conn, q), order, limit, offset)


def events_by_type(
    store: Store,
    q: TimelineQuery,
    types: Sequence[str],
    limit: int,
    offset: int = 0,
    *,
    amounts_first: bool = False,
) -> dict[str, list[EventView]]:
    """For each of ``types``, the ``limit`` matching events after ``offset`` in ``_order`` (newest first):
    one query, each type's events numbered by a window function, so an entity's events are found once
    and not once a type."""
    rank = func.row_number().over(partition_by=EV.c.type, order_by=_order("newest", amounts_first))
    found: dict[str, list[EventView]] = {kind: [] for kind in types}
    with store.read() as conn:
        where = and_(_where(conn, q), EV.c.type.in_(types))
        ranked = select(EV.c.id, EV.c.type, rank.label("rank")).where(where).subquery()
        stmt = (
            select(ranked.c.id, ranked.c.type)
            .where(ranked.c.rank > offset, ranked.c.rank <= offset + limit)
            .order_by(ranked.c.type, ranked.c.rank)
        )
        rows = conn.execute(stmt).all()
        events = {ev.id: ev for ev in events_by_id(conn, [r.id for r in rows])}
    for r in rows:
        found[r.type].append(events[r.id])
    return found


def timeline_months(store: Store, q: TimelineQuery) -> dict[str, int]:
    """How many matching events fall in each month (``2025-03``): the event's own date when it gives the
    month, else its article's; events where neither does are not counted."""
    with store.read() as conn:
        return _months(conn, _where(conn, q))


def timeline_page(
    store: Store, q: TimelineQuery, order: Order = "newest", limit: int | None = 100, offset: int = 0
) -> tuple[list[EventView], dict[str, int]]:
    """``timeline_events`` and ``timeline_months`` of one query together, its entity's events found once."""
    with store.read() as conn:
        where = _where(conn, q)
        return _page(conn, where, order, limit, offset), _months(conn, where)


def _page(conn: Connection, where: Any, order: Order, limit: int | None, offset: int) -> list[EventView]:
    stmt = select(EV.c.id).where(where).order_by(*_order(order, False)).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return events_by_id(conn, list(conn.execute(stmt).scalars()))


def _months(conn: Connection, where: Any) -> dict[str, int]:
    # Counted by month in the database, from an index: a store-wide timeline has tens of thousands of events.
    stmt = select(EV.c.month, func.count()).where(where, EV.c.month.isnot(None)).group_by(EV.c.month)
    return {str(m): int(n) for m, n in conn.execute(stmt)}
