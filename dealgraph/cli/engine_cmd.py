"""`dealgraph backfill`: bulk files (JSONL, CSV, Parquet, directories of them) on the local or Dask engine."""

from __future__ import annotations

from enum import StrEnum

import typer

from dealgraph.cli.context import state
from dealgraph.cli.ingest_cmd import finish
from dealgraph.cli.output import json_option
from dealgraph.cli.progress import ticker


class Engine(StrEnum):
    local = "local"
    dask = "dask"


ENGINE_HELP = (
    "local: this process; dask: clean and extract as Dask tasks (a LocalCluster without --scheduler)."
)
SCHEDULER_HELP = (
    "Address of a running Dask scheduler (tcp://HOST:8786); without it a LocalCluster is started."
)
WORKERS_HELP = (
    "Worker processes for the LocalCluster (default: the number of CPUs); with --scheduler, wait for N."
)


def backfill(
    paths: list[str] = typer.Argument(
        ..., help="JSONL/CSV/Parquet files (also .jsonl.gz, .csv.gz) or directories."
    ),
    engine: Engine = typer.Option(Engine.local, "--engine", help=ENGINE_HELP),
    scheduler: str = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    workers: int = typer.Option(None, "--workers", min=1, help=WORKERS_HELP),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any record is skipped."),
    as_json: bool = json_option(),
) -> None:
    """Backfill from bulk files, streamed record by record; re-running skips what is stored."""
    from dealgraph.pipeline.backfill import backfill as run_backfill

    store = state.store(create=True)
    with ticker("backfill") as tick:
        report = run_backfill(
            paths, store, state.settings(), engine=engine.value, workers=workers, scheduler=scheduler,
            progress=tick,
        )  # fmt: skip
    finish(report, strict=strict, as_json=as_json)


def register(app: typer.Typer) -> None:
    app.command()(backfill)
