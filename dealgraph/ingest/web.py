"""Fetching one URL with httpx: bounded redirects, a time limit, a streamed size cap, a media-type check.

Every way a fetch can fail (an HTTP error status, a refused connection, a timeout, too many redirects,
an oversized or non-text body) becomes an ``ItemError`` naming the URL and the reason.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from email.message import Message
from typing import Literal

import httpx

from dealgraph.exc import ItemError
from dealgraph.ingest.base import human_size, too_large
from dealgraph.ingest.deadline import deadline, deadline_transport
from dealgraph.ingest.decode import decode_bytes, meta_charset
from dealgraph.ingest.feeds import FEED_MEDIA_TYPES, XML_MEDIA_TYPES, looks_like_feed
from dealgraph.model import RawItem
from dealgraph.version import __version__

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
USER_AGENT = f"dealgraph/{__version__}"
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_MEDIA_TYPES = frozenset({"text/plain"})
_SNIFFED = XML_MEDIA_TYPES | HTML_MEDIA_TYPES | TEXT_MEDIA_TYPES | {""}  # media types a feed hides behind
Kind = Literal["html", "text", "feed"]


@dataclass(frozen=True)
class Response:
    """A fetched body with what the server said about it."""

    url: str  # the final URL, after redirects
    media_type: str  # lower-case, without parameters; "" when the server sent none
    charset: str | None
    body: bytes


def new_client(timeout: float) -> httpx.Client:
    """The client ``iter_items`` uses when given none: redirects followed, at most ``MAX_REDIRECTS``."""
    return httpx.Client(
        transport=deadline_transport(),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": USER_AGENT},
    )


@dataclass(frozen=True)
class Fetcher:
    """Fetches URLs through ``client``; ``timeout`` bounds each network wait and the whole download."""

    client: httpx.Client
    max_bytes: int
    timeout: float

    def fetch(self, url: str) -> Response:
        """The body of ``url`` (a 2xx response), or ``ItemError`` with the status or failure."""
        try:
            return self._fetch(url)
        except httpx.TooManyRedirects:
            raise ItemError(url, "too many redirects") from None
        except httpx.TimeoutException as error:
            raise ItemError(url, f"timed out after {self.timeout:g} s ({type(error).__name__})") from None
        except httpx.InvalidURL as error:
            raise ItemError(url, f"invalid URL: {error}") from None
        except UnicodeError as error:  # a host name IDNA cannot encode ("a..b", a 64-letter label, emoji)
            raise ItemError(url, f"invalid URL: host name not encodable ({error})") from None
        except httpx.HTTPError as error:  # connection refused, DNS failure, protocol errors, ...
            reason = str(error) or type(error).__name__
            raise ItemError(url, f"cannot fetch: {reason}") from None

    def _fetch(self, url: str) -> Response:
        with deadline(self.timeout):  # the whole request, headers and redirects included
            return self._read(url)

    def _read(self, url: str) -> Response:
        ends = time.monotonic() + self.timeout
        with self.client.stream("GET", url, follow_redirects=True, timeout=self.timeout) as response:
            if response.status_code >= 400:
                raise ItemError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            if not response.is_success:
                raise ItemError(url, f"unexpected HTTP status {response.status_code}")
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_bytes:
                raise too_large(url, int(length), self.max_bytes, what="response")
            media_type, charset = _content_type(response.headers.get("content-type", ""))
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.max_bytes:
                    cap = human_size(self.max_bytes)
                    raise ItemError(url, f"response is over the size cap of {cap}; stopped reading")
                if time.monotonic() > ends:
                    raise ItemError(url, f"download took over {self.timeout:g} s")
            return Response(str(response.url), media_type, charset, bytes(body))


def _content_type(header: str) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return (message.get_content_type() if header else "", charset if isinstance(charset, str) else None)


def kind_of(response: Response, source: str) -> Kind:
    """Whether a response is an article page, plain text or a feed; ``ItemError`` for other media types.

    A feed is known by its media type, or by its root element when it is served as generic XML, HTML,
    plain text or without a type (servers often mislabel feeds).
    """
    media = response.media_type
    if media in FEED_MEDIA_TYPES:
        return "feed"
    if media in _SNIFFED and looks_like_feed(response.body):
        return "feed"
    if media in HTML_MEDIA_TYPES:
        return "html"
    if media in TEXT_MEDIA_TYPES:
        return "text"
    if media in XML_MEDIA_TYPES:
        raise ItemError(source, f"an XML document ({media}) that is not an RSS/Atom feed")
    if media == "":
        return "html" if b"<html" in response.body[:4096].lower() else "text"
    raise ItemError(source, f"unsupported content type {media!r} (expected HTML, plain text or a feed)")


def article(response: Response, source: str, kind: Kind) -> RawItem:
    """A fetched page or text as a ``RawItem`` (``ItemError`` if it is binary or empty)."""
    declared = response.charset or (meta_charset(response.body) if kind == "html" else None)
    content = decode_bytes(response.body, source, declared=declared)
    return RawItem(
        source=source,
        content=content,
        content_type="html" if kind == "html" else "text",
        url=response.url,
    )
