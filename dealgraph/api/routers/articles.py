"""``/articles``: the stored articles; one article with its text, furniture, entities, amounts, events."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query

from dealgraph.api import models as m
from dealgraph.api.deps import PagingDep, StoreDep
from dealgraph.store import reader, views

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=m.Page[m.ArticleItem], summary="List articles, newest first")
def list_articles(
    store: StoreDep,
    page: PagingDep,
    since: date | None = Query(None, description="published on or after"),
    outlet: str | None = Query(None, max_length=200),
) -> m.Page[m.ArticleItem]:
    rows = views.list_articles(store, page.limit + 1, page.offset, since=since, outlet=outlet)
    return m.Page.of(rows, page, m.ArticleItem.model_validate)


@router.get(
    "/{article_id:path}",
    response_model=m.ArticleOut,
    responses={404: {"model": m.Problem}},
    summary="One article: clean text, metadata, removed furniture, entities, amounts, events with spans",
)
def get_article(article_id: str, store: StoreDep) -> m.ArticleOut:
    return m.ArticleOut.model_validate(reader.get_article(store, article_id))
