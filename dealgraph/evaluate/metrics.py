"""Precision/recall/F1, B-cubed and accuracies over a gold and a system set of articles.

Written here rather than imported from ``shared/eval/score.py`` because that script is not part of the
package a user installs; ``tests/test_evaluate.py`` checks that both give the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dealgraph.evaluate.matching import Record, amount_matches, event_pairs, match_entities


def prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "sys": n_sys, "gold": n_gold}


def bcubed(items: list[tuple[str, str]]) -> dict[str, float]:
    if not items:
        return {"p": 0.0, "r": 0.0, "f1": 0.0}
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_sys: dict[str, list[int]] = defaultdict(list)
    for i, (g, s) in enumerate(items):
        by_gold[g].append(i)
        by_sys[s].append(i)
    p = sum(sum(items[j][0] == g for j in by_sys[s]) / len(by_sys[s]) for g, s in items) / len(items)
    r = sum(sum(items[j][1] == s for j in by_gold[g]) / len(by_gold[g]) for g, s in items) / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _amounts(gold: Record, system: Record) -> int:
    golds = list(gold.get("amounts", []))
    used: set[int] = set()
    for amount in system.get("amounts", []):
        for i, candidate in enumerate(golds):
            if i not in used and amount_matches(candidate, amount):
                used.add(i)
                break
    return len(used)


def score(gold_docs: dict[str, Record], sys_docs: dict[str, Record]) -> dict[str, Any]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    items: list[tuple[str, str]] = []
    modality, source = [0, 0], [0, 0]
    meta: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_doc: dict[str, Any] = {}
    for doc_id, gold in gold_docs.items():
        system = sys_docs.get(doc_id, {"doc": doc_id})
        _, tp, fp, n_gold = match_entities(gold, system, typed=True)
        totals["entities"] = [a + b for a, b in zip(totals["entities"], [tp, tp + fp, n_gold], strict=True)]
        mapping, utp, ufp, _ = match_entities(gold, system, typed=False)
        totals["entities_untyped"] = [
            a + b for a, b in zip(totals["entities_untyped"], [utp, utp + ufp, n_gold], strict=True)
        ]
        items.extend((g, s) for s, g in mapping.items())
        n_amounts = _amounts(gold, system)
        totals["amounts"] = [
            a + b
            for a, b in zip(
                totals["amounts"],
                [n_amounts, len(system.get("amounts", [])), len(gold.get("amounts", []))],
                strict=True,
            )
        ]

        def sys_resolve(value: Any, mapping: dict[str, str] = mapping) -> Any:
            if isinstance(value, list):
                return [mapping.get(str(v), f"?{v}") for v in value]
            return mapping.get(str(value), f"?{value}") if value is not None else None

        gold_pairs: dict[tuple[Any, ...], Record] = {}
        for event in gold.get("events", []):
            for pair in event_pairs(event, lambda v: v):
                gold_pairs.setdefault(pair, event)
        sys_pairs: dict[tuple[Any, ...], Record] = {}
        for event in system.get("events", []):
            for pair in event_pairs(event, sys_resolve):
                sys_pairs.setdefault(pair, event)
        hits = set(gold_pairs) & set(sys_pairs)
        totals["events"] = [
            a + b for a, b in zip(totals["events"], [len(hits), len(sys_pairs), len(gold_pairs)], strict=True)
        ]
        for pair in hits:
            g, s = gold_pairs[pair], sys_pairs[pair]
            modality[1] += 1
            modality[0] += g.get("modality") == s.get("modality")
            source[1] += 1
            s_src = sys_resolve(s.get("source")) if s.get("source") is not None else None
            source[0] += g.get("source") == s_src
        for field in ("lang", "published"):
            if gold.get(field) is not None:
                meta[field][1] += 1
                meta[field][0] += str(system.get(field) or "")[:10] == str(gold[field])[:10]
        per_doc[doc_id] = {
            "entities": prf(tp, tp + fp, n_gold),
            "events": prf(len(hits), len(sys_pairs), len(gold_pairs)),
        }
    result: dict[str, Any] = {name: prf(*values) for name, values in totals.items()}
    result["resolution_b3"] = bcubed(items)
    result["event_modality_acc"] = round(modality[0] / modality[1], 4) if modality[1] else None
    result["event_source_acc"] = round(source[0] / source[1], 4) if source[1] else None
    for field, (ok, n) in meta.items():
        result[f"{field}_acc"] = round(ok / n, 4) if n else None
    result["docs"] = {"gold": len(gold_docs), "system": len(set(sys_docs) & set(gold_docs))}
    result["per_doc"] = per_doc
    return result
