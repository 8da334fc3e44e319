"""Screening speed: 10,000 entity names against the 2024-05-03 OFAC SDN snapshot, on one core.

    python scripts/bench_screen.py [--names 10000]

Reports names/s through the whole screening (blocking, scoring, rules) next to the time nomenklatura's
logic-v2 matcher alone takes on the same candidate pairs (``dealgraph.screen.bench``).
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine

from dealgraph.screen.bench import corpus_texts, run_bench, sample_names
from dealgraph.screen.history import save_snapshot
from dealgraph.screen.index import load_index
from dealgraph.screen.loaders import read_list

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--names", type=int, default=10_000)
    options = parser.parse_args()
    sdn = SHARED / "data" / "sanctions" / "us_ofac_sdn" / "sdn-2024-05-03.csv"
    polnear = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"
    engine = create_engine("sqlite://")
    import dealgraph.store.migrations as migrations

    with engine.begin() as conn:
        migrations.migrate(conn)
        started = time.perf_counter()
        save_snapshot(conn, "us_ofac_sdn", date(2024, 5, 3), read_list(sdn, "ofac-sdn"))
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        index = load_index(conn)
        indexed = time.perf_counter() - started
    names = sample_names(index, corpus_texts(polnear), options.names)
    result = run_bench(index, names)
    print(f"list: {sdn.name}, load {loaded:.1f} s, index {indexed:.1f} s (includes rigour's one-off warm-up)")
    print(f"{result.names} names in {result.seconds:.1f} s: {result.names_per_second:.0f} names/s")
    print(f"logic-v2 alone on the same {result.pairs} candidate pairs: {result.matcher_seconds:.1f} s")
    print(f"names with hits: {result.names_with_hits}")


if __name__ == "__main__":
    main()
