"""Name keys and slugs for canonical entities."""

from __future__ import annotations

import re
import unicodedata

from dealgraph.model import Entity
from dealgraph.resolve.translit import to_latin


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def slug(text: str) -> str:
    """A readable Latin id: "Кирилл Дмитриев" → "kirill-dmitriev" (``translit.to_latin``)."""
    value = re.sub(r"[^a-z0-9]+", "-", fold(to_latin(text))).strip("-")
    return value[:80] or "entity"


def entity_key(entity: Entity) -> str:
    """The exact key an entity is first looked up by: its gazetteer id, else type and folded name."""
    if entity.ref:
        return entity.ref
    return f"{entity.type}:{fold(entity.name)}"
