"""`dealgraph timeline ENTITY`: the events about an entity, newest first (``--order oldest``), the
undated at the end, filtered as the web timeline is (type, modality, date, named source, project, ROLE)."""

from __future__ import annotations

import typer

from dealgraph.cli import choices
from dealgraph.cli.context import console, state
from dealgraph.cli.output import json_lines, json_option
from dealgraph.store.event_reads import EventView


def _when(ev: EventView) -> str:
    return ev.event_date or (ev.published.isoformat() if ev.published else "")


def timeline(
    entity: str = typer.Argument(..., help="An entity id or name."),
    order: str = typer.Option("newest", "--order", help="newest or oldest first; the undated come last."),
    type_: str = typer.Option(None, "--type", help="Only this event type (PROPOSE, MEET, ...)."),
    modality: str = typer.Option(None, "--modality", help="asserted, reported, planned, hedged, denied"),
    since: str = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    source: str = typer.Option(None, "--source", help="Only events this entity is cited as saying."),
    project: str = typer.Option(None, "--project", help="Only events about this project."),
    hide_roles: bool = typer.Option(
        False, "--hide-roles", help="Leave out ROLE events (who holds what post)."
    ),
    as_json: bool = json_option(),
) -> None:
    """Events about an entity, newest first, the undated at the end, each with its evidence sentence."""
    from dealgraph.cli.events_cmd import event_json
    from dealgraph.store.timeline_reads import ORDERS, Order, TimelineQuery, timeline_events

    chosen: Order = "oldest" if choices.one_of(order, ORDERS, "--order") == "oldest" else "newest"
    q = TimelineQuery(
        entity_id=choices.entity_ids(entity)[0],
        type_=choices.event_type(type_),
        modality=choices.modality(modality),
        since=choices.day(since, "--since"),
        source_id=choices.entity_ids(source)[0] if source else None,
        project_id=choices.entity_ids(project)[0] if project else None,
        hide_roles=hide_roles,
    )
    rows = timeline_events(state.store(), q, chosen, limit=None)
    if as_json:
        json_lines([event_json(ev) for ev in rows])
        return
    undated_said = False
    for ev in rows:
        if not _when(ev) and not undated_said:
            console.print("[bold]undated[/bold]", highlight=False)
            undated_said = True
        args = ", ".join(f"{a.role}={a.name or a.text or a.amount_idx}" for a in ev.args if a.role != "title")
        console.print(f"[bold]{_when(ev) or '—'}[/bold]  {ev.type} ({ev.modality})  {args}", highlight=False)
        console.print(f"    “{ev.evidence.strip()}” [dim]{ev.article_id}[/dim]", highlight=False)
    if not rows:
        state.say(f"no events for {q.entity_id}")


def register(app: typer.Typer) -> None:
    app.command()(timeline)
