"""Running the stages over a batch: ingest → clean → dedupe → extract → resolve → store.

Per item, a failure is recorded with its reason and the batch goes on. Articles are committed one by one
(each atomically, keyed by content hash), so a crash mid-run loses nothing committed, and a re-run skips
what is stored and finishes the rest without duplicates. Whether a cleaned article is new, stored already
(or in flight), an id clash or a near-duplicate is decided by ``admission.Admission``, which the Dask
driver asks too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence

from dealgraph.claims.grouping import group_claims
from dealgraph.clean import clean_item
from dealgraph.clean.dedupe import shingle_signature
from dealgraph.exc import ItemError
from dealgraph.extract.extractor import Extractor
from dealgraph.ingest import iter_items
from dealgraph.model import Article, RawItem
from dealgraph.pipeline.admission import Admission, New
from dealgraph.pipeline.alerting import raise_alerts
from dealgraph.pipeline.extract_batches import extract_stream
from dealgraph.pipeline.report import IngestReport
from dealgraph.resolve.matcher import MatchingResolver
from dealgraph.screen.entities import screen_entities
from dealgraph.settings import Settings
from dealgraph.store.store import Resolver, Store

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _cleaned(
    items: Iterable[RawItem | ItemError], admission: Admission, progress: Progress | None
) -> Iterator[Article]:
    """Clean items one by one, recording errors and duplicates; yield what is new. Timed apart from
    what the consumer does between items."""
    timings = admission.report.timings
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        item = next(iterator, None)
        timings["ingest"] += time.perf_counter() - started
        if item is None:
            return
        started = time.perf_counter()
        article = _clean_one(item, admission)
        timings["clean+dedupe"] += time.perf_counter() - started
        if article is None:
            if progress:
                progress(item.source)
            continue
        yield article


def _clean_one(item: RawItem | ItemError, admission: Admission) -> Article | None:
    """The cleaned article when admission finds it new; else None, with the error or duplicate recorded."""
    if isinstance(item, ItemError):
        admission.record_error(item)
        return None
    try:
        article = clean_item(item)
    except ItemError as error:
        admission.record_error(error)
        return None
    except Exception as error:  # a bug on one odd item is its error, as on the Dask engine's workers
        log.exception("cleaning %s failed", item.source)
        admission.record_error(ItemError(item.source, f"{type(error).__name__}: {error}", "clean"))
        return None
    if isinstance(admission.admit(article, shingle_signature(article.text)), New):
        return article
    return None


def ingest_items(
    items: Iterable[RawItem | ItemError],
    store: Store,
    extractor: Extractor,
    *,
    resolver: Resolver | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    resolver = resolver or MatchingResolver()
    admission = Admission(store)
    for article, extraction in extract_stream(extractor, _cleaned(items, admission, progress)):
        started = time.perf_counter()
        if isinstance(extraction, ItemError):
            admission.failed(article, extraction)
        else:
            admission.write(article, extraction, resolver)
            admission.report.timings["store"] += time.perf_counter() - started
        if progress:
            progress(article.source)
    group_new_claims(store, admission.report)
    return admission.report


def group_new_claims(store: Store, report: IngestReport) -> None:
    """The claims step, after every article of the run is stored and resolved (both engines call it):
    the run's new events join the claims already stored or found new ones (``claims/grouping.py``)."""
    started = time.perf_counter()
    report.claimed = group_claims(store).events
    report.timings["claims"] += time.perf_counter() - started


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
    report.alerts = raise_alerts(store, settings)
    return report
