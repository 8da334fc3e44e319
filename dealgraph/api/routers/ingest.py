"""``POST /ingest``: run the pipeline over articles sent in the body (needs the write token).

Documents come in the body, never as server paths or URLs: a client cannot make the server read its
own files or fetch addresses on its network.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, Request

from dealgraph.api import models as m
from dealgraph.api.deps import StoreDep, WriteAuth
from dealgraph.exc import InputError
from dealgraph.model import RawItem

router = APIRouter(prefix="/ingest", tags=["writes"])
_model_lock = threading.Lock()
_write_lock = threading.Lock()


def _items(body: m.IngestRequest) -> list[RawItem]:
    items = []
    for n, doc in enumerate(body.documents):
        if (doc.text is None) == (doc.html is None):
            raise InputError(f"document {n}: give exactly one of text or html")
        items.append(
            RawItem(
                source=f"api:{doc.id or n}",
                content=doc.text if doc.text is not None else doc.html or "",
                content_type="text" if doc.text is not None else "html",
                doc_id=doc.id,
                title=doc.title,
                url=doc.url,
                published=doc.published,
                outlet=doc.outlet,
            )
        )
    return items


def _extractor(request: Request) -> Any:
    with _model_lock:
        if getattr(request.app.state, "extractor", None) is None:
            from dealgraph.extract.extractor import Extractor

            request.app.state.extractor = Extractor(request.app.state.settings.spacy_model)
        return request.app.state.extractor


@router.post(
    "",
    response_model=m.IngestOut,
    dependencies=[WriteAuth],
    responses={401: {"model": m.Problem}, 403: {"model": m.Problem}, 413: {"model": m.Problem}},
    summary="Ingest articles given in the body",
)
def ingest_articles(body: m.IngestRequest, request: Request, store: StoreDep) -> m.IngestOut:
    items = _items(body)
    from dealgraph.pipeline.run import ingest_items  # loads the pipeline on the first ingest, not at start

    extractor = _extractor(request)
    with _write_lock:  # one writer at a time
        report = ingest_items(items, store, extractor)
    return m.IngestOut(
        stored=report.stored,
        unchanged=report.unchanged,
        duplicates=[list(d) for d in report.duplicates],
        errors=[{"source": e.source, "stage": e.stage, "reason": e.reason} for e in report.errors],
    )
