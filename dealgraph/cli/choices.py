"""Checking filter values from the command line: a value that can match nothing is refused, naming the
values that can (a typo must not look like an empty result)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import typer

from dealgraph.cli.context import state
from dealgraph.exc import NotFound


def one_of(value: str | None, valid: Sequence[str], option: str) -> str | None:
    """``value`` spelt as in ``valid`` (any case), None when not given; else a usage error listing them."""
    if value is None:
        return None
    for known in valid:
        if known.lower() == value.lower():
            return known
    raise typer.BadParameter(f"{value!r} is not one of: {', '.join(valid)}", param_hint=option)


def entity_type(value: str | None, option: str = "--type") -> str | None:
    from dealgraph.model import ENTITY_TYPES

    return one_of(value, ENTITY_TYPES, option)


def event_type(value: str | None) -> str | None:
    if value is None:
        return None
    from dealgraph.extract.events.lexicon import event_types  # the types of extract/data/events.yaml

    # ROLE (a title: "Kirill Dmitriev, head of the RDIF") comes from appositions, not from a trigger lexicon
    return one_of(value, [*(t.name for t in event_types()), "ROLE"], "--type")


def modality(value: str | None) -> str | None:
    from dealgraph.model import MODALITIES

    return one_of(value, MODALITIES, "--modality")


def day(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD date, or a usage error saying so."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def entity_ids(name: str) -> list[str]:
    """The entity ids an id or name stands for; an entity that does not exist is an error, not an empty
    answer."""
    from dealgraph.store.reader import find_entity_ids

    ids = find_entity_ids(state.store(), name)
    if not ids:
        raise NotFound(f"no entity {name!r} (dealgraph entities --q TEXT finds names)")
    return ids
