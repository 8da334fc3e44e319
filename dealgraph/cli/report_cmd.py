"""`dealgraph report`: a sourced brief on an entity, a project or a period, as HTML, Markdown or PDF."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer

from dealgraph.cli.context import state
from dealgraph.cli.errors import fail
from dealgraph.exc import DealgraphError, InputError


def report(
    entity: str = typer.Option(None, "--entity", help="An entity id or name."),
    project: str = typer.Option(None, "--project", help="A project's entity id or name."),
    since: datetime = typer.Option(
        None, "--since", formats=["%Y-%m-%d"], help="Only events on or after DATE."
    ),
    fmt: str = typer.Option("html", "--format", help="html, md or pdf."),
    out: Path = typer.Option(..., "--out", help="File to write."),
) -> None:
    """Write a brief: the list snapshots checked, parties with sanctions status, events in time order,
    who is who, amounts by project, a network figure and a timeline chart, every statement cited to its
    article (outlet, title, date, URL) and sentence. Markdown's figures go into OUT-STEM-figures/."""
    from dealgraph.reports.render import report as write_report

    day: date | None = since.date() if since else None
    try:
        if fmt not in ("html", "md", "pdf"):
            raise InputError(f"unknown format {fmt!r}: use html, md or pdf")
        written = write_report(state.store(), out, fmt, entity=entity, project=project, since=day)
    except DealgraphError as error:
        fail(error)
        return
    state.say(f"wrote {written.path}")
    if written.figures:
        state.say(f"wrote {len(written.figures)} figure(s) into {written.figures[0].parent}/")


def register(app: typer.Typer) -> None:
    app.command()(report)
