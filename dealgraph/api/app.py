"""The API's app factory: ``create_app(settings)`` builds the REST API over one store.

It never imports the web UI: ``dealgraph.server.create_app`` builds the whole app (API and pages) by
passing ``web.pages.install`` in ``pages``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dealgraph.api import errors, spec, versioning
from dealgraph.api.caching import ETags
from dealgraph.api.guards import WriteGate, write_routes
from dealgraph.api.limits import BodySizeLimit
from dealgraph.api.routers import (
    articles,
    claims,
    deals,
    entities,
    events,
    exports,
    graph,
    ingest,
    judgements,
    lists,
    screen,
    search,
    status,
)
from dealgraph.settings import Settings
from dealgraph.store.store import Store, open_store
from dealgraph.version import __version__

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024  # JSON bodies: ad-hoc names, judgements, a batch of articles
DESCRIPTION = """Who offers what to whom, for how much, says who, and is any party sanctioned?

Every operation is under `/v1`; a path without it (`/entities`) answers `308` to the same path under
`/v1`, method and body kept. This document is at `/openapi.json` and its interactive page at `/docs`,
outside the version. Reads are open; writes (`POST /v1/ingest`, merge/split/dismiss) need
`Authorization: Bearer <token>` with the token in the server's `DEALGRAPH_API_TOKEN`. Lists are paged
with `limit` and `offset`; a page's `next_offset` is null when there is no more. Every error is an RFC
9457 problem (`application/problem+json`: `type`, `title`, `status`, `detail`, and dealgraph's `error`
name). JSON reads carry an `ETag` (send it back in `If-None-Match` for a `304`). `/v1/export/ftm`
streams the FollowTheMoney export as NDJSON. The web UI lives at `/`."""


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    max_body: int = MAX_BODY,
    allowed_hosts: list[str] | None = None,
    pages: Sequence[Callable[[FastAPI], None]] = (),
) -> FastAPI:
    """Build the app. ``store`` defaults to ``open_store(settings.db)``; with ``allowed_hosts`` (``serve``
    passes them), a request whose ``Host`` header names another host is refused (400), which stops
    DNS-rebinding pages from reading a local server. Each of ``pages`` adds its routes to the app after
    the API's routers and before ``/docs``."""
    settings = settings or Settings.load()
    app = FastAPI(
        title="dealgraph",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=spec.operation_id,
    )
    app.state.settings = settings
    app.state.store = store or open_store(settings.db)
    app.state.extractor = None
    errors.install(app)
    modules = (
        *(articles, entities, judgements, events, claims, graph, search, deals),
        *(screen, lists, ingest, exports, status),
    )
    routers = [module.router for module in modules]
    app.include_router(versioning.versioned(routers))
    from dealgraph.api.docs import install as install_docs

    for install in pages:
        install(app)
    install_docs(app)
    versioning.install_redirects(app, routers)
    spec.install(app)
    app.add_middleware(ETags)
    app.add_middleware(BodySizeLimit, max_bytes=max_body)
    app.add_middleware(
        WriteGate, routes=write_routes(routers), token=settings.api_token, prefix=versioning.PREFIX
    )
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    if settings.cors_origins:  # opt-in: no cross-origin reads unless DEALGRAPH_CORS_ORIGINS names them
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match"],
            expose_headers=["ETag"],
        )
    return app
