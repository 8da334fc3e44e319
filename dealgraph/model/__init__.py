"""The domain types every stage shares. Stages meet only through these."""

from dealgraph.model.article import Article, RawItem, RemovedLine
from dealgraph.model.extraction import (
    ENTITY_TYPES,
    MODALITIES,
    Amount,
    Entity,
    EntityType,
    Event,
    EventArg,
    Extraction,
    Mention,
    Modality,
    Qualifier,
)

__all__ = [
    "ENTITY_TYPES",
    "MODALITIES",
    "Amount",
    "Article",
    "Entity",
    "EntityType",
    "Event",
    "EventArg",
    "Extraction",
    "Mention",
    "Modality",
    "Qualifier",
    "RawItem",
    "RemovedLine",
]
