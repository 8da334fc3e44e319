"""Event tables: deal events with their modality, source and evidence span, and their arguments.

``day`` and ``month`` are written with each event (``sort_keys``) so that the timeline and the event
lists are ordered and counted from an index: computed at read time from the article's date, they made
every store-wide page sort all the events of the store (BENCHMARKS.md, "API latency")."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Column, Float, Index, Integer, String, Table, Text

from dealgraph.store import columns as col
from dealgraph.store.schema import metadata

day_column = Column("day", String(10))  # the event's own date, else its article's: the order of lists

events = Table(
    "events",
    metadata,
    col.event_id("id", primary_key=True),  # "{article_id}:{idx}"
    col.article_ref(nullable=False),
    Column("idx", Integer, nullable=False),
    Column("type", String(20), nullable=False),
    Column("modality", String(10), nullable=False),
    Column("polarity", String(10)),
    col.entity_key("source_key"),
    Column("trigger", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("event_date", String(10)),
    Column("extractor", String(60), nullable=False),
    Column("confidence", Float, nullable=False),
    day_column,
    Column("month", String(7)),  # its own date's month when it gives one, else its article's
    Index("ix_events_article", "article_id"),
    Index("ix_events_type", "type"),
    # newest first, in reading order within a day, undated last (SQLite's order of a DESC index)
    Index("ix_events_day", day_column.desc(), "article_id", "idx"),
    Index("ix_events_type_day", "type", day_column.desc(), "article_id", "idx"),
    Index("ix_events_month", "month", "type"),
)

event_args = Table(
    "event_args",
    metadata,
    col.event_ref(primary_key=True),
    Column("pos", Integer, primary_key=True),
    Column("role", String(20), nullable=False),
    col.entity_key(),
    Column("amount_idx", Integer),
    Column("text", Text),
    Column("extra", JSON),
)

TABLES = (events, event_args)


def sort_keys(event_date: str | None, published: date | None) -> tuple[str | None, str | None]:
    """An event's ``day`` (its own date, which may be a month or a year, else its article's) and
    ``month`` (``2025-03``: its own date's when that gives the month, else its article's; None when
    neither does)."""
    article = published.isoformat() if published else None
    own_month = event_date[:7] if event_date and len(event_date) >= 7 else None
    return event_date or article, own_month or (article[:7] if article else None)
