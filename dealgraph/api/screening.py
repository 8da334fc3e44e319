"""The screening stage seen from the API: ad-hoc names against the loaded lists, as of a date.

Each request opens the screening index the lists' last load wrote to disk (``screen.stored_index``:
milliseconds, then only the rows a name needs), so the app keeps no index in memory or in a global.
When no list is loaded, ``POST /screen`` answers 503 with the reason instead of failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dealgraph.api import models as m
from dealgraph.api.errors import Unavailable
from dealgraph.exc import NotFound
from dealgraph.screen.index import ScreeningIndex
from dealgraph.screen.stored_index import screening_index
from dealgraph.store.store import Store


def _index(store: Store) -> ScreeningIndex:
    with store.read() as conn:
        try:
            return screening_index(conn)
        except NotFound as err:
            raise Unavailable(str(err)) from err


def screen(
    store: Store, names: Sequence[str], as_of: date | None, schema: str | None
) -> list[m.ScreenResult]:
    index = _index(store)
    return [
        m.ScreenResult(
            name=name,
            hits=[m.HitOut.model_validate(h) for h in index.screen(name, schema, as_of, include_linked=True)],
        )
        for name in names
    ]
