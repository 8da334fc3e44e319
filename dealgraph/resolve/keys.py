"""Name keys and slugs for canonical entities."""

from __future__ import annotations

import re

from dealgraph.model import Entity
from dealgraph.names.text import fold
from dealgraph.resolve.translit import to_latin


def slug(text: str) -> str:
    """A readable Latin id: "Кирилл Дмитриев" → "kirill-dmitriev" (``translit.to_latin``)."""
    value = re.sub(r"[^a-z0-9]+", "-", fold(to_latin(text))).strip("-")
    return value[:80] or "entity"


def entity_key(entity: Entity) -> str:
    """The exact key an entity is first looked up by: its gazetteer id, else type and folded name."""
    if entity.ref:
        return entity.ref
    return f"{entity.type}:{fold(entity.name)}"
