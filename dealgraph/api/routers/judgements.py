"""Merge, split and dismiss: human judgements on an entity (need the write token).

They call ``dealgraph.pipeline.judgements`` (resolution, then the claims follow).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dealgraph.api import models as m
from dealgraph.api.deps import StoreDep, WriteAuth
from dealgraph.pipeline import judgements

router = APIRouter(prefix="/entities", tags=["writes"], dependencies=[WriteAuth])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": m.Problem},
    403: {"model": m.Problem},
    404: {"model": m.Problem},
}


@router.post(
    "/{entity_id}/merge", response_model=m.JudgementOut, responses=ERRORS, summary="Merge two entities"
)
def merge_entities(entity_id: str, body: m.MergeIn, store: StoreDep) -> m.JudgementOut:
    kept = judgements.merge(store, entity_id, body.other, body.user)
    return m.JudgementOut(action="merge", entity_id=str(kept))


@router.post(
    "/{entity_id}/split",
    response_model=m.JudgementOut,
    responses=ERRORS,
    summary="Split one article's mention off",
)
def split_entity(entity_id: str, body: m.SplitIn, store: StoreDep) -> m.JudgementOut:
    new_id = judgements.split(store, entity_id, body.article_id, body.key, body.user)
    return m.JudgementOut(action="split", entity_id=str(new_id))


@router.post(
    "/{entity_id}/hits/{hit_id}/dismiss",
    response_model=m.JudgementOut,
    responses=ERRORS,
    summary="Dismiss a screening hit as a false positive",
)
def dismiss_hit(entity_id: str, hit_id: str, body: m.DismissIn, store: StoreDep) -> m.JudgementOut:
    judgement = judgements.dismiss(store, entity_id, hit_id, body.user)
    return m.JudgementOut(action="dismiss", entity_id=entity_id, judgement_id=int(judgement))
