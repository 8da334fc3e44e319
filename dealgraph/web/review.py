"""``/ui/review``: the sanctions review queue. Which list snapshots are loaded; every possible hit not yet
decided on, best score first, with what matched and why, and a form to confirm or dismiss it with a
reason; the decisions taken (who, when, why), the current ones with an undo. The forms post to the API
(``POST /v1/entities/{id}/hits/{hit}/confirm`` or ``/dismiss``, the write token from the page's session);
decisions are rows of the judgement log."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dealgraph.api.deps import StoreDep
from dealgraph.store.brief_reads import loaded_snapshots
from dealgraph.store.review_reads import decisions, review_queue
from dealgraph.web.rendering import page

router = APIRouter(include_in_schema=False)
QUEUE = 200


@router.get("/ui/review", response_class=HTMLResponse)
def review(request: Request, store: StoreDep) -> HTMLResponse:
    queue, total = review_queue(store, QUEUE)
    return page(
        request,
        "review.html",
        snapshots=loaded_snapshots(store),
        queue=queue,
        total=total,
        decisions=decisions(store),
    )
