"""Sanctions lists and screening: `lists load`, `lists show`, `screen`, `hits`, `dismiss`."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from dealgraph.cli.context import console, fail, state
from dealgraph.exc import DealgraphError, InputError

lists_app = typer.Typer(help="Sanctions list snapshots: load them, see what is loaded.", no_args_is_help=True)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from error


@lists_app.command("load")
def load(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A list file."),
    fmt: str = typer.Option(..., "--format", help="ofac-sdn | eu-csv | uk-ods | ftm"),
    dataset: str = typer.Option(None, "--dataset", help="Dataset name (default: from the format)."),
    as_of: str = typer.Option(None, "--as-of", help="The snapshot's date (default: from the file name)."),
    allow_shrink: bool = typer.Option(
        False,
        "--allow-shrink",
        help="Accept a snapshot that removes more than DEALGRAPH_MAX_LIST_SHRINK (5%) of the list before it.",
    ),
) -> None:
    """Load a list snapshot (all or nothing), then screen the store's entities against the lists."""
    from dealgraph.screen.entities import screen_entities
    from dealgraph.screen.history import save_snapshot
    from dealgraph.screen.loaders import date_in_name, read_list

    try:
        day = _day(as_of) or date_in_name(path)
        if day is None:
            raise InputError(f"{path}: no date in the file name; give --as-of YYYY-MM-DD")
        entries = read_list(path, fmt, dataset)
        name = dataset or (entries[0].dataset if entries else fmt)
        store = state.store()
        with store.begin() as conn:
            shrink = None if allow_shrink else state.settings().max_list_shrink
            stats = save_snapshot(conn, name, day, entries, source=str(path), format=fmt, max_shrink=shrink)
        console.print(
            f"{stats.dataset} as of {stats.as_of}: {stats.entries} entries "
            f"({stats.added} added, {stats.removed} removed since the snapshot before)"
        )
        report = screen_entities(store, everything=True)
    except DealgraphError as error:
        fail(error)
        return
    console.print(f"screened {report.screened} entities: {report.with_hits} with hits")


@lists_app.command("show")
def show() -> None:
    """The loaded snapshots."""
    from sqlalchemy import select

    from dealgraph.store.screening_tables import list_snapshots as t

    table = Table("dataset", "as of", "entries", "format", "source", "loaded")
    with state.store().read() as conn:
        for r in conn.execute(select(t).order_by(t.c.dataset, t.c.as_of)):
            loaded = str(r.loaded_at)[:19]
            table.add_row(r.dataset, str(r.as_of), str(r.entries), r.format or "", r.source, loaded)
    console.print(table)


def screen(
    name: str = typer.Argument(..., help="A name to screen."),
    as_of: str = typer.Option(None, "--as-of", help="The lists as they stood on this day (default: latest)."),
    type_: str = typer.Option(None, "--type", help="Person or Organization (default: either)."),
) -> None:
    """Screen an ad-hoc name against the loaded lists, with explanations."""
    from dealgraph.screen.index import load_index

    with state.store().read() as conn:
        index = load_index(conn)
    hits = index.screen(name, type_, _day(as_of))
    if not hits:
        console.print(f"no hit for {name!r}" + (f" as of {as_of}" if as_of else ""))
    for hit in hits:
        until = f" until {hit.listed_until}" if hit.listed_until else ""
        programs = ", ".join(hit.programs)
        console.print(
            f"[bold]{hit.name}[/bold] ({hit.dataset} {hit.entry_id}, {programs}) score {hit.score:.2f}; "
            f"listed from {hit.listed_from or '?'}{until}",
            highlight=False,
        )
        console.print(f"    {hit.explanation}", highlight=False)


def hits(
    entity: str = typer.Option(None, "--entity", help="An entity id or name."),
    as_of: str = typer.Option(None, "--as-of", help="Only hits under which it was listed on this date."),
) -> None:
    """Screening hits of the store's entities."""
    from dealgraph.screen.asof import ListingLookup, covers
    from dealgraph.store.reader import find_entity_ids

    store = state.store()
    ids = find_entity_ids(store, entity) if entity else None
    day = _day(as_of)
    table = Table("entity", "list", "entry", "listed name", "score", "from", "until", "why")
    with store.read() as conn:
        lookup = ListingLookup(conn)
    for entity_id, found in sorted(lookup.by_entity.items()):
        if ids is not None and entity_id not in ids:
            continue
        for hit in found:
            if day is not None and not covers(hit, day):
                continue
            span = (str(hit.listed_from or ""), str(hit.listed_until or ""))
            table.add_row(
                entity_id,
                hit.dataset,
                hit.entry_id,
                hit.name,
                f"{hit.score:.2f}",
                *span,
                hit.explanation[:80],
            )
    console.print(table)


def dismiss(
    entity: str = typer.Argument(..., help="The entity id."),
    hit: str = typer.Argument(..., help="The hit, as DATASET:ENTRY_ID."),
) -> None:
    """Record a screening hit as a false positive; it stays out of hits and flags."""
    from dealgraph.resolve.judgements import dismiss as do_dismiss

    try:
        user = getpass.getuser()
    except OSError:
        user = "cli"
    try:
        number = do_dismiss(state.store(), entity, hit, user)
    except DealgraphError as error:
        fail(error)
        return
    console.print(f"dismissed {hit} for {entity} (judgement {number})")


def register(app: typer.Typer) -> None:
    app.add_typer(lists_app, name="lists")
    app.command()(screen)
    app.command()(hits)
    app.command()(dismiss)
