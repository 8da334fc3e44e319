"""`dealgraph backfill`: bulk files (JSONL, CSV, Parquet, directories of them) streamed into the store,
in this process or on Dask. Apart from ``distributed.py`` so that the local engine runs without the
``dask`` extra; the Dask one is imported only when asked for."""

from __future__ import annotations

from collections.abc import Sequence

from dealgraph.exc import ConfigError
from dealgraph.extract.extractor import Extractor
from dealgraph.pipeline.bulk import iter_bulk
from dealgraph.pipeline.report import IngestReport
from dealgraph.pipeline.run import Progress, ingest_items
from dealgraph.settings import Settings
from dealgraph.store.store import Store


def backfill(
    paths: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest bulk files (JSONL, CSV, Parquet, or directories of them), streamed, on either engine."""
    settings = settings or Settings.load()
    items = iter_bulk(paths, max_record_bytes=settings.max_bytes)
    if engine == "local":
        return ingest_items(items, store, Extractor(settings.spacy_model), progress=progress)
    if engine != "dask":
        raise ConfigError(f"unknown engine {engine!r} (expected local or dask)")
    from dealgraph.pipeline.distributed import dask_client, ingest_items_dask

    with dask_client(settings, workers, scheduler) as client:
        return ingest_items_dask(items, store, client, progress=progress)
