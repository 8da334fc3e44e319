"""The display name of a canonical entity: the fullest, most frequent well-formed name it is known by.

The first article to name someone may say "Putin" or a machine translation's "Kirill Dmitriyev"; the
name shown should be the one most articles use in full ("Vladimir Putin", "Kirill Dmitriev"). The
candidates are the entity's Latin-script names (with how often articles used them) and the in-article
names the extractor chose (nominative for Russian: natasha's normal forms, never an inflected mention).
A gazetteer entity keeps the gazetteer's name; this applies to the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, select, update

from dealgraph.model import Entity
from dealgraph.names.text import is_latin
from dealgraph.store import resolve_tables as rt
from dealgraph.store import schema

_BAD = re.compile(r"[\n/:;()\[\]|@#]")
MAX_WORDS = 6


def well_formed(name: str) -> bool:
    """A name as a heading would print it: capitalised, a few words, no line break or credit marks."""
    words = name.split()
    return bool(words) and len(words) <= MAX_WORDS and name[:1].isupper() and not _BAD.search(name)


def rank(name: str, count: int, type_: str) -> tuple[int, int, int, int, int]:
    """Sort key, best last: well formed, full (a person: first and last name, more is not fuller),
    Latin script (the graph's common script; the other forms stay as names), then frequency, then
    length."""
    words = len(name.split())
    full = min(words, 2) if type_ == "Person" else words
    return (int(well_formed(name)), full, int(is_latin(name)), count, len(name))


def best_name(candidates: dict[str, int], type_: str) -> str:
    """The best of ``candidates`` (name → how many times articles used it)."""
    return max(candidates, key=lambda n: rank(n, candidates[n], type_))


def rename_display(conn: Connection, ids: set[str], pairs: Sequence[tuple[str, Entity]]) -> dict[str, str]:
    """The display name follows what articles say: "Putin" becomes "Vladimir Putin", "Kirill Dmitriyev"
    becomes "Kirill Dmitriev" once more articles spell it so (``best_name``). Returns the changed names
    (id → new display name)."""
    t = schema.entities
    rows = conn.execute(select(t.c.id, t.c.name, t.c.type).where(t.c.id.in_(ids), t.c.ref.is_(None))).all()
    if not rows:
        return {}
    current = {str(r.id): (str(r.name), str(r.type)) for r in rows}
    candidates: dict[str, dict[str, int]] = {i: {name: 0} for i, (name, _) in current.items()}
    for entity_id, entity in pairs:
        if entity_id in candidates:
            candidates[entity_id].setdefault(entity.name, 0)
    names = rt.entity_names
    for entity_id, name, count in conn.execute(
        select(names.c.entity_id, names.c.name, names.c.count).where(names.c.entity_id.in_(list(current)))
    ):
        known = candidates[str(entity_id)]
        if is_latin(str(name)) or str(name) in known:
            known[str(name)] = int(count)
    changed = [
        {"eid": i, "display": best}
        for i, (name, type_) in current.items()
        if (best := best_name(candidates[i], type_)) != name
    ]
    if changed:
        conn.execute(update(t).where(t.c.id == bindparam("eid")).values(name=bindparam("display")), changed)
    return {str(c["eid"]): str(c["display"]) for c in changed}


__all__ = ["best_name", "rename_display", "well_formed"]
