"""FollowTheMoney export, for Aleph and OpenSanctions tooling.

Mapping: each article is an ``Article``; each canonical entity a ``Person``, ``Organization`` (``Company``
or ``PublicBody`` when the gazetteer knows the institution's kind), ``LegalEntity`` with a ``country`` for
a state actor, ``Address`` for a place, ``Project`` for a project; each surface form a ``Mention`` of its
article; each event argument an ``UnknownLink`` from the agent to the other party, its ``role`` the
event type and role, its ``description`` the evidence sentence and ``proof`` the article; each undismissed
screening hit a ``Sanction`` on the entity (list, program, entry id, listing interval, explanation).
Every entity is checked with followthemoney's own schema validation before it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from followthemoney import model

from dealgraph.extract.gazetteer import load_gazetteer
from dealgraph.screen.asof import ListingLookup
from dealgraph.screen.records import ScreeningHit
from dealgraph.store.reader import ArticleView, iter_articles
from dealgraph.store.store import Store

PUBLIC_KINDS = {"government", "legislature", "court", "central-bank", "agency", "military", "intl"}
SCHEMATA = {"Person": "Person", "Organization": "Organization", "Country": "LegalEntity",
            "Location": "Address", "Project": "Project"}  # fmt: skip


def _schema_for(type_: str, ref: str | None, kinds: dict[str, tuple[str | None, str | None]]) -> str:
    if type_ == "Organization" and ref in kinds:
        kind = kinds[ref][0]
        if kind == "company":
            return "Company"
        if kind in PUBLIC_KINDS:
            return "PublicBody"
    return SCHEMATA[type_]


def _checked(proxy: Any) -> dict[str, Any]:
    data: dict[str, Any] = proxy.to_dict()
    error = proxy.schema.validate(data)
    if error:
        raise ValueError(f"invalid FtM {proxy.schema.name} {proxy.id}: {error}")
    return data


def ftm_entities(store: Store) -> Iterator[dict[str, Any]]:
    kinds = {e.ref: (e.kind, e.country) for e in load_gazetteer().entries}
    seen: set[str] = set()
    for article in iter_articles(store):
        yield from _article_entities(article, kinds, seen)
    with store.read() as conn:
        lookup = ListingLookup(conn)
    for entity_id, hits in sorted(lookup.by_entity.items()):
        if f"dg-{entity_id}" in seen:
            for hit in hits:
                yield _sanction(f"dg-{entity_id}", hit)


def _sanction(ftm_id: str, hit: ScreeningHit) -> dict[str, Any]:
    sanction = model.make_entity("Sanction")
    sanction.make_id(ftm_id, hit.dataset, hit.entry_id, str(hit.listed_from))
    sanction.add("entity", ftm_id)
    sanction.add("authority", hit.dataset)
    sanction.add("authorityId", hit.entry_id)
    for program in hit.programs:
        sanction.add("program", program)
    if hit.listed_from:
        sanction.add("startDate", hit.listed_from.isoformat())
    if hit.listed_until:
        sanction.add("endDate", hit.listed_until.isoformat())
    if hit.listed_on:
        sanction.add("listingDate", hit.listed_on.isoformat())
    sanction.add("summary", f"screening hit (score {hit.score:.2f}) on {hit.name}: {hit.explanation}")
    return _checked(sanction)


def _article_entities(
    article: ArticleView, kinds: dict[str, tuple[str | None, str | None]], seen: set[str]
) -> Iterator[dict[str, Any]]:
    doc = model.make_entity("Article")
    doc.id = f"dg-article-{article.id}"
    doc.add("title", article.title or article.text.split("\n", 1)[0][:200])
    doc.add("bodyText", article.text)
    doc.add("language", article.lang, quiet=True)
    if article.published:
        doc.add("publishedAt", article.published.isoformat())
    if article.url:
        doc.add("sourceUrl", article.url, quiet=True)
    if article.outlet:
        doc.add("publisher", article.outlet)
    yield _checked(doc)
    ids: dict[str, str] = {}
    for ent in article.entities:
        ftm_id = f"dg-{ent.entity_id}"
        ids[ent.key] = ftm_id
        if ftm_id not in seen:
            seen.add(ftm_id)
            proxy = model.make_entity(_schema_for(ent.type, ent.ref, kinds))
            proxy.id = ftm_id
            proxy.add("name" if ent.type != "Location" else "full", ent.name)
            if ent.type == "Country" and ent.ref:
                proxy.add("country", ent.ref.split(":", 1)[1], quiet=True)
            for alias in ent.aliases:
                proxy.add("alias", alias, quiet=True)
            yield _checked(proxy)
        for text in dict.fromkeys(m.text for m in ent.mentions):
            mention = model.make_entity("Mention")
            mention.make_id(article.id, ent.key, text)
            mention.add("document", doc.id)
            mention.add("resolved", ftm_id)
            mention.add("name", text)
            mention.add("detectedSchema", _schema_for(ent.type, ent.ref, kinds))
            yield _checked(mention)
    for ev in article.events:
        agent = next((a for a in ev.args if a.role == "agent" and a.entity_key), None)
        for arg in ev.args:
            if arg is agent or not arg.entity_key or agent is None or agent.entity_key not in ids:
                continue
            link = model.make_entity("UnknownLink")
            link.make_id(ev.id, arg.role, arg.entity_key)
            link.add("subject", ids[agent.entity_key])
            link.add("object", ids[arg.entity_key])
            link.add("role", f"{ev.type} {arg.role}".lower())
            link.add("description", ev.evidence)
            link.add(
                "summary",
                f"modality: {ev.modality}" + (f"; source: {ev.source_name}" if ev.source_name else ""),
            )
            link.add("proof", doc.id)
            if ev.event_date or ev.published:
                link.add("date", ev.event_date or (ev.published.isoformat() if ev.published else None))
            yield _checked(link)
