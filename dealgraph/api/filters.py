"""Query filters checked as the CLI checks them (``cli/choices.py``): a value that can match nothing is
a client error (400) naming the values that can, and an entity that does not exist is a 404, never an
empty page. ``entity_query`` declares an entity-id parameter the way every list route takes one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Query

from dealgraph.exc import InputError, NotFound
from dealgraph.store import views
from dealgraph.store.store import Store


def one_of(value: str | None, valid: Sequence[str], name: str) -> str | None:
    """``value`` spelt as in ``valid`` (any case), None when not given; else a 400 listing them."""
    if value is None:
        return None
    for known in valid:
        if known.lower() == value.lower():
            return known
    raise InputError(f"{name} {value!r} is not one of: {', '.join(valid)}")


def event_type(value: str | None) -> str | None:
    from dealgraph.extract.events.lexicon import event_types  # the types of extract/data/events.yaml

    # ROLE comes from titles and appositions, not from a trigger lexicon (as in cli/choices.py)
    return one_of(value, [*(t.name for t in event_types()), "ROLE"], "type")


def entity_query(description: str) -> Any:
    """An optional query parameter holding an entity id (or a merged-away one), for ``entity`` to check."""
    return Query(None, max_length=200, description=description)


def entity(store: Store, given: str | None) -> str | None:
    """The canonical id of an entity that exists, None when not given; else 404."""
    if given is None:
        return None
    entity_id = views.canonical_id(store, given)
    if not views.entity_names(store, [entity_id]):
        raise NotFound(f"no entity {given!r}")
    return entity_id
