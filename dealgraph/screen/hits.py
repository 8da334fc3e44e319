"""Screening hits of the store's canonical entities: replace an entity's hits, read them back, move
them to an entity's new id.

Whoever screens resolved entities (the pipeline) calls ``save_hits`` with what ``ScreeningIndex.screen``
returned; a re-run replaces the entity's earlier hits. Dismissals are judgements (``resolve_tables``,
kind "hit") and are not touched here. When the resolver renames an id (``resolve.rename``), the hits
and the screening record go with it (``follow_rename``), so the entity is not screened again for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import Connection, delete, insert, select, update

from dealgraph.screen.records import ScreeningHit
from dealgraph.store.screened_tables import screened
from dealgraph.store.screening_tables import entity_hits


def save_hits(
    conn: Connection, entity_id: str, hits: Sequence[ScreeningHit], as_of: date | None = None
) -> int:
    """Replace the hits of one entity; return how many were stored. Runs in the caller's transaction."""
    conn.execute(delete(entity_hits).where(entity_hits.c.entity_id == entity_id))
    if not hits:
        return 0
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = {
        (hit.dataset, hit.entry_id, hit.relation): {
            "entity_id": entity_id,
            "dataset": hit.dataset,
            "entry_id": hit.entry_id,
            "relation": hit.relation,
            "query": hit.query,
            "schema": hit.schema,
            "name": hit.name,
            "matched_name": hit.matched_name,
            "score": hit.score,
            "explanation": hit.explanation,
            "programs": list(hit.programs),
            "listed_on": hit.listed_on,
            "listed_from": hit.listed_from,
            "listed_until": hit.listed_until,
            "as_of": as_of,
            "screened_at": now,
            "grade": hit.grade,
        }
        for hit in sorted(hits, key=lambda h: h.score)  # the best hit per entry wins
    }
    conn.execute(insert(entity_hits), list(rows.values()))
    return len(rows)


def follow_rename(conn: Connection, old_id: str, new_id: str) -> None:
    """Move the hits and the screening record of canonical ``old_id`` to ``new_id``, a free id the
    resolver renamed it to (so ``new_id`` has none of its own). Runs in the caller's transaction."""
    for table in (screened, entity_hits):
        conn.execute(update(table).where(table.c.entity_id == old_id).values(entity_id=new_id))


def forget_merged(conn: Connection, gone_id: str) -> None:
    """Drop the hits and the screening record of canonical ``gone_id``, merged into another entity (which
    is screened again under its own id): no review may offer a hit of an id that no longer stands for
    anything. Runs in the caller's transaction."""
    for table in (screened, entity_hits):
        conn.execute(delete(table).where(table.c.entity_id == gone_id))


def read_hits(conn: Connection, entity_id: str | None = None) -> list[tuple[str, ScreeningHit]]:
    """Stored hits as ``(entity id, hit)``, of one entity or all, best first per entity."""
    query = select(entity_hits).order_by(entity_hits.c.entity_id, entity_hits.c.score.desc())
    if entity_id is not None:
        query = query.where(entity_hits.c.entity_id == entity_id)
    found: list[tuple[str, ScreeningHit]] = []
    for row in conn.execute(query).mappings():
        hit = ScreeningHit(
            query=row["query"],
            dataset=row["dataset"],
            entry_id=row["entry_id"],
            schema=row["schema"],
            name=row["name"],
            matched_name=row["matched_name"],
            score=row["score"],
            explanation=row["explanation"],
            programs=tuple(row["programs"]),
            listed_on=row["listed_on"],
            listed_from=row["listed_from"],
            listed_until=row["listed_until"],
            relation=row["relation"],
            grade=row["grade"],
        )
        found.append((row["entity_id"], hit))
    return found
