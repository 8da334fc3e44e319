"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same read views as the API.

Pages carry no inline script: a Content-Security-Policy of ``script-src 'self'`` is sent with every
page, so text from an article can never run as code even if a template forgot to escape it. The graph
library (cytoscape) is served from ``settings.node_modules()``: npm's ``node_modules``, or the copy
``scripts/vendor_assets.py`` packages in ``dealgraph/vendor/``; nothing is copied into the repository.
A party's sanctions hits are read once per page (``views.hits_for``) and shown with the entity page's
badge wherever the party appears (search results, the article's text and lists, timeline rows).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from dealgraph.api.deps import MAX_OFFSET, StoreDep
from dealgraph.claims.provenance import claim_detail
from dealgraph.exc import NotFound
from dealgraph.model import ENTITY_TYPES
from dealgraph.settings import node_modules
from dealgraph.store import reader, views
from dealgraph.store.brief_reads import country_programmes
from dealgraph.store.claim_reads import claims_of_events, list_claims
from dealgraph.store.entity_events import entity_events, entity_timeline
from dealgraph.web.charts import day_month, month_bars, month_counts
from dealgraph.web.deals import router as deals_router
from dealgraph.web.feed import router as feed_router
from dealgraph.web.graph import router as graph_router
from dealgraph.web.rendering import PAGE, templates
from dealgraph.web.rendering import not_found as _not_found
from dealgraph.web.rendering import page as _page
from dealgraph.web.review import router as review_router
from dealgraph.web.spans import segments
from dealgraph.web.timeline import router as timeline_router

__all__ = ["install", "router", "templates"]

HERE = Path(__file__).resolve().parent
router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    return _page(
        request,
        "home.html",
        summary=reader.summary(store, top=15),
        recent=views.list_articles(store, limit=10),
    )


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (a brief): the desk's own."""
    return RedirectResponse("/static/favicon.svg", status_code=308)


@router.get("/ui/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    q: str = Query("", max_length=500),
    type: str | None = Query(None, max_length=20),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> HTMLResponse:
    q = q.strip()
    kind = type if type in ENTITY_TYPES else None
    entities = reader.list_entities(store, type_=kind, q=q, limit=20) if q else []
    hits = views.search_articles(store, q, PAGE + 1, offset) if q else []
    return _page(
        request,
        "search.html",
        q=q,
        type=kind,
        types=ENTITY_TYPES,
        entities=entities,
        screening=views.hits_for(store, [e.id for e in entities]),
        hits=hits[:PAGE],
        offset=offset,
        more=len(hits) > PAGE,
        page=PAGE,
    )


@router.get("/ui/entities/{entity_id}", response_class=HTMLResponse, response_model=None)
def entity(
    request: Request,
    entity_id: str,
    store: StoreDep,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    events_offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Response:
    canonical = views.canonical_id(store, entity_id)
    if canonical != entity_id:
        return RedirectResponse(str(request.url_for("entity", entity_id=canonical)), status_code=308)
    try:
        view = views.entity_overview(store, entity_id, PAGE + 1, offset)
    except NotFound as error:
        return _not_found(request, error)
    events = entity_events(store, entity_id, limit=PAGE + 1, offset=events_offset)
    timeline = entity_timeline(store, entity_id, limit=500)
    claims = list_claims(store, entity_id=entity_id, limit=PAGE + 1)
    return _page(
        request,
        "entity.html",
        e=view,
        articles=view.articles[:PAGE],
        more_articles=len(view.articles) > PAGE,
        offset=offset,
        events=events[:PAGE],
        more_events=len(events) > PAGE,
        events_offset=events_offset,
        page=PAGE,
        bars=month_bars(month_counts(day_month(t.date) for t in timeline)),
        claims=claims[:PAGE],
        more_claims=len(claims) > PAGE,
        event_claims=claims_of_events(store, [ev.id for ev in events[:PAGE]]),
        screening=views.hits_for(
            store, [a.entity_id for ev in events[:PAGE] for a in ev.args if a.entity_id]
        ),
        programmes=country_programmes(store, view.name) if view.type == "Country" else [],
    )


@router.get("/ui/claims/{claim_id}", response_class=HTMLResponse, response_model=None)
def claim(request: Request, claim_id: str, store: StoreDep) -> Response:
    """A reported fact: its reports in time order with their chains, independent origins and status."""
    try:
        detail = claim_detail(store, claim_id)
    except NotFound as error:
        return _not_found(request, error)
    if detail.claim.id != claim_id:  # merged into another: that one's page
        return RedirectResponse(str(request.url_for("claim", claim_id=detail.claim.id)), status_code=308)
    reports = sorted(detail.links, key=lambda r: (r.published is None, r.published or date.min))
    screening = views.hits_for(store, [p.entity_id for p in detail.claim.parties])
    return _page(
        request, "claim.html", c=detail.claim, st=detail.status, reports=reports, screening=screening
    )


@router.get("/ui/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    try:
        view = reader.get_article(store, article_id)
    except NotFound as error:
        return _not_found(request, error)
    amounts = {a.idx: a for a in view.amounts}
    screening = views.hits_for(store, [e.entity_id for e in view.entities])
    return _page(
        request, "article.html", a=view, segments=segments(view), amounts=amounts, screening=screening
    )


def install(app: FastAPI) -> None:
    """Add the pages, the static files, and the graph library from node_modules when npm installed it."""
    app.include_router(router)
    app.include_router(timeline_router)
    app.include_router(graph_router)
    app.include_router(review_router)
    app.include_router(deals_router)
    app.include_router(feed_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    dist = node_modules() / "cytoscape" / "dist"
    app.state.graph_lib = (dist / "cytoscape.min.js").is_file()
    if app.state.graph_lib:
        app.mount("/vendor/cytoscape", StaticFiles(directory=str(dist)), name="vendor-cytoscape")
