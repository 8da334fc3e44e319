"""`--engine dask`: the per-article stages on a Dask cluster, the global steps and the writes in the driver.

Without a scheduler address a ``LocalCluster`` is started (one single-threaded worker process per
requested worker: spaCy holds the GIL, so processes, not threads, are what scale); with one, the same code
runs on any Dask cluster that has dealgraph installed (Kubernetes, YARN, cloud). Clean and extract run as
tasks over chunks (``dask_tasks``); each worker loads the models once, in a worker plugin. Near-duplicate
detection, entity resolution and the writes run in the driver, in input order (``dask_driver``); see
docs/distributed.md for why. The result is the same ``IngestReport``, and the same store, as
``dealgraph.pipeline.run.ingest``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from dealgraph.exc import ConfigError, ItemError
from dealgraph.extras import missing

try:  # the `dask` extra; without it this module stops with one line naming the extra
    import dask
    from distributed import Client, LocalCluster
except ImportError as error:
    raise missing("dask", "the Dask engine", error.name or "distributed") from error

from dealgraph.ingest import iter_items
from dealgraph.model import RawItem
from dealgraph.pipeline.alerting import raise_alerts
from dealgraph.pipeline.dask_driver import OrderedDriver
from dealgraph.pipeline.dask_tasks import PLUGIN_NAME, ModelPlugin, loaded_model
from dealgraph.pipeline.report import IngestReport
from dealgraph.pipeline.run import Progress, group_new_claims
from dealgraph.resolve.matcher import MatchingResolver
from dealgraph.settings import Settings
from dealgraph.store.store import Resolver, Store

log = logging.getLogger(__name__)
WORKER_WAIT_SECONDS = 120.0
# distributed keeps its last N comm payloads, transitions and events for debugging
# (``distributed.admin.low-level-log-length``, 1,000 by default). The payloads include every
# pickled chunk of articles sent to the cluster, so the driver, which hosts the client and a local
# scheduler, held up to 1,000 of them: its RSS grew by 31 % between 5,000 and 20,000 input articles.
LOW_LEVEL_LOG = 32


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


@contextmanager
def dask_client(
    settings: Settings, workers: int | None = None, scheduler: str | None = None
) -> Iterator[Client]:
    """A client with the model plugin registered on every worker (unless the workers already have it
    loaded, from an earlier run on the same cluster).

    ``scheduler`` given: connect to that cluster (and wait for ``workers`` workers if given). Otherwise
    start a LocalCluster of ``workers`` processes with one thread each, closed on exit.
    """
    with dask.config.set({"distributed.admin.low-level-log-length": LOW_LEVEL_LOG}):
        yield from _client(settings, workers, scheduler)


def _client(settings: Settings, workers: int | None, scheduler: str | None) -> Iterator[Client]:
    cluster: LocalCluster | None = None
    try:
        if scheduler:
            client = Client(scheduler)  # type: ignore[no-untyped-call]  # unannotated upstream
            if workers:
                client.wait_for_workers(workers, timeout=WORKER_WAIT_SECONDS)
        else:
            n = workers or default_workers()
            if n < 1:
                raise ConfigError(f"--workers must be at least 1, not {n}")
            cluster = LocalCluster(  # type: ignore[no-untyped-call]  # unannotated upstream
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0", host="127.0.0.1"
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]
    except OSError as error:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}") from error
    try:
        loaded = client.run(loaded_model)
        if not loaded or set(loaded.values()) != {settings.spacy_model}:
            # registered on the scheduler, so workers that join or restart later get it too
            client.register_plugin(ModelPlugin(settings.spacy_model), name=PLUGIN_NAME)
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]  # unannotated upstream
        if cluster is not None:
            cluster.close()


def ingest_items_dask(
    items: Iterable[RawItem | ItemError],
    store: Store,
    client: Client,
    *,
    resolver: Resolver | None = None,
    progress: Progress | None = None,
    window: int | None = None,
) -> IngestReport:
    """Ingest a stream of items on the cluster behind ``client`` (its workers need ``ModelPlugin``).
    ``resolver`` defaults to the local path's (``MatchingResolver``); it runs in the driver."""
    resolver = resolver or MatchingResolver()
    report = OrderedDriver(client, store, resolver, progress, window=window).run(items)
    group_new_claims(store, report)
    return report


def ingest_dask(
    targets: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """`dealgraph ingest --engine dask`: the same targets and result as ``pipeline.run.ingest``."""
    settings = settings or Settings.load()
    items = iter_items(targets, max_bytes=settings.max_bytes, timeout=settings.http_timeout)
    with dask_client(settings, workers, scheduler) as client:
        report = ingest_items_dask(items, store, client, progress=progress)
    report.alerts = raise_alerts(store, settings)
    return report
