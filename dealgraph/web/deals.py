"""The deals ledger: ``/ui/deals`` (per project, each deal event with its parties and their sanctions
status on the event's day, the amount as reported and in US dollars, the outlet and the named source,
the sentence, and the modality history of the claim it reports), filtered by party, project, type,
modality, date range and listed parties only, in date or amount order, a page of each type at a time;
``/ui/deals.csv``, the same rows as CSV; and ``/ui/brief``, the briefing report (``reports``) of the
party or project the ledger shows, as HTML."""

from __future__ import annotations

import csv
import io
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from dealgraph.api.deps import MAX_OFFSET, StoreDep
from dealgraph.claims.outlets import domain_of
from dealgraph.exc import InputError, NotFound
from dealgraph.model import MODALITIES
from dealgraph.reports.brief import build_brief
from dealgraph.reports.render import render_html
from dealgraph.store import deal_views, views
from dealgraph.store.brief_reads import article_sources
from dealgraph.store.claim_reads import claims_of_events, modality_histories
from dealgraph.store.store import Store
from dealgraph.web.rendering import CSP, form_day, form_entity, not_found, page

router = APIRouter(include_in_schema=False)
PER_TYPE = 25  # a page shows the next 25 events of each deal type; the CSV reads up to 500
CSV_COLUMNS = (
    "project", "date", "type", "modality", "parties", "listed parties", "amount", "currency",
    "usd", "outlet", "source", "article", "event", "sentence",
)  # fmt: skip


def _query(
    store: StoreDep,
    project: str | None = Query(None, max_length=200),
    entity: str | None = Query(None, max_length=200),
    type: str | None = Query(None, max_length=20),
    modality: str | None = Query(None, max_length=20),
    since: str | None = Query(None, max_length=10),
    until: str | None = Query(None, max_length=10),
    listed: str | None = Query(None, max_length=1),
    order: str | None = Query(None, max_length=10),
) -> deal_views.DealQuery:
    """The ledger's form fields as a query; a value that names nothing is ignored, as form fields are."""
    kind = type.upper() if type and type.upper() in deal_views.DEAL_TYPES else None
    return deal_views.DealQuery(
        project=form_entity(store, project),
        entity_id=form_entity(store, entity),
        type_=kind,
        modality=modality if modality in MODALITIES else None,
        since=form_day(since),
        until=form_day(until),
        listed_only=listed == "1",
        order=order if order in deal_views.ORDERS else "date",
    )


DealQueryDep = Annotated[deal_views.DealQuery, Depends(_query)]


def _outlets(store: Store, groups: list[deal_views.DealGroup]) -> dict[str, str]:
    """The outlet of each article the rows cite, or its web domain where the outlet is not known."""
    sources = article_sources(store, [d.event.article_id for g in groups for d in g.events])
    return {i: s.outlet or domain_of(s.url) or "" for i, s in sources.items()}


@router.get("/ui/deals", response_class=HTMLResponse)
def deals(
    request: Request, store: StoreDep, q: DealQueryDep, offset: int = Query(0, ge=0, le=MAX_OFFSET)
) -> HTMLResponse:
    groups, more = deal_views.ledger_page(store, q, PER_TYPE, offset)
    names = views.entity_names(store, [i for i in (q.project, q.entity_id) if i])
    form = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    event_claims = claims_of_events(store, [d.event.id for g in groups for d in g.events])
    return page(
        request,
        "deals.html",
        groups=groups,
        event_claims=event_claims,
        histories=modality_histories(store, sorted(set(event_claims.values()))),
        rates=deal_views.usd_rates()[0],
        dq=q,
        names=names,
        outlets=_outlets(store, groups),
        deal_types=deal_views.DEAL_TYPES,
        modalities=MODALITIES,
        query_string=urlencode(form),
        per_type=PER_TYPE,
        offset=offset,
        more=more,
    )


@router.get("/ui/deals.csv")
def deals_csv(store: StoreDep, q: DealQueryDep) -> Response:
    groups = deal_views.deals(store, query=q)
    outlets = _outlets(store, groups)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for g in groups:
        for d in g.events:
            ev, amount = d.event, d.amount or {}
            writer.writerow(
                (
                    g.project, d.day.isoformat() if d.day else "", ev.type, ev.modality,
                    "; ".join(f"{p.role}: {p.name}" for p in d.parties),
                    "; ".join(f"{p.name} ({', '.join(p.programmes)})" for p in d.parties if p.listed),
                    amount.get("text", ""), amount.get("currency") or "",
                    f"{d.usd:.0f}" if d.usd is not None else "", outlets.get(ev.article_id, ""),
                    ev.source_name or "", ev.article_id, ev.id, ev.evidence,
                )
            )  # fmt: skip
    headers = {"Content-Disposition": 'attachment; filename="deals.csv"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/ui/brief", response_class=HTMLResponse)
def brief(
    request: Request,
    store: StoreDep,
    project: str | None = Query(None, max_length=200),
    entity: str | None = Query(None, max_length=200),
    since: str | None = Query(None, max_length=10),
) -> HTMLResponse:
    """The brief of a party or a project (the ledger's), as `dealgraph report` writes it in HTML."""
    try:
        focus = {"project": project} if project else {"entity": entity or None}
        built = build_brief(store, since=form_day(since), **focus)
    except NotFound as error:
        return not_found(request, error)
    except InputError as error:
        return page(request, "error.html", status=400, message=str(error))
    response = HTMLResponse(render_html(built))
    response.headers["Content-Security-Policy"] = CSP
    return response
