"""`dealgraph ingest` and `dealgraph errors`."""

from __future__ import annotations

import typer
from rich.markup import escape

from dealgraph.cli.context import state
from dealgraph.cli.output import emit, json_lines, json_option, limit_option, no_limit, note_cut
from dealgraph.cli.progress import ticker
from dealgraph.exc import DealgraphError
from dealgraph.pipeline.report import IngestReport

SHOWN_SKIPS = 50


def ingest(
    targets: list[str] = typer.Argument(
        ..., help="Files, directories, http(s) URLs, RSS/Atom feeds, or - for standard input."
    ),
    engine: str = typer.Option("local", "--engine", help="local (one process) or dask (workers)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    workers: int = typer.Option(None, "--workers", help="Local Dask cluster size (default: cores)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any item is skipped."),
    as_json: bool = json_option(),
) -> None:
    """Ingest articles: clean, detect language and date, drop near-duplicates, extract, store.

    Exits 1 when nothing could be ingested (or, with --strict, when any item was skipped)."""
    if engine not in {"local", "dask"}:
        raise typer.BadParameter(f"unknown engine {engine!r}: local or dask", param_hint="--engine")
    store = state.store(create=True)
    with ticker("ingest") as tick:
        if engine == "dask":
            from dealgraph.pipeline.distributed import ingest_dask
            from dealgraph.screen.entities import screen_entities

            report = ingest_dask(targets, store, state.settings(), workers, scheduler, tick)
            report.screened = screen_entities(store).screened
        else:
            from dealgraph.pipeline.run import ingest as run_ingest

            report = run_ingest(targets, store, settings=state.settings(), progress=tick)
    finish(report, strict=strict, as_json=as_json)


def finish(report: IngestReport, *, strict: bool = False, as_json: bool = False) -> None:
    """Report an ingest or backfill: the summary and skipped items on stderr (the report as one JSON
    record on stdout with --json); a failure when nothing was read, or anything skipped under --strict."""
    if as_json:
        record = {
            "stored": report.stored,
            "unchanged": report.unchanged,
            "duplicates": [{"duplicate": d, "of": original} for d, original in report.duplicates],
            "errors": [{"source": e.source, "stage": e.stage, "reason": e.reason} for e in report.errors],
            "screened": report.screened,
        }
        json_lines([record])
    state.say(report.summary())
    for item in report.errors[:SHOWN_SKIPS]:
        state.say(f"  [yellow]skipped[/yellow] {escape(item.source)}: {escape(item.reason)}")
    if len(report.errors) > SHOWN_SKIPS:
        state.say(f"  ... and {len(report.errors) - SHOWN_SKIPS} more (dealgraph errors)")
    read = report.stored or report.unchanged or report.duplicates
    if report.errors and (strict or not read):
        first = report.errors[0]
        what = "nothing ingested" if not read else f"{len(report.errors)} items skipped"
        raise DealgraphError(f"{what}: {first.source}: {first.reason}" + _more(len(report.errors)))


def _more(n: int) -> str:
    return f" (and {n - 1} more: dealgraph errors)" if n > 1 else ""


def errors(limit: int = limit_option(1000), as_json: bool = json_option()) -> None:
    """List per-item ingest errors with their reasons."""
    from dealgraph.store.reader import list_errors

    store = state.store()
    rows = list_errors(store, limit=no_limit(limit))
    columns = ("at", "stage", "source", "reason")
    emit(columns, [(r.at, r.stage, r.source, r.reason) for r in rows], as_json=as_json)
    if limit and len(rows) == limit:
        note_cut(len(rows), store.count("ingest_errors"), "errors")


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(errors)
