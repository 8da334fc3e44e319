"""One exception handler: dealgraph's errors to HTTP statuses, with a small JSON problem body (and one
for invalid requests, which never echoes the input)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from dealgraph.exc import ConfigError, DealgraphError, InputError, ItemError, NotFound

log = logging.getLogger(__name__)

STATUS: tuple[tuple[type[DealgraphError], int], ...] = (
    (NotFound, 404),
    (InputError, 400),
    (ItemError, 422),
    (ConfigError, 500),
)


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


async def handle(request: Request, error: Exception) -> JSONResponse:
    status = status_of(error) if isinstance(error, DealgraphError) else 500
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, error)
    return JSONResponse({"error": type(error).__name__, "detail": str(error)}, status_code=status)


async def invalid(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's 422 without the offending input: its own handler echoes the input back, which fails
    (a 500) when the input is ``NaN`` or ``Infinity``, and sends a hostile body straight back."""
    errors = error.errors() if isinstance(error, RequestValidationError) else []
    detail = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in errors
    ]
    return JSONResponse({"detail": detail}, status_code=422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(DealgraphError, handle)
    app.add_exception_handler(RequestValidationError, invalid)
