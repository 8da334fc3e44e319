"""`dealgraph events` and `dealgraph timeline`."""

from __future__ import annotations

import json
from datetime import date

import typer
from rich.table import Table

from dealgraph.cli.context import console, fail, state
from dealgraph.exc import NotFound


def _entity_id(name: str) -> str:
    from dealgraph.store.reader import find_entity_ids

    ids = find_entity_ids(state.store(), name)
    if not ids:
        fail(NotFound(f"no entity {name!r}"))
    return ids[0]


def events(
    type_: str = typer.Option(None, "--type", help="PROPOSE, NEGOTIATE, MEET, AGREE, INVEST, ..."),
    entity: str = typer.Option(None, "--entity", help="An entity id or name taking part in any role."),
    modality: str = typer.Option(None, "--modality", help="asserted, reported, planned, hedged, denied"),
    since: str = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    limit: int = typer.Option(100, help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """Deal events with their roles, modality, source and evidence."""
    from dealgraph.export.eval_format import event_record
    from dealgraph.store.reader import list_events

    entity_id = _entity_id(entity) if entity else None
    since_date = date.fromisoformat(since) if since else None
    rows = list_events(state.store(), type_, entity_id, modality, since_date, limit=limit)
    if as_json:
        for ev in rows:
            print(json.dumps({"id": ev.id, "article": ev.article_id, **event_record(ev)}, ensure_ascii=False))
        return
    table = Table("date", "event", "modality", "source", "arguments", "evidence")
    for ev in rows:
        args = ", ".join(f"{a.role}={a.name or a.text or a.amount_idx}" for a in ev.args)
        when = ev.event_date or (ev.published.isoformat() if ev.published else "")
        table.add_row(when, ev.type, ev.modality, ev.source_name or "", args, ev.evidence[:160])
    console.print(table)


def timeline(entity: str = typer.Argument(..., help="An entity id or name.")) -> None:
    """Dated events about an entity, oldest first, each with its evidence sentence."""
    from dealgraph.store.reader import list_events

    entity_id = _entity_id(entity)
    rows = list_events(state.store(), entity_id=entity_id, limit=None)
    dated = sorted(
        rows, key=lambda ev: (ev.event_date or (ev.published.isoformat() if ev.published else "9999"), ev.id)
    )
    for ev in dated:
        when = ev.event_date or (ev.published.isoformat() if ev.published else "undated")
        args = ", ".join(f"{a.role}={a.name or a.text or a.amount_idx}" for a in ev.args if a.role != "title")
        console.print(f"[bold]{when}[/bold]  {ev.type} ({ev.modality})  {args}", highlight=False)
        console.print(f"    “{ev.evidence.strip()}” [dim]{ev.article_id}[/dim]", highlight=False)
    if not dated:
        console.print("no events")


def register(app: typer.Typer) -> None:
    app.command()(events)
    app.command()(timeline)
