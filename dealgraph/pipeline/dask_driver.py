"""The driver side of a Dask ingest: ship chunks out, take results back in input order, write them.

The driver reads items, submits ``clean_chunk`` tasks, and takes their results strictly in input order.
Each cleaned article goes to the run's ``Admission`` (``admission.py``), the object the local path asks
too, for the global, order-dependent decision: content already stored or in flight, an id clash, a
near-duplicate of an article admitted earlier in this run or stored before, or new. New articles are
grouped into batches of exactly the local path's ``nlp.pipe`` batch size and submitted as
``extract_chunk`` tasks; their results go back to the admission, again in input order, which writes them
through ``Store.save`` (the one writer path, which resolves entities inside its transaction). Writing in
input order is what makes canonical ids, and so the eval export, identical to ``--engine local``.

Memory is bounded: at most ``window`` chunks are in flight at each stage, and the admission's
near-duplicate index in memory holds only articles admitted but not yet stored; stored ones are found
through the store's LSH band table, as on a re-run. The driver keeps no per-article state beyond that.

Futures with a hand-written window rather than ``dask.bag``: a bag computes a whole graph and hands
back its partitions, while here an order-dependent decision in the driver sits between the two worker
stages (only new articles are extracted) and results must be written as they arrive, in order.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from distributed import Client, Future, wait

from dealgraph.exc import ItemError
from dealgraph.model import Article, RawItem
from dealgraph.pipeline.admission import Admission, New
from dealgraph.pipeline.dask_tasks import Cleaned, Failure, clean_chunk, extract_chunk
from dealgraph.pipeline.report import IngestReport
from dealgraph.pipeline.run import Progress
from dealgraph.store.store import Resolver, Store

log = logging.getLogger(__name__)
CLEAN_CHUNK = 32  # raw items per clean task
EXTRACT_BATCH = 32  # articles per extract task: the local path's nlp.pipe batch size


@dataclass
class _Extracting:
    future: Future[Any]
    articles: list[Article]


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
        self.admission = Admission(store)
        self.report = self.admission.report
        self.cleaning: deque[Future[Any]] = deque()
        self.extracting: deque[_Extracting] = deque()
        self.ready: list[Cleaned] = []
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

    # -- global, order-dependent steps (in the driver, through the admission) -------------------

    def _admit(self, result: Cleaned | Failure) -> None:
        if isinstance(result, Failure):
            self.admission.record_error(result.error())
            self._tick(result.source)
            return
        if not isinstance(self.admission.admit(result.article, result.signature), New):
            self._tick(result.article.source)
            return
        self.ready.append(result)
        if len(self.ready) >= self.batch_size:
            self._submit_extract()

    def _submit_extract(self) -> None:
        batch, self.ready = self.ready[: self.batch_size], self.ready[self.batch_size :]
        # the worker needs the clean text, not the raw input or the removed furniture
        slim = [replace(c.article, raw="", removed=()) for c in batch]
        future = self.client.submit(extract_chunk, slim, self.batch_size, pure=False, priority=1)
        self.tasks += 1
        self.extracting.append(_Extracting(future, [c.article for c in batch]))

    def _write(self, entry: _Extracting) -> None:
        results, seconds = entry.future.result()
        self.report.timings["extract"] += seconds
        started = time.perf_counter()
        for article, result in zip(entry.articles, results, strict=True):
            if isinstance(result, Failure):
                self.admission.failed(article, result.error())
            else:
                self.admission.write(article, result, self.resolver)
            self._tick(article.source)
        self.report.timings["store"] += time.perf_counter() - started

    def _tick(self, source: str) -> None:
        if self.progress:
            self.progress(source)


def _done(future: Future[Any]) -> bool:
    return bool(future.done())  # type: ignore[no-untyped-call]  # distributed leaves it unannotated


def describe(client: Client) -> dict[str, Any]:
    """Workers and their thread counts, for logs and benchmarks."""
    workers = client.scheduler_info().get("workers", {})
    return {"workers": len(workers), "threads": sum(int(w.get("nthreads", 1)) for w in workers.values())}
