"""Watching RSS/Atom feeds: poll, ingest the new entries, skip the seen ones, back off on errors.

Each poll of a feed fetches it (``ingest.web.Fetcher``: time limit, size cap), reads its entries
(``ingest.feeds.parse_feed``), and sends the entries not seen before through the local pipeline
(``pipeline.run.ingest_items``), each entry's article fetched and labelled exactly as ``dealgraph ingest
FEED`` would. What was seen, and when each feed is next due, lives in the store (``store.watch_tables``),
so a restarted watcher carries on where it stopped; a crash between ingesting and recording only means
re-fetching a few entries, which the content hash then finds already stored.

A feed that fails (unreachable, an HTTP error, not a feed) is retried after ``every * 2**failures``, at
most ``max_backoff``; one success resets it. An entry whose article cannot be fetched is retried on the
next polls, up to ``max_attempts``; one that reached the pipeline is not fetched again, whatever became
of it (stored, already stored, near-duplicate, or recorded as an error).

A page given instead of a feed is searched for the feed it announces (``<link rel="alternate">``), a
few lines over ``html.parser``: feedparser reads feeds but does not discover them.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from sqlalchemy import Connection

from dealgraph.exc import ConfigError, ItemError
from dealgraph.extract.extractor import Extractor
from dealgraph.ingest.feeds import FEED_MEDIA_TYPES, FeedEntry, parse_feed
from dealgraph.ingest.web import Fetcher, article, kind_of
from dealgraph.model import RawItem
from dealgraph.pipeline.report import IngestReport
from dealgraph.pipeline.run import Progress, ingest_items
from dealgraph.store import watch_tables as wt
from dealgraph.store.store import Store

log = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=24)
MAX_ATTEMPTS = 5
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


def parse_duration(text: str) -> timedelta:
    """``15m``, ``1h30m``, ``90s``, ``2d`` (or a bare number of seconds) as a positive timedelta."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    elif value and _DURATION.sub("", value).strip() == "":
        seconds = sum(float(n) * _UNITS[u] for n, u in _DURATION.findall(value))
    else:
        raise ConfigError(f"not a duration: {text!r} (expected e.g. 90s, 15m, 1h30m, 1d)")
    if seconds <= 0:
        raise ConfigError(f"the interval must be positive, not {text!r}")
    return timedelta(seconds=seconds)


def backoff(every: timedelta, failures: int, cap: timedelta = MAX_BACKOFF) -> timedelta:
    """How long to wait after ``failures`` failed polls in a row: doubling from ``every``, at most ``cap``."""
    if failures <= 0:
        return every
    longest = max(cap, every)
    return longest if failures >= 32 else min(every * (2**failures), longest)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class PollResult:
    feed: str
    polled: bool  # False when the feed was not due yet
    next_poll: datetime | None
    entries: int = 0  # entries in the feed
    new: int = 0  # entries sent to the pipeline (new or retried)
    error: str | None = None
    report: IngestReport | None = None


@dataclass(frozen=True)
class _Todo:
    entry: FeedEntry
    key: str
    attempts: int
    item: RawItem | ItemError
    retryable: bool  # a failed fetch, worth another try; other errors are final


class Watcher:
    """Polls feeds into a store. ``clock`` gives naive UTC now; tests pass their own."""

    def __init__(
        self,
        store: Store,
        extractor: Extractor,
        fetcher: Fetcher,
        every: timedelta,
        *,
        max_backoff: timedelta = MAX_BACKOFF,
        max_attempts: int = MAX_ATTEMPTS,
        clock: Callable[[], datetime] = utcnow,
        progress: Progress | None = None,
    ) -> None:
        self.store, self.extractor, self.fetcher = store, extractor, fetcher
        self.every, self.max_backoff, self.max_attempts = every, max_backoff, max_attempts
        self.clock, self.progress = clock, progress

    def poll_due(self, feeds: Iterable[str]) -> list[PollResult]:
        """Poll every feed that is due now (a new feed is due at once)."""
        results = []
        for url in feeds:
            now = self.clock()
            with self.store.begin() as conn:
                state = wt.feed_state(conn, url, now)
            if state.next_poll is not None and state.next_poll > now:
                results.append(PollResult(url, False, state.next_poll))
            else:
                results.append(self.poll(state))
        return results

    def run(
        self,
        feeds: list[str],
        *,
        once: bool = False,
        on_poll: Callable[[PollResult], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Poll due feeds, sleep until the next one is due, and again; with ``once``, one round only."""
        while True:
            results = self.poll_due(feeds)
            for result in results:
                if on_poll:
                    on_poll(result)
            if once:
                return
            now = self.clock()
            due = min((r.next_poll for r in results if r.next_poll is not None), default=now + self.every)
            sleep(max(1.0, (due - now).total_seconds()))

    def poll(self, state: wt.FeedState) -> PollResult:
        now = self.clock()
        try:
            entries = self._entries(state.url)
        except ItemError as error:
            next_poll = now + backoff(self.every, state.failures + 1, self.max_backoff)
            with self.store.begin() as conn:
                wt.record_poll(conn, state.id, now, next_poll, error.reason)
            self.store.record_error(state.url, "watch", error.reason)
            log.warning(
                "%s: %s; next poll at %s", state.url, error.reason, next_poll.isoformat(timespec="seconds")
            )
            return PollResult(state.url, True, next_poll, error=error.reason)
        with self.store.read() as conn:
            seen = wt.entry_statuses(conn, state.id)
        todo = []
        for number, entry in enumerate(entries, start=1):
            key = wt.entry_key(entry.guid, entry.link)
            if key is None:
                log.warning("%s: entry %d has neither id nor link; skipped", state.url, number)
                continue
            status, attempts = seen.get(key, ("new", 0))
            if status in ("done", "failed"):
                continue
            item, retryable = self._fetch(entry, state.url, number)
            todo.append(_Todo(entry, key, attempts + 1, item, retryable))
        report = ingest_items((t.item for t in todo), self.store, self.extractor, progress=self.progress)
        next_poll = now + self.every
        with self.store.begin() as conn:
            for t in todo:
                self._record(conn, state.id, t, now)
            wt.record_poll(conn, state.id, now, next_poll, None)
        self.store.clear_errors(state.url)
        return PollResult(state.url, True, next_poll, entries=len(entries), new=len(todo), report=report)

    def _record(self, conn: Connection, feed_id: int, t: _Todo, now: datetime) -> None:
        status, reason = "done", None
        if isinstance(t.item, ItemError):
            reason = t.item.reason
            status = "retry" if t.retryable and t.attempts < self.max_attempts else "failed"
        wt.record_entry(
            conn, feed_id, t.key, guid=t.entry.guid, link=t.entry.link, status=status, attempts=t.attempts,
            now=now, reason=reason,
        )  # fmt: skip

    def _entries(self, url: str) -> list[FeedEntry]:
        """The feed's entries; for a page that links to its feed, the entries of that feed."""
        if urlsplit(url).scheme not in ("http", "https"):
            path = Path(url).expanduser()
            try:
                data = path.read_bytes()
            except OSError as error:
                raise ItemError(url, f"cannot read: {error.strerror or error}") from None
            return parse_feed(data, path.resolve().as_uri())
        response = self.fetcher.fetch(url)
        kind = kind_of(response, url)
        if kind == "feed":
            return parse_feed(response.body, response.url)
        found = (
            discover_feed(response.body.decode("utf-8", errors="replace"), response.url)
            if kind == "html"
            else None
        )
        if found is None:
            raise ItemError(url, "not an RSS/Atom feed, and the page names none")
        log.info("%s: watching the feed it names, %s", url, found)
        response = self.fetcher.fetch(found)
        return parse_feed(response.body, response.url)

    def _fetch(self, entry: FeedEntry, feed: str, number: int) -> tuple[RawItem | ItemError, bool]:
        """The entry's article, or its error: whatever one entry does, the others are read and the
        feed's state is saved."""
        try:
            return self._fetch_entry(entry, feed, number)
        except Exception as error:  # a bug on one odd entry is recorded as its error, not retried
            log.exception("%s: entry %d failed", feed, number)
            return ItemError(
                entry.link or f"{feed}#entry-{number}", f"{type(error).__name__}: {error}"
            ), False

    def _fetch_entry(self, entry: FeedEntry, feed: str, number: int) -> tuple[RawItem | ItemError, bool]:
        """The entry's article, labelled with the feed's title, date and name (as ``ingest`` does)."""
        if entry.link is None:
            return ItemError(f"{feed}#entry-{number}", f"feed entry {number} has no http(s) link"), False
        try:
            response = self.fetcher.fetch(entry.link)
        except ItemError as error:
            return error, True
        try:
            kind = kind_of(response, entry.link)
            if kind == "feed":
                return ItemError(entry.link, "feed entry links to another feed, not an article"), False
            item = article(response, entry.link, kind)
        except ItemError as error:
            return error, False
        return replace(item, title=entry.title, published=entry.published, outlet=entry.outlet), False


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        rel = values.get("rel", "").lower().split()
        if tag == "link" and "alternate" in rel and values.get("type", "").lower() in FEED_MEDIA_TYPES:
            self.hrefs.append(values.get("href", ""))


def discover_feed(html: str, base_url: str) -> str | None:
    """The first RSS/Atom feed a page announces (``<link rel="alternate" type="application/rss+xml">``)."""
    parser = _FeedLinks()
    parser.feed(html)
    for href in parser.hrefs:
        url = urljoin(base_url, href.strip())
        if href.strip() and urlsplit(url).scheme in ("http", "https"):
            return url
    return None
