"""Cutting an article's text into segments for display: each segment knows which entity mention,
amount and event evidence spans cover it, so a template can highlight them without building HTML
strings (it only ever prints escaped text)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from dealgraph.store.reader import ArticleView


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    entity_id: str | None = None
    entity_type: str | None = None
    entity_name: str | None = None
    entity_key: str | None = None  # the in-article entity the mention belongs to ("e3")
    amount: str | None = None  # the amount's text, when the segment is part of one
    events: tuple[str, ...] = ()  # ids of events whose evidence covers the segment
    event_types: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # ids of events whose evidence begins here (the page's ``#at-`` anchors)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str  # "ent" | "amt" | "ev"
    ref: str
    label: str
    extra: str = ""
    key: str = ""  # an entity mention's in-article key ("e3"): what a split names


def _marks(article: ArticleView) -> list[_Mark]:
    marks = []
    for e in article.entities:
        for mention in e.mentions:
            marks.append(_Mark(mention.start, mention.end, "ent", e.entity_id, e.type, e.name, e.key))
    for a in article.amounts:
        marks.append(_Mark(a.start, a.end, "amt", str(a.idx), a.text))
    for ev in article.events:
        marks.append(_Mark(ev.evidence_start, ev.evidence_end, "ev", ev.id, ev.type))
    n = len(article.text)
    return [mk for mk in marks if 0 <= mk.start < mk.end <= n]


def segments(article: ArticleView) -> list[Segment]:
    """The article text as consecutive segments covering it exactly, each with the spans over it."""
    text = article.text
    marks = _marks(article)
    cuts = sorted({0, len(text), *(mk.start for mk in marks), *(mk.end for mk in marks)})
    result = []
    for a, b in pairwise(cuts):
        over = [mk for mk in marks if mk.start <= a and b <= mk.end]
        ent = next((mk for mk in over if mk.kind == "ent"), None)
        amt = next((mk for mk in over if mk.kind == "amt"), None)
        evs = [mk for mk in over if mk.kind == "ev"]
        result.append(
            Segment(
                text=text[a:b],
                start=a,
                entity_id=ent.ref if ent else None,
                entity_type=ent.label if ent else None,
                entity_name=ent.extra if ent else None,
                entity_key=ent.key if ent else None,
                amount=amt.label if amt else None,
                events=tuple(mk.ref for mk in evs),
                event_types=tuple(dict.fromkeys(mk.label for mk in evs)),
                starts=tuple(mk.ref for mk in evs if mk.start == a),
            )
        )
    return result
