"""Claim grouping at scale: the claims step's cost per event as the store grows.

    python scripts/bench_claims.py [--n 20000] [--batch 32] [--checkpoints 1000,5000,10000,20000]

The extraction is not what is measured, so the articles are synthetic and written through the store's
one write path (``Store.save`` with the exact-key resolver): each article names three of 300 parties
(people, organisations, states) and reports two events of a random type between them, dated within the
article's week, so that reports of one fact recur across articles as they do in the news. After every
``--batch`` articles the claims step runs (``group_claims``), as ingest runs it; reported: the claims
step's milliseconds per new event over the batches before each checkpoint, and how that changes from
the first checkpoint to the last (issue 15: flat per article from 1,000 to 20,000 articles).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dealgraph.claims.grouping import group_claims
from dealgraph.model import Article, Entity, Event, EventArg, Extraction, Mention
from dealgraph.resolve.canonical import resolve_exact
from dealgraph.store.store import open_store

TYPES = ("MEET", "NEGOTIATE", "AGREE", "SANCTION", "PROPOSE", "INVEST")
KINDS = ("Person", "Organization", "Country")


def parties(rng: random.Random) -> list[tuple[str, str]]:
    return [(f"Party {i:03d} {KINDS[i % 3]}", KINDS[i % 3]) for i in range(300)]


def article(
    k: int, rng: random.Random, pool: list[tuple[str, str]], start: date
) -> tuple[Article, Extraction]:
    chosen = rng.sample(pool, 3)
    sentences = [f"{a} met {b} and {c}." for a, b, c in [tuple(n for n, _ in chosen)]]
    text = " ".join(sentences) + f" Report number {k}."
    entities = []
    for i, (name, kind) in enumerate(chosen):
        at = text.index(name)
        entities.append(Entity(f"e{i}", name, kind, (Mention(at, at + len(name), name, kind, "ner"),)))  # type: ignore[arg-type]
    published = start + timedelta(days=k // 200)
    events = []
    for j in range(2):
        kind = rng.choice(TYPES)
        a, b = rng.sample(range(3), 2)
        second = "counterpart" if kind in {"MEET", "NEGOTIATE", "AGREE"} else "target"
        events.append(
            Event(
                type=kind,
                args=(EventArg("agent", entity=f"e{a}"), EventArg(second, entity=f"e{b}")),
                modality="asserted",
                evidence_start=0,
                evidence_end=len(sentences[0]),
                trigger="met",
                when=(published - timedelta(days=j)).isoformat(),
                extractor="bench",
            )
        )
    item = Article(
        id=f"bench-{k}", source=f"bench/{k}.txt", text=text, raw=text, content_hash=f"h{k}", lang="en",
        published=published,
    )  # fmt: skip
    return item, Extraction(item.id, tuple(entities), (), tuple(events))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--checkpoints", default="1000,5000,10000,20000")
    args = parser.parse_args()
    checkpoints = sorted(int(c) for c in args.checkpoints.split(",") if int(c) <= args.n)
    rng = random.Random(20261207)
    pool = parties(rng)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        seconds, events, rows, since = 0.0, 0, [], 0
        for k in range(args.n):
            item, extraction = article(k, rng, pool, date(2025, 1, 1))
            store.save(item, extraction, resolve_exact, [], ())
            if (k + 1) % args.batch == 0 or k + 1 == args.n:
                started = time.perf_counter()
                report = group_claims(store)
                seconds += time.perf_counter() - started
                events += report.events
            if checkpoints and k + 1 == checkpoints[0]:
                rows.append({"articles": k + 1, "ms_per_event": round(1000 * seconds / max(events, 1), 3),
                             "events": events, "since_previous": k + 1 - since})  # fmt: skip
                seconds, events, since = 0.0, 0, k + 1
                checkpoints.pop(0)
    first, last = rows[0]["ms_per_event"], rows[-1]["ms_per_event"]
    print(json.dumps({"checkpoints": rows, "last_over_first": round(last / first, 2)}, indent=2))


if __name__ == "__main__":
    main()
