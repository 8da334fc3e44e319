"""``/deals``: PROPOSE/NEGOTIATE/AGREE/INVEST events grouped by project, amounts in US dollars."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query

from dealgraph.api import filters
from dealgraph.api import models as m
from dealgraph.api.deps import PagingDep, StoreDep
from dealgraph.store import deal_views

router = APIRouter(prefix="/deals", tags=["events"])


@router.get(
    "",
    response_model=m.Page[m.DealGroupOut],
    responses={404: {"model": m.Problem}},
    summary="Deal events grouped by project",
)
def list_deals(
    store: StoreDep,
    page: PagingDep,
    project: str | None = filters.entity_query("a project's entity id"),
    entity: str | None = filters.entity_query("only events where this entity fills a role"),
    since: date | None = Query(None),
) -> m.Page[m.DealGroupOut]:
    project = filters.entity(store, project)
    entity = filters.entity(store, entity)
    groups = deal_views.deals(store, project=project, entity_id=entity, since=since)
    return m.Page.window(groups, page, m.DealGroupOut.model_validate)
