"""Store views to API models: one function per view type."""

from __future__ import annotations

from dealgraph.api import models as m
from dealgraph.store.reader import ArticleView, EventView
from dealgraph.store.views import HitView


def event_out(ev: EventView) -> m.EventOut:
    return m.EventOut(
        id=ev.id,
        article_id=ev.article_id,
        type=ev.type,
        modality=ev.modality,
        polarity=ev.polarity,
        source_id=ev.source_id,
        source_name=ev.source_name,
        trigger=ev.trigger,
        evidence=ev.evidence,
        evidence_start=ev.evidence_start,
        evidence_end=ev.evidence_end,
        event_date=ev.event_date,
        published=ev.published,
        confidence=ev.confidence,
        extractor=ev.extractor,
        args=[
            m.ArgOut(
                role=a.role,
                entity_id=a.entity_id,
                name=a.name,
                entity_key=a.entity_key,
                amount_idx=a.amount_idx,
                text=a.text,
            )
            for a in ev.args
        ],
    )


def hit_out(hit: HitView) -> m.HitOut:
    return m.HitOut(
        id=hit.key,
        dataset=hit.dataset,
        entry_id=hit.entry_id,
        name=hit.name,
        matched_name=hit.matched_name,
        score=hit.score,
        explanation=hit.explanation,
        programs=list(hit.programs),
        listed_on=hit.listed_on,
        listed_from=hit.listed_from,
        listed_until=hit.listed_until,
        relation=hit.relation,
        dismissed=hit.dismissed,
    )


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
        entities=[
            m.ArticleEntityOut(
                key=e.key,
                entity_id=e.entity_id,
                name=e.name,
                type=e.type,
                aliases=list(e.aliases),
                mentions=[m.MentionOut(**x.__dict__) for x in e.mentions],
            )
            for e in a.entities
        ],
        amounts=[m.AmountOut(**x.__dict__) for x in a.amounts],
        events=[event_out(ev) for ev in a.events],
    )
