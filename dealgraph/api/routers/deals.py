"""``/deals``: PROPOSE/NEGOTIATE/AGREE/INVEST events grouped by project, amounts in US dollars."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query

from dealgraph.api import models as m
from dealgraph.api.convert import event_out, hit_out
from dealgraph.api.deps import PagingDep, StoreDep
from dealgraph.store import deal_views, views

router = APIRouter(prefix="/deals", tags=["events"])


def group_out(group: deal_views.DealGroup) -> m.DealGroupOut:
    return m.DealGroupOut(
        project_id=group.project_id,
        project=group.project,
        largest_usd=group.largest_usd,
        events=[
            m.DealEventOut(
                event=event_out(d.event),
                amount=d.amount,
                usd=d.usd,
                parties=[
                    m.PartyOut(
                        role=p.role,
                        entity_id=p.entity_id,
                        name=p.name,
                        listed=p.listed,
                        hits=[hit_out(h) for h in p.hits],
                    )
                    for p in d.parties
                ],
            )
            for d in group.events
        ],
    )


@router.get("", response_model=m.Page[m.DealGroupOut], summary="Deal events grouped by project")
def deals(
    store: StoreDep,
    page: PagingDep,
    project: str | None = Query(None, max_length=200, description="a project's entity id"),
    entity: str | None = Query(
        None, max_length=200, description="only events where this entity fills a role"
    ),
    since: date | None = Query(None),
) -> m.Page[m.DealGroupOut]:
    project = views.canonical_id(store, project) if project else None
    entity = views.canonical_id(store, entity) if entity else None
    groups = deal_views.deals(store, project=project, entity_id=entity, since=since)
    chunk = groups[page.offset : page.offset + page.limit + 1]
    return m.Page(
        items=[group_out(g) for g in chunk[: page.limit]],
        limit=page.limit,
        offset=page.offset,
        next_offset=page.next_offset(len(chunk)),
    )
