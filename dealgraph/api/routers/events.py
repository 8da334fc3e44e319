"""``/events``: deal events filtered by type, entity, modality and date."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query

from dealgraph.api import filters
from dealgraph.api import models as m
from dealgraph.api.deps import PagingDep, StoreDep
from dealgraph.model import MODALITIES
from dealgraph.store import reader

router = APIRouter(prefix="/events", tags=["events"])


@router.get(
    "",
    response_model=m.Page[m.EventOut],
    responses={400: {"model": m.Problem}, 404: {"model": m.Problem}},
    summary="Events in time order",
)
def list_events(
    store: StoreDep,
    page: PagingDep,
    type: str | None = Query(None, max_length=20, description="PROPOSE, NEGOTIATE, MEET, AGREE, INVEST, ..."),
    entity: str | None = filters.entity_query("an entity id: events where it fills any role"),
    modality: str | None = Query(None, max_length=20, description=", ".join(MODALITIES)),
    since: date | None = Query(None, description="event (or article) date on or after"),
) -> m.Page[m.EventOut]:
    modality = filters.one_of(modality, MODALITIES, "modality")
    entity_id = filters.entity(store, entity)
    found = reader.list_events(
        store, filters.event_type(type), entity_id, modality, since, page.limit + 1, page.offset
    )
    return m.Page.of(found, page, m.EventOut.model_validate)
