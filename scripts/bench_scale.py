"""Scaling benchmark: the local engine against Dask with 1 and 2 workers, on N distinct articles.

    python scripts/bench_scale.py [--n 20000] [--small 5000] [--runs local,dask1,dask2,dask2-small]

The corpus is PolNeAR (840 real news articles) replicated to N distinct articles: article k is the first
half (by paragraphs) of article i followed by the second half of article j != i, so all N texts differ
and each costs what a real article costs. Where one half is nearly all of its article (about 50 of the
840 split 80/20 or worse), the texts that share it overlap by more than the 0.8 shingle threshold and
are linked as near-duplicates rather than extracted, as the pipeline should: 1,642 of 20,000 (8 %).
Articles/s counts all inputs; ``stored`` and ``duplicates`` are in the results. The corpus is written
as JSONL and read through the bulk reader. Each run is its own process with a fresh SQLite store, so
its peak RSS is its own. Reported: articles/s, the speed-up of 2 workers over 1, the engine's per-task
overhead (no-op tasks), worker busy time against wall time, peak RSS of each worker and of the driver
(which also hosts the scheduler) at ``--small`` and at N inputs, and a projection of hours and workers
for 10 million articles from the measured per-article costs. Results go to artifacts/bench_scale.json
(``--out``); ``--runs`` picks which of the four runs to do.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared"))
POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"
TARGET = 10_000_000
NOOP_TASKS = 2000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def replicate(source: Path, n: int, out: Path) -> None:
    """Write ``n`` distinct articles built from pairs of PolNeAR articles (see the module docstring)."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = []
    for row in rows:
        paragraphs = [p for p in row["text"].split("\n\n") if p.strip()]
        cut = max(1, len(paragraphs) // 2)
        halves.append(("\n\n".join(paragraphs[:cut]), "\n\n".join(paragraphs[cut:]) or paragraphs[-1]))
    m = len(rows)
    with out.open("w", encoding="utf-8") as sink:
        for k in range(n):
            i, step = k % m, 1 + k // m
            j = (i + step) % m
            record = {
                "id": f"r{k:08d}",
                "title": rows[i]["title"],
                "published": rows[i]["published"],
                "outlet": rows[i]["publisher"],
                "text": halves[i][0] + "\n\n" + halves[j][1],
            }
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")


def phase(run: str, corpus: Path, workers: int) -> dict[str, Any]:
    from dealgraph.pipeline.bulk import iter_bulk
    from dealgraph.settings import Settings
    from dealgraph.store.store import open_store

    settings = Settings.load()
    store = open_store(f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    result: dict[str, Any] = {"run": run, "workers": workers}
    if run == "local":
        from dealgraph.extract.extractor import Extractor
        from dealgraph.pipeline.run import ingest_items

        extractor = Extractor(settings.spacy_model)
        started = time.perf_counter()
        report = ingest_items(iter_bulk([corpus]), store, extractor)
        result["seconds"] = time.perf_counter() - started
    else:
        from dealgraph.pipeline.dask_tasks import noop
        from dealgraph.pipeline.distributed import dask_client, ingest_items_dask

        with dask_client(settings, workers) as client:
            started = time.perf_counter()
            client.gather(client.map(noop, range(NOOP_TASKS), pure=False))
            result["task_overhead_ms"] = 1000 * (time.perf_counter() - started) / NOOP_TASKS
            started = time.perf_counter()
            report = ingest_items_dask(iter_bulk([corpus]), store, client)
            result["seconds"] = time.perf_counter() - started
            rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            result["worker_peak_rss_mb"] = sorted(rss.values())
    result.update(
        articles=len(report.stored) + len(report.unchanged) + len(report.duplicates) + len(report.errors),
        stored=len(report.stored),
        duplicates=len(report.duplicates),
        errors=len(report.errors),
        timings=dict(report.timings),
        driver_peak_rss_mb=peak_rss_mb(),
    )
    return result


def run_phase(run: str, corpus: Path, workers: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--phase", run, "--corpus", str(corpus), "--workers", str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{run} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def projection(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Hours and workers for 10M articles. A worker's cost per article is its busy time (clean + extract)
    per article; the driver's (dedupe, resolve, write) bounds the rate however many workers there are."""
    # one worker beside the driver on this 2-core machine: neither waits for a core, so its costs are
    # the cleanest per-article figures (with two workers the driver and the workers share the cores)
    best = runs.get("dask1") or runs.get("dask2")
    if not best:
        return {}
    n = best["stored"] or 1
    worker_cost = (best["timings"].get("clean", 0.0) + best["timings"].get("extract", 0.0)) / n
    driver_cost = (best["timings"].get("store", 0.0) + best["timings"].get("dedupe", 0.0)) / n
    ceiling = 1 / driver_cost if driver_cost else math.inf
    out: dict[str, Any] = {
        "worker_seconds_per_article": worker_cost,
        "driver_seconds_per_article": driver_cost,
        "measured_on": best["run"] + str(best["workers"]),
        "driver_ceiling_articles_per_s": ceiling,
        "workers_to_saturate_driver": math.ceil(worker_cost * ceiling) if driver_cost else None,
        "hours": {},
    }
    for workers in (2, 8, 32, 64, 128):
        rate = min(workers / worker_cost, ceiling)
        out["hours"][workers] = TARGET / rate / 3600
    out["workers_for_24h"] = math.ceil(TARGET * worker_cost / (24 * 3600))
    out["driver_alone_hours"] = TARGET * driver_cost / 3600
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=20_000, help="distinct articles (the issue asks >= 20,000)")
    parser.add_argument("--small", type=int, default=5_000, help="the smaller size, for the driver-RSS check")
    parser.add_argument("--runs", default="local,dask1,dask2,dask2-small")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "bench_scale.json")
    parser.add_argument("--phase", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.phase:
        print(json.dumps(phase(options.phase, options.corpus, options.workers)))
        return
    if not POLNEAR.exists():
        sys.exit(f"corpus not found: {POLNEAR} (set DEALGRAPH_SHARED)")
    work = Path(tempfile.mkdtemp(prefix="dealgraph-scale-"))
    big, small = work / f"corpus-{options.n}.jsonl", work / f"corpus-{options.small}.jsonl"
    replicate(POLNEAR, options.n, big)
    replicate(POLNEAR, options.small, small)
    plan = {
        "local": ("local", big, 1),
        "dask1": ("dask", big, 1),
        "dask2": ("dask", big, 2),
        "dask2-small": ("dask", small, 2),
    }
    runs: dict[str, dict[str, Any]] = {}
    for name in options.runs.split(","):
        kind, corpus, workers = plan[name]
        print(f"running {name} on {corpus.name} ...", file=sys.stderr, flush=True)
        runs[name] = run_phase(kind, corpus, workers)
    report(options, runs)


def report(options: argparse.Namespace, runs: dict[str, dict[str, Any]]) -> None:
    result: dict[str, Any] = {"n": options.n, "small": options.small, "cpus": os.cpu_count(), "runs": runs}
    for name, run in runs.items():
        run["articles_per_s"] = run["articles"] / run["seconds"]
        if "worker_peak_rss_mb" in run:
            busy = run["timings"].get("clean", 0.0) + run["timings"].get("extract", 0.0)
            run["worker_busy_fraction"] = busy / (run["seconds"] * run["workers"])
        print(
            f"{name:12} {run['articles']:>7} articles {run['seconds']:8.1f} s "
            f"{run['articles_per_s']:7.2f} art/s"
            f"  driver peak RSS {run['driver_peak_rss_mb']:.0f} MB"
            + (f"  workers {run['worker_peak_rss_mb']} MB" if "worker_peak_rss_mb" in run else "")
            + (f"  task overhead {run['task_overhead_ms']:.2f} ms" if "task_overhead_ms" in run else "")
            + (f"  busy {100 * run['worker_busy_fraction']:.0f} %" if "worker_busy_fraction" in run else "")
        )
    if "dask1" in runs and "dask2" in runs:
        result["speedup_2_over_1"] = runs["dask2"]["articles_per_s"] / runs["dask1"]["articles_per_s"]
        print(f"speed-up, 2 workers over 1: {result['speedup_2_over_1']:.2f}x")
    if "dask2" in runs and "dask2-small" in runs:
        growth = runs["dask2"]["driver_peak_rss_mb"] / runs["dask2-small"]["driver_peak_rss_mb"] - 1
        result["driver_rss_growth"] = growth
        print(f"driver peak RSS, {options.small} -> {options.n} inputs: {100 * growth:+.1f} %")
    result["projection_10M"] = projection(runs)
    if result["projection_10M"]:
        p = result["projection_10M"]
        print(
            f"10M articles: {p['worker_seconds_per_article'] * 1000:.1f} ms of worker time and "
            f"{p['driver_seconds_per_article'] * 1000:.2f} ms of driver time per article; "
            f"driver ceiling {p['driver_ceiling_articles_per_s']:.0f} art/s"
        )
        for workers, hours in p["hours"].items():
            print(f"  {workers:>4} workers: {hours:8.1f} h")
        print(f"  workers for 24 h: {p['workers_for_24h']} (if the driver keeps up; alone it needs "
              f"{p['driver_alone_hours']:.1f} h)")  # fmt: skip
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
