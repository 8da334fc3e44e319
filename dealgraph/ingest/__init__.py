"""The ingest stage: user targets (paths, URLs, feeds) in, ``RawItem``s and ``ItemError``s out.

``iter_items`` is the entry point. Each target becomes one or more ``Source``s (``base.py``): a text or
HTML file (``files.py``), a JSONL or CSV file (``tabular.py``, CSV rows read by ``csv_rows.py``), a URL
or feed (``remote.py``, fetching with ``web.py``, parsing feeds with ``feeds.py``). A bad item is yielded
as an ``ItemError`` value, never raised, so the batch goes on and the pipeline records why the item was
skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from dealgraph.exc import ItemError
from dealgraph.ingest.base import Failed, Item, Source
from dealgraph.ingest.feeds import FeedEntry, parse_feed
from dealgraph.ingest.files import FileSource, file_kind, read_bytes, walk
from dealgraph.ingest.remote import FeedSource, UrlSource
from dealgraph.ingest.stdin import STDIN, StdinSource
from dealgraph.ingest.tabular import CsvSource, JsonlSource
from dealgraph.ingest.web import Fetcher, new_client
from dealgraph.model import RawItem

__all__ = ["FeedEntry", "Item", "Source", "iter_items", "parse_feed", "sources"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def iter_items(
    targets: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
    client: httpx.Client | None = None,
) -> Iterator[RawItem | ItemError]:
    """Every item of every target, in order: targets as given, directories sorted, feeds in feed order.

    A target is a file or directory path (read recursively; ``.txt``, ``.html``/``.htm``, ``.jsonl``,
    ``.csv``, and ``.xml``/``.rss``/``.atom`` feed files), an http(s) URL of a page, the URL of an
    RSS/Atom feed, or ``-`` for standard input (``stdin.py``). ``max_bytes`` caps each file, response and
    row's text; ``timeout`` bounds each fetch in seconds. Without ``client``, one is made when the first
    URL needs it and closed at the end.
    """
    with ExitStack() as stack:

        def fetcher() -> Fetcher:
            nonlocal client
            if client is None:
                client = stack.enter_context(new_client(timeout))
            return Fetcher(client, max_bytes, timeout)

        for target in targets:
            for source in sources(target, max_bytes=max_bytes, fetcher=fetcher):
                log.debug("ingest: reading %s", source.name)
                yield from source.items()


def sources(target: str, *, max_bytes: int, fetcher: Callable[[], Fetcher]) -> Iterator[Source]:
    """The sources one target stands for; ``fetcher`` is called only when one needs the network."""
    if target == STDIN:
        yield StdinSource(max_bytes)
        return
    try:
        scheme = urlsplit(target).scheme.lower()
    except ValueError as error:  # e.g. an unclosed IPv6 bracket
        yield Failed(ItemError(target, f"invalid URL: {error}"))
        return
    if scheme in ("http", "https"):
        yield UrlSource(target, fetcher())
        return
    if "://" in target:
        yield Failed(ItemError(target, f"unsupported URL scheme {scheme!r} (expected http or https)"))
        return
    root = Path(target).expanduser()
    if not root.exists():
        yield Failed(ItemError(target, "no such file or directory"))
        return
    found = False
    for path in walk(root):
        found = True
        yield _file_source(path, max_bytes, fetcher)
    if not found:
        yield Failed(ItemError(target, "directory has no files (hidden ones are skipped)"))


def _file_source(path: Path, max_bytes: int, fetcher: Callable[[], Fetcher]) -> Source:
    kind = file_kind(path)
    if kind in ("text", "html"):
        return FileSource(path, max_bytes)
    if kind == "jsonl":
        return JsonlSource(path, max_bytes)
    if kind == "csv":
        return CsvSource(path, max_bytes)
    if kind == "feed":
        try:
            data = read_bytes(path, max_bytes)
        except ItemError as error:
            return Failed(error)
        return FeedSource(str(path), data, fetcher(), base_url=path.resolve().as_uri())
    suffix = path.suffix or "(no extension)"
    reason = f"unsupported file type {suffix}: expected .txt, .html, .jsonl, .csv, .xml, .rss or .atom"
    return Failed(ItemError(str(path), reason))
