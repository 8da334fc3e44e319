"""Reading the watchlist and the alerts raised (newest first), for the CLI and the Atom feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from dealgraph.store.alert_tables import alerts, watchlist
from dealgraph.store.store import Store


@dataclass(frozen=True)
class WatchItem:
    item_id: str
    kind: str  # entity | project
    name: str
    added_at: datetime


@dataclass(frozen=True)
class AlertView:
    id: int
    kind: str  # event | claim | hit
    subject: str
    item_id: str
    title: str
    detail: str
    link: str
    created_at: datetime
    delivery: str | None


def watched(store: Store) -> list[WatchItem]:
    with store.read() as conn:
        rows = conn.execute(select(watchlist).order_by(watchlist.c.added_at, watchlist.c.item_id))
        return [WatchItem(r.item_id, r.kind, r.name, r.added_at) for r in rows]


def list_alerts(store: Store, limit: int | None = 100, since_id: int = 0) -> list[AlertView]:
    """Alerts newest first; ``since_id`` keeps only those raised after that one."""
    stmt = select(alerts).where(alerts.c.id > since_id).order_by(alerts.c.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as conn:
        return [
            AlertView(r.id, r.kind, r.subject, r.item_id, r.title, r.detail, r.link, r.created_at, r.delivery)
            for r in conn.execute(stmt)
        ]
