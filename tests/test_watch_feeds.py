"""`dealgraph watch` against feeds served by a local HTTP server (127.0.0.1), with real article pages
(the shared article-extraction benchmark) behind the feed entries. The watcher's clock is the test's, so
that schedules and back-off are checked without waiting."""

from __future__ import annotations

import gzip
import os
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from dealgraph.store.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared")).resolve()
PAGES = SHARED / "data" / "html" / "article-extraction-benchmark"
T0 = datetime(2025, 3, 1, 12, 0)
EVERY = timedelta(minutes=15)


class Site:
    """What the server answers: path -> (status, content type, body); and every path asked for."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.requests: list[str] = []
        self.lock = threading.Lock()

    def taken(self) -> list[str]:
        with self.lock:
            taken, self.requests = self.requests, []
        return taken


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with state.lock:
                state.requests.append(self.path)
                status, kind, body = state.routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    if not PAGES.exists():
        pytest.skip(f"shared data not found: {PAGES} (set DEALGRAPH_SHARED)")
    return [gzip.decompress(p.read_bytes()) for p in sorted(PAGES.glob("*.html.gz"))[:4]]


def rss(base: str, numbers: list[int]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/story/{n}</link><guid>urn:test:story:{n}</guid>"
        f"<pubDate>{format_datetime(T0 - timedelta(hours=n))}</pubDate></item>"
        for n in numbers
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title><link>{base}/</link>'
        f"<description>test</description>{items}</channel></rss>"
    ).encode()


def serve(site: Site, base: str, pages: list[bytes], numbers: list[int]) -> None:
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(base, numbers))
    for n in numbers:
        site.routes[f"/story/{n}"] = (200, "text/html; charset=utf-8", pages[n - 1])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    from dealgraph.store import watch_tables

    opened = open_store(f"sqlite:///{tmp_path / 'watch.db'}")
    with opened.begin() as conn:  # what the migration does, until it is registered
        for table in watch_tables.TABLES:
            table.create(conn, checkfirst=True)
    yield opened
    opened.engine.dispose()


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def watcher(store: Store, extractor: Any, clock: Clock, **options: Any) -> Any:
    import httpx

    from dealgraph.ingest.web import Fetcher
    from dealgraph.pipeline.watch import Watcher

    fetcher = Fetcher(httpx.Client(timeout=10), max_bytes=10 * 1024 * 1024, timeout=10)
    return Watcher(store, extractor, fetcher, EVERY, clock=clock, **options)


def entry_statuses(store: Store) -> dict[str | None, tuple[str, int]]:
    from sqlalchemy import select

    from dealgraph.store.watch_tables import watch_entries as t

    with store.read() as conn:
        return {r.link.rsplit("/", 1)[-1]: (r.status, r.attempts) for r in conn.execute(select(t))}


def test_new_entries_ingested_seen_ones_skipped(
    site: tuple[Site, str], pages: list[bytes], store: Store, extractor: Any
) -> None:
    server, base = site
    serve(server, base, pages, [1, 2, 3])
    clock = Clock()
    first = watcher(store, extractor, clock).poll_due([f"{base}/feed.xml"])[0]
    assert first.polled and first.error is None and (first.entries, first.new) == (3, 3)
    report = first.report
    assert len(report.stored) + len(report.unchanged) + len(report.duplicates) + len(report.errors) == 3
    assert len(report.stored) >= 2 and store.count("articles") == len(report.stored)
    assert sorted(server.taken()) == ["/feed.xml", "/story/1", "/story/2", "/story/3"]
    assert entry_statuses(store) == {"1": ("done", 1), "2": ("done", 1), "3": ("done", 1)}

    clock.now = T0 + timedelta(minutes=5)  # not due yet: nothing is fetched
    early = watcher(store, extractor, clock).poll_due([f"{base}/feed.xml"])[0]
    assert not early.polled and early.next_poll == T0 + EVERY and server.taken() == []

    serve(server, base, pages, [1, 2, 3, 4])
    clock.now = T0 + EVERY
    second = watcher(store, extractor, clock).poll_due([f"{base}/feed.xml"])[0]
    assert (second.entries, second.new) == (4, 1)
    assert sorted(server.taken()) == ["/feed.xml", "/story/4"]
    assert len(second.report.stored) == 1
    assert second.next_poll == T0 + 2 * EVERY


def test_state_survives_a_restart(
    site: tuple[Site, str], pages: list[bytes], tmp_path: Path, store: Store, extractor: Any
) -> None:
    server, base = site
    serve(server, base, pages, [1, 2])
    clock = Clock()
    watcher(store, extractor, clock).poll_due([f"{base}/feed.xml"])
    stored = store.count("articles")
    store.engine.dispose()
    reopened = open_store(store.url)
    server.taken()
    clock.now = T0 + EVERY
    result = watcher(reopened, extractor, clock).poll_due([f"{base}/feed.xml"])[0]
    assert result.new == 0 and server.taken() == ["/feed.xml"]
    assert reopened.count("articles") == stored


def test_failing_feed_backs_off_and_recovers(
    site: tuple[Site, str], pages: list[bytes], store: Store, extractor: Any
) -> None:
    from dealgraph.store.reader import list_errors

    server, base = site
    feed = f"{base}/feed.xml"
    server.routes["/feed.xml"] = (500, "text/plain", b"upstream down")
    clock = Clock()
    w = watcher(store, extractor, clock, max_backoff=timedelta(hours=1))
    waits = []
    for _ in range(4):
        result = w.poll_due([feed])[0]
        assert result.polled and result.error is not None and "500" in result.error
        waits.append(result.next_poll - clock.now)
        clock.now = result.next_poll
    assert waits == [timedelta(minutes=30), timedelta(hours=1), timedelta(hours=1), timedelta(hours=1)]
    assert [(e.source, "500" in e.reason) for e in list_errors(store)] == [(feed, True)]
    serve(server, base, pages, [1])
    result = w.poll_due([feed])[0]
    assert result.error is None and result.new == 1 and result.next_poll == clock.now + EVERY
    assert list_errors(store) == []


def test_unfetchable_entry_is_retried_then_given_up(
    site: tuple[Site, str], pages: list[bytes], store: Store, extractor: Any
) -> None:
    server, base = site
    serve(server, base, pages, [1, 2])
    del server.routes["/story/2"]  # 404 for now
    clock = Clock()
    w = watcher(store, extractor, clock, max_attempts=3)
    w.poll_due([f"{base}/feed.xml"])
    assert entry_statuses(store) == {"1": ("done", 1), "2": ("retry", 1)}
    clock.now += EVERY
    w.poll_due([f"{base}/feed.xml"])
    assert entry_statuses(store)["2"] == ("retry", 2)
    serve(server, base, pages, [1, 2])  # it is back
    server.taken()
    clock.now += EVERY
    result = w.poll_due([f"{base}/feed.xml"])[0]
    assert sorted(server.taken()) == ["/feed.xml", "/story/2"] and result.new == 1
    assert entry_statuses(store)["2"] == ("done", 3)

    serve(server, base, pages, [1, 2, 3])
    del server.routes["/story/3"]
    for _ in range(3):
        clock.now += EVERY
        w.poll_due([f"{base}/feed.xml"])
    assert entry_statuses(store)["3"] == ("failed", 3)
    server.taken()
    clock.now += EVERY
    w.poll_due([f"{base}/feed.xml"])
    assert server.taken() == ["/feed.xml"]  # given up on: not fetched again


def test_a_page_naming_its_feed_is_followed(
    site: tuple[Site, str], pages: list[bytes], store: Store, extractor: Any
) -> None:
    server, base = site
    serve(server, base, pages, [1])
    page = '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>'
    server.routes["/"] = (200, "text/html", page.encode())
    result = watcher(store, extractor, Clock()).poll_due([f"{base}/"])[0]
    assert result.error is None and result.new == 1
    server.routes["/"] = (200, "text/html", b"<html><body>no feed here</body></html>")
    result = watcher(store, extractor, Clock()).poll(_state(store, f"{base}/"))
    assert result.error is not None and "names none" in result.error


def _state(store: Store, url: str) -> Any:
    from dealgraph.store.watch_tables import feed_state

    with store.begin() as conn:
        return feed_state(conn, url, T0)


def test_watch_command_once(
    site: tuple[Site, str], pages: list[bytes], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer
    from typer.testing import CliRunner

    from dealgraph.cli import watch_cmd
    from dealgraph.cli.context import state

    server, base = site
    serve(server, base, pages, [1, 2])
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """dealgraph (test harness)"""

    watch_cmd.register(app)
    monkeypatch.setattr(state, "db", store.url)
    result = CliRunner().invoke(app, ["watch", f"{base}/feed.xml", "--once", "--every", "15m"])
    assert result.exit_code == 0, result.output
    assert "2 entries, 2 new" in result.output
    assert store.count("articles") >= 1
    again = CliRunner().invoke(app, ["watch", f"{base}/feed.xml", "--once"])
    assert again.exit_code == 0 and "not due until" in again.output
    bad = CliRunner().invoke(app, ["watch", f"{base}/feed.xml", "--once", "--every", "soon"])
    assert bad.exit_code == 1 and "not a duration" in bad.output


def test_durations_and_backoff() -> None:
    from dealgraph.exc import ConfigError
    from dealgraph.pipeline.watch import backoff, parse_duration

    assert parse_duration("15m") == timedelta(minutes=15)
    assert parse_duration("1h30m") == timedelta(hours=1, minutes=30)
    assert parse_duration("90") == timedelta(seconds=90)
    for bad in ("", "0s", "15 minutes", "m15", "-5m"):
        with pytest.raises(ConfigError):
            parse_duration(bad)
    assert [backoff(EVERY, f, timedelta(hours=2)) for f in range(5)] == [
        EVERY, 2 * EVERY, 4 * EVERY, timedelta(hours=2), timedelta(hours=2)
    ]  # fmt: skip
    assert backoff(EVERY, 500) == timedelta(hours=24)


def test_one_bad_entry_does_not_stick_the_feed(
    site: tuple[Site, str], pages: list[bytes], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13, defect 3: entries good / bad / good made `watch --once` exit 1 on every poll, with
    nothing stored and no state saved. The bad entry links to a host name IDNA cannot encode."""
    import typer
    from typer.testing import CliRunner

    from dealgraph.cli import watch_cmd
    from dealgraph.cli.context import state

    server, base = site
    serve(server, base, pages, [1, 3])
    feed = rss(base, [1, 2, 3]).replace(f"{base}/story/2".encode(), b"http://bad..host.example/story/2")
    server.routes["/feed.xml"] = (200, "application/rss+xml", feed)
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """dealgraph (test harness)"""

    watch_cmd.register(app)
    monkeypatch.setattr(state, "db", store.url)
    result = CliRunner().invoke(app, ["watch", f"{base}/feed.xml", "--once"])
    assert result.exit_code == 0, result.output
    assert "3 entries, 3 new" in result.output and "1 errors" in result.output
    assert entry_statuses(store) == {"1": ("done", 1), "2": ("retry", 1), "3": ("done", 1)}  # a fetch error
    assert store.count("articles") == 2
