"""`dealgraph watchlist add|list|remove` and `dealgraph alerts`: what the analyst watches, and what
changed about it (new events, claim status changes, sanctions hits) after each ingest or list load."""

from __future__ import annotations

import typer

from dealgraph.cli.context import state
from dealgraph.cli.errors import fail
from dealgraph.cli.output import emit, json_option, limit_option, no_limit
from dealgraph.exc import DealgraphError

watchlist_app = typer.Typer(help="Entities and projects to raise alerts about.", no_args_is_help=True)


@watchlist_app.command("add")
def add(item: str = typer.Argument(..., help="An entity or project, by id or name.")) -> None:
    """Watch an entity or project: later ingests and list loads raise alerts about it."""
    from dealgraph.alerts.watchlist import add_watch

    try:
        watch = add_watch(state.store(), item)
    except DealgraphError as error:
        fail(error)
        return
    state.say(f"watching {watch.kind} {watch.name} ({watch.item_id})")


@watchlist_app.command("list")
def list_(as_json: bool = json_option()) -> None:
    """The watched entities and projects."""
    from dealgraph.store.alert_reads import watched

    rows = [
        (w.item_id, w.kind, w.name, w.added_at.isoformat(timespec="seconds")) for w in watched(state.store())
    ]
    emit(("id", "kind", "name", "since"), rows, as_json=as_json)


@watchlist_app.command("remove")
def remove(item: str = typer.Argument(..., help="A watched entity or project, by id or name.")) -> None:
    """Stop watching (the alerts already raised stay)."""
    from dealgraph.alerts.watchlist import remove_watch

    try:
        removed = remove_watch(state.store(), item)
    except DealgraphError as error:
        fail(error)
        return
    state.say(f"no longer watching {removed}")


def alerts(
    check: bool = typer.Option(
        False, "--check", help="Check the store first (after a `lists load`, say) and post new alerts."
    ),
    limit: int = limit_option(50),
    as_json: bool = json_option(),
) -> None:
    """Alerts about watched items, newest first: new events, claim status changes, sanctions hits."""
    from dealgraph.pipeline.alerting import raise_alerts
    from dealgraph.settings import Settings
    from dealgraph.store.alert_reads import list_alerts

    store = state.store()
    if check:
        state.say(f"{raise_alerts(store, Settings.load())} new alerts")
    rows = list_alerts(store, limit=no_limit(limit))
    emit(
        ("id", "raised", "kind", "item", "title", "detail", "link", "delivery"),
        [
            (a.id, a.created_at.isoformat(timespec="seconds"), a.kind, a.item_id, a.title, a.detail, a.link,
             a.delivery or "")
            for a in rows
        ],
        as_json=as_json,
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(watchlist_app, name="watchlist")
    app.command()(alerts)
