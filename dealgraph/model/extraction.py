"""What extract finds in one article: entities with their mentions, amounts and events.

All spans are character offsets into ``Article.text``; entity keys (``e0``, ``e1``...) are local to
the article. Cross-article ids are the resolver's business and live in the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

EntityType = Literal["Person", "Organization", "Country", "Location", "Project"]
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
Qualifier = Literal["exact", "approx", "up_to"]
Modality = Literal["asserted", "reported", "planned", "hedged", "denied"]
MODALITIES: tuple[str, ...] = get_args(Modality)


@dataclass(frozen=True)
class Mention:
    """One surface form of an entity in the text."""

    start: int
    end: int
    text: str
    type: EntityType
    origin: str  # which component found it: "ner", "gazetteer", "acronym", "coref"...


@dataclass(frozen=True)
class Entity:
    """An in-article referent: all mentions of one real-world thing in one article."""

    key: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...]
    ref: str | None = None  # a gazetteer id ("country:RU") when the name is a known one
    aliases: tuple[str, ...] = ()  # forms the text defines but does not use as mentions


@dataclass(frozen=True)
class Amount:
    """A money amount or a percentage, as a value or a range."""

    start: int
    end: int
    text: str
    value: float | None
    currency: str | None = None  # ISO 4217
    unit: str | None = None  # "percent" for percentages
    qualifier: Qualifier = "exact"
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True)
class EventArg:
    """A filled role: an in-article entity key, an amount index, or free text (a ROLE title)."""

    role: str
    entity: str | None = None
    amount: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class Event:
    type: str
    args: tuple[EventArg, ...]
    modality: Modality
    evidence_start: int
    evidence_end: int
    source: str | None = None  # entity key of whoever the article attributes it to
    polarity: Literal["impose", "lift"] | None = None
    trigger: str = ""
    when: str | None = None  # event time when the text gives one (ISO date or year)
    extractor: str = ""
    confidence: float = 0.5


@dataclass(frozen=True)
class Extraction:
    article_id: str
    entities: tuple[Entity, ...] = ()
    amounts: tuple[Amount, ...] = ()
    events: tuple[Event, ...] = field(default=())
