"""One exception handler: every error the API answers is an RFC 9457 problem (``application/problem+json``
with ``type``, ``title``, ``status``, ``detail``, and the project's ``error`` name that clients read):
dealgraph's errors, FastAPI's and Starlette's own (an unknown route's 404, a wrong method's 405, the
token's 401/403) and invalid requests (422, which never echoes the input). The middlewares that refuse
a request before it reaches a route (``limits``, ``guards``) send the same body through ``problem``."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from dealgraph.exc import ConfigError, DealgraphError, InputError, ItemError, NotFound

log = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"

STATUS: tuple[tuple[type[DealgraphError], int], ...] = (
    (NotFound, 404),
    (InputError, 400),
    (ItemError, 422),
    (ConfigError, 500),
)
# the `error` name of a problem that is not one of dealgraph's exceptions, by status
NAMES = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed"}


class Unavailable(DealgraphError):
    """A capability this server was asked for is not configured yet, such as screening with no list
    loaded (503)."""


def status_of(error: DealgraphError) -> int:
    if isinstance(error, Unavailable):
        return 503
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 500


def problem(status: int, detail: str, error: str | None = None, **extra: Any) -> dict[str, Any]:
    """The problem body: ``type`` is ``about:blank``, so ``title`` is the status's own phrase."""
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    name = error or NAMES.get(status) or title.replace(" ", "")
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, "error": name, **extra}


def problem_bytes(status: int, detail: str, error: str | None = None) -> bytes:
    return json.dumps(problem(status, detail, error)).encode()


def respond(status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


async def handle(request: Request, error: Exception) -> JSONResponse:
    status = status_of(error) if isinstance(error, DealgraphError) else 500
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, error)
    return respond(status, problem(status, str(error), type(error).__name__))


async def http_error(request: Request, error: Exception) -> JSONResponse:
    """Starlette's and FastAPI's ``HTTPException``: unknown routes, wrong methods, the write token."""
    if not isinstance(error, HTTPException):
        return await handle(request, error)
    detail = error.detail if isinstance(error.detail, str) else json.dumps(error.detail)
    return respond(error.status_code, problem(error.status_code, detail), headers=error.headers)


async def invalid(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's 422 without the offending input: its own handler echoes the input back, which fails
    (a 500) when the input is ``NaN`` or ``Infinity``, and sends a hostile body straight back. What was
    wrong is in ``errors``, one item per field."""
    errors = error.errors() if isinstance(error, RequestValidationError) else []
    items = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in errors
    ]
    detail = "; ".join(f"{'.'.join(map(str, i['loc']))}: {i['msg']}" for i in items) or "invalid request"
    return respond(422, problem(422, detail, "ValidationError", errors=items))


def install(app: FastAPI) -> None:
    app.add_exception_handler(DealgraphError, handle)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
