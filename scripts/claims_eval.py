"""Claims on the dev set: pairwise precision and recall of claim grouping against the gold's claims.

    python scripts/claims_eval.py [--corpus DIR] [--gold FILE] [--db URL]

Ingests the dev corpus into a temporary SQLite store (the whole pipeline, claims step included, as
``dealgraph ingest`` does), exports the eval format (canonical ids, each event with its ``claim``) and
scores it with ``dealgraph.evaluate.claims`` (see its docstring for what is counted). Prints JSON; the
figures in BENCHMARKS.md ("Claims") come from here.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import delete

from dealgraph.claims.grouping import group_claims
from dealgraph.evaluate.claims import claim_pairs
from dealgraph.evaluate.io import load_docs
from dealgraph.export.eval_format import eval_records
from dealgraph.pipeline.run import ingest
from dealgraph.store import claim_tables
from dealgraph.store.store import open_store

SHARED = Path(os.environ.get("DEALGRAPH_SHARED", "../shared"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(SHARED / "data" / "corpus" / "dev"))
    parser.add_argument("--gold", default=str(SHARED / "eval" / "gold" / "dev.jsonl"))
    parser.add_argument("--db", default=None, help="an existing store to score instead of ingesting")
    parser.add_argument("--regroup", action="store_true", help="with --db: drop its claims and group again")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/claims-dev.db"
        store = open_store(url)
        report = None
        if args.db is None:
            report = ingest([args.corpus], store, screen=False)
        elif args.regroup:
            with store.begin() as conn:
                for table in reversed(claim_tables.TABLES):
                    conn.execute(delete(table))
            group_claims(store)
        started = time.perf_counter()
        system = {str(r["doc"]): r for r in eval_records(store)}
        scores = claim_pairs(load_docs(args.gold), system)
        scores["claims"] = len({e["claim"] for r in system.values() for e in r["events"] if "claim" in e})
        if report is not None:
            scores["claims_step_seconds"] = round(report.timings["claims"], 3)
            scores["articles"] = len(report.stored)
        scores["score_seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(scores, indent=2))


if __name__ == "__main__":
    main()
