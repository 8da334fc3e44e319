"""`--engine dask` gives the store `--engine local` gives: the same eval export (entities, amounts,
events, canonical ids) on the five seed articles and on 40 PolNeAR articles, with 2 worker processes;
a re-run stores nothing twice; and killing a worker mid-run loses nothing and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dealgraph.store.store import Store, open_store
from tests.conftest import SEEDS, SHARED, need

POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"
N_POLNEAR = 40
# The tests that start a cluster of two worker processes, each loading the model, take minutes together:
# `make test` runs them, `make test-fast` leaves them out.


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    from dealgraph.pipeline.dask_tasks import PLUGIN_NAME, ModelPlugin
    from dealgraph.settings import Settings

    local = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", host="127.0.0.1"
    )
    client = Client(local)
    client.register_plugin(ModelPlugin(Settings.load().spacy_model), name=PLUGIN_NAME)
    yield client
    client.close()
    local.close()


@pytest.fixture(scope="module")
def polnear_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("polnear") / "polnear-40.jsonl"
    with need(POLNEAR).open(encoding="utf-8") as lines:
        path.write_text("".join(next(lines) for _ in range(N_POLNEAR)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def polnear_local(
    tmp_path_factory: pytest.TempPathFactory, polnear_file: Path, extractor: Any
) -> tuple[Store, Any]:
    from dealgraph.pipeline.run import ingest

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('local') / 'local.db'}")
    return store, ingest([str(polnear_file)], store, extractor=extractor)


def export(store: Store) -> list[str]:
    from dealgraph.export.eval_format import eval_records

    return [json.dumps(record, sort_keys=True) for record in eval_records(store)]


def new_store(tmp_path: Path, name: str = "dask.db") -> Store:
    return open_store(f"sqlite:///{tmp_path / name}")


@pytest.mark.slow
def test_seeds_same_export_as_local(seeds_store: Store, cluster: Any, tmp_path: Path) -> None:
    from dealgraph.pipeline.distributed import ingest_dask
    from dealgraph.settings import Settings

    store = new_store(tmp_path)
    report = ingest_dask([str(need(SEEDS))], store, Settings.load(), scheduler=cluster.scheduler.address)
    assert report.errors == [] and len(report.stored) >= 4
    local = export(seeds_store)
    assert len(local) == len(report.stored)
    assert export(store) == local
    assert store.count("entities") == seeds_store.count("entities")


@pytest.mark.slow
def test_polnear_same_export_and_rerun_is_a_no_op(
    polnear_local: tuple[Store, Any], polnear_file: Path, cluster: Any, tmp_path: Path
) -> None:
    from dealgraph.ingest import iter_items
    from dealgraph.pipeline.distributed import ingest_items_dask

    local_store, local_report = polnear_local
    store = new_store(tmp_path)
    report = ingest_items_dask(iter_items([str(polnear_file)]), store, cluster)
    assert report.stored == local_report.stored  # the same articles, in the same order
    assert report.duplicates == local_report.duplicates
    assert [e.source for e in report.errors] == [e.source for e in local_report.errors]
    assert len(report.stored) > 30
    assert export(store) == export(local_store)
    counts = {t: store.count(t) for t in ("articles", "entities", "mentions", "amounts", "events")}
    assert counts == {t: local_store.count(t) for t in counts}

    again = ingest_items_dask(iter_items([str(polnear_file)]), store, cluster)
    assert again.stored == [] and len(again.unchanged) == len(report.stored)
    assert {t: store.count(t) for t in counts} == counts


@pytest.mark.slow
def test_bulk_backfill_on_dask_matches_ingest(
    polnear_local: tuple[Store, Any], polnear_file: Path, cluster: Any, tmp_path: Path
) -> None:
    from dealgraph.pipeline.bulk import iter_bulk
    from dealgraph.pipeline.distributed import ingest_items_dask

    store = new_store(tmp_path)
    ingest_items_dask(iter_bulk([polnear_file]), store, cluster, window=1)  # the narrowest pipeline
    assert export(store) == export(polnear_local[0])


@pytest.mark.slow
def test_killing_a_worker_mid_run_loses_and_duplicates_nothing(
    polnear_local: tuple[Store, Any], polnear_file: Path, cluster: Any, tmp_path: Path
) -> None:
    from sqlalchemy import func, select

    from dealgraph.ingest import iter_items
    from dealgraph.pipeline.distributed import ingest_items_dask
    from dealgraph.store import schema

    pids = cluster.run(os.getpid)
    assert len(pids) == 2
    victim = sorted(pids.values())[0]
    killed: list[int] = []

    def tick(source: str) -> None:
        if not killed and len(seen) >= 4:
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
        seen.append(source)

    seen: list[str] = []
    store = new_store(tmp_path)
    report = ingest_items_dask(iter_items([str(polnear_file)]), store, cluster, progress=tick)
    assert killed, "the run ended before a worker could be killed"
    assert victim not in cluster.run(os.getpid).values()  # it really died (and the nanny replaced it)
    local_store, local_report = polnear_local
    assert report.stored == local_report.stored
    with store.read() as conn:
        ids = conn.execute(select(schema.articles.c.id)).scalars().all()
        hashes = conn.execute(select(func.count(func.distinct(schema.articles.c.content_hash)))).scalar()
    assert sorted(ids) == sorted(set(ids)) == sorted(local_report.stored) and hashes == len(ids)
    assert export(store) == export(local_store)


@pytest.mark.slow
def test_backfill_command_starts_a_local_cluster(
    polnear_local: tuple[Store, Any], polnear_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`dealgraph backfill --engine dask --workers 1`: a LocalCluster of its own, the same records as
    the local run for the same (leading) articles, whose resolution depends only on what came before.
    An id may since have been renamed after a fuller name in a later article ("obama" → "barack-obama");
    the old id redirects, so ids are compared through the full run's redirects."""
    import typer
    from typer.testing import CliRunner

    from dealgraph.cli import engine_cmd
    from dealgraph.cli.context import state

    head = tmp_path / "head.jsonl"
    head.write_text(
        "".join(polnear_file.read_text(encoding="utf-8").splitlines(keepends=True)[:6]), encoding="utf-8"
    )
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """dealgraph (test harness)"""

    engine_cmd.register(app)
    store = new_store(tmp_path)
    monkeypatch.setattr(state, "db", store.url)
    result = CliRunner().invoke(app, ["backfill", str(head), "--engine", "dask", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "6 stored" in result.output
    from dealgraph.store.views import canonical_id

    def redirected(record: str) -> str:
        data = json.loads(record)
        ids = {e["id"] for e in data["entities"]}
        moved = {i: canonical_id(polnear_local[0], i) for i in ids}
        for entity in data["entities"]:
            entity["id"] = moved[entity["id"]]
        for event in data["events"]:
            for role, value in event["args"].items():
                if isinstance(value, list):
                    event["args"][role] = [moved.get(v, v) for v in value]
                elif value in ids:
                    event["args"][role] = moved[value]
        return json.dumps(data, sort_keys=True)

    mine = [redirected(r) for r in export(store)]
    local = {json.loads(r)["doc"]: r for r in export(polnear_local[0])}
    assert len(mine) == 6 and mine == [local[json.loads(r)["doc"]] for r in mine]


@pytest.mark.slow
def test_driver_keeps_few_sent_payloads() -> None:
    """distributed remembers its last comm payloads for debugging, 1,000 by default; the payloads carry
    the pickled article chunks, so the driver (client and local scheduler) grew with the input until the
    log was full. ``dask_client`` bounds the logs, in the driver and on its workers."""
    import dask

    from dealgraph.pipeline.distributed import LOW_LEVEL_LOG, dask_client
    from dealgraph.settings import Settings

    def worker_log_length() -> Any:
        return dask.config.get("distributed.admin.low-level-log-length")

    before = worker_log_length()
    with dask_client(Settings.load(), workers=1) as client:
        scheduler = client.cluster.scheduler
        logs = [client.scheduler_comm.recent_message_log, scheduler.transition_log]
        logs += [comm.recent_message_log for comm in scheduler.stream_comms.values()]
        assert len(logs) == 3 and {log.maxlen for log in logs} == {LOW_LEVEL_LOG}
        assert set(client.run(worker_log_length).values()) == {LOW_LEVEL_LOG}
    assert worker_log_length() == before != LOW_LEVEL_LOG  # the caller's config again
