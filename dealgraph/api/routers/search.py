"""``/search``: full text over articles (SQLite FTS5, or PostgreSQL's tsvector)."""

from __future__ import annotations

from fastapi import APIRouter, Query

from dealgraph.api import models as m
from dealgraph.api.deps import PagingDep, StoreDep
from dealgraph.store import views

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", response_model=m.Page[m.SearchHitOut], summary="Full-text search over articles, best first")
def search_articles(
    store: StoreDep,
    page: PagingDep,
    q: str = Query(..., min_length=1, max_length=500, description="words to find"),
) -> m.Page[m.SearchHitOut]:
    hits = views.search_articles(store, q, page.limit + 1, page.offset)
    return m.Page.of(hits, page, m.SearchHitOut.model_validate)
