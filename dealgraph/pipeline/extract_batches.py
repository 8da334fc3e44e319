"""Extraction over a stream of articles in batches, where one bad article costs only itself.

``Extractor.extract_many`` runs ``nlp.pipe`` over a batch, and ``nlp.pipe`` stops at the first article
it cannot take: spaCy refuses a text longer than ``nlp.max_length`` (E088), and any other failure inside
a batch ends the generator with every article of the batch still unread. Here:

- a text over the parser's limit is refused up front as an ``ItemError`` with its length and the limit
  (it is not split: offsets, coreference and events are computed over one ``Doc``, and an article of a
  million characters is a dump, not a news story);
- a batch that fails falls back to one article at a time for the articles not yet yielded, so that only
  the article that fails is reported (as the Dask engine's ``extract_chunk`` does).

Results come back in input order, each an ``Extraction`` or the ``ItemError`` that says why there is none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from dealgraph.exc import ItemError
from dealgraph.extract.extractor import Extractor
from dealgraph.model import Article, Extraction

log = logging.getLogger(__name__)
BATCH_SIZE = 32  # articles per nlp.pipe batch (the Dask engine's EXTRACT_BATCH is the same)

Result = tuple[Article, Extraction | ItemError]


def too_long(article: Article, limit: int) -> ItemError | None:
    """The refusal of an article whose text the parser would not take, or None."""
    if len(article.text) <= limit:
        return None
    return ItemError(
        article.source,
        f"text of {len(article.text):,} characters is over the parser's limit of {limit:,}: not extracted",
        "extract",
    )


def extract_stream(
    extractor: Extractor, articles: Iterable[Article], batch_size: int = BATCH_SIZE
) -> Iterator[Result]:
    """Each article with its extraction or its error, in input order, ``batch_size`` at a time."""
    limit = int(extractor.nlp.max_length)
    iterator = iter(articles)
    while chunk := list(islice(iterator, batch_size)):
        run: list[Article] = []
        for article in chunk:
            refusal = too_long(article, limit)
            if refusal is None:
                run.append(article)
                continue
            yield from _extract_run(extractor, run)
            run = []
            yield article, refusal
        yield from _extract_run(extractor, run)


def _extract_run(extractor: Extractor, articles: list[Article]) -> Iterator[Result]:
    if not articles:
        return
    done = 0
    try:
        for article, extraction in extractor.extract_many(articles, batch_size=len(articles)):
            done += 1
            yield article, extraction
    except Exception:  # one odd article must not cost the others: retry them one by one
        log.exception("batch extraction failed after %d of %d; retrying one by one", done, len(articles))
        for article in articles[done:]:
            yield article, extract_one(extractor, article)


def extract_one(extractor: Extractor, article: Article) -> Extraction | ItemError:
    try:
        return extractor.extract(article)
    except Exception as error:  # recorded as this article's error; the batch goes on
        log.exception("extracting %s failed", article.source)
        return ItemError(article.source, f"{type(error).__name__}: {error}", "extract")
