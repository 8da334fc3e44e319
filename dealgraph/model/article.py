"""Articles: what ingest yields (``RawItem``) and what clean makes of it (``Article``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ContentType = Literal["text", "html"]


@dataclass(frozen=True)
class RawItem:
    """One input document as a source delivered it, before any cleaning.

    ``source`` says where it came from (a path, a URL, ``corpus.jsonl#12``); ``doc_id`` is an id the
    source itself gives (a file's stem, a JSONL ``id``), kept as the article id when present.
    """

    source: str
    content: str
    content_type: ContentType = "text"
    doc_id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class RemovedLine:
    """A line of site furniture the cleaner dropped, with the rule that dropped it."""

    text: str
    reason: str
    offset: int  # character offset in the raw text


@dataclass(frozen=True)
class Article:
    """A cleaned article. Every span in an ``Extraction`` indexes into ``text``."""

    id: str
    source: str
    text: str
    raw: str
    content_hash: str
    lang: str
    published: date | None = None
    published_how: str | None = None  # "metadata", "date-line", "dateline", ...
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    removed: tuple[RemovedLine, ...] = field(default=())
    duplicate_of: str | None = None


def content_hash(text: str) -> str:
    """The hash that makes re-ingesting the same content a no-op."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def article_id(item: RawItem, digest: str) -> str:
    """A stable article id: the source's own id when it has one, else derived from the content."""
    if item.doc_id:
        return item.doc_id
    return "a" + digest[:16]
