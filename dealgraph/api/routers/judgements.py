"""Merge, split and dismiss: human judgements on an entity (need the write token).

They call ``dealgraph.pipeline.judgements`` (resolution, then the claims follow); a server without it
answers 501.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any

from fastapi import APIRouter

from dealgraph.api import models as m
from dealgraph.api.deps import StoreDep, WriteAuth
from dealgraph.api.errors import NotImplementedYet

router = APIRouter(prefix="/entities", tags=["writes"], dependencies=[WriteAuth])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": m.Problem},
    403: {"model": m.Problem},
    404: {"model": m.Problem},
    501: {"model": m.Problem},
}


def _judgements() -> ModuleType:
    try:
        judgements = import_module("dealgraph.pipeline.judgements")
    except ImportError as error:
        raise NotImplementedYet(f"judgements are not available on this server: {error}") from error
    return judgements


@router.post(
    "/{entity_id}/merge", response_model=m.JudgementOut, responses=ERRORS, summary="Merge two entities"
)
def merge(entity_id: str, body: m.MergeIn, store: StoreDep) -> m.JudgementOut:
    kept = _judgements().merge(store, entity_id, body.other, body.user)
    return m.JudgementOut(action="merge", entity_id=str(kept))


@router.post(
    "/{entity_id}/split",
    response_model=m.JudgementOut,
    responses=ERRORS,
    summary="Split one article's mention off",
)
def split(entity_id: str, body: m.SplitIn, store: StoreDep) -> m.JudgementOut:
    new_id = _judgements().split(store, entity_id, body.article_id, body.key, body.user)
    return m.JudgementOut(action="split", entity_id=str(new_id))


@router.post(
    "/{entity_id}/hits/{hit_id}/dismiss",
    response_model=m.JudgementOut,
    responses=ERRORS,
    summary="Dismiss a screening hit as a false positive",
)
def dismiss(entity_id: str, hit_id: str, body: m.DismissIn, store: StoreDep) -> m.JudgementOut:
    judgement = _judgements().dismiss(store, entity_id, hit_id, body.user)
    return m.JudgementOut(action="dismiss", entity_id=entity_id, judgement_id=int(judgement))
