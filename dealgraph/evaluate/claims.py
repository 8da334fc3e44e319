"""Scoring claim grouping against the gold: pairwise precision and recall over cross-article events.

The gold has no claims of its own; its claims are its events of different articles with the same type
(and polarity) and the same participant ids. Each system event (from the eval export, with its
``claim``) is matched to the gold event of its article with the same type that shares the most
participants (at least two, or all of a one-participant event). Over every pair of matched system events
from different articles, a pair is predicted when both are in one system claim and true when their gold
events are in one gold claim: precision and recall of grouping, given what extraction found.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from dealgraph.evaluate.matching import NON_ENTITY_ROLES, names_of
from dealgraph.evaluate.metrics import prf

Record = dict[str, Any]
GoldKey = tuple[str, str | None, frozenset[str]]


def participants(event: Record, resolve: dict[str, str] | None = None) -> frozenset[str]:
    ids: set[str] = set()
    for role, value in event.get("args", {}).items():
        if role in NON_ENTITY_ROLES:
            continue
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str):
                ids.add(resolve.get(v, f"sys:{v}") if resolve is not None else v)
    return frozenset(ids)


def entity_mapping(gold: Record, system: Record) -> dict[str, str]:
    """System entity id → gold id for one article by a shared normalised name (types ignored): the
    earliest gold entity in gold order, so that the mapping does not depend on set order (the scorer's
    ``match_entities`` takes the first of a set, which varies with the hash seed)."""
    order: dict[str, int] = {}
    for i, entity in enumerate(gold.get("entities", [])):
        for name in names_of(entity, with_aliases=False):
            order.setdefault(name, i)
    gold_ids = [str(e["id"]) for e in gold.get("entities", [])]
    mapping: dict[str, str] = {}
    for entity in system.get("entities", []):
        found = [order[n] for n in names_of(entity, with_aliases=True) if n in order]
        if found:
            mapping[str(entity.get("id"))] = gold_ids[min(found)]
    return mapping


def gold_key(event: Record) -> GoldKey:
    return (str(event.get("type")), event.get("polarity"), participants(event))


def _match(event: Record, gold_events: list[Record], mapping: dict[str, str]) -> GoldKey | None:
    ids = participants(event, mapping)
    best: tuple[int, int] | None = None
    found: GoldKey | None = None
    for i, gold in enumerate(gold_events):
        if gold.get("type") != event.get("type"):
            continue
        shared = len(ids & participants(gold))
        if shared < min(2, len(ids)) or shared == 0:
            continue
        if best is None or (shared, -i) > best:
            best, found = (shared, -i), gold_key(gold)
    return found


def claim_pairs(gold_docs: dict[str, Record], sys_docs: dict[str, Record]) -> dict[str, Any]:
    """Pairwise P/R/F1 of the system's claims (``claim`` on each event) against the gold's."""
    matched: list[tuple[str, GoldKey, str]] = []  # (doc, gold claim, system claim)
    system_events = 0
    for doc, gold in gold_docs.items():
        system = sys_docs.get(doc)
        if system is None:
            continue
        mapping = entity_mapping(gold, system)
        for event in system.get("events", []):
            system_events += 1
            key = _match(event, gold.get("events", []), mapping)
            if key is not None and event.get("claim"):
                matched.append((doc, key, str(event["claim"])))
    tp = predicted = true = 0
    for (doc_a, gold_a, sys_a), (doc_b, gold_b, sys_b) in combinations(matched, 2):
        if doc_a == doc_b:
            continue
        same_gold, same_sys = gold_a == gold_b, sys_a == sys_b
        predicted += same_sys
        true += same_gold
        tp += same_gold and same_sys
    scores: dict[str, Any] = dict(prf(tp, predicted, true))
    scores.update(
        {"pairs_predicted": predicted, "pairs_gold": true, "pairs_correct": tp,
         "events_matched": len(matched), "events_system": system_events}
    )  # fmt: skip
    return scores
