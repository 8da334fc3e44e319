"""The API's version in its paths: every operation is served under ``/v1`` (``PREFIX``), and each path
the API answered before it was versioned (``/entities``, ``/entities/{id}/merge``, ``/health``, ...)
answers ``308 Permanent Redirect`` to the same path and query string under ``/v1``.

308, not 301: a client sends a ``POST`` again with its method, body and headers, so a write to an old
path reaches the ``/v1`` route, where the write token is checked like any other write (``guards``); the
redirect itself never reads the body, and the body-size cap and the ``Host`` check, being middleware,
run before it as before every route. The redirects are made from the routers' own routes, their paths
and methods, so they are exactly the old API paths: the web UI's (``/``, ``/ui/...``, ``/alerts.atom``,
``/static``), ``/docs`` and ``/openapi.json`` stay as they are; ``create_app`` adds them after the pages,
so a page on the same path would win. They are hidden from the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from starlette.types import Scope

PREFIX = "/v1"


def versioned(routers: Sequence[APIRouter]) -> APIRouter:
    """One router holding ``routers`` under ``PREFIX``."""
    v1 = APIRouter(prefix=PREFIX)
    for router in routers:
        v1.include_router(router)
    return v1


def install_redirects(app: FastAPI, routers: Sequence[APIRouter]) -> None:
    """A 308 to ``PREFIX`` on every path of ``routers`` (their paths without the prefix), for the same
    methods; another method on an old path is a 405 as before."""
    methods: dict[str, set[str]] = {}
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                methods.setdefault(route.path, set()).update(route.methods or ())
    for path, allowed in methods.items():
        app.add_route(path, moved, methods=sorted(allowed), include_in_schema=False)


async def moved(request: Request) -> RedirectResponse:
    return RedirectResponse(location(request.scope), status_code=308)


def location(scope: Scope) -> str:
    """The request's path, as the client encoded it, under ``PREFIX``, with its query string."""
    raw: bytes | None = scope.get("raw_path")
    path = raw.decode("latin-1") if raw else quote(scope["path"])
    query = scope.get("query_string", b"").decode("latin-1")
    return PREFIX + path + (f"?{query}" if query else "")
