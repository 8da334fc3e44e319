"""Resolution tables: the names and blocking keys of canonical entities, each in-article entity's link
with its score and explanation, and human judgements kept as a log (nomenklatura's resolver habit):
merges redirect one canonical id to another; nothing is deleted. ``canonical``/``canonical_many``
follow the redirects, for the resolver and the readers alike."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    select,
)

from dealgraph.store import columns as col
from dealgraph.store.schema import metadata

judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_id", String(220), nullable=False),
    Column("right_id", String(220), nullable=False),
    Column("judgement", String(12), nullable=False),  # positive | negative | dismiss
    Column("kind", String(20), nullable=False),  # entity | mention | hit | claim | claim-event
    Column("user", String(120), nullable=False),
    Column("score", Float),
    Column("note", Text),
    Column("created_at", DateTime, nullable=False),
    Index("ix_judgements_left", "left_id"),
    Index("ix_judgements_right", "right_id"),
)

# A merged canonical id points to the id it was merged into.
entity_merges = Table(
    "entity_merges",
    metadata,
    col.entity_ref("from_id", primary_key=True),
    col.entity_ref("to_id", nullable=False),
    Column("judgement_id", Integer, ForeignKey("judgements.id")),
)

# Every surface form and alias seen for a canonical entity, for matching new mentions against.
entity_names = Table(
    "entity_names",
    metadata,
    col.entity_ref(primary_key=True),
    Column("name", String(300), primary_key=True),
    Column("count", Integer, nullable=False),
)

# Blocking keys: a new entity is compared only with entities sharing one, so cost does not grow with
# the square of the store.
entity_blocks = Table(
    "entity_blocks",
    metadata,
    Column("block", String(80), primary_key=True),
    col.entity_ref(primary_key=True),
)

# Why each in-article entity got its canonical id.
entity_links = Table(
    "entity_links",
    metadata,
    col.article_ref(primary_key=True),
    col.entity_key("key", primary_key=True),
    col.entity_id(nullable=False),
    Column("method", String(20), nullable=False),  # exact | match | new | judgement
    Column("score", Float),
    Column("explanation", Text),
)

TABLES = (judgements, entity_merges, entity_names, entity_blocks, entity_links)


def canonical_many(conn: Connection, ids: list[str]) -> list[str]:
    """The id in use for each id, in order, following merge redirects (``entity_merges``) with one
    statement per step of redirection; unknown ids come back unchanged."""
    result = list(ids)
    pending = dict(enumerate(ids))  # position -> id still to follow
    for _ in range(16):  # merge chains are short; a longer one would be a cycle
        if not pending:
            break
        t = entity_merges
        targets = dict(
            conn.execute(select(t.c.from_id, t.c.to_id).where(t.c.from_id.in_(set(pending.values())))).all()
        )
        moved: dict[int, str] = {}
        for position, current in pending.items():
            target = targets.get(current)
            if target is not None and target != current:
                result[position] = str(target)
                moved[position] = str(target)
        pending = moved
    return result


def canonical(conn: Connection, entity_id: str) -> str:
    """The id in use for one id (``canonical_many`` of one)."""
    return canonical_many(conn, [entity_id])[0]
