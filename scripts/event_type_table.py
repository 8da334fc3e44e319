"""Per-type precision and recall of event pairs, with the shared scorer's own matching.

    python scripts/event_type_table.py GOLD.jsonl SYSTEM.jsonl [--lang en|ru]

SYSTEM is ``dealgraph export --format eval`` of a store (as ``shared/eval/dev-score.sh`` makes it).
Prints a Markdown table: for each of the 13 types, gold pairs, system pairs, matched pairs, P and R.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

SHARED = Path(os.environ.get("DEALGRAPH_SHARED", "../shared"))
TYPES = (
    "PROPOSE", "NEGOTIATE", "MEET", "AGREE", "INVEST", "COOPERATE", "SANCTION", "FREEZE", "SUE", "OPPOSE",
    "EXIT", "RETURN", "ROLE",
)  # fmt: skip


def table(gold_path: str, system_path: str, lang: str | None) -> str:
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # the scorer's matching, so the table adds up to its figures

    gold_docs, sys_docs = score.load(gold_path), score.load(system_path)
    counts: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    for doc_id, gold in gold_docs.items():
        if lang and gold.get("lang") != lang:
            continue
        system = sys_docs.get(doc_id, {"doc": doc_id})
        mapping, *_ = score.match_entities(gold, system, typed=False)

        def resolve(v: Any, mapping: dict[str, str] = mapping) -> Any:
            if isinstance(v, list):
                return [mapping.get(str(x), f"?{x}") for x in v]
            return mapping.get(str(v), f"?{v}") if v is not None else None

        g = {p for e in gold.get("events", []) for p in score.event_pairs(e, lambda v: v)}
        s = {p for e in system.get("events", []) for p in score.event_pairs(e, resolve)}
        for pair in g:
            counts[pair[0]]["gold"] += 1
        for pair in s:
            counts[pair[0]]["sys"] += 1
        for pair in g & s:
            counts[pair[0]]["tp"] += 1
    lines = ["| type | gold pairs | system pairs | matched | P | R |", "|---|---:|---:|---:|---:|---:|"]
    for kind, c in counts.items():
        p = f"{c['tp'] / c['sys']:.2f}" if c["sys"] else "—"
        r = f"{c['tp'] / c['gold']:.2f}" if c["gold"] else "—"
        lines.append(f"| {kind} | {c['gold']} | {c['sys']} | {c['tp']} | {p} | {r} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold")
    parser.add_argument("system")
    parser.add_argument("--lang", default=None)
    args = parser.parse_args()
    print(table(args.gold, args.system, args.lang))


if __name__ == "__main__":
    main()
