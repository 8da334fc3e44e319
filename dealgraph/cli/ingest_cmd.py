"""`dealgraph ingest` and `dealgraph errors`."""

from __future__ import annotations

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from dealgraph.cli.context import console, fail, state
from dealgraph.exc import DealgraphError


def ingest(
    targets: list[str] = typer.Argument(..., help="Files, directories, http(s) URLs or RSS/Atom feeds."),
    engine: str = typer.Option("local", "--engine", help="local (one process) or dask (workers)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    workers: int = typer.Option(None, "--workers", help="Local Dask cluster size (default: cores)."),
) -> None:
    """Ingest articles: clean, detect language and date, drop near-duplicates, extract, store."""
    if engine not in {"local", "dask"}:
        raise typer.BadParameter(f"unknown engine {engine!r}: local or dask")

    try:
        store = state.store()
        with Progress(
            SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=False,
        ) as progress:  # fmt: skip
            task = progress.add_task("", total=None)

            def tick(source: str) -> None:
                progress.update(task, advance=1, description=source[-60:])

            if engine == "dask":
                from dealgraph.pipeline.distributed import ingest_dask
                from dealgraph.screen.entities import screen_entities

                report = ingest_dask(targets, store, state.settings(), workers, scheduler, tick)
                report.screened = screen_entities(store).screened
            else:
                from dealgraph.pipeline.run import ingest as run_ingest

                report = run_ingest(targets, store, settings=state.settings(), progress=tick)
    except DealgraphError as error:
        fail(error)
        return
    console.print(report.summary())
    for item in report.errors:
        console.print(f"  [yellow]skipped[/yellow] {item.source}: {item.reason}")


def errors(limit: int = typer.Option(1000, help="At most this many.")) -> None:
    """List per-item ingest errors with their reasons."""
    from dealgraph.store.reader import list_errors

    rows = list_errors(state.store(), limit=limit)
    for row in rows:
        console.print(f"{row.at}  [cyan]{row.stage}[/cyan]  {row.source}: {row.reason}", highlight=False)
    if not rows:
        console.print("no errors")


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(errors)
