"""The key columns the store's tables share, each with its type and width defined once.

An article id, a canonical entity id, an in-article entity key, an event id, a claim id and a list
entry's (dataset, entry id) key each stand in many tables, as the row's own key or as a reference to
another table's. A reference must be exactly as wide as the id it names, so the widths live here and
every table builds these columns with the functions below (``*_ref`` adds the foreign key); the
column's name, key and nullability stay with the table. The widths are in the stores already created:
changing one needs a migration (``migrations.py``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ForeignKey, String

ARTICLE_ID = 200  # a source's own document id, or "a" + 16 hex digits of the content hash
ENTITY_ID = 120  # a slug of the display name, "-2" and so on when taken
ENTITY_KEY = 20  # an in-article entity's key ("e3"), unique within its article only
EVENT_ID = 220  # "{article_id}:{12 hex digits}", and "-{n}" for the same reading twice
CLAIM_ID = 40
DATASET = 100  # a list's dataset name ("us_ofac_sdn")
ENTRY_ID = 200  # an entry's id within its list


def _column(name: str, width: int, target: str | None, kw: dict[str, Any]) -> Column[str]:
    if target is None:
        return Column(name, String(width), **kw)
    return Column(name, String(width), ForeignKey(target), **kw)


def article_id(name: str, **kw: Any) -> Column[str]:
    return _column(name, ARTICLE_ID, None, kw)


def article_ref(name: str = "article_id", **kw: Any) -> Column[str]:
    """A column naming a stored article (``articles.id``)."""
    return _column(name, ARTICLE_ID, "articles.id", kw)


def entity_id(name: str = "entity_id", **kw: Any) -> Column[str]:
    """A canonical entity's id, without a foreign key: the tables of later stages (screening, claims,
    alerts) keep the ids they were given, and a link keeps the id it chose."""
    return _column(name, ENTITY_ID, None, kw)


def entity_ref(name: str = "entity_id", **kw: Any) -> Column[str]:
    """A column naming a canonical entity (``entities.id``)."""
    return _column(name, ENTITY_ID, "entities.id", kw)


def entity_key(name: str = "entity_key", **kw: Any) -> Column[str]:
    return _column(name, ENTITY_KEY, None, kw)


def event_id(name: str, **kw: Any) -> Column[str]:
    return _column(name, EVENT_ID, None, kw)


def event_ref(name: str = "event_id", **kw: Any) -> Column[str]:
    """A column naming a stored event (``events.id``)."""
    return _column(name, EVENT_ID, "events.id", kw)


def claim_id(name: str = "claim_id", **kw: Any) -> Column[str]:
    return _column(name, CLAIM_ID, None, kw)


def claim_ref(name: str = "claim_id", **kw: Any) -> Column[str]:
    """A column naming a claim (``claims.id``)."""
    return _column(name, CLAIM_ID, "claims.id", kw)


def dataset(**kw: Any) -> Column[str]:
    return _column("dataset", DATASET, None, kw)


def entry_id(**kw: Any) -> Column[str]:
    return _column("entry_id", ENTRY_ID, None, kw)


def list_entry(**kw: Any) -> tuple[Column[str], Column[str]]:
    """The two columns a list entry is keyed by everywhere: ``dataset``, ``entry_id``."""
    return dataset(**kw), entry_id(**kw)
