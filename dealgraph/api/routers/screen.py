"""``POST /screen``: screen ad-hoc names against the loaded sanctions lists, as they stood on a date."""

from __future__ import annotations

from fastapi import APIRouter

from dealgraph.api import models as m
from dealgraph.api.deps import StoreDep
from dealgraph.api.screening import screen as run_screen
from dealgraph.exc import InputError

router = APIRouter(prefix="/screen", tags=["screening"])


@router.post(
    "",
    response_model=list[m.ScreenResult],
    responses={503: {"model": m.Problem, "description": "screening not installed or no lists loaded"}},
    summary="Screen names against the sanctions lists as of a date (reads only; no token needed)",
)
def screen_names(body: m.ScreenRequest, store: StoreDep) -> list[m.ScreenResult]:
    names = [n.strip() for n in body.names]
    if any(not n or len(n) > 300 for n in names):
        raise InputError("each name must have 1 to 300 characters")
    return run_screen(store, names, body.as_of, body.schema_)
