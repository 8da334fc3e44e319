"""``/lists`` and ``/hits``: the loaded sanctions list snapshots and the stored screening hits, read
through the store's and the screening stage's read functions."""

from __future__ import annotations

from fastapi import APIRouter

from dealgraph.api import filters
from dealgraph.api import models as m
from dealgraph.api.deps import PagingDep, StoreDep
from dealgraph.screen.hits import read_hits
from dealgraph.store.brief_reads import loaded_snapshots

router = APIRouter(tags=["screening"])


@router.get(
    "/lists", response_model=list[m.SnapshotOut], summary="Loaded list snapshots, by dataset and date"
)
def list_snapshots(store: StoreDep) -> list[m.SnapshotOut]:
    return [m.SnapshotOut.model_validate(s) for s in loaded_snapshots(store)]


@router.get(
    "/hits",
    response_model=m.Page[m.EntityHitOut],
    responses={404: {"model": m.Problem}},
    summary="Screening hits of the stored entities, by entity then best first",
)
def list_hits(
    store: StoreDep,
    page: PagingDep,
    entity: str | None = filters.entity_query("an entity id: only its hits"),
) -> m.Page[m.EntityHitOut]:
    entity_id = filters.entity(store, entity)
    with store.read() as conn:
        found = read_hits(conn, entity_id)
    return m.Page.window(
        found,
        page,
        lambda row: m.EntityHitOut(entity_id=row[0], **m.HitOut.model_validate(row[1]).model_dump()),
    )
