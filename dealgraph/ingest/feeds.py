"""RSS and Atom feeds: telling a feed from a page, and reading a feed's entries (feedparser).

Pure functions over bytes, no network: fetching the entries' articles is ``remote.py``'s job, and the
``watch`` command reuses ``parse_feed`` to see which entries are new.
"""

from __future__ import annotations

import io
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from dealgraph.exc import ItemError

log = logging.getLogger(__name__)

FEED_MEDIA_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
XML_MEDIA_TYPES = frozenset({"application/xml", "text/xml"})
# The root element of an RSS 0.9x/2.0, Atom or RSS 1.0 (RDF) document, after any XML declaration,
# comments, processing instructions and doctype.
_PROLOG = rb"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*"
_FEED_ROOT = re.compile(_PROLOG + rb"<(?:rss|feed|(?:[\w-]+:)?RDF)[\s>/]", re.DOTALL | re.IGNORECASE)
_SNIFF_BYTES = 2048


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry: where its article is, and what the feed says about it."""

    link: str | None  # absolute http(s) URL of the article, None if the entry has none
    title: str | None
    published: str | None  # ISO 8601 in UTC, None when the feed gives no (readable) date
    guid: str | None  # the entry's id (RSS guid, Atom id), for telling new entries from seen ones
    outlet: str | None = None  # the feed's own title


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts like an RSS or Atom document (its root element), whatever its media type."""
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    return _FEED_ROOT.match(head) is not None


def parse_feed(data: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom feed, in feed order; ``ItemError`` if ``data`` is not a feed.

    Relative links are resolved against ``base_url`` (the feed's URL). A feed with recoverable XML
    errors is still read (feedparser's lenient parser), with a warning in the log.
    """
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": base_url})
    except Exception as error:  # a third-party parser on untrusted input: any failure is this item's
        raise ItemError(base_url, f"unreadable feed: {type(error).__name__}: {error}") from None
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise ItemError(base_url, f"not an RSS/Atom feed{f' ({problem})' if problem else ''}")
    if parsed.get("bozo"):
        log.warning("%s: feed has errors, read leniently: %s", base_url, parsed.get("bozo_exception"))
    outlet = _text(dict.get(parsed.feed, "title"))
    return [_entry(entry, base_url, outlet) for entry in parsed.entries]


def _entry(entry: dict[str, Any], base_url: str, outlet: str | None) -> FeedEntry:
    # dict.get reads the keys feedparser stored, bypassing its deprecated key aliases and their warnings.
    return FeedEntry(
        link=_link(entry, base_url),
        title=_text(dict.get(entry, "title")),
        published=_iso(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")),
        guid=_text(dict.get(entry, "id")),
        outlet=outlet,
    )


def _link(entry: dict[str, Any], base_url: str) -> str | None:
    links = dict.get(entry, "links") or []
    candidates = [dict.get(entry, "link")]
    candidates += [link.get("href") for link in links if link.get("rel") == "alternate"]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            try:
                url = urljoin(base_url, candidate.strip())
                if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname:
                    return url
            except ValueError:  # a malformed link, e.g. an unclosed IPv6 bracket
                log.debug("%s: skipping malformed link %r", base_url, candidate)
    return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC time tuple as ISO 8601."""
    if parsed is None:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None
