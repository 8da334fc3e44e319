"""Sanctions list tables: loaded snapshots, their entries and names, and when each entry was listed.

A list's history is the snapshots loaded for its dataset. ``list_members`` records which entries each
snapshot has; ``list_intervals`` is derived from it (an entry is listed from the first snapshot that
has it until the first later snapshot that lacks it) and rebuilt whenever a snapshot is saved.
``list_entries`` and ``list_names`` keep each entry as its latest snapshot prints it. ``entity_hits``
keeps the hits of the store's canonical entities (``screen.hits``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from dealgraph.store import columns as col
from dealgraph.store.schema import metadata

list_snapshots = Table(
    "list_snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    col.dataset(nullable=False),
    Column("as_of", Date, nullable=False),
    Column("source", Text, nullable=False),
    Column("format", String(20)),
    Column("entries", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),  # over the parsed entries
    Column("loaded_at", DateTime, nullable=False),
    UniqueConstraint("dataset", "as_of", name="uq_list_snapshots"),
)

list_entries = Table(
    "list_entries",
    metadata,
    *col.list_entry(primary_key=True),
    Column("schema", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("programs", JSON, nullable=False),
    Column("listed_on", Date),  # designation date, when the list prints one
    Column("remarks", Text),
    Column("linked_to", JSON, nullable=False),
    Column("countries", JSON, nullable=False),
    Column("birth_dates", JSON, nullable=False),
    Column("version_as_of", Date, nullable=False),  # the snapshot this version of the entry comes from
)

list_names = Table(
    "list_names",
    metadata,
    *col.list_entry(primary_key=True),
    Column("pos", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(10), nullable=False),  # primary | alias
)

list_members = Table(
    "list_members",
    metadata,
    Column("snapshot_id", Integer, ForeignKey("list_snapshots.id"), primary_key=True),
    col.entry_id(primary_key=True),
)

list_intervals = Table(
    "list_intervals",
    metadata,
    *col.list_entry(primary_key=True),
    Column("listed_from", Date, primary_key=True),
    Column("listed_until", Date),  # the first later snapshot without the entry; None: still listed
    Index("ix_list_intervals_entry", "dataset", "entry_id"),
)

# Hits of canonical entities (``entities.id``), as the last screening of each entity found them.
entity_hits = Table(
    "entity_hits",
    metadata,
    col.entity_id(primary_key=True),
    *col.list_entry(primary_key=True),
    Column("relation", String(10), primary_key=True),  # listed | linked
    Column("query", Text, nullable=False),  # the name that was screened
    Column("schema", String(20), nullable=False),  # the entry's
    Column("name", Text, nullable=False),  # the entry's primary name
    Column("matched_name", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("programs", JSON, nullable=False),
    Column("listed_on", Date),
    Column("listed_from", Date),
    Column("listed_until", Date),
    Column("as_of", Date),  # the date screened against; None: the latest snapshots
    Column("screened_at", DateTime, nullable=False),
    Column("grade", String(10)),  # exact | strong | possible (``screen.grades``); added by migration 11
    Index("ix_entity_hits_entry", "dataset", "entry_id"),
)

TABLES = (list_snapshots, list_entries, list_names, list_members, list_intervals, entity_hits)
