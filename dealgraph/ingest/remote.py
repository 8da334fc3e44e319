"""Sources over the network: a URL (a page, or a feed whose entries are fetched), and a feed's entries.

A feed entry's article is fetched from its link, and the feed's title, date and name are kept as the
article's metadata. An entry without a link, or whose link fails, is an ``ItemError`` for that entry;
the other entries go on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace

from dealgraph.exc import ItemError
from dealgraph.ingest.base import Item
from dealgraph.ingest.feeds import FeedEntry, parse_feed
from dealgraph.ingest.web import Fetcher, article, kind_of
from dealgraph.model import RawItem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UrlSource:
    """An http(s) URL: an article page or plain text (one item), or an RSS/Atom feed (one per entry)."""

    url: str
    fetcher: Fetcher

    @property
    def name(self) -> str:
        return self.url

    def items(self) -> Iterator[Item]:
        try:
            response = self.fetcher.fetch(self.url)
            kind = kind_of(response, self.url)
            if kind != "feed":
                yield article(response, self.url, kind)
                return
        except ItemError as error:
            yield error
            return
        yield from FeedSource(self.url, response.body, self.fetcher).items()


@dataclass(frozen=True)
class FeedSource:
    """The entries of a feed (fetched from ``name`` or read from a local file), each fetched as an article."""

    feed: str  # the feed's URL or path, for error records
    data: bytes
    fetcher: Fetcher
    base_url: str | None = None  # for relative links; defaults to ``feed``

    @property
    def name(self) -> str:
        return self.feed

    def items(self) -> Iterator[Item]:
        try:
            entries = parse_feed(self.data, self.base_url or self.feed)
        except ItemError as error:
            yield replace_source(error, self.feed)
            return
        if not entries:
            yield ItemError(self.feed, "feed has no entries")
        for number, entry in enumerate(entries, start=1):
            try:
                yield self._entry(entry, number)
            except ItemError as error:
                yield error

    def _entry(self, entry: FeedEntry, number: int) -> RawItem:
        if entry.link is None:
            label = f" ({entry.title!r})" if entry.title else ""
            raise ItemError(f"{self.feed}#entry-{number}", f"feed entry {number}{label} has no http(s) link")
        response = self.fetcher.fetch(entry.link)
        kind = kind_of(response, entry.link)
        if kind == "feed":
            raise ItemError(entry.link, "feed entry links to another feed, not an article")
        item = article(response, entry.link, kind)
        return replace(item, title=entry.title, published=entry.published, outlet=entry.outlet)


def replace_source(error: ItemError, source: str) -> ItemError:
    """The same error recorded under ``source`` (a feed's name rather than the base URL it was read with)."""
    return error if error.source == source else ItemError(source, error.reason, error.stage)
