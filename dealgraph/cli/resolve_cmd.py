"""Human resolution decisions: `merge`, `split`, `judgements`."""

from __future__ import annotations

import getpass

import typer
from rich.table import Table

from dealgraph.cli.context import console, fail, state
from dealgraph.exc import DealgraphError


def _user() -> str:
    try:
        return getpass.getuser()
    except OSError:
        return "cli"


def merge(
    a: str = typer.Argument(..., help="A canonical entity id."),
    b: str = typer.Argument(..., help="Another one."),
) -> None:
    """Record that two entities are one referent; the less reported id redirects to the other."""
    from dealgraph.resolve.judgements import merge as do_merge

    try:
        kept = do_merge(state.store(), a, b, _user())
    except DealgraphError as error:
        fail(error)
        return
    console.print(f"merged {a} and {b} into [bold]{kept}[/bold]")


def split(
    entity: str = typer.Argument(..., help="A canonical entity id."),
    mention: str = typer.Option(
        ..., "--mention", help="ARTICLE_ID:KEY of the in-article entity to split off."
    ),
) -> None:
    """Record that one in-article entity is a different referent; it gets its own id."""
    from dealgraph.resolve.judgements import split as do_split

    article_id, _, key = mention.rpartition(":")
    try:
        new_id = do_split(state.store(), entity, article_id, key, _user())
    except DealgraphError as error:
        fail(error)
        return
    console.print(f"split {mention} from {entity} as [bold]{new_id}[/bold]")


def judgements(limit: int = typer.Option(1000, help="At most this many.")) -> None:
    """The log of merge, split and dismiss decisions."""
    from dealgraph.resolve.judgements import list_judgements

    table = Table("id", "when", "who", "kind", "judgement", "left", "right", "note")
    for j in list_judgements(state.store(), limit):
        table.add_row(
            str(j.id), j.created_at, j.user, j.kind, j.judgement, j.left_id, j.right_id, j.note or ""
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(merge)
    app.command()(split)
    app.command()(judgements)
