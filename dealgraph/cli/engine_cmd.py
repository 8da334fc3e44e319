"""`dealgraph backfill`: bulk files (JSONL, CSV, Parquet, directories of them) on the local or Dask engine."""

from __future__ import annotations

from enum import StrEnum

import typer
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from dealgraph.cli.context import console, fail, state
from dealgraph.exc import DealgraphError


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
) -> None:
    """Backfill from bulk files, streamed record by record; re-running skips what is stored."""
    from dealgraph.pipeline.distributed import backfill as run_backfill

    try:
        store = state.store()
        with Progress(
            SpinnerColumn(), TextColumn("[bold]backfill"), MofNCompleteColumn(),
            TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
        ) as progress:  # fmt: skip
            task = progress.add_task("", total=None)

            def tick(source: str) -> None:
                progress.update(task, advance=1, description=source[-60:])

            report = run_backfill(
                paths, store, state.settings(), engine=engine.value, workers=workers, scheduler=scheduler,
                progress=tick,
            )  # fmt: skip
    except DealgraphError as error:
        fail(error)
        return
    console.print(report.summary())
    for skipped in report.errors[:50]:
        console.print(f"  [yellow]skipped[/yellow] {skipped.source}: {skipped.reason}", highlight=False)
    if len(report.errors) > 50:
        console.print(f"  ... and {len(report.errors) - 50} more (dealgraph errors)")


def register(app: typer.Typer) -> None:
    app.command()(backfill)
