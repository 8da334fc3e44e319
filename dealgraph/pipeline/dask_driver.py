"""The driver side of a Dask ingest: ship chunks out, take results back in input order, write them.

The driver reads items, submits ``clean_chunk`` tasks, and takes their results strictly in input order.
For each cleaned article it makes the global, order-dependent decisions that the local path makes: is the
content already stored (content hash, article id), is it a near-duplicate of an article admitted earlier
in this run or stored before. New articles are grouped into batches of exactly the local path's
``nlp.pipe`` batch size and submitted as ``extract_chunk`` tasks; their results are written, again in
input order, through ``Store.save`` (the one writer path, which resolves entities inside its
transaction). Writing in input order is what makes canonical ids, and so the eval export, identical to
``--engine local``.

Memory is bounded: at most ``window`` chunks are in flight at each stage, and the near-duplicate index
in memory holds only articles admitted but not yet stored; stored ones are found through the store's
LSH band table, as on a re-run. The driver keeps no per-article state beyond the report.

Futures with a hand-written window rather than ``dask.bag``: a bag computes a whole graph and hands
back its partitions, while here an order-dependent decision in the driver sits between the two worker
stages (only new articles are extracted) and results must be written as they arrive, in order.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from distributed import Client, Future, wait

from dealgraph.clean.dedupe import band_keys, similarity
from dealgraph.exc import ItemError
from dealgraph.model import Article, Extraction, RawItem
from dealgraph.pipeline.dask_tasks import Cleaned, Failure, clean_chunk, extract_chunk
from dealgraph.pipeline.report import IngestReport
from dealgraph.pipeline.run import DUPLICATE_THRESHOLD, Progress
from dealgraph.store.store import Resolver, Store

log = logging.getLogger(__name__)
CLEAN_CHUNK = 32  # raw items per clean task
EXTRACT_BATCH = 32  # articles per extract task: the local path's nlp.pipe batch size


@dataclass
class InFlight:
    """Articles admitted but not yet stored: a small MinHash LSH index that also forgets. Like the local
    path's ``NearDuplicateIndex``, a tie goes to the article admitted first."""

    signatures: dict[str, tuple[int, ...]] = field(default_factory=dict)
    bands: dict[str, set[str]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    added: int = 0

    def add(self, article_id: str, signature: tuple[int, ...]) -> None:
        self.signatures[article_id] = signature
        self.order[article_id] = self.added
        self.added += 1
        for band in band_keys(signature):
            self.bands.setdefault(band, set()).add(article_id)

    def remove(self, article_id: str) -> None:
        signature = self.signatures.pop(article_id, None)
        if signature is None:
            return
        del self.order[article_id]
        for band in band_keys(signature):
            ids = self.bands.get(band)
            if ids is not None:
                ids.discard(article_id)
                if not ids:
                    del self.bands[band]

    def find(self, signature: tuple[int, ...], threshold: float) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        candidates = set().union(*(self.bands.get(b, set()) for b in band_keys(signature)))
        for other in sorted(candidates, key=self.order.__getitem__):
            score = similarity(signature, self.signatures[other])
            if score >= threshold and (best is None or score > best[1]):
                best = (other, score)
        return best


@dataclass
class _Extracting:
    future: Future[Any]
    articles: list[Article]
    signatures: list[tuple[int, ...]]


class OrderedDriver:
    """One run: items in, every item stored, linked, skipped or reported, in input order."""

    def __init__(
        self,
        client: Client,
        store: Store,
        resolver: Resolver,
        progress: Progress | None = None,
        *,
        window: int | None = None,
        chunk: int = CLEAN_CHUNK,
        batch_size: int = EXTRACT_BATCH,
    ) -> None:
        self.client, self.store, self.resolver, self.progress = client, store, resolver, progress
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        self.window = window or 2 * workers + 1
        self.chunk, self.batch_size = chunk, batch_size
        self.report = IngestReport()
        self.cleaning: deque[Future[Any]] = deque()
        self.extracting: deque[_Extracting] = deque()
        self.ready: list[Cleaned] = []
        self.inflight = InFlight()
        self.pending: dict[str, list[tuple[Article, float]]] = {}
        self.tasks = 0

    def run(self, items: Iterable[RawItem | ItemError]) -> IngestReport:
        chunks = self._chunks(items)
        exhausted = False
        while True:
            while not exhausted and len(self.cleaning) < self.window and len(self.extracting) < self.window:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                self.cleaning.append(self.client.submit(clean_chunk, chunk, pure=False))
                self.tasks += 1
            if self._step():
                continue
            if exhausted and not self.cleaning:
                if self.ready:
                    self._submit_extract()
                    continue
                if not self.extracting:
                    return self.report
            self._wait()

    def _step(self) -> bool:
        """Take whatever is done at the head of the queues, in order; True if anything was."""
        progressed = False
        while self.extracting and _done(self.extracting[0].future):
            self._write(self.extracting.popleft())
            progressed = True
        if self.cleaning and _done(self.cleaning[0]) and len(self.extracting) < self.window:
            results, seconds = self.cleaning.popleft().result()
            self.report.timings["clean"] += seconds
            started = time.perf_counter()
            for result in results:
                self._admit(result)
            self.report.timings["dedupe"] += time.perf_counter() - started
            progressed = True
        return progressed

    def _wait(self) -> None:
        heads: list[Future[Any]] = []
        if self.extracting:
            heads.append(self.extracting[0].future)
        if self.cleaning and len(self.extracting) < self.window:
            heads.append(self.cleaning[0])
        started = time.perf_counter()
        wait(heads, return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]  # unannotated upstream
        self.report.timings["wait"] += time.perf_counter() - started

    def _chunks(self, items: Iterable[RawItem | ItemError]) -> Iterator[list[RawItem | Failure]]:
        iterator = iter(items)
        while True:
            started = time.perf_counter()
            chunk = [Failure.of(i) if isinstance(i, ItemError) else i for i in islice(iterator, self.chunk)]
            self.report.timings["ingest"] += time.perf_counter() - started
            if not chunk:
                return
            yield chunk

    # -- global, order-dependent steps (in the driver) ------------------------------------------

    def _fail(self, failure: Failure) -> None:
        error = failure.error()
        self.report.errors.append(error)
        self.store.record_error(error.source, error.stage, error.reason)
        self._tick(error.source)

    def _admit(self, result: Cleaned | Failure) -> None:
        if isinstance(result, Failure):
            self._fail(result)
            return
        article, signature = result.article, result.signature
        if self.store.has_content(article.content_hash):
            self.report.unchanged.append(article.id)
            self._tick(article.source)
            return
        if self.store.has_article(article.id) or article.id in self.inflight.signatures:
            # same id (a/report.txt and b/report.txt), other text: say so rather than overwrite (as local)
            reason = f"an article with id {article.id!r} and other content is already stored"
            self._fail(Failure(article.source, "store", reason))
            return
        found = self.inflight.find(signature, DUPLICATE_THRESHOLD)
        if found is None:
            for other_id, other in self.store.candidate_duplicates(band_keys(signature)).items():
                score = similarity(signature, tuple(other))
                if score >= DUPLICATE_THRESHOLD and (found is None or score > found[1]):
                    found = (other_id, score)
        if found is not None:
            if found[0] in self.inflight.signatures:
                self.pending.setdefault(found[0], []).append((article, found[1]))
            else:
                self.store.save_duplicate(article, found[0], found[1])
            self.report.duplicates.append((article.id, found[0]))
            self._tick(article.source)
            return
        self.inflight.add(article.id, signature)
        self.ready.append(result)
        if len(self.ready) >= self.batch_size:
            self._submit_extract()

    def _submit_extract(self) -> None:
        batch, self.ready = self.ready[: self.batch_size], self.ready[self.batch_size :]
        # the worker needs the clean text, not the raw input or the removed furniture
        slim = [replace(c.article, raw="", removed=()) for c in batch]
        future = self.client.submit(extract_chunk, slim, self.batch_size, pure=False, priority=1)
        self.tasks += 1
        self.extracting.append(_Extracting(future, [c.article for c in batch], [c.signature for c in batch]))

    def _write(self, entry: _Extracting) -> None:
        results, seconds = entry.future.result()
        self.report.timings["extract"] += seconds
        started = time.perf_counter()
        for article, signature, result in zip(entry.articles, entry.signatures, results, strict=True):
            self._write_one(article, signature, result)
        self.report.timings["store"] += time.perf_counter() - started

    def _write_one(self, article: Article, signature: tuple[int, ...], result: Extraction | Failure) -> None:
        if isinstance(result, Failure):
            self.inflight.remove(article.id)
            self._fail(result)
            for duplicate, _ in self.pending.pop(article.id, []):
                # its original could not be stored, so there is nothing to link it to: say so, and count
                # it once, as an error (as the local engine does)
                self.report.duplicates.remove((duplicate.id, article.id))
                reason = f"near-duplicate of {article.id}, which failed"
                self._fail(Failure(duplicate.source, "dedupe", reason))
            return
        # as the local engine (pipeline/run.py): the article, then the duplicates that waited for it
        if self.store.save(article, result, self.resolver, band_keys(signature), signature):
            self.report.stored.append(article.id)
            self.store.clear_errors(article.source)
        else:  # another ingest stored it meanwhile
            self.report.unchanged.append(article.id)
        for duplicate, score in self.pending.pop(article.id, []):
            if not self.store.save_duplicate(duplicate, article.id, score):  # a copy of an earlier duplicate
                self.report.duplicates.remove((duplicate.id, article.id))
                self.report.unchanged.append(duplicate.id)
        self.inflight.remove(article.id)
        self._tick(article.source)

    def _tick(self, source: str) -> None:
        if self.progress:
            self.progress(source)


def _done(future: Future[Any]) -> bool:
    return bool(future.done())  # type: ignore[no-untyped-call]  # distributed leaves it unannotated


def describe(client: Client) -> dict[str, Any]:
    """Workers and their thread counts, for logs and benchmarks."""
    workers = client.scheduler_info().get("workers", {})
    return {"workers": len(workers), "threads": sum(int(w.get("nthreads", 1)) for w in workers.values())}
