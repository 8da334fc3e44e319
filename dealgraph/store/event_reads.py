"""Events read back as ``EventView``s: filtered lists for the CLI and API, and the shared row-to-view step.

An event's evidence is cut from the article text in SQL (``substr`` counts characters on both SQLite and
PostgreSQL, as Python slicing does), so no article's whole text is loaded to list its events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, String, and_, func, or_, select

from dealgraph.store import event_tables, schema
from dealgraph.store.store import Store

A, AE = schema.articles, schema.article_entities
EV, ARG = event_tables.events, event_tables.event_args


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


def event_views(conn: Connection, rows: list[Any]) -> list[EventView]:
    """Rows of ``events`` joined with ``published`` and ``evidence`` → views with arguments and names."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    args: dict[str, list[Any]] = defaultdict(list)
    for a in conn.execute(select(ARG).where(ARG.c.event_id.in_(ids)).order_by(ARG.c.event_id, ARG.c.pos)):
        args[a.event_id].append(a)
    wanted = {(r.article_id, r.source_key) for r in rows if r.source_key}
    for r in rows:
        wanted.update((r.article_id, a.entity_key) for a in args[r.id] if a.entity_key)
    names: dict[tuple[str, str], tuple[str, str]] = {}
    articles = sorted({a for a, _ in wanted})
    for i in range(0, len(articles), 400):
        for e in conn.execute(
            select(AE.c.article_id, AE.c.key, AE.c.entity_id, AE.c.name).where(
                AE.c.article_id.in_(articles[i : i + 400])
            )
        ):
            if (e.article_id, e.key) in wanted:
                names[(e.article_id, e.key)] = (e.entity_id, e.name)
    result = []
    for r in rows:
        views = []
        for a in args[r.id]:
            ent = names.get((r.article_id, a.entity_key)) if a.entity_key else None
            views.append(
                ArgView(
                    a.role,
                    a.entity_key,
                    ent[0] if ent else None,
                    ent[1] if ent else None,
                    a.amount_idx,
                    a.text,
                )
            )
        src = names.get((r.article_id, r.source_key)) if r.source_key else None
        result.append(
            EventView(
                r.id,
                r.article_id,
                r.type,
                r.modality,
                r.polarity,
                r.source_key,
                src[0] if src else None,
                src[1] if src else None,
                r.trigger,
                str(r.evidence or ""),
                r.evidence_start,
                r.evidence_end,
                r.event_date,
                r.published,
                r.extractor,
                r.confidence,
                tuple(views),
            )
        )
    return result


def events_where(conn: Connection, where: Any, limit: int | None = None, offset: int = 0) -> list[EventView]:
    stmt = (
        select(EV, A.c.published, evidence_text().label("evidence"))
        .select_from(EV.join(A, A.c.id == EV.c.article_id))
        .where(where)
        # undated first on both backends (SQLite and PostgreSQL disagree on where NULLs go); within a day,
        # in reading order (ids are hashes: store.stable_event_id)
        .order_by(
            func.coalesce(EV.c.event_date, func.cast(A.c.published, String)).nulls_first(),
            EV.c.article_id,
            EV.c.idx,
        )
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return event_views(conn, list(conn.execute(stmt).all()))


def list_events(
    store: Store,
    type_: str | None = None,
    entity_id: str | None = None,
    modality: str | None = None,
    since: date | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[EventView]:
    where = _events_filter(type_, entity_id, modality, since)
    with store.read() as conn:
        return events_where(conn, where, limit, offset)


def count_events(
    store: Store,
    type_: str | None = None,
    entity_id: str | None = None,
    modality: str | None = None,
    since: date | None = None,
) -> int:
    """How many events ``list_events`` would list without a limit (for "showing 100 of 740")."""
    stmt = (
        select(func.count())
        .select_from(EV.join(A, A.c.id == EV.c.article_id))
        .where(_events_filter(type_, entity_id, modality, since))
    )
    with store.read() as conn:
        return int(conn.execute(stmt).scalar() or 0)


def _events_filter(type_: str | None, entity_id: str | None, modality: str | None, since: date | None) -> Any:
    conds: list[Any] = []
    if type_:
        conds.append(EV.c.type == type_.upper())
    if modality:
        conds.append(EV.c.modality == modality)
    if since:
        conds.append(
            or_(EV.c.event_date >= since.isoformat(), and_(EV.c.event_date.is_(None), A.c.published >= since))
        )
    if entity_id:
        keyed = select(AE.c.article_id, AE.c.key).where(AE.c.entity_id == entity_id).subquery()
        in_args = select(ARG.c.event_id).select_from(
            ARG.join(EV, EV.c.id == ARG.c.event_id).join(
                keyed, and_(keyed.c.article_id == EV.c.article_id, keyed.c.key == ARG.c.entity_key)
            )
        )
        conds.append(EV.c.id.in_(in_args))
    return and_(*conds) if conds else EV.c.id.isnot(None)
