"""Articles, canonical entities and their mentions as FtM statements.

Each article is an ``Article`` (title, text, language, ``publishedAt``, ``sourceUrl``, publisher, the
canonical names of the people and organisations it mentions, the countries and places it names). Each
canonical entity takes its canonical name and every other form it was seen under (``alias``,
``weakAlias``, ``abbreviation``: ``parties.name_kind``), its gazetteer country. Each surface form of a
person or organisation in an article is a ``Mention`` (its ``document`` the article, ``resolved`` the
entity); a project, which a ``Mention`` cannot resolve to (its range is LegalEntity), is linked to the
article by a ``Documentation``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dealgraph.export.ftm.parties import country_code, home_country, name_kind, schema_for
from dealgraph.export.ftm.statements import Statements
from dealgraph.export.ids import article_id, entity_id, hashed_id
from dealgraph.store.reader import ArticleEntityView, ArticleView
from dealgraph.version import __version__


def origin(stage: str) -> str:
    return f"dealgraph-{stage}/{__version__}"


@dataclass
class ArticleParties:
    """What an article's entity keys stand for in the export: an entity id, a country code or a place."""

    doc: str
    entities: dict[str, str] = field(default_factory=dict)  # key -> FtM id (people, organisations, projects)
    schemata: dict[str, str] = field(default_factory=dict)  # key -> FtM schema
    countries: dict[str, str] = field(default_factory=dict)  # key -> ISO code
    places: dict[str, str] = field(default_factory=dict)  # key -> place name
    names: dict[str, str] = field(default_factory=dict)  # key -> canonical name


def add_article(
    out: Statements, article: ArticleView, canonical: dict[str, tuple[str, str]]
) -> ArticleParties:
    """The article, its entities and mentions; ``canonical`` maps store ids to (name, type)."""
    day = article.published
    doc = out.make(article_id(article.id), "Article")
    parties = ArticleParties(doc)
    o = origin("clean")
    out.add(doc, "title", article.title or article.text.split("\n", 1)[0][:200], day, o)
    out.add(doc, "bodyText", article.text, day, o)
    out.add(doc, "language", article.lang, day, o)
    out.add(doc, "publishedAt", day.isoformat() if day else None, day, o)
    if article.url and article.url.startswith(("http://", "https://")):
        out.add(doc, "sourceUrl", article.url, day, o)
    out.add(doc, "publisher", article.outlet, day, o)
    for ent in article.entities:
        name = canonical.get(ent.entity_id, (ent.name, ent.type))[0]
        code = country_code(ent.type, ent.ref, name)
        parties.names[ent.key] = name
        schema = schema_for(ent.type, ent.ref)
        if code:
            parties.countries[ent.key] = code
            out.add(doc, "detectedCountry", code, day, origin("extract"))
        elif schema is None:
            parties.places[ent.key] = name
            out.add(doc, "locationMentioned", name, day, origin("extract"))
        else:
            parties.entities[ent.key] = _add_entity(out, ent, schema, name, day)
            parties.schemata[ent.key] = schema
            mentioned = "peopleMentioned" if schema == "Person" else "companiesMentioned"
            if schema != "Project":
                out.add(doc, mentioned, name, day, origin("resolve"))
            _add_mentions(out, doc, ent, parties.entities[ent.key], schema, day)
    return parties


def _add_entity(out: Statements, ent: ArticleEntityView, schema: str, name: str, when: date | None) -> str:
    ftm_id = out.make(entity_id(ent.entity_id), schema)
    out.add(ftm_id, "name", name, when, origin("resolve"))
    forms = [*(m.text for m in ent.mentions), ent.name, *ent.aliases]
    for form in dict.fromkeys(forms):
        prop = name_kind(schema, form, name)
        if prop is not None:
            out.add(ftm_id, prop, form, when, origin("extract"))
    country = home_country(ent.ref)
    if country and schema != "Project":
        out.add(ftm_id, "country", country, when, origin("extract"))
    return ftm_id


def _add_mentions(
    out: Statements, doc: str, ent: ArticleEntityView, ftm_id: str, schema: str, when: date | None
) -> None:
    if schema == "Project":
        link = hashed_id("documentation", doc, ftm_id)
        out.make(link, "Documentation")
        for prop, value in (("document", doc), ("entity", ftm_id), ("role", "mentioned")):
            out.add(link, prop, value, when, origin("extract"))
        return
    for m in ent.mentions:
        mention = hashed_id("mention", doc, ent.key, m.text)
        if mention in out:
            continue
        out.make(mention, "Mention")
        o = origin(m.origin)
        out.add(mention, "document", doc, when, o)
        out.add(mention, "resolved", ftm_id, when, o)
        out.add(mention, "name", m.text, when, o)
        out.add(mention, "detectedSchema", schema, when, o)
