"""Event tables: deal events with their modality, source and evidence span, and their arguments."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Float, Index, Integer, String, Table, Text

from dealgraph.store import columns as col
from dealgraph.store.schema import metadata

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
    Index("ix_events_article", "article_id"),
    Index("ix_events_type", "type"),
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
