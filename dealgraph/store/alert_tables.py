"""Watchlist and alert tables: the entities and projects an analyst watches, the alerts raised about them
(a new event, a claim's status changing, a sanctions hit), and the last claim status each alert saw.

An alert is unique by (kind, subject, item): raising the same one twice is a no-op, so checking again
after a crash or a second run adds nothing. ``delivery`` records the webhook's answer (or its failure).
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table, Text, UniqueConstraint

from dealgraph.store import columns as col
from dealgraph.store.schema import metadata

watchlist = Table(
    "watchlist",
    metadata,
    col.entity_id("item_id", primary_key=True),  # a canonical entity id (a Project is an entity)
    Column("kind", String(10), nullable=False),  # entity | project
    Column("name", Text, nullable=False),
    Column("added_at", DateTime, nullable=False),  # only what happens after this raises alerts
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(10), nullable=False),  # event | claim | hit
    Column("subject", String(300), nullable=False),  # event id, claim id@status, dataset:entry:relation
    col.entity_id("item_id", nullable=False),  # the watched item it touches
    Column("title", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("link", Text, nullable=False),  # a desk path: /ui/articles/..., /ui/claims/..., /ui/entities/...
    Column("created_at", DateTime, nullable=False),
    Column("delivery", Text),  # the webhook's answer: "200", "failed: ...", None when none is configured
    UniqueConstraint("kind", "subject", "item_id", name="uq_alerts"),
    Index("ix_alerts_created", "created_at"),
)

alert_claim_state = Table(
    "alert_claim_state",
    metadata,
    col.claim_id(primary_key=True),
    col.entity_id("item_id", primary_key=True),
    Column("status", Text, nullable=False),
)

TABLES = (watchlist, alerts, alert_claim_state)
