"""Matching rules of the guidelines: names, entities per article, amounts, event pairs."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from typing import Any

SYMMETRIC = frozenset({"NEGOTIATE", "MEET", "AGREE", "COOPERATE"})
NON_ENTITY_ROLES = frozenset({"amount", "title"})
Record = dict[str, Any]


def norm(name: str) -> str:
    """Case-folded, accent- and punctuation-free, without a leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def names_of(entity: Record, with_aliases: bool) -> set[str]:
    keys = ["mentions", "aliases"] if with_aliases else ["mentions"]
    forms = [entity.get("name", ""), *(f for k in keys for f in entity.get(k, []))]
    return {norm(f) for f in forms if norm(f)}


def match_entities(gold: Record, system: Record, typed: bool) -> tuple[dict[str, str], int, int, int]:
    """System entity id → gold id for one article, with (true positives, false positives, gold count).

    A system entity matches the first gold entity (in gold order of names) sharing a normalised name, of
    the same type when typed; an optional gold entity is neither rewarded nor penalised; a second system
    entity for an already found referent is a false positive."""
    index: dict[str, list[Record]] = defaultdict(list)
    for entity in gold.get("entities", []):
        for name in names_of(entity, with_aliases=False):
            index[name].append(entity)
    mapping: dict[str, str] = {}
    found: set[str] = set()
    false_pos = 0
    for entity in system.get("entities", []):
        candidates = [g for name in names_of(entity, with_aliases=True) for g in index.get(name, [])]
        if typed:
            candidates = [g for g in candidates if g.get("type") == entity.get("type")]
        if not candidates:
            false_pos += 1
            continue
        target = candidates[0]
        mapping[str(entity.get("id"))] = str(target["id"])
        if target.get("optional"):
            continue
        if target["id"] in found:
            false_pos += 1
        else:
            found.add(str(target["id"]))
    required = sum(1 for e in gold.get("entities", []) if not e.get("optional"))
    return mapping, len(found), false_pos, required


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    return abs(float(a) - float(b)) <= 0.01 * max(abs(float(a)), 1e-9)


def amount_matches(gold: Record, system: Record) -> bool:
    if (gold.get("currency") or gold.get("unit")) != (system.get("currency") or system.get("unit")):
        return False
    if "min" in gold or "max" in gold:
        return _close(gold.get("min"), system.get("min")) and _close(gold.get("max"), system.get("max"))
    return _close(gold.get("value"), system.get("value"))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def event_pairs(event: Record, resolve: Callable[[Any], Any]) -> list[tuple[Any, ...]]:
    """An event cut into (type, role, agent, other) pairs; symmetric types ignore direction."""
    kind = event.get("type")
    args = event.get("args", {})
    agents = _as_list(resolve(args.get("agent")))
    pairs: list[tuple[Any, ...]] = []
    for role, value in args.items():
        if role == "agent" or role in NON_ENTITY_ROLES or not value:
            continue
        for agent in agents:
            for other in _as_list(value):
                other = resolve(other)
                if kind in SYMMETRIC and role == "counterpart":
                    pairs.append((kind, role, frozenset((agent, other)), None))
                    continue
                pairs.append((kind, role, agent, other))
                if kind in SYMMETRIC:
                    for partner in _as_list(resolve(args.get("counterpart"))):
                        if partner is not None:
                            pairs.append((kind, role, partner, other))
    return pairs
