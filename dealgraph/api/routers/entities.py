"""``/entities``: canonical entities, and one entity with its names, hits, articles, events and timeline."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from dealgraph.api import filters
from dealgraph.api import models as m
from dealgraph.api.deps import MAX_LIMIT, MAX_OFFSET, Paging, PagingDep, StoreDep
from dealgraph.model import ENTITY_TYPES
from dealgraph.store import reader, views
from dealgraph.store.entity_events import entity_events, entity_timeline, events_by_ids

router = APIRouter(prefix="/entities", tags=["entities"])
TIMELINE_MAX = 500


@router.get(
    "",
    response_model=m.Page[m.EntityItem],
    responses={400: {"model": m.Problem}},
    summary="Entities, most reported first",
)
def list_entities(
    store: StoreDep,
    page: PagingDep,
    q: str | None = Query(None, max_length=200, description="name or mention contains"),
    type: str | None = Query(None, max_length=20, description=", ".join(ENTITY_TYPES)),
) -> m.Page[m.EntityItem]:
    rows = reader.list_entities(
        store, type_=filters.one_of(type, ENTITY_TYPES, "type"), q=q, limit=page.limit + 1, offset=page.offset
    )
    return m.Page.of(rows, page, m.EntityItem.model_validate)


@router.get(
    "/{entity_id}",
    response_model=m.EntityOut,
    responses={
        404: {"model": m.Problem},
        308: {"description": "merged into another entity: follow Location"},
    },
    summary="One entity: names, screening hits, articles, events as any role, timeline",
)
def get_entity(
    entity_id: str,
    request: Request,
    store: StoreDep,
    page: PagingDep,
    events_limit: int = Query(50, ge=1, le=MAX_LIMIT),
    events_offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> m.EntityOut | RedirectResponse:
    canonical = views.canonical_id(store, entity_id)
    if canonical != entity_id:
        target = request.url.replace(path=request.url.path[: -len(entity_id)] + canonical)
        return RedirectResponse(str(target), status_code=308)
    view = views.entity_overview(store, entity_id, page.limit + 1, page.offset)
    timeline = entity_timeline(store, entity_id, limit=TIMELINE_MAX)
    if len(timeline) < TIMELINE_MAX or events_offset + events_limit < len(timeline):
        # the page lies within the timeline already read: take its ids from there
        ids = [t.event_id for t in timeline[events_offset : events_offset + events_limit + 1]]
        events = events_by_ids(store, ids)
    else:
        events = entity_events(store, entity_id, limit=events_limit + 1, offset=events_offset)
    return m.EntityOut(
        id=view.id,
        name=view.name,
        other_script=view.other_script,
        type=view.type,
        ref=view.ref,
        names=[m.NameCountOut.model_validate(n) for n in view.names],
        article_count=view.article_count,
        mention_count=view.mention_count,
        merged_from=list(view.merged_from),
        hits=[m.HitOut.model_validate(h) for h in view.hits],
        articles=m.Page.of(view.articles, page, m.EntityArticleOut.model_validate),
        events=m.Page.of(events, Paging(events_limit, events_offset), m.EventOut.model_validate),
        timeline=[m.TimelineItem.model_validate(t) for t in timeline],
    )
