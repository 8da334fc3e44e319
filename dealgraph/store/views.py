"""Read-only views for the analyst's desk (API, web UI, reports), next to ``reader.py``.

``reader`` answers the CLI's and exports' questions; the desk needs a few more, shaped for pages: an
article listing, full-text hits with titles, an entity overview whose article list is paginated in SQL
(a hub entity has thousands of articles), its screening hits, merge redirects, and the amounts that
events point to. Everything is SQLAlchemy Core over the store's tables; nothing here writes.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from dealgraph.exc import NotFound
from dealgraph.names.text import has_cyrillic
from dealgraph.resolve.translit import to_latin
from dealgraph.screen import grades
from dealgraph.screen.records import entry_key
from dealgraph.store import resolve_tables, schema, search_index
from dealgraph.store.name_search import entity_ids_by_name
from dealgraph.store.screening_tables import entity_hits
from dealgraph.store.store import Store

log = logging.getLogger(__name__)

A, E, AE, M, AM = schema.articles, schema.entities, schema.article_entities, schema.mentions, schema.amounts


@dataclass(frozen=True)
class ArticleRow:
    id: str
    title: str | None
    published: date | None
    outlet: str | None
    lang: str
    source: str


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    published: date | None
    snippet: str


@dataclass(frozen=True)
class NameCount:
    name: str
    count: int


@dataclass(frozen=True)
class EntityArticleRow:
    article_id: str
    key: str  # the in-article entity key (for a split judgement)
    title: str | None
    published: date | None
    mentions: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class HitView:
    """A screening hit of a canonical entity, as the screening stage stored it."""

    entity_id: str
    dataset: str
    entry_id: str
    name: str
    matched_name: str | None
    score: float | None
    explanation: str | None
    programs: tuple[str, ...]
    listed_on: date | None
    listed_from: date | None
    listed_until: date | None
    relation: str = "listed"  # "linked": the entity is a party the entry is linked to
    dismissed: bool = False
    grade: str | None = None  # exact | strong | possible (``screen.grades``)
    confirmed: bool = False  # a reviewer confirmed it: it counts as listed whatever its grade

    @property
    def key(self) -> str:
        return entry_key(self.dataset, self.entry_id)

    @property
    def status(self) -> str:
        """ "listed" (an exact or strong hit), "to review" (a possible one) or "dismissed"."""
        return grades.status(self)

    def listed_at(self, day: date | None) -> bool:
        """Whether this hit makes the party listed on ``day``: ``screen.grades.is_listed``, the one rule."""
        return grades.is_listed(self, day)


@dataclass(frozen=True)
class EntityOverview:
    id: str
    name: str
    type: str
    ref: str | None
    names: tuple[NameCount, ...]
    article_count: int
    mention_count: int
    articles: tuple[EntityArticleRow, ...]
    merged_from: tuple[str, ...]
    hits: tuple[HitView, ...]
    other_script: str | None = None  # the name in the other script: "Кирилл Дмитриев" / "Kirill Dmitriev"


def canonical_id(store: Store, entity_id: str) -> str:
    """Follow merge redirects (``entity_merges``) to the id in use; unknown ids come back unchanged."""
    with store.read() as conn:
        return resolve_tables.canonical(conn, entity_id)


def list_articles(
    store: Store, limit: int = 50, offset: int = 0, since: date | None = None, outlet: str | None = None
) -> list[ArticleRow]:
    """Articles, newest first."""
    stmt = select(A.c.id, A.c.title, A.c.published, A.c.outlet, A.c.lang, A.c.source)
    if since is not None:
        stmt = stmt.where(A.c.published >= since)
    if outlet:
        stmt = stmt.where(A.c.outlet == outlet)
    stmt = stmt.order_by(A.c.published.desc(), A.c.id).limit(limit).offset(offset)
    with store.read() as conn:
        return [
            ArticleRow(r.id, r.title, r.published, r.outlet, r.lang, r.source) for r in conn.execute(stmt)
        ]


def search_articles(store: Store, q: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """Full-text hits (best first) with their article's title and date, then the articles that mention
    an entity named ``q`` in any script or spelling ("Дмитриев" finds the articles that say "Kirill
    Dmitriev" or "Кириллом Дмитриевым"), newest first."""
    with store.read() as conn:
        found = search_index.search(conn, q, limit + offset, 0)
        texts = {i for i, _ in found}
        entity_ids = entity_ids_by_name(conn, q)
        by_entity: list[tuple[str, str]] = []
        if entity_ids and len(found) < limit + offset:
            ae = schema.article_entities
            rows = conn.execute(
                select(ae.c.article_id, func.min(ae.c.name))
                .join(A, A.c.id == ae.c.article_id)
                .where(ae.c.entity_id.in_(entity_ids))
                .group_by(ae.c.article_id)
                .order_by(func.max(A.c.published).desc(), ae.c.article_id)
                .limit(limit + offset)
            ).all()
            by_entity = [(str(r[0]), f"mentions {r[1]}") for r in rows if str(r[0]) not in texts]
        page = (found + by_entity)[offset : offset + limit]
        if not page:
            return []
        ids = [i for i, _ in page]
        meta = {
            r.id: r for r in conn.execute(select(A.c.id, A.c.title, A.c.published).where(A.c.id.in_(ids)))
        }
    return [
        SearchHit(i, meta[i].title if i in meta else None, meta[i].published if i in meta else None, snippet)
        for i, snippet in page
    ]


def _names(conn: Connection, entity_id: str) -> list[NameCount]:
    """Surface forms with how often each was seen: the resolver's name table when it has the entity
    (one indexed read), else counted from the mentions."""
    t = resolve_tables.entity_names
    known = conn.execute(
        select(t.c.name, t.c.count)
        .where(t.c.entity_id == entity_id)
        .order_by(t.c.count.desc(), t.c.name)
        .limit(50)
    ).all()
    if known:
        return [NameCount(str(r[0]), int(r[1])) for r in known]
    rows = conn.execute(
        select(M.c.text, func.count())
        .select_from(AE.join(M, and_(M.c.article_id == AE.c.article_id, M.c.entity_key == AE.c.key)))
        .where(AE.c.entity_id == entity_id)
        .group_by(M.c.text)
        .order_by(func.count().desc(), M.c.text)
        .limit(50)
    ).all()
    counts = {str(r[0]): int(r[1]) for r in rows}
    for aliases in conn.execute(select(AE.c.aliases).where(AE.c.entity_id == entity_id).limit(500)).scalars():
        for alias in aliases or ():
            counts.setdefault(str(alias), 0)
    return [NameCount(n, c) for n, c in counts.items()]


def entity_overview(store: Store, entity_id: str, limit: int = 50, offset: int = 0) -> EntityOverview:
    """An entity's names, counts, a page of its articles (newest first), merges and screening hits."""
    with store.read() as conn:
        row = conn.execute(select(E).where(E.c.id == entity_id)).first()
        if row is None:
            raise NotFound(f"no entity {entity_id!r}")
        names = _names(conn, entity_id)
        n_articles = int(
            conn.execute(
                select(func.count(func.distinct(AE.c.article_id))).where(AE.c.entity_id == entity_id)
            ).scalar()
            or 0
        )
        n_mentions = sum(n.count for n in names)
        page = conn.execute(
            select(AE.c.article_id, AE.c.key, A.c.title, A.c.published)
            .select_from(AE.join(A, A.c.id == AE.c.article_id))
            .where(AE.c.entity_id == entity_id)
            .order_by(A.c.published.desc(), A.c.id)
            .limit(limit)
            .offset(offset)
        ).all()
        forms: dict[str, list[str]] = defaultdict(list)
        if page:
            conds = [and_(M.c.article_id == r.article_id, M.c.entity_key == r.key) for r in page]
            for m in conn.execute(select(M.c.article_id, M.c.text).where(or_(*conds)).order_by(M.c.start)):
                forms[str(m.article_id)].append(str(m.text))
        merged = conn.execute(
            select(resolve_tables.entity_merges.c.from_id).where(
                resolve_tables.entity_merges.c.to_id == entity_id
            )
        ).scalars()
        merged_from = tuple(sorted(str(m) for m in merged))
        hits = _hits(conn, [entity_id]).get(entity_id, [])
        other = _other_script(conn, entity_id, str(row.name))
    articles = tuple(
        EntityArticleRow(
            str(r.article_id),
            str(r.key),
            r.title,
            r.published,
            len(forms[r.article_id]),
            tuple(dict.fromkeys(forms[r.article_id])),
        )
        for r in page
    )
    return EntityOverview(
        row.id,
        row.name,
        row.type,
        row.ref,
        tuple(names),
        n_articles,
        n_mentions,
        articles,
        merged_from,
        tuple(hits),
        other,
    )


def _other_script(conn: Connection, entity_id: str, name: str) -> str | None:
    """A Cyrillic name in Latin letters (``to_latin``); for a Latin name, the Cyrillic name Russian
    articles gave the entity most often (their in-article names are nominative)."""
    if has_cyrillic(name):
        return to_latin(name)
    rows = conn.execute(
        select(AE.c.name, func.count())
        .where(AE.c.entity_id == entity_id)
        .group_by(AE.c.name)
        .order_by(func.count().desc(), AE.c.name)
        .limit(20)
    ).all()
    return next((str(r[0]) for r in rows if has_cyrillic(str(r[0]))), None)


def article_titles(store: Store, article_ids: Iterable[str]) -> dict[str, tuple[str | None, date | None]]:
    """Title and publication date of each known article id."""
    ids = list(set(article_ids))
    result: dict[str, tuple[str | None, date | None]] = {}
    with store.read() as conn:
        for i in range(0, len(ids), 500):
            rows = conn.execute(select(A.c.id, A.c.title, A.c.published).where(A.c.id.in_(ids[i : i + 500])))
            result.update({str(r.id): (r.title, r.published) for r in rows})
    return result


def entity_names(store: Store, entity_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Name and type of each known entity id."""
    ids = list(set(entity_ids))
    if not ids:
        return {}
    with store.read() as conn:
        return {
            str(r.id): (str(r.name), str(r.type))
            for r in conn.execute(select(E.c.id, E.c.name, E.c.type).where(E.c.id.in_(ids)))
        }


def amounts_for(store: Store, pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], dict[str, Any]]:
    """The stored amounts behind (article id, amount index) pairs, as plain dicts."""
    wanted = set(pairs)
    if not wanted:
        return {}
    by_article: dict[str, set[int]] = defaultdict(set)
    for article_id, idx in wanted:
        by_article[article_id].add(idx)
    result: dict[tuple[str, int], dict[str, Any]] = {}
    with store.read() as conn:
        rows = conn.execute(select(AM).where(AM.c.article_id.in_(list(by_article))))
        for r in rows:
            if r.idx in by_article[r.article_id]:
                result[(r.article_id, r.idx)] = {
                    "text": r.text,
                    "value": r.value,
                    "min": r.min,
                    "max": r.max,
                    "currency": r.currency,
                    "unit": r.unit,
                    "qualifier": r.qualifier,
                }
    return result


# -- screening hits ---------------------------------------------------------------------------------


def _col(row: Any, name: str) -> Any:
    return getattr(row, name, None)


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _hits(conn: Connection, entity_ids: list[str]) -> dict[str, list[HitView]]:
    table = entity_hits
    if not entity_ids:
        return {}
    from dealgraph.resolve.judgements import hit_decisions  # resolve imports the store: not at the top

    decisions = hit_decisions(conn)
    result: dict[str, list[HitView]] = defaultdict(list)
    for r in conn.execute(select(table).where(table.c.entity_id.in_(entity_ids))):
        programs = _col(r, "programs") or ()
        hit = HitView(
            entity_id=str(r.entity_id),
            dataset=str(_col(r, "dataset") or ""),
            entry_id=str(_col(r, "entry_id") or ""),
            name=str(_col(r, "name") or _col(r, "entry_name") or ""),
            matched_name=_col(r, "matched_name"),
            score=_col(r, "score"),
            explanation=_col(r, "explanation"),
            programs=tuple(str(p) for p in (programs.split(";") if isinstance(programs, str) else programs)),
            listed_on=_as_date(_col(r, "listed_on")),
            listed_from=_as_date(_col(r, "listed_from")),
            listed_until=_as_date(_col(r, "listed_until")),
            relation=str(_col(r, "relation") or "listed"),
            grade=_col(r, "grade"),
        )
        decision = decisions.get((hit.entity_id, hit.key))
        hit = replace(hit, dismissed=decision == "dismiss", confirmed=decision == "confirm")
        result[hit.entity_id].append(hit)
    for hits in result.values():
        hits.sort(key=lambda h: (h.dismissed, -(h.score or 0.0), h.key))
    return result


def screening_loaded(store: Store) -> bool:
    """Whether this store has screening results to show (screening has run)."""
    with store.read() as conn:
        return conn.execute(select(entity_hits.c.entity_id).limit(1)).first() is not None


def hits_for(store: Store, entity_ids: Iterable[str]) -> dict[str, list[HitView]]:
    """Screening hits of each entity (dismissed ones included, marked), empty without screening."""
    with store.read() as conn:
        return _hits(conn, list(set(entity_ids)))
