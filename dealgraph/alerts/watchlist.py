"""Watching entities and projects: add by id or name (the canonical id is kept), list, remove."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select

from dealgraph.exc import NotFound
from dealgraph.store import reader, views
from dealgraph.store.alert_reads import WatchItem
from dealgraph.store.alert_tables import watchlist
from dealgraph.store.store import Store


def now() -> datetime:
    """The time alerts and watches are stamped with: UTC, stored without its zone."""
    return datetime.now(UTC).replace(tzinfo=None)


def _entity(store: Store, id_or_name: str) -> tuple[str, str, str]:
    ids = reader.find_entity_ids(store, id_or_name)
    if not ids:
        raise NotFound(f"no entity or project {id_or_name!r} (dealgraph entities --q TEXT finds names)")
    entity_id = views.canonical_id(store, ids[0])
    name, kind = views.entity_names(store, [entity_id]).get(entity_id, (entity_id, ""))
    return entity_id, name, "project" if kind == "Project" else "entity"


def add_watch(store: Store, id_or_name: str) -> WatchItem:
    """Watch an entity or project; watching it again keeps the first time it was added."""
    entity_id, name, kind = _entity(store, id_or_name)
    with store.begin() as conn:
        row = conn.execute(select(watchlist).where(watchlist.c.item_id == entity_id)).first()
        if row is not None:
            return WatchItem(row.item_id, row.kind, row.name, row.added_at)
        added = now()
        conn.execute(watchlist.insert().values(item_id=entity_id, kind=kind, name=name, added_at=added))
    return WatchItem(entity_id, kind, name, added)


def remove_watch(store: Store, id_or_name: str) -> str:
    """Stop watching; the alerts already raised stay. Returns the id removed."""
    with store.read() as conn:
        watched = conn.execute(select(watchlist.c.item_id).where(watchlist.c.item_id == id_or_name)).scalar()
    entity_id = str(watched) if watched else _entity(store, id_or_name)[0]
    with store.begin() as conn:
        gone = conn.execute(delete(watchlist).where(watchlist.c.item_id == entity_id)).rowcount
    if not gone:
        raise NotFound(f"{id_or_name!r} is not on the watchlist")
    return entity_id
