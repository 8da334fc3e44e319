"""What the sanctions review page reads: the hits waiting for review and the decisions taken.

The queue is every stored hit a reviewer has not decided on whose status is "to review" (a possible
match, ``screen.grades``), best score first; the decisions are the judgement log's rows on hits
(dismiss, confirm and their undoing), newest first, each with who, when and why, and whether it is still
the hit's state (only then can it be undone).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from dealgraph.store import resolve_tables as rt
from dealgraph.store.screening_tables import entity_hits
from dealgraph.store.store import Store
from dealgraph.store.views import HitView, entity_names, hits_for


@dataclass(frozen=True)
class QueuedHit:
    entity_id: str
    entity_name: str
    hit: HitView


@dataclass(frozen=True)
class Decision:
    id: int
    entity_id: str
    entity_name: str
    hit_key: str
    judgement: str  # dismiss, confirm, undismiss, unconfirm
    user: str
    at: str
    reason: str | None
    current: bool  # the last judgement on this hit: the one an undo takes back


def review_queue(store: Store, limit: int = 200) -> tuple[list[QueuedHit], int]:
    """The hits to review, best score first (at most ``limit``), and how many there are in all."""
    with store.read() as conn:
        ids = sorted(set(conn.execute(select(entity_hits.c.entity_id)).scalars()))
    by_entity = hits_for(store, ids)
    names = {i: name for i, (name, _) in entity_names(store, ids).items()}
    queued = [
        QueuedHit(entity_id, names.get(entity_id, entity_id), hit)
        for entity_id, hits in by_entity.items()
        for hit in hits
        if hit.status == "to review"
    ]
    queued.sort(key=lambda q: (-(q.hit.score or 0.0), q.entity_id, q.hit.key))
    return queued[:limit], len(queued)


def decisions(store: Store, limit: int = 100) -> list[Decision]:
    """The judgement log's decisions on hits, newest first."""
    t = rt.judgements
    with store.read() as conn:
        rows = conn.execute(select(t).where(t.c.kind == "hit").order_by(t.c.id.desc())).all()
    latest: set[int] = set()
    seen: set[tuple[str, str]] = set()
    for r in rows:
        if (r.left_id, r.right_id) not in seen:
            seen.add((r.left_id, r.right_id))
            latest.add(r.id)
    shown = rows[:limit]
    names = {i: name for i, (name, _) in entity_names(store, {str(r.left_id) for r in shown}).items()}
    return [
        Decision(
            id=int(r.id),
            entity_id=str(r.left_id),
            entity_name=names.get(str(r.left_id), str(r.left_id)),
            hit_key=str(r.right_id),
            judgement=str(r.judgement),
            user=str(r.user),
            at=r.created_at.isoformat(timespec="seconds"),
            reason=r.note,
            current=r.id in latest and str(r.judgement) in ("dismiss", "confirm"),
        )
        for r in shown
    ]
