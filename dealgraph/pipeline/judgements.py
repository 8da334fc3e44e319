"""Entity judgements with their consequences downstream: the one place the CLI and the API call.

A merge or a split changes canonical ids (``resolve/judgements.py``); the claims naming those ids then
follow them (``claims/follow.py``, run by the claims step), here at once rather than at the next
ingest, so that a claim page or listing right after the judgement already names the id in use. The
entity kept by a merge has new names and a split makes a new entity: both are screened again at once
against the loaded lists (``screen.entities.screen_again``), so no party goes unscreened until the
next ingest.
"""

from __future__ import annotations

from dealgraph.claims.grouping import group_claims
from dealgraph.resolve import judgements
from dealgraph.resolve.judgements import review_hit
from dealgraph.screen.entities import screen_again
from dealgraph.store.store import Store
from dealgraph.store.views import canonical_id


def merge(store: Store, a: str, b: str, user: str = "cli") -> str:
    """Merge two canonical entities (``resolve.judgements.merge``); their claims follow the id kept."""
    kept = judgements.merge(store, a, b, user)
    group_claims(store)
    screen_again(store, [kept])
    return kept


def split(store: Store, entity_id: str, article_id: str, key: str, user: str = "cli") -> str:
    """Split one in-article entity off (``resolve.judgements.split``); its events regroup under it."""
    new_id = judgements.split(store, entity_id, article_id, key, user)
    group_claims(store)
    screen_again(store, [new_id, canonical_id(store, entity_id)])  # an old id names the one it became
    return new_id


__all__ = ["merge", "review_hit", "split"]
