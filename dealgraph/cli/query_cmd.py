"""Reading the store: `summary`, `entities`, `show`."""

from __future__ import annotations

import dataclasses

import typer
from rich.table import Table

from dealgraph.cli import choices
from dealgraph.cli.context import console, state
from dealgraph.cli.errors import fail
from dealgraph.cli.output import emit, json_lines, json_option, limit_option, no_limit, note_cut
from dealgraph.exc import NotFound


def summary(as_json: bool = json_option()) -> None:
    """Articles, entities by type, amounts, events and the most mentioned entities."""
    from dealgraph.store.reader import summary as read_summary

    s = read_summary(state.store())
    if as_json:
        json_lines([dataclasses.asdict(s)])
        return
    console.print(
        f"[bold]{s.articles}[/bold] articles, {s.duplicates} near-duplicates linked, "
        f"{s.amounts} amounts, {s.events} events, {s.errors} ingest errors"
    )
    table = Table("entity type", "count")
    for kind, n in sorted(s.entities_by_type.items()):
        table.add_row(kind, str(n))
    console.print(table)
    if s.events_by_type:
        table = Table("event type", "count")
        for kind, n in sorted(s.events_by_type.items()):
            table.add_row(kind, str(n))
        console.print(table)
    table = Table("top entities", "type", "articles", "mentions", "id")
    for e in s.top_entities:
        table.add_row(e.name, e.type, str(e.articles), str(e.mentions), e.id)
    console.print(table)


def entities(
    type_: str = typer.Option(None, "--type", help="Person, Organization, Country, Location or Project."),
    limit: int = limit_option(50),
    query: str = typer.Option(None, "--q", help="Only names containing this text."),
    as_json: bool = json_option(),
) -> None:
    """List canonical entities, most reported first."""
    from dealgraph.store.reader import count_entities, list_entities

    kind = choices.entity_type(type_)
    store = state.store()
    rows = list_entities(store, type_=kind, q=query, limit=no_limit(limit))
    columns = ("id", "name", "type", "articles", "mentions")
    emit(columns, [(e.id, e.name, e.type, e.articles, e.mentions) for e in rows], as_json=as_json)
    if limit and len(rows) == limit:
        note_cut(len(rows), count_entities(store, type_=kind, q=query), "entities")


def show(id_or_name: str = typer.Argument(..., help="An article id, an entity id, or a name.")) -> None:
    """An entity with its mentions and articles, or an article with its entities and amounts."""
    from dealgraph.cli.show import show_article, show_entity
    from dealgraph.store.reader import find_entity_ids, get_article

    store = state.store()
    try:
        show_article(get_article(store, id_or_name))
        return
    except NotFound:
        pass
    ids = find_entity_ids(store, id_or_name)
    if not ids:
        fail(NotFound(f"no article or entity {id_or_name!r}"))
    for entity_id in ids[:3]:
        show_entity(store, entity_id)


def register(app: typer.Typer) -> None:
    app.command()(summary)
    app.command()(entities)
    app.command()(show)
