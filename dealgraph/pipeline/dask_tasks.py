"""What runs on a Dask worker: the per-article stages (clean, extract) over one chunk of items.

Each worker loads the spaCy pipeline and gazetteer once, in a worker plugin registered by the driver
(``ModelPlugin``); a worker the nanny restarts after a crash gets the plugin again from the scheduler.
Tasks are pure functions of their input, so the scheduler may rerun a task whose worker died without
any effect on the result. Errors cross the wire as ``Failure`` values: ``ItemError`` keeps its fields
outside ``Exception.args`` and so cannot be unpickled by Dask as it stands.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from dealgraph.clean import clean_item
from dealgraph.clean.dedupe import shingle_signature
from dealgraph.exc import ItemError
from dealgraph.extract.extractor import Extractor
from dealgraph.model import Article, Extraction, RawItem
from dealgraph.pipeline.extract_batches import extract_stream

log = logging.getLogger(__name__)
PLUGIN_NAME = "dealgraph-models"


@dataclass(frozen=True)
class Failure:
    """An item that could not be used, with the stage and reason (an ``ItemError`` in transit)."""

    source: str
    stage: str
    reason: str

    @classmethod
    def of(cls, error: ItemError) -> Failure:
        return cls(error.source, error.stage, error.reason)

    def error(self) -> ItemError:
        return ItemError(self.source, self.reason, self.stage)


@dataclass(frozen=True)
class Cleaned:
    """A cleaned article with its MinHash signature (computed here: it is per-article work)."""

    article: Article
    signature: tuple[int, ...]


class ModelPlugin(WorkerPlugin):
    """Loads the extraction models once per worker process."""

    def __init__(self, spacy_model: str) -> None:
        self.spacy_model = spacy_model
        self.extractor: Extractor | None = None

    def setup(self, worker: Any) -> None:
        started = time.perf_counter()
        self.extractor = Extractor(self.spacy_model)
        seconds = time.perf_counter() - started
        log.info("worker %s loaded %s in %.1f s", worker.address, self.spacy_model, seconds)


def loaded_model(dask_worker: Any) -> str | None:
    """The model this worker's plugin has loaded (run on each worker by ``Client.run``)."""
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    if isinstance(plugin, ModelPlugin) and plugin.extractor is not None:
        return plugin.spacy_model
    return None


def worker_extractor() -> Extractor:
    """This worker's extractor, as its ``ModelPlugin`` loaded it."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, ModelPlugin) or plugin.extractor is None:
        raise RuntimeError(f"worker has no {PLUGIN_NAME} plugin: register ModelPlugin before submitting")
    return plugin.extractor


def clean_chunk(items: list[RawItem | Failure]) -> tuple[list[Cleaned | Failure], float]:
    """Clean each item of a chunk; per-item failures are returned in place. Also the seconds spent."""
    started = time.perf_counter()
    results: list[Cleaned | Failure] = []
    for item in items:
        if isinstance(item, Failure):
            results.append(item)
            continue
        try:
            article = clean_item(item)
            results.append(Cleaned(article, tuple(shingle_signature(article.text))))
        except ItemError as error:
            results.append(Failure.of(error))
        except Exception as error:  # a bug on one odd article must not end a backfill; it is recorded
            log.exception("cleaning %s failed", item.source)
            results.append(Failure(item.source, "clean", f"{type(error).__name__}: {error}"))
    return results, time.perf_counter() - started


def extract_chunk(articles: list[Article], batch_size: int) -> tuple[list[Extraction | Failure], float]:
    """Extract from a chunk of articles in one ``nlp.pipe`` pass (the chunk is one batch of the local
    path's pass, so the model sees the same batches), through the local path's ``extract_stream``: a text
    over the parser's limit is refused, and a failing pass is retried article by article."""
    started = time.perf_counter()
    extractor = worker_extractor()
    results: list[Extraction | Failure] = [
        Failure.of(result) if isinstance(result, ItemError) else result
        for _, result in extract_stream(extractor, articles, batch_size)
    ]
    return results, time.perf_counter() - started


def noop(value: int) -> int:
    """A task that does nothing, to measure the engine's per-task overhead."""
    return value
