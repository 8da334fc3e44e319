"""What a brief reads besides events: each cited article's bibliographic line, and the list snapshots.

A citation a reader can send on names the outlet, title, date and URL of its article, so the brief
reads those columns for the cited articles in one query; "Sanctions status" names the list snapshots
the parties were checked against (dataset and date), or says that none is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import inspect, select

from dealgraph.store import schema, screening_tables
from dealgraph.store.store import Store

A = schema.articles
S = screening_tables.list_snapshots


@dataclass(frozen=True)
class ArticleSource:
    article_id: str
    title: str | None
    published: date | None
    outlet: str | None
    url: str | None
    source: str  # where ingest read it: a URL, a file path, ``file.jsonl#3``


@dataclass(frozen=True)
class SnapshotView:
    dataset: str
    as_of: date
    entries: int


def article_sources(store: Store, article_ids: Iterable[str]) -> dict[str, ArticleSource]:
    """Title, date, outlet, URL and source of each known article id."""
    ids = sorted(set(article_ids))
    result: dict[str, ArticleSource] = {}
    with store.read() as conn:
        for i in range(0, len(ids), 500):
            rows = conn.execute(
                select(A.c.id, A.c.title, A.c.published, A.c.outlet, A.c.url, A.c.source).where(
                    A.c.id.in_(ids[i : i + 500])
                )
            )
            for r in rows:
                result[r.id] = ArticleSource(r.id, r.title, r.published, r.outlet, r.url, r.source)
    return result


def loaded_snapshots(store: Store) -> list[SnapshotView]:
    """Every loaded sanctions list snapshot, by dataset then date; empty when none is loaded."""
    with store.read() as conn:
        if not inspect(conn).has_table(S.name):
            return []
        rows = conn.execute(select(S.c.dataset, S.c.as_of, S.c.entries).order_by(S.c.dataset, S.c.as_of))
        return [SnapshotView(r.dataset, r.as_of, r.entries) for r in rows]
