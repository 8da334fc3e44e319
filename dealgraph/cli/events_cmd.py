"""`dealgraph events` (the timeline of one entity is `timeline_cmd`)."""

from __future__ import annotations

from typing import Any

import typer

from dealgraph.cli import choices
from dealgraph.cli.context import console, state
from dealgraph.cli.output import emit, json_option, limit_option, no_limit, note_cut
from dealgraph.store.event_reads import EventView


def event_json(ev: EventView) -> dict[str, Any]:
    from dealgraph.export.eval_format import event_record

    return {"id": ev.id, "article": ev.article_id, **event_record(ev)}


def _when(ev: EventView) -> str:
    return ev.event_date or (ev.published.isoformat() if ev.published else "")


def events(
    type_: str = typer.Option(None, "--type", help="PROPOSE, NEGOTIATE, MEET, AGREE, INVEST, ..."),
    entity: str = typer.Option(None, "--entity", help="An entity id or name taking part in any role."),
    modality: str = typer.Option(None, "--modality", help="asserted, reported, planned, hedged, denied"),
    since: str = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    limit: int = limit_option(100),
    as_json: bool = json_option(),
) -> None:
    """Deal events with their roles, modality, source and evidence."""
    from dealgraph.store.reader import count_events, list_events

    kind, mode = choices.event_type(type_), choices.modality(modality)
    since_date = choices.day(since, "--since")
    entity_id = choices.entity_ids(entity)[0] if entity else None
    store = state.store()
    rows = list_events(store, kind, entity_id, mode, since_date, limit=no_limit(limit))
    columns = ("date", "event", "modality", "source", "arguments", "evidence")
    emit(
        columns,
        [
            (
                _when(ev), ev.type, ev.modality, ev.source_name,
                ", ".join(f"{a.role}={a.name or a.text or a.amount_idx}" for a in ev.args),
                ev.evidence[:160] if console.is_terminal else ev.evidence,
            )
            for ev in rows
        ],
        as_json=as_json,
        records=[event_json(ev) for ev in rows] if as_json else None,
    )  # fmt: skip
    if limit and len(rows) == limit:
        note_cut(len(rows), count_events(store, kind, entity_id, mode, since_date), "events")


def register(app: typer.Typer) -> None:
    app.command()(events)
