"""Running the stages over a batch: ingest → clean → dedupe → extract → resolve → store.

Per item, a failure is recorded with its reason and the batch goes on. Articles are committed one by one
(each atomically, keyed by content hash), so a crash mid-run loses nothing committed, and a re-run skips
what is stored and finishes the rest without duplicates.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from dealgraph.clean import clean_item
from dealgraph.clean.dedupe import band_keys, shingle_signature, similarity
from dealgraph.exc import ItemError
from dealgraph.extract.extractor import Extractor
from dealgraph.ingest import iter_items
from dealgraph.model import Article, RawItem
from dealgraph.pipeline.extract_batches import extract_stream
from dealgraph.pipeline.report import IngestReport
from dealgraph.resolve.matcher import MatchingResolver
from dealgraph.screen.entities import screen_entities
from dealgraph.settings import Settings
from dealgraph.store.store import Resolver, Store

log = logging.getLogger(__name__)
DUPLICATE_THRESHOLD = 0.8


Progress = Callable[[str], None]


@dataclass
class _Batch:
    store: Store
    report: IngestReport
    signatures: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # duplicates of articles still in the extraction batch: linked once their original is stored
    pending: dict[str, list[tuple[Article, float]]] = field(default_factory=dict)


def _cleaned(
    items: Iterable[RawItem | ItemError], batch: _Batch, progress: Progress | None
) -> Iterator[Article]:
    """Clean items one by one, recording errors and duplicates; yield what is new. Timed apart from
    what the consumer does between items."""
    timings = batch.report.timings
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        item = next(iterator, None)
        timings["ingest"] += time.perf_counter() - started
        if item is None:
            return
        started = time.perf_counter()
        article = _clean_one(item, batch)
        timings["clean+dedupe"] += time.perf_counter() - started
        if article is None:
            if progress:
                progress(item.source)
            continue
        yield article


def _clean_one(item: RawItem | ItemError, batch: _Batch) -> Article | None:
    """The cleaned article when it is new; else None, with the error or duplicate recorded."""
    store, report = batch.store, batch.report
    if isinstance(item, ItemError):
        report.errors.append(item)
        store.record_error(item.source, item.stage, item.reason)
        return None
    try:
        article = clean_item(item)
    except ItemError as error:
        report.errors.append(error)
        store.record_error(error.source, error.stage, error.reason)
        return None
    except Exception as error:  # a bug on one odd item is its error, as on the Dask engine's workers
        log.exception("cleaning %s failed", item.source)
        failed = ItemError(item.source, f"{type(error).__name__}: {error}", "clean")
        report.errors.append(failed)
        store.record_error(failed.source, failed.stage, failed.reason)
        return None
    if store.has_content(article.content_hash):
        report.unchanged.append(article.id)
        return None
    if store.has_article(article.id):
        # same id (e.g. a/report.txt and b/report.txt), different text: say so rather than overwrite
        clash = ItemError(
            article.source, f"an article with id {article.id!r} and other content is already stored", "store"
        )
        report.errors.append(clash)
        store.record_error(clash.source, clash.stage, clash.reason)
        return None
    original = _near_duplicate(article, batch)
    if original is not None:
        if original[0] in batch.signatures:
            batch.pending.setdefault(original[0], []).append((article, original[1]))
        else:
            store.save_duplicate(article, original[0], original[1])
        report.duplicates.append((article.id, original[0]))
        return None
    return article


def _near_duplicate(article: Article, batch: _Batch) -> tuple[str, float] | None:
    """The original this article copies: among articles still in flight (a scan of at most a batch),
    else among stored ones through their LSH bands. Memory stays flat however long the input."""
    signature = shingle_signature(article.text)
    found: tuple[str, float] | None = None
    for other_id, other in batch.signatures.items():
        score = similarity(signature, other)
        if score >= DUPLICATE_THRESHOLD and (found is None or score > found[1]):
            found = (other_id, score)
    if found is None:
        for stored_id, stored in batch.store.candidate_duplicates(band_keys(signature)).items():
            score = similarity(signature, tuple(stored))
            if score >= DUPLICATE_THRESHOLD and (found is None or score > found[1]):
                found = (stored_id, score)
    if found is None:
        batch.signatures[article.id] = signature
    return found


def ingest_items(
    items: Iterable[RawItem | ItemError],
    store: Store,
    extractor: Extractor,
    *,
    resolver: Resolver | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    resolver = resolver or MatchingResolver()
    batch = _Batch(store, IngestReport())
    for article, extraction in extract_stream(extractor, _cleaned(items, batch, progress)):
        started = time.perf_counter()
        signature = batch.signatures.pop(article.id)
        if isinstance(extraction, ItemError):
            _not_extracted(article, extraction, batch)
            if progress:
                progress(article.source)
            continue
        if store.save(article, extraction, resolver, band_keys(signature), signature):
            batch.report.stored.append(article.id)
            store.clear_errors(article.source)
        else:  # another ingest stored it while we read it
            batch.report.unchanged.append(article.id)
        for duplicate, score in batch.pending.pop(article.id, []):
            if not store.save_duplicate(duplicate, article.id, score):  # a copy of an earlier duplicate
                batch.report.duplicates.remove((duplicate.id, article.id))
                batch.report.unchanged.append(duplicate.id)
        batch.report.timings["store"] += time.perf_counter() - started
        if progress:
            progress(article.source)
    return batch.report


def _not_extracted(article: Article, error: ItemError, batch: _Batch) -> None:
    """Record an article that could not be extracted, and the near-duplicates that waited for it: they
    cannot point at an original that is not stored, so each is recorded with the reason."""
    batch.report.errors.append(error)
    batch.store.record_error(error.source, error.stage, error.reason)
    for duplicate, _ in batch.pending.pop(article.id, []):
        batch.report.duplicates.remove((duplicate.id, article.id))
        orphan = ItemError(
            duplicate.source, f"near-duplicate of {article.id}, which failed: {error.reason}", "dedupe"
        )
        batch.report.errors.append(orphan)
        batch.store.record_error(orphan.source, orphan.stage, orphan.reason)


def ingest(
    targets: Sequence[str],
    store: Store,
    *,
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    resolver: Resolver | None = None,
    progress: Progress | None = None,
    screen: bool = True,
) -> IngestReport:
    """Ingest files, directories, URLs and feeds into ``store``: the library entry of `dealgraph ingest`."""
    settings = settings or Settings.load()
    extractor = extractor or Extractor(settings.spacy_model)
    items = iter_items(targets, max_bytes=settings.max_bytes, timeout=settings.http_timeout)
    report = ingest_items(items, store, extractor, resolver=resolver, progress=progress)
    if screen:
        # the global step: new entities against the loaded lists (nothing to do when none is loaded)
        report.screened = screen_entities(store).screened
    return report
