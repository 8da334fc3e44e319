"""Merge, split, and the review of screening hits (dismiss, confirm, each undoable): human judgements
on an entity (need the write token).

They call ``dealgraph.pipeline.judgements`` (resolution, then the claims follow).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dealgraph.api import models as m
from dealgraph.api.deps import StoreDep, WriteAuth
from dealgraph.pipeline import judgements
from dealgraph.store.store import Store

# every route answers with the judgement it recorded (its return type) and can fail as these say
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": m.Problem},
    403: {"model": m.Problem},
    404: {"model": m.Problem},
}
router = APIRouter(prefix="/entities", tags=["writes"], dependencies=[WriteAuth], responses=ERRORS)


@router.post("/{entity_id}/merge", summary="Merge two entities")
def merge_entities(entity_id: str, body: m.MergeIn, store: StoreDep) -> m.JudgementOut:
    kept = judgements.merge(store, entity_id, body.other, body.user)
    return m.JudgementOut(action="merge", entity_id=str(kept))


@router.post("/{entity_id}/split", summary="Split one article's mention off")
def split_entity(entity_id: str, body: m.SplitIn, store: StoreDep) -> m.JudgementOut:
    new_id = judgements.split(store, entity_id, body.article_id, body.key, body.user)
    return m.JudgementOut(action="split", entity_id=str(new_id))


@router.post(
    "/{entity_id}/hits/{hit_id}/dismiss",
    summary="Dismiss a screening hit as a false positive (or take a dismissal back)",
)
def dismiss_hit(entity_id: str, hit_id: str, body: m.ReviewIn, store: StoreDep) -> m.JudgementOut:
    return _review(store, entity_id, hit_id, "dismiss", body)


@router.post(
    "/{entity_id}/hits/{hit_id}/confirm",
    summary="Confirm a screening hit after review: the party counts as listed (or take it back)",
)
def confirm_hit(entity_id: str, hit_id: str, body: m.ReviewIn, store: StoreDep) -> m.JudgementOut:
    return _review(store, entity_id, hit_id, "confirm", body)


def _review(store: Store, entity_id: str, hit_id: str, decision: str, body: m.ReviewIn) -> m.JudgementOut:
    number = judgements.review_hit(store, entity_id, hit_id, decision, body.user, body.reason, undo=body.undo)
    action = f"un{decision}" if body.undo else decision
    return m.JudgementOut(action=action, entity_id=entity_id, judgement_id=int(number))
