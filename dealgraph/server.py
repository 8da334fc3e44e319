"""The whole app that ``dealgraph serve`` runs: the REST API (``api.app.create_app``) with the web UI's
pages (``web.pages.install``) on it. Here, not in ``api``, so that ``api`` never imports ``web``."""

from __future__ import annotations

from fastapi import FastAPI

from dealgraph.api.app import MAX_BODY
from dealgraph.api.app import create_app as create_api
from dealgraph.settings import Settings
from dealgraph.store.store import Store
from dealgraph.web.pages import install as install_web


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    max_body: int = MAX_BODY,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The API and the web UI over one store; the arguments are ``api.app.create_app``'s."""
    return create_api(
        settings, store=store, max_body=max_body, allowed_hosts=allowed_hosts, pages=(install_web,)
    )
