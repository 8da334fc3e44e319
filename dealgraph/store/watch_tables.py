"""Feed-watching state, kept in the store so that `dealgraph watch` survives restarts.

``watch_feeds``: one row per watched feed: when it was last polled, when it is due next, how many polls
in a row have failed (for exponential back-off) and why. ``watch_entries``: one row per feed entry seen,
keyed by a hash of its guid (or link), with what became of it: ``done`` (it reached the pipeline: stored,
already stored, linked as a near-duplicate, or recorded as an error), ``retry`` (fetching its article
failed; tried again on the next poll) or ``failed`` (gave up after too many attempts; the error is in
``ingest_errors``). Times are naive UTC, as elsewhere in the store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from dealgraph.store.schema import metadata

watch_feeds = Table(
    "watch_feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("added_at", DateTime, nullable=False),
    Column("last_poll", DateTime),  # last attempt, successful or not
    Column("last_success", DateTime),
    Column("next_poll", DateTime),
    Column("failures", Integer, nullable=False),  # consecutive failed polls
    Column("last_error", Text),
)

watch_entries = Table(
    "watch_entries",
    metadata,
    Column("feed_id", Integer, ForeignKey("watch_feeds.id"), primary_key=True),
    Column("key", String(64), primary_key=True),  # sha256 of the guid, else of the link
    Column("guid", Text),
    Column("link", Text),
    Column("status", String(10), nullable=False),  # done | retry | failed
    Column("attempts", Integer, nullable=False),
    Column("first_seen", DateTime, nullable=False),
    Column("last_attempt", DateTime, nullable=False),
    Column("reason", Text),
)

TABLES = (watch_feeds, watch_entries)


@dataclass(frozen=True)
class FeedState:
    id: int
    url: str
    last_poll: datetime | None
    last_success: datetime | None
    next_poll: datetime | None
    failures: int
    last_error: str | None


def entry_key(guid: str | None, link: str | None) -> str | None:
    """The key an entry is remembered by: its guid, else its link; None when it has neither."""
    ident = guid or link
    return hashlib.sha256(ident.encode("utf-8")).hexdigest() if ident else None


def feed_state(conn: Connection, url: str, now: datetime) -> FeedState:
    """The state of a feed, registering it (due at once) the first time it is seen."""
    row = conn.execute(select(watch_feeds).where(watch_feeds.c.url == url)).first()
    if row is None:
        conn.execute(insert(watch_feeds).values(url=url, added_at=now, failures=0))
        row = conn.execute(select(watch_feeds).where(watch_feeds.c.url == url)).one()
    return FeedState(
        row.id, row.url, row.last_poll, row.last_success, row.next_poll, row.failures, row.last_error
    )


def record_poll(
    conn: Connection, feed_id: int, now: datetime, next_poll: datetime, error: str | None
) -> None:
    """A poll's outcome: success resets the failure count, a failure adds one."""
    t = watch_feeds
    values: dict[str, object] = {"last_poll": now, "next_poll": next_poll, "last_error": error}
    if error is None:
        values.update(last_success=now, failures=0)
    else:
        values["failures"] = t.c.failures + 1
    conn.execute(update(t).where(t.c.id == feed_id).values(**values))


def entry_statuses(conn: Connection, feed_id: int) -> dict[str, tuple[str, int]]:
    """Status and attempts of every entry seen in a feed, by key."""
    t = watch_entries
    rows = conn.execute(select(t.c.key, t.c.status, t.c.attempts).where(t.c.feed_id == feed_id))
    return {str(r.key): (str(r.status), int(r.attempts)) for r in rows}


def record_entry(
    conn: Connection,
    feed_id: int,
    key: str,
    *,
    guid: str | None,
    link: str | None,
    status: str,
    attempts: int,
    now: datetime,
    reason: str | None,
) -> None:
    t = watch_entries
    where = (t.c.feed_id == feed_id) & (t.c.key == key)
    if conn.execute(select(t.c.key).where(where)).first() is None:
        conn.execute(
            insert(t).values(
                feed_id=feed_id,
                key=key,
                guid=guid,
                link=link,
                status=status,
                attempts=attempts,
                first_seen=now,
                last_attempt=now,
                reason=reason,
            )
        )
    else:
        conn.execute(
            update(t).where(where).values(status=status, attempts=attempts, last_attempt=now, reason=reason)
        )
