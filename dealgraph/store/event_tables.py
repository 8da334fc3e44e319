"""Event tables: deal events with their modality, source and evidence span, and their arguments."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Float, ForeignKey, Index, Integer, String, Table, Text

from dealgraph.store.schema import metadata

events = Table(
    "events",
    metadata,
    Column("id", String(220), primary_key=True),  # "{article_id}:{idx}"
    Column("article_id", String(200), ForeignKey("articles.id"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("type", String(20), nullable=False),
    Column("modality", String(10), nullable=False),
    Column("polarity", String(10)),
    Column("source_key", String(20)),
    Column("trigger", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("event_date", String(10)),
    Column("extractor", String(60), nullable=False),
    Column("confidence", Float, nullable=False),
    Index("ix_events_article", "article_id"),
    Index("ix_events_type", "type"),
)

event_args = Table(
    "event_args",
    metadata,
    Column("event_id", String(220), ForeignKey("events.id"), primary_key=True),
    Column("pos", Integer, primary_key=True),
    Column("role", String(20), nullable=False),
    Column("entity_key", String(20)),
    Column("amount_idx", Integer),
    Column("text", Text),
    Column("extra", JSON),
)

TABLES = (events, event_args)
