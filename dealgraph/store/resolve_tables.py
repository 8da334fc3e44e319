"""Resolution judgements: human merge/split decisions kept as a log (nomenklatura's resolver habit)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, Index, Integer, String, Table, Text

from dealgraph.store.schema import metadata

judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_id", String(220), nullable=False),
    Column("right_id", String(220), nullable=False),
    Column("judgement", String(12), nullable=False),  # positive | negative | dismiss
    Column("kind", String(20), nullable=False),  # entity | mention | hit
    Column("user", String(120), nullable=False),
    Column("score", Float),
    Column("note", Text),
    Column("created_at", DateTime, nullable=False),
    Index("ix_judgements_left", "left_id"),
    Index("ix_judgements_right", "right_id"),
)

TABLES = (judgements,)
