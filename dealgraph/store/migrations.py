"""Versioned schema migrations, for SQLite and PostgreSQL alike.

Each migration is a numbered step that only adds: new tables, new indexes, new nullable columns.
``migrate`` applies the missing ones in order and records each in ``schema_version``. Later
capabilities (events, judgements, screening) arrive as new steps, never as rewrites of earlier ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, bindparam, insert, inspect, select, text, update

from dealgraph.store import event_tables, schema

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    note: str
    apply: Callable[[Connection], None]


def _create(*tables: Table) -> Callable[[Connection], None]:
    def apply(conn: Connection) -> None:
        for table in tables:
            table.create(conn, checkfirst=True)

    return apply


def _read_indexes(conn: Connection) -> None:
    """Covering indexes for an entity's articles and an article's events (see BENCHMARKS.md).

    Plain DDL rather than ``sqlalchemy.Index``: an ``Index`` built on a table registers itself on that
    (module-level) table, so the next store opened in the process would create it twice.
    """
    for name, table, columns in (
        ("ix_article_entities_entity_article", "article_entities", 'entity_id, article_id, "key"'),
        ("ix_events_article_id_date", "events", "article_id, id, event_date"),
    ):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})"))


def _add_column(table: str, column: str, ddl: str) -> Callable[[Connection], None]:
    """Add a nullable column unless the table has it already (a table created after the column
    was declared, by its own migration's ``create``, has it from the start)."""

    def apply(conn: Connection) -> None:
        if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))

    return apply


def _event_days(conn: Connection) -> None:
    """The events' ``day`` and ``month`` columns, their values for the events stored before them (from
    ``event_tables.sort_keys``, as new events get them) and the indexes the lists are read from."""
    ev, articles = event_tables.events, schema.articles
    for column, ddl in (("day", "VARCHAR(10)"), ("month", "VARCHAR(7)")):
        _add_column("events", column, ddl)(conn)
    rows = conn.execute(
        select(ev.c.id, ev.c.event_date, articles.c.published)
        .select_from(ev.join(articles, articles.c.id == ev.c.article_id))
        .where(ev.c.day.is_(None), ev.c.month.is_(None))
    ).all()
    keyed = []
    for r in rows:
        day, month = event_tables.sort_keys(r.event_date, r.published)
        keyed.append({"event": r.id, "new_day": day, "new_month": month})
    if keyed:
        stmt = update(event_tables.events).where(ev.c.id == bindparam("event"))
        conn.execute(stmt.values(day=bindparam("new_day"), month=bindparam("new_month")), keyed)
    for index in ev.indexes:  # the new ones; those of migration 2 are there already
        index.create(conn, checkfirst=True)


def _migrations() -> list[Migration]:
    # Imported here so that every table module has registered on ``schema.metadata``.
    from dealgraph.store import (
        alert_tables,
        claim_tables,
        resolve_tables,
        screened_tables,
        screening_tables,
        search_index,
        watch_tables,
    )

    return [
        Migration(
            1,
            "articles, entities, mentions, amounts, ingest errors",
            _create(
                schema.articles,
                schema.duplicates,
                schema.entities,
                schema.article_entities,
                schema.mentions,
                schema.amounts,
                schema.ingest_errors,
                schema.signatures,
                schema.article_signatures,
            ),
        ),
        Migration(2, "events and their arguments", _create(*event_tables.TABLES)),
        Migration(3, "resolution judgements", _create(*resolve_tables.TABLES)),
        Migration(4, "sanctions lists and screening", _create(*screening_tables.TABLES)),
        Migration(5, "full-text search index", search_index.create),
        Migration(6, "feed watching state", _create(*watch_tables.TABLES)),
        Migration(7, "screening state of entities", _create(*screened_tables.TABLES)),
        Migration(8, "indexes for entity pages and event reads", _read_indexes),
        Migration(9, "claims: events of articles that report one fact", _create(*claim_tables.TABLES)),
        Migration(10, "watchlist and alerts", _create(*alert_tables.TABLES)),
        Migration(11, "grades of screening hits", _add_column("entity_hits", "grade", "VARCHAR(10)")),
        Migration(12, "events ordered and counted by day and month from an index", _event_days),
    ]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(conn: Connection) -> int:
    """Apply every missing migration; return the resulting version."""
    schema.schema_version.create(conn, checkfirst=True)
    have = current_version(conn)
    for step in _migrations():
        if step.version <= have:
            continue
        log.info("applying migration %d: %s", step.version, step.note)
        step.apply(conn)
        conn.execute(
            insert(schema.schema_version).values(
                version=step.version, applied_at=datetime.now(UTC).replace(tzinfo=None), note=step.note
            )
        )
        have = step.version
    return have
