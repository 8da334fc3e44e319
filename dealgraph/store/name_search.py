"""Entities by name in any script and spelling: "Дмитриев", "Dmitriev" and "Dmitriyev" find one person.

A name is compared in Latin letters (``resolve.translit.to_latin``, the press transliteration), so
Cyrillic and Latin forms meet, and word by word within a small edit distance, so transliteration
variants ("Dmitriyev") and Russian case endings ("Дмитриева") meet too. The candidates come from the
resolver's blocking keys (``entity_blocks``: name tokens, their first four letters, metaphone codes),
which are indexed, so a query reads a handful of entities, never the whole name table. SQL's ``LIKE``
cannot do this: SQLite's ``lower`` folds ASCII only, and no SQL function transliterates.
"""

from __future__ import annotations

from rigour.text.distance import levenshtein
from sqlalchemy import Connection, select

from dealgraph.model import ENTITY_TYPES
from dealgraph.resolve.blocking import block_keys, tokens
from dealgraph.store import resolve_tables as rt

MAX_CANDIDATES = 200


def _close(word: str, other: str) -> bool:
    """One word of the query and one of a name: equal, or within an edit for each four letters, with
    the same first letter (case endings and transliteration variants, not other names)."""
    if word == other:
        return True
    if min(len(word), len(other)) < 4 or word[0] != other[0]:
        return False
    return levenshtein(word, other) <= max(1, min(len(word), len(other)) // 4)


def name_matches(query: str, name: str) -> bool:
    """Whether every word of ``query`` is close to a word of ``name`` (in Latin letters)."""
    words, others = tokens(query), tokens(name)
    return bool(words) and all(any(_close(w, o) for o in others) for w in words)


def entity_ids_by_name(conn: Connection, query: str, type_: str | None = None) -> list[str]:
    """Ids of the stored entities one of whose names matches ``query`` in any script or spelling."""
    types = [type_] if type_ else list(ENTITY_TYPES)
    keys = {k for t in types for k in block_keys(t, [query])}
    if not keys:
        return []
    blocks = rt.entity_blocks
    candidates = list(
        conn.execute(
            select(blocks.c.entity_id).where(blocks.c.block.in_(keys)).distinct().limit(MAX_CANDIDATES)
        ).scalars()
    )
    if not candidates:
        return []
    names = rt.entity_names
    found: list[str] = []
    for entity_id, name in conn.execute(
        select(names.c.entity_id, names.c.name).where(names.c.entity_id.in_(candidates))
    ):
        if str(entity_id) not in found and name_matches(query, str(name)):
            found.append(str(entity_id))
    return found


__all__ = ["entity_ids_by_name", "name_matches"]
