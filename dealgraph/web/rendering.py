"""Rendering a desk page: the templates, their filters, and the headers every page is sent with.

Pages carry no inline script: a Content-Security-Policy of ``script-src 'self'`` is sent with every
page, so text from an article can never run as code even if a template forgot to escape it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from dealgraph.exc import NotFound
from dealgraph.screen.grades import SCREENED_TYPES, listed_since
from dealgraph.store import deal_views, reader, views
from dealgraph.store.store import Store

HERE = Path(__file__).resolve().parent
# Styles may be inline (the graph library adds a stylesheet of its own); scripts never.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
PAGE = 25

templates = Jinja2Templates(directory=str(HERE / "templates"))


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("writes", bool(request.app.state.settings.api_token))
    context.setdefault("has_graph_lib", request.app.state.graph_lib)
    context.setdefault("screened_types", SCREENED_TYPES)
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def not_found(request: Request, error: NotFound) -> HTMLResponse:
    return page(request, "error.html", status=404, message=str(error))


def form_day(value: str | None) -> date | None:
    """A date from a form field; empty means none. A malformed one is ignored rather than an error page."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def form_entity(store: Store, id_or_name: str | None) -> str | None:
    """An entity id from a form field holding an id or a name; None when nothing matches."""
    if not id_or_name or not id_or_name.strip():
        return None
    ids = reader.find_entity_ids(store, id_or_name.strip())
    return views.canonical_id(store, ids[0]) if ids else None


def _marks(snippet: str) -> Markup:
    """A search snippet with its ``[match]`` markers as ``<mark>``; the text itself is escaped first."""
    return Markup(re.sub(r"\[([^\[\]<>]*)\]", r"<mark>\1</mark>", str(escape(snippet))))


def _live_hits(hits: dict[str, list[views.HitView]] | None, entity_id: str) -> list[views.HitView]:
    """A party's hits (``views.hits_for``, read once per page) that a reviewer has not dismissed: what
    every badge, mark and sanctions line of a page shows."""
    return [h for h in (hits or {}).get(entity_id, []) if not h.dismissed]


def _with_live_hits(parties: list[Any], hits: dict[str, list[views.HitView]] | None) -> list[Any]:
    """The parties (anything with an ``entity_id``) that have a hit not dismissed."""
    return [p for p in parties if _live_hits(hits, p.entity_id)]


templates.env.filters["marks"] = _marks
templates.env.globals["listed_since"] = listed_since  # the one wording of "since when" (grades)
templates.env.filters["live_hits"] = _live_hits
templates.env.filters["with_live_hits"] = _with_live_hits
templates.env.filters["money"] = deal_views.money
