"""The screening stage seen from the API: ad-hoc names against the loaded lists, as of a date.

The index over the lists (``dealgraph.screen.index.load_index``) is built once and kept until a list
snapshot is loaded or replaced. When no list is loaded, ``POST /screen`` answers 503 with the reason
instead of failing.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

from dealgraph.api import models as m
from dealgraph.api.errors import Unavailable
from dealgraph.screen.index import load_index
from dealgraph.store import views
from dealgraph.store.store import Store

_lock = threading.Lock()
_cache: dict[tuple[str, tuple[int, str]], Any] = {}


def _index(store: Store) -> Any:
    fingerprint = views.lists_fingerprint(store)
    if fingerprint is None:
        raise Unavailable("no sanctions list is loaded: run `dealgraph lists load PATH --format ...` first")
    key = (store.url, fingerprint)
    with _lock:
        if key not in _cache:
            _cache.clear()
            with store.read() as conn:
                _cache[key] = load_index(conn)
        return _cache[key]


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
