"""Canonical ids across articles: look an in-article entity up by key, else create a stable id.

This is the foundation's resolver: exact keys (gazetteer id, or type and folded name). The matching
resolver (``resolve/matcher.py``) extends it with name matching, blocking and judgements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Connection, insert, select

from dealgraph.model import Entity
from dealgraph.resolve.keys import entity_key, slug
from dealgraph.store import schema


def new_id(conn: Connection, entity: Entity) -> str:
    base = entity.ref.split(":", 1)[1] if entity.ref else slug(entity.name)
    if not re.search("[A-Za-z]", base):  # "1": say what it is
        base = f"{entity.type.lower()}-{base}"
    candidate, n = base, 1
    t = schema.entities
    while conn.execute(select(t.c.id).where(t.c.id == candidate)).scalar() is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def create_entity(conn: Connection, entity: Entity, key: str) -> str:
    entity_id = new_id(conn, entity)
    conn.execute(
        insert(schema.entities).values(
            id=entity_id, name=entity.name, type=entity.type, ref=entity.ref, key=key
        )
    )
    return entity_id


def resolve_exact(conn: Connection, article_id: str, entities: Sequence[Entity]) -> dict[str, str]:
    """Map each in-article entity key to a canonical id, creating entities as needed."""
    t = schema.entities
    result: dict[str, str] = {}
    for entity in entities:
        key = entity_key(entity)
        found = conn.execute(select(t.c.id).where(t.c.key == key).limit(1)).scalar()
        result[entity.key] = str(found) if found is not None else create_entity(conn, entity, key)
    return result
