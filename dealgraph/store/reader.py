"""The store's read interface: every interface (CLI, API, web, reports, exports) reads through here.

Functions take a ``Store`` and return plain dataclasses; no caller writes SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, func, or_, select

from dealgraph.exc import NotFound
from dealgraph.model import RemovedLine
from dealgraph.store import event_tables, schema
from dealgraph.store.event_reads import ArgView, EventView, count_events, events_where, list_events
from dealgraph.store.name_search import entity_ids_by_name
from dealgraph.store.store import Store

__all__ = [
    "ArgView",
    "EventView",
    "count_events",
    "list_events",
]  # re-exported: the read interface in one import

A, E, AE, M, AM = schema.articles, schema.entities, schema.article_entities, schema.mentions, schema.amounts
EV, ARG = event_tables.events, event_tables.event_args


@dataclass(frozen=True)
class MentionView:
    start: int
    end: int
    text: str
    origin: str


@dataclass(frozen=True)
class ArticleEntityView:
    key: str
    entity_id: str
    name: str
    type: str
    mentions: tuple[MentionView, ...]
    aliases: tuple[str, ...]
    ref: str | None = None  # the gazetteer id, when the name is a known one


@dataclass(frozen=True)
class AmountView:
    idx: int
    start: int
    end: int
    text: str
    value: float | None
    min: float | None
    max: float | None
    currency: str | None
    unit: str | None
    qualifier: str


@dataclass(frozen=True)
class ArticleView:
    id: str
    source: str
    title: str | None
    url: str | None
    outlet: str | None
    published: date | None
    published_how: str | None
    lang: str
    text: str
    removed: tuple[RemovedLine, ...]
    entities: tuple[ArticleEntityView, ...] = ()
    amounts: tuple[AmountView, ...] = ()
    events: tuple[EventView, ...] = ()


def _removed(stored: list[dict[str, Any]]) -> tuple[RemovedLine, ...]:
    """The furniture lines as ``Store.save`` keeps them (JSON objects) back as the model's records."""
    return tuple(
        RemovedLine(str(d.get("text", "")), str(d.get("reason", "")), int(d.get("offset", 0))) for d in stored
    )


@dataclass(frozen=True)
class EntitySummary:
    id: str
    name: str
    type: str
    articles: int
    mentions: int


@dataclass(frozen=True)
class ErrorView:
    source: str
    stage: str
    reason: str
    at: str


@dataclass
class Summary:
    articles: int = 0
    duplicates: int = 0
    errors: int = 0
    amounts: int = 0
    events: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    events_by_type: dict[str, int] = field(default_factory=dict)
    top_entities: list[EntitySummary] = field(default_factory=list)


def _count(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def summary(store: Store, top: int = 10) -> Summary:
    with store.read() as conn:
        result = Summary(
            articles=_count(conn, A),
            duplicates=_count(conn, schema.duplicates),
            errors=_count(conn, schema.ingest_errors),
            amounts=_count(conn, AM),
            events=_count(conn, EV),
        )
        rows = conn.execute(select(E.c.type, func.count()).group_by(E.c.type)).all()
        result.entities_by_type = {str(t): int(n) for t, n in rows}
        rows = conn.execute(select(EV.c.type, func.count()).group_by(EV.c.type)).all()
        result.events_by_type = {str(t): int(n) for t, n in rows}
    result.top_entities = list_entities(store, limit=top)
    return result


def list_entities(
    store: Store, type_: str | None = None, q: str | None = None, limit: int | None = 50, offset: int = 0
) -> list[EntitySummary]:
    """Canonical entities, most reported first; ``limit=None`` for all of them."""
    n_articles = func.count(func.distinct(AE.c.article_id))
    stmt = (
        _entities_select(type_, select(E.c.id, E.c.name, E.c.type, n_articles, func.count(M.c.id)))
        .order_by(n_articles.desc(), func.count(M.c.id).desc(), E.c.id)
        .limit(limit)
        .offset(offset)
    )
    if q and "\x00" in q:
        return []  # no stored name holds a NUL, and SQLite's LIKE would end the pattern there
    with store.read() as conn:
        if q:
            stmt = _name_filter(conn, stmt, q, type_)
        return [
            EntitySummary(str(r[0]), str(r[1]), str(r[2]), int(r[3]), int(r[4])) for r in conn.execute(stmt)
        ]


def count_entities(store: Store, type_: str | None = None, q: str | None = None) -> int:
    """How many entities ``list_entities`` would list without a limit (for "showing 50 of 312")."""
    if q and "\x00" in q:
        return 0
    stmt = _entities_select(type_, select(E.c.id))
    with store.read() as conn:
        if q:
            stmt = _name_filter(conn, stmt, q, type_)
        return int(conn.execute(select(func.count()).select_from(stmt.subquery())).scalar() or 0)


def _entities_select(type_: str | None, columns: Select[Any]) -> Select[Any]:
    """Entities with at least one mention, grouped by entity, of ``type_`` when given."""
    stmt = columns.select_from(
        E.join(AE, AE.c.entity_id == E.c.id).join(
            M, and_(M.c.article_id == AE.c.article_id, M.c.entity_key == AE.c.key)
        )
    ).group_by(E.c.id, E.c.name, E.c.type)
    return stmt.where(E.c.type == type_) if type_ else stmt


def _name_filter(conn: Connection, stmt: Select[Any], q: str, type_: str | None) -> Select[Any]:
    """Only entities with ``q`` in a name or mention, or a name in any script and spelling
    (``name_search``); the query is text to find, not a pattern: "%" and "_" match themselves."""
    escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"
    return stmt.where(
        or_(
            func.lower(E.c.name).like(like, escape="\\"),
            func.lower(AE.c.name).like(like, escape="\\"),
            func.lower(M.c.text).like(like, escape="\\"),
            E.c.id.in_(entity_ids_by_name(conn, q, type_)),
        )
    )


def find_entity_ids(store: Store, id_or_name: str) -> list[str]:
    """Entity ids for an id, or for a name or mention text (case-insensitive), else for a name in another
    script or spelling ("Дмитриев" for Kirill Dmitriev)."""
    with store.read() as conn:
        if conn.execute(select(E.c.id).where(E.c.id == id_or_name)).scalar() is not None:
            return [id_or_name]
        low = id_or_name.lower()
        ids = (
            conn.execute(
                select(AE.c.entity_id)
                .select_from(AE.join(M, and_(M.c.article_id == AE.c.article_id, M.c.entity_key == AE.c.key)))
                .where(or_(func.lower(AE.c.name) == low, func.lower(M.c.text) == low))
                .group_by(AE.c.entity_id)
                .order_by(func.count().desc())
            )
            .scalars()
            .all()
        )
        return [str(i) for i in ids] or entity_ids_by_name(conn, id_or_name)


def article_ids(store: Store, limit: int | None = None, offset: int = 0) -> list[str]:
    stmt = select(A.c.id).order_by(A.c.published.desc(), A.c.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as conn:
        return [str(i) for i in conn.execute(stmt).scalars()]


def get_article(store: Store, article_id: str) -> ArticleView:
    with store.read() as conn:
        views = _articles(conn, [article_id])
    if not views:
        raise NotFound(f"no article {article_id!r}")
    return views[0]


def iter_articles(store: Store, chunk: int = 200) -> Iterator[ArticleView]:
    ids = article_ids(store)
    ids.sort()
    for i in range(0, len(ids), chunk):
        with store.read() as conn:
            yield from _articles(conn, ids[i : i + chunk])


def _articles(conn: Connection, ids: list[str]) -> list[ArticleView]:
    rows = {r.id: r for r in conn.execute(select(A).where(A.c.id.in_(ids)))}
    mentions: dict[tuple[str, str], list[MentionView]] = defaultdict(list)
    for r in conn.execute(select(M).where(M.c.article_id.in_(ids)).order_by(M.c.start)):
        mentions[(r.article_id, r.entity_key)].append(MentionView(r.start, r.end, r.text, r.origin))
    ents: dict[str, list[ArticleEntityView]] = defaultdict(list)
    for r in conn.execute(select(AE).where(AE.c.article_id.in_(ids))):
        ents[r.article_id].append(
            ArticleEntityView(
                r.key,
                r.entity_id,
                r.name,
                r.type,
                tuple(mentions[(r.article_id, r.key)]),
                tuple(r.aliases),
                r.ref,
            )
        )
    amounts: dict[str, list[AmountView]] = defaultdict(list)
    for r in conn.execute(select(AM).where(AM.c.article_id.in_(ids)).order_by(AM.c.idx)):
        amounts[r.article_id].append(
            AmountView(r.idx, r.start, r.end, r.text, r.value, r.min, r.max, r.currency, r.unit, r.qualifier)
        )
    events = events_where(conn, EV.c.article_id.in_(ids))
    by_article: dict[str, list[EventView]] = defaultdict(list)
    for ev in events:
        by_article[ev.article_id].append(ev)
    result = []
    for i in ids:
        found = rows.get(i)
        if found is None:
            continue
        r = found
        result.append(
            ArticleView(
                r.id,
                r.source,
                r.title,
                r.url,
                r.outlet,
                r.published,
                r.published_how,
                r.lang,
                r.text,
                _removed(r.removed),
                tuple(sorted(ents[i], key=lambda e: int(e.key[1:]))),
                tuple(amounts[i]),
                tuple(by_article[i]),
            )
        )
    return result


def list_errors(store: Store, limit: int | None = 1000) -> list[ErrorView]:
    t = schema.ingest_errors
    with store.read() as conn:
        rows = conn.execute(select(t).order_by(t.c.id).limit(limit)).all()
    return [ErrorView(r.source, r.stage, r.reason, r.at.isoformat(timespec="seconds")) for r in rows]


@dataclass(frozen=True)
class EntityArticle:
    article_id: str
    title: str | None
    published: date | None
    forms: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class EntityDetail:
    id: str
    name: str
    type: str
    ref: str | None
    names: tuple[str, ...]  # every surface form and alias seen, most frequent first
    articles: tuple[EntityArticle, ...]


def get_entity(store: Store, entity_id: str) -> EntityDetail:
    with store.read() as conn:
        row = conn.execute(select(E).where(E.c.id == entity_id)).first()
        if row is None:
            raise NotFound(f"no entity {entity_id!r}")
        links = conn.execute(
            select(AE.c.article_id, AE.c.key, AE.c.aliases, A.c.title, A.c.published)
            .select_from(AE.join(A, A.c.id == AE.c.article_id))
            .where(AE.c.entity_id == entity_id)
            .order_by(A.c.published, A.c.id)
        ).all()
        # every mention of the entity in one statement (not one per article), in the order stored
        mentioned: dict[tuple[str, str], list[str]] = defaultdict(list)
        for m in conn.execute(
            select(M.c.article_id, M.c.entity_key, M.c.text)
            .join(AE, and_(AE.c.article_id == M.c.article_id, AE.c.key == M.c.entity_key))
            .where(AE.c.entity_id == entity_id)
            .order_by(M.c.id)
        ):
            mentioned[(m.article_id, m.entity_key)].append(m.text)
        forms: dict[str, int] = defaultdict(int)
        articles = []
        for link in links:
            texts = mentioned[(link.article_id, link.key)]
            for t in [*texts, *link.aliases]:
                forms[str(t)] += 1
            articles.append(
                EntityArticle(
                    link.article_id, link.title, link.published, tuple(dict.fromkeys(texts)), len(texts)
                )
            )
    names = tuple(sorted(forms, key=lambda f: -forms[f]))
    return EntityDetail(row.id, row.name, row.type, row.ref, names, tuple(articles))
