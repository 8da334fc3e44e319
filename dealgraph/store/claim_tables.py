"""Claim tables: one row per reported deal fact, the events that report it, and its parties.

A claim groups events of different articles that report the same fact (``dealgraph/claims``). The
``key`` (type, polarity, canonical parties) is the index a new event is looked up by, so grouping a new
article reads only the claims that could take its events, never the whole store. Derived figures
(independent origins, disputed) are kept on the row so that lists filter on them in SQL; the grouping
step recomputes them for every claim it touches.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Index, Integer, String, Table, Text

from dealgraph.store import columns as col
from dealgraph.store.schema import metadata

claims = Table(
    "claims",
    metadata,
    col.claim_id("id", primary_key=True),  # from the founding event's id: the same on every engine
    Column("key", Text, nullable=False),  # type|polarity|parties, with canonical ids
    Column("type", String(20), nullable=False),
    Column("polarity", String(10)),
    Column("amounts", JSON, nullable=False),  # [[value, currency or unit]] its reports give
    Column("date_min", String(10)),  # the span of the reports' event dates (ISO), for the date window
    Column("date_max", String(10)),
    col.event_id("founded_by", nullable=False),
    Column("reports", Integer, nullable=False),  # events (stored articles) that report it
    Column("origins", Integer, nullable=False),  # independent origins
    Column("disputed", Boolean, nullable=False),
    Column("modalities", Text, nullable=False),  # the distinct modalities, ","-joined, in order seen
    # a claim a human merged into another keeps its row (the judgement log names it) and points there
    col.claim_id("merged_into"),
    Index("ix_claims_key", "key"),
)

# Each event is in exactly one claim.
claim_events = Table(
    "claim_events",
    metadata,
    col.event_ref(primary_key=True),
    col.claim_ref(nullable=False),
    Column("method", String(12), nullable=False),  # founded | grouped | judgement
    Index("ix_claim_events_claim", "claim_id"),
)

# The canonical entities a claim is about, by what they are in it: party, project or place.
claim_parties = Table(
    "claim_parties",
    metadata,
    col.claim_ref(primary_key=True),
    col.entity_id(primary_key=True),
    Column("role", String(10), primary_key=True),  # party | project | place
    Index("ix_claim_parties_entity", "entity_id"),
)

TABLES = (claims, claim_events, claim_parties)
