"""The `dealgraph` command: a thin layer over the library. Only the CLI configures logging."""

from __future__ import annotations

import logging

import typer

from dealgraph.cli import (
    alerts_cmd,
    claims_cmd,
    engine_cmd,
    events_cmd,
    export_cmd,
    ingest_cmd,
    query_cmd,
    report_cmd,
    resolve_cmd,
    screen_cmd,
    serve_cmd,
    timeline_cmd,
    watch_cmd,
)
from dealgraph.cli.context import configure_consoles, state
from dealgraph.cli.errors import ScriptableGroup
from dealgraph.version import __version__

app = typer.Typer(
    name="dealgraph",
    cls=ScriptableGroup,
    help="Who offers what to whom, for how much, says who, and is any party sanctioned?",
    no_args_is_help=True,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"dealgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    db: str = typer.Option(
        None,
        "--db",
        help="Store: a SQLite file path or a URL (default: $DEALGRAPH_DB or dealgraph.db).",
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details (and tracebacks)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or messages; data and errors only."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    state.db, state.quiet, state.verbose = db, quiet, verbose
    configure_consoles()


ingest_cmd.register(app)
query_cmd.register(app)
export_cmd.register(app)
events_cmd.register(app)
timeline_cmd.register(app)
resolve_cmd.register(app)
screen_cmd.register(app)
engine_cmd.register(app)
watch_cmd.register(app)
serve_cmd.register(app)
report_cmd.register(app)
claims_cmd.register(app)
alerts_cmd.register(app)
