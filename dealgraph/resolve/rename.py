"""A canonical id follows its display name, and the old id keeps working.

An id is made from the first in-article name (``canonical.new_id``); when the display name later
changes ("Стив Уиткофф" first, then "Steve Witkoff" from the English articles; "Putin", then "Vladimir
Putin"), the id is renamed to the new name's slug, if that slug is free. The renamed entity is a new
row; the old row stays, with a redirect in ``entity_merges`` (as a merge leaves one), so every reader
that follows redirects (``matcher.canonical``, the API's and the web UI's 308s) sends the old id to the
new one. An entity a human judged (merge, split, dismiss) keeps its id: the judgement log names it.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table, insert, or_, select, update

from dealgraph.resolve.keys import slug
from dealgraph.screen.hits import follow_rename
from dealgraph.store import resolve_tables as rt
from dealgraph.store import schema
from dealgraph.store.store import repoint_article_entities

# every resolution table that names a canonical entity by its id, and the column that does; the
# articles' links and the screening rows are re-pointed by their owners (``store``, ``screen``)
_REFERENCES: tuple[tuple[Table, str], ...] = (
    (rt.entity_links, "entity_id"),
    (rt.entity_names, "entity_id"),
    (rt.entity_blocks, "entity_id"),
    (rt.entity_merges, "to_id"),
)


def _judged(conn: Connection, ids: list[str]) -> set[str]:
    t = rt.judgements
    rows = conn.execute(
        select(t.c.left_id, t.c.right_id).where(or_(t.c.left_id.in_(ids), t.c.right_id.in_(ids)))
    )
    return {str(x) for row in rows for x in row}


def rename_ids(conn: Connection, names: dict[str, str]) -> dict[str, str]:
    """Rename the entities ``names`` gives new display names (id → name) whose slug differs and is free;
    return old id → new id for those renamed."""
    if not names:
        return {}
    judged = _judged(conn, list(names))
    wanted = {old: slug(name) for old, name in names.items() if old not in judged}
    wanted = {old: new for old, new in wanted.items() if new != old and not old.startswith(f"{new}-")}
    if not wanted:
        return {}
    t = schema.entities
    taken = set(conn.execute(select(t.c.id).where(t.c.id.in_(list(wanted.values())))).scalars())
    renamed: dict[str, str] = {}
    for old, new in wanted.items():
        if new in taken or new in renamed.values():
            continue
        row = conn.execute(select(t).where(t.c.id == old)).first()
        if row is None:
            continue
        conn.execute(insert(t).values(id=new, name=names[old], type=row.type, ref=row.ref, key=row.key))
        repoint_article_entities(conn, old, new)
        for table, column in _REFERENCES:
            conn.execute(update(table).where(table.c[column] == old).values({column: new}))
        follow_rename(conn, old, new)
        conn.execute(insert(rt.entity_merges).values(from_id=old, to_id=new, judgement_id=None))
        renamed[old] = new
    return renamed


__all__ = ["rename_ids"]
