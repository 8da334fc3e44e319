"""One raw item to one ``Article``: main text, furniture removed, headline, language, publication date.

The steps, in order:

1. HTML goes through trafilatura (``html.py``), whose output is kept as it is (the plain-text
   furniture rules lowered the benchmark score there; they only reject a page that is nothing but
   furniture); plain text goes through the line heuristic of ``furniture.py``. Either way the body
   lines are kept verbatim.
2. A date opening the first line (``date 2025-02-27 Special Representative ...``) is cut off and kept
   as a removed line; it is a publication date.
3. The headline: the item's own title, else trafilatura's, else (plain text) a first line shaped like a
   headline. When the body does not already open with it, the text is the headline, a blank line, then
   the body, so that extraction sees the headline too.
4. Language with py3langid over the cleaned text.
5. The publication date, first found wins: the item's metadata, the page's metadata, the date prefix, a
   lone date line before the body, a dateline ("MOSCOW, Feb 27 (Reuters) -") in the first lines, a
   labelled date line ("Updated 15 October 2025") among the first lines of the body. Dates in the site
   footer or in the body's sentences are not publication dates. ``published_how`` says which it was
   ("metadata", "html-metadata", "date-prefix", "date-line", "dateline", "labelled-date-line").
   A date read from the text counts only with its own year: "MOSCOW, Aug 15" and "МОСКВА, 8 октября.
   /ТАСС/." give no date (the annotation guidelines, §5), since a year guessed from the years the text
   mentions is wrong whenever the article only names earlier ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from dealgraph.clean.dates import date_of_line, date_prefix, dateline_date, labelled_date, metadata_date
from dealgraph.clean.furniture import strip_furniture
from dealgraph.clean.html import extract_html
from dealgraph.clean.language import detect_language
from dealgraph.exc import ItemError
from dealgraph.model import Article, RawItem, RemovedLine
from dealgraph.model.article import article_id, content_hash

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"\w+")
_HEADLINE_END = re.compile(r"[.:;,][\"'»”’)\]]*$")
DATELINE_LINES = 3
LABELLED_DATE_LINES = 12  # how far into the body a labelled date line ("Updated 15 October 2025") counts


@dataclass
class _Draft:
    """What the steps have found so far."""

    body: str
    removed: list[RemovedLine] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    dates: list[tuple[str | None, str]] = field(default_factory=list)  # (metadata value, how)
    lead_dates: tuple[str, ...] = ()
    prefix_date: date | None = None


def _error(item: RawItem, reason: str) -> ItemError:
    return ItemError(item.source, reason, stage="clean")


def _check_raw(item: RawItem) -> None:
    if not item.content or not item.content.strip():
        raise _error(item, "empty content")
    fields = ("content", "title", "url", "published", "outlet", "doc_id")
    for name, value in ((name, getattr(item, name)) for name in fields):
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError as error:  # a lone surrogate, as JSON's "\ud800" gives
            code = ord(value[error.start])
            reason = f"{name} is not valid Unicode (lone surrogate U+{code:04X} at {error.start})"
            raise _error(item, reason) from None
    sample = item.content[:4096]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) / 100:
        raise _error(item, "content is not text (control characters)")


def _from_html(item: RawItem) -> _Draft:
    page = extract_html(item.content, item.url)
    if page is None:
        raise _error(item, "no main text found in the HTML page")
    if not strip_furniture(page.body).text:
        raise _error(item, "no main text found in the HTML page (only site furniture)")
    return _Draft(
        body=page.body,
        title=item.title or page.title,
        url=item.url or page.url,
        outlet=item.outlet or page.sitename,
        dates=[(item.published, "metadata"), (page.date, "html-metadata")],
    )


def _from_text(item: RawItem) -> _Draft:
    stripped = strip_furniture(item.content)
    return _Draft(
        body=stripped.text,
        removed=list(stripped.removed),
        title=item.title,
        url=item.url,
        outlet=item.outlet,
        dates=[(item.published, "metadata")],
        lead_dates=stripped.lead_dates,
    )


def _cut_date_prefix(draft: _Draft, raw: str) -> None:
    first, _, rest = draft.body.partition("\n")
    found = date_prefix(first)
    if found is None:
        return
    length, when = found
    prefix = first[:length]
    draft.removed.insert(0, RemovedLine(prefix.strip(), "date-prefix", raw.find(prefix.strip())))
    draft.body = first[length:] + ("\n" + rest if rest else "")
    draft.prefix_date = when


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def headline(body: str) -> str | None:
    """A first line shaped like a headline (short, not ending like a sentence, more text after it)."""
    first, _, rest = body.partition("\n")
    if not rest.strip() or len(first) > 200 or not 2 <= len(_tokens(first)) <= 25:
        return None
    return None if _HEADLINE_END.search(first) else first


def with_headline(title: str | None, body: str) -> str:
    """The text: ``title``, a blank line and ``body``, unless the body already opens with the title."""
    if not title:
        return body
    head = _tokens(title)
    if not head or _tokens(body[: len(title) * 2 + 20])[: len(head)] == head:
        return body
    return f"{title}\n\n{body}"


def _published(draft: _Draft) -> tuple[date | None, str | None]:
    for value, how in draft.dates:
        from_metadata = metadata_date(value)
        if from_metadata:
            return from_metadata, how
    if draft.prefix_date:
        return draft.prefix_date, "date-prefix"
    for line in draft.lead_dates:
        found = date_of_line(line)
        if found:
            return found, "date-line"
    lines = [line for line in draft.body.split("\n") if line.strip()]
    for line in lines[:DATELINE_LINES]:
        found = dateline_date(line)
        if found:
            return found, "dateline"
    for line in lines[:LABELLED_DATE_LINES]:
        found = labelled_date(line)
        if found:
            return found, "labelled-date-line"
    return None, None


def clean_item(item: RawItem) -> Article:
    """Clean one raw item into an ``Article``; raises ``ItemError`` (stage "clean") when nothing usable
    is left."""
    _check_raw(item)
    draft = _from_html(item) if item.content_type == "html" else _from_text(item)
    _cut_date_prefix(draft, item.content)
    if draft.title is None and item.content_type != "html":
        draft.title = headline(draft.body)
    body = draft.body.strip()
    if not _tokens(body):
        raise _error(item, "no text left after removing site furniture")
    text = with_headline(draft.title, body)
    published, how = _published(draft)
    digest = content_hash(text)
    return Article(
        id=article_id(item, digest),
        source=item.source,
        text=text,
        raw=item.content,
        content_hash=digest,
        lang=detect_language(text),
        published=published,
        published_how=how,
        title=draft.title,
        url=draft.url,
        outlet=draft.outlet,
        removed=tuple(sorted(draft.removed, key=lambda line: line.offset)),
    )
