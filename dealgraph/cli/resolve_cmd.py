"""Human resolution decisions: `merge`, `split`, `judgements`."""

from __future__ import annotations

import typer

from dealgraph.cli.context import state
from dealgraph.cli.errors import fail
from dealgraph.cli.output import emit, json_option, limit_option, no_limit, note_cut
from dealgraph.exc import DealgraphError


def merge(
    a: str = typer.Argument(..., help="A canonical entity id."),
    b: str = typer.Argument(..., help="Another one."),
) -> None:
    """Record that two entities are one referent; the less reported id redirects to the other."""
    from dealgraph.pipeline.judgements import merge as do_merge

    try:
        kept = do_merge(state.store(), a, b, state.user())
    except DealgraphError as error:
        fail(error)
        return
    state.say(f"merged {a} and {b} into [bold]{kept}[/bold]")
    print(kept)  # the id kept, for scripts


def split(
    entity: str = typer.Argument(..., help="A canonical entity id."),
    mention: str = typer.Option(
        ..., "--mention", help="ARTICLE_ID:KEY of the in-article entity to split off."
    ),
) -> None:
    """Record that one in-article entity is a different referent; it gets its own id."""
    from dealgraph.pipeline.judgements import split as do_split

    article_id, _, key = mention.rpartition(":")
    try:
        new_id = do_split(state.store(), entity, article_id, key, state.user())
    except DealgraphError as error:
        fail(error)
        return
    state.say(f"split {mention} from {entity} as [bold]{new_id}[/bold]")
    print(new_id)  # the new id, for scripts


def judgements(limit: int = limit_option(1000), as_json: bool = json_option()) -> None:
    """The log of merge, split and dismiss decisions."""
    from dealgraph.resolve.judgements import list_judgements

    store = state.store()
    rows = list_judgements(store, no_limit(limit))
    emit(
        ("id", "when", "who", "kind", "judgement", "left", "right", "note"),
        [(j.id, j.created_at, j.user, j.kind, j.judgement, j.left_id, j.right_id, j.note) for j in rows],
        as_json=as_json,
    )
    if limit and len(rows) == limit:
        note_cut(len(rows), store.count("judgements"), "judgements")


def register(app: typer.Typer) -> None:
    app.command()(merge)
    app.command()(split)
    app.command()(judgements)
