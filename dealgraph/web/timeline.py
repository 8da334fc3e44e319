"""The timeline page: events newest first (or oldest, ``order=oldest``), the undated in their own group at
the end, filtered by type, modality, date, entity, named source and project, ROLE events hideable; paged,
with the month chart drawn over every matching event, not only the page shown."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from dealgraph.api.deps import MAX_OFFSET, StoreDep
from dealgraph.model import MODALITIES
from dealgraph.store import views
from dealgraph.store.claim_reads import claims_of_events
from dealgraph.store.timeline_reads import ORDERS, Order, TimelineQuery, timeline_page
from dealgraph.web.charts import month_bars
from dealgraph.web.rendering import PAGE, form_day, form_entity, page

router = APIRouter(include_in_schema=False)
ROWS = PAGE * 4


@router.get("/ui/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    store: StoreDep,
    entity: str | None = Query(None, max_length=200),
    type: str | None = Query(None, max_length=20),
    modality: str | None = Query(None, max_length=20),
    since: str | None = Query(None, max_length=10),
    source: str | None = Query(None, max_length=200),
    project: str | None = Query(None, max_length=200),
    roles: str | None = Query(None, max_length=4),
    order: str | None = Query(None, max_length=10),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> HTMLResponse:
    q = TimelineQuery(
        entity_id=views.canonical_id(store, entity) if entity else None,
        type_=type.upper() if type and type.isalpha() else None,
        modality=modality if modality in MODALITIES else None,
        since=form_day(since),
        source_id=form_entity(store, source),
        project_id=form_entity(store, project),
        hide_roles=roles == "hide",
    )
    chosen: Order = "oldest" if order == "oldest" else "newest"
    events, months = timeline_page(store, q, chosen, ROWS + 1, offset)
    shown = events[:ROWS]
    names = views.entity_names(store, [i for i in (q.entity_id, q.source_id, q.project_id) if i])
    params = {
        "entity": q.entity_id or "",
        "type": q.type_ or "",
        "modality": q.modality or "",
        "since": q.since or "",
        "source": q.source_id or "",
        "project": q.project_id or "",
        "roles": "hide" if q.hide_roles else "",
        "order": chosen,
    }
    return page(
        request,
        "timeline.html",
        dated=[e for e in shown if e.event_date or e.published],
        undated=[e for e in shown if not (e.event_date or e.published)],
        event_claims=claims_of_events(store, [e.id for e in shown]),
        screening=views.hits_for(store, [a.entity_id for e in shown for a in e.args if a.entity_id]),
        more=len(events) > ROWS,
        offset=offset,
        page=ROWS,
        tq=q,  # `q` is the search box of every page
        names=names,
        params=params,
        order=chosen,
        orders=ORDERS,
        modalities=MODALITIES,
        bars=month_bars(months),
    )
