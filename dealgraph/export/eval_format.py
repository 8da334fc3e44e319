"""The ``eval`` export: exactly the system format that ``shared/eval/score.py`` reads (its README).

One object per article; entity ids are canonical (cross-article) ids; event arguments name those ids;
``amount`` arguments are indexes into the article's ``amounts`` list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dealgraph.screen.asof import ListingLookup, event_day, listed_parties
from dealgraph.store.claim_reads import event_claims
from dealgraph.store.reader import AmountView, ArticleView, EventView, iter_articles
from dealgraph.store.store import Store


def amount_record(a: AmountView) -> dict[str, Any]:
    record: dict[str, Any] = {"text": a.text, "qualifier": a.qualifier}
    if a.min is not None or a.max is not None:
        record["min"], record["max"] = a.min, a.max
    else:
        record["value"] = a.value
    if a.unit:
        record["unit"] = a.unit
    else:
        record["currency"] = a.currency
    return record


def event_record(ev: EventView) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for arg in ev.args:
        value: Any = arg.entity_id if arg.entity_id is not None else arg.amount_idx
        if arg.role == "title":
            value = arg.text
        if value is None:
            continue
        if arg.role in args and arg.role not in {"amount", "title"}:
            prior = args[arg.role]
            args[arg.role] = [*prior, value] if isinstance(prior, list) else [prior, value]
        else:
            args[arg.role] = value
    record: dict[str, Any] = {
        "type": ev.type,
        "args": args,
        "modality": ev.modality,
        "source": ev.source_id,
        "evidence": ev.evidence,
        "confidence": ev.confidence,
    }
    if ev.polarity == "lift":
        record["polarity"] = "lift"
    if ev.event_date:
        record["when"] = ev.event_date
    return record


def article_record(article: ArticleView) -> dict[str, Any]:
    entities: dict[str, dict[str, Any]] = {}
    for e in article.entities:
        # two in-article entities resolved to one canonical id are one referent here
        record = entities.setdefault(
            e.entity_id, {"id": e.entity_id, "name": e.name, "type": e.type, "mentions": []}
        )
        for m in e.mentions:
            if m.text not in record["mentions"]:
                record["mentions"].append(m.text)
        if e.aliases:
            record.setdefault("aliases", []).extend(
                a for a in e.aliases if a not in record.get("aliases", [])
            )
    return {
        "doc": article.id,
        "lang": article.lang,
        "published": article.published.isoformat() if article.published else None,
        "entities": list(entities.values()),
        "amounts": [amount_record(a) for a in article.amounts],
        "events": [event_record(ev) for ev in article.events],
    }


def eval_records(store: Store) -> Iterator[dict[str, Any]]:
    """Scorer records; each event also says which of its parties were listed on its day (``listed``)
    and which claim it reports (``claim``), fields the scorer ignores."""
    with store.read() as conn:
        lookup = ListingLookup(conn)
    claims = event_claims(store)
    for article in iter_articles(store):
        record = article_record(article)
        for ev, out in zip(article.events, record["events"], strict=True):
            if ev.id in claims:
                out["claim"] = claims[ev.id]
        if lookup.by_entity:
            for ev, out in zip(article.events, record["events"], strict=True):
                day = event_day(ev.event_date, ev.published)
                flags = listed_parties(lookup, [(a.role, a.entity_id) for a in ev.args], day)
                if flags:
                    out["listed"] = flags
        yield record
