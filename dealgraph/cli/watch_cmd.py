"""`dealgraph watch`: poll RSS/Atom feeds and ingest their new entries, with state kept in the store."""

from __future__ import annotations

import typer
from rich.markup import escape

from dealgraph.cli.context import state
from dealgraph.cli.errors import fail
from dealgraph.exc import DealgraphError


def watch(
    feeds: list[str] = typer.Argument(..., help="Feed URLs (or pages that name their feed, or feed files)."),
    every: str = typer.Option("15m", "--every", help="Poll interval, e.g. 90s, 15m, 1h, 1d."),
    once: bool = typer.Option(False, "--once", help="Poll the feeds that are due, once, then exit."),
    max_backoff: str = typer.Option("24h", "--max-backoff", help="Longest wait after repeated failures."),
) -> None:
    """Poll feeds; ingest new entries, skip seen ones, back off on errors; survives restarts."""
    from dealgraph.extract.extractor import Extractor
    from dealgraph.ingest.web import Fetcher, new_client
    from dealgraph.pipeline.watch import PollResult, Watcher, parse_duration

    def show(result: PollResult) -> None:
        when = result.next_poll.isoformat(timespec="seconds") if result.next_poll else "-"
        if not result.polled:
            state.say(f"{result.feed}: not due until {when} UTC")
        elif result.error:
            state.say(f"[red]{escape(result.feed)}[/red]: {escape(result.error)}; next poll {when} UTC")
        else:
            summary = result.report.summary() if result.report else ""
            state.say(
                f"{result.feed}: {result.entries} entries, {result.new} new: {summary}; next poll {when} UTC"
            )

    try:
        interval, cap = parse_duration(every), parse_duration(max_backoff)
        settings = state.settings()
        store = state.store(create=True)
        extractor = Extractor(settings.spacy_model)
        with new_client(settings.http_timeout) as client:
            fetcher = Fetcher(client, settings.max_bytes, settings.http_timeout)
            watcher = Watcher(store, extractor, fetcher, interval, max_backoff=cap)
            watcher.run(feeds, once=once, on_poll=show)
    except DealgraphError as error:
        fail(error)
    except KeyboardInterrupt:
        state.say("stopped; the next run carries on from the stored state")


def register(app: typer.Typer) -> None:
    app.command()(watch)
