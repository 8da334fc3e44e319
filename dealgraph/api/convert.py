"""Store views to API models, where ``Model.model_validate(view)`` (see ``api.models.Out``) is not enough."""

from __future__ import annotations

from dealgraph.api import models as m
from dealgraph.store.reader import ArticleView


def article_out(a: ArticleView) -> m.ArticleOut:
    return m.ArticleOut(
        id=a.id,
        title=a.title,
        published=a.published,
        outlet=a.outlet,
        lang=a.lang,
        source=a.source,
        url=a.url,
        published_how=a.published_how,
        text=a.text,
        removed=[
            m.RemovedOut(
                text=str(r.get("text", "")), reason=str(r.get("reason", "")), offset=int(r.get("offset", 0))
            )
            for r in a.removed
        ],
        entities=[m.ArticleEntityOut.model_validate(e) for e in a.entities],
        amounts=[m.AmountOut.model_validate(x) for x in a.amounts],
        events=[m.EventOut.model_validate(ev) for ev in a.events],
    )
