"""Which canonical entities have been screened, against which state of the loaded lists."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, String, Table

from dealgraph.store import columns as col
from dealgraph.store.schema import metadata

screened = Table(
    "screened",
    metadata,
    col.entity_id(primary_key=True),
    Column("lists_state", String(64), nullable=False),  # a digest of the loaded snapshots
    Column("screened_at", DateTime, nullable=False),
)

TABLES = (screened,)
