"""The store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Each later capability adds tables (see ``migrations.py``); none rewrites these.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from dealgraph.store import columns as col

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    col.article_id("id", primary_key=True),
    Column("source", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", String(200)),
    Column("published", Date),
    Column("published_how", String(40)),
    Column("lang", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("removed", JSON, nullable=False),  # [{"text", "reason", "offset"}]
    col.article_id("duplicate_of"),
    Column("ingested_at", DateTime, nullable=False),
)

# Near-duplicates (syndicated copies) are linked, not stored twice.
duplicates = Table(
    "duplicates",
    metadata,
    Column("content_hash", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    col.article_id("doc_id"),
    col.article_ref("duplicate_of", nullable=False),
    Column("similarity", Float, nullable=False),
    Column("seen_at", DateTime, nullable=False),
)

# Near-duplicate detection: MinHash LSH band keys of every stored article (see clean/dedupe.py).
signatures = Table(
    "signatures",
    metadata,
    Column("band", String(40), primary_key=True),
    col.article_ref(primary_key=True),
)
article_signatures = Table(
    "article_signatures",
    metadata,
    col.article_ref(primary_key=True),
    Column("signature", JSON, nullable=False),
)

# Canonical (cross-article) entities. The resolver owns the ids; see resolve/.
entities = Table(
    "entities",
    metadata,
    col.entity_id("id", primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("ref", String(120)),
    Column("key", String(200), nullable=False),  # the blocking/fingerprint key it was created from
    Index("ix_entities_key", "key"),
    Index("ix_entities_type", "type"),
)

# In-article entities: one row per referent per article, pointing to its canonical entity.
article_entities = Table(
    "article_entities",
    metadata,
    col.article_ref(primary_key=True),
    col.entity_key("key", primary_key=True),
    col.entity_ref(nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("ref", String(120)),
    Column("aliases", JSON, nullable=False),
    Index("ix_article_entities_entity", "entity_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    col.article_ref(nullable=False),
    col.entity_key(nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("origin", String(20), nullable=False),
    Index("ix_mentions_article", "article_id"),
)

amounts = Table(
    "amounts",
    metadata,
    col.article_ref(primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float),
    Column("min", Float),
    Column("max", Float),
    Column("currency", String(3)),
    Column("unit", String(20)),
    Column("qualifier", String(10), nullable=False),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("stage", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime, nullable=False),
    UniqueConstraint("source", "stage", "reason", name="uq_ingest_errors"),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime, nullable=False),
    Column("note", Text, nullable=False),
)
