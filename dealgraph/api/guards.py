"""Checks made before a request reaches its route: the write token, before the body is read.

FastAPI reads and parses a route's JSON body before it runs the route's dependencies, so the token
dependency (``deps.require_token``) alone let anyone without a token make the server parse a body up to
the size cap (deep nesting, huge numbers) and answer 400/422 instead of 401. ``WriteGate`` finds the
routes that depend on ``require_token`` and refuses a request to one of them from its headers alone;
the dependency stays, so that the OpenAPI schema shows the security and a route is never unguarded.
The routers are served under a prefix (``versioning.PREFIX``) that their own routes do not carry, so the
gate takes the prefix off the request's path before it matches them, and guards only paths under it
(an old path without the prefix is a redirect that reads no body).
The ``Host`` header check is Starlette's ``TrustedHostMiddleware``, installed by ``create_app``.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from dealgraph.api.deps import check_token
from dealgraph.api.errors import MEDIA_TYPE, problem_bytes


def write_routes(routers: list[APIRouter]) -> list[APIRoute]:
    """The routes of ``routers`` that need the write token (through ``require_token``, on the route or
    on its router). Read from the routers, not the app: FastAPI may keep included routers lazily."""
    from dealgraph.api.deps import require_token

    def needs(dependant: Dependant) -> bool:
        return any(d.call is require_token or needs(d) for d in dependant.dependencies)

    return [r for router in routers for r in router.routes if isinstance(r, APIRoute) and needs(r.dependant)]


class WriteGate:
    """401/403 for a write route without the right bearer token, before its body is read."""

    def __init__(self, app: ASGIApp, routes: list[APIRoute], token: str | None, prefix: str = "") -> None:
        self.app, self.routes, self.token, self.prefix = app, routes, token, prefix

    def _guarded(self, scope: Scope) -> bool:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix + "/"):
            return False
        path: str = scope["path"]
        inner = {**scope, "path": path[len(self.prefix) :]}
        return any(r.matches(inner)[0] == Match.FULL for r in self.routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._guarded(scope):
            headers = dict(scope.get("headers", []))
            authorization = headers.get(b"authorization", b"").decode("latin-1")
            try:
                check_token(self.token, authorization)
            except HTTPException as refusal:
                await _refuse(send, refusal)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send, refusal: HTTPException) -> None:
    body = problem_bytes(refusal.status_code, str(refusal.detail))
    headers = [(b"content-type", MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in (refusal.headers or {}).items()]
    await send({"type": "http.response.start", "status": refusal.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})
