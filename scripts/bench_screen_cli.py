"""Screening as a user meets it: each command a new process, timed against a bare start in the same run.

    python scripts/bench_screen_cli.py [--repo DIR] [--runs 3]

A store of the seed articles gets the OFAC SDN (2024-05-03), EU (269/2014) and UK (2025-08-11) lists with
``lists load`` (time and peak RSS of each load); then ``screen`` of a person and of an organisation,
``hits`` and a ``dismiss`` with its undoing, each run ``--runs`` times (median), next to ``dealgraph
--help``, the reference: the cost of starting Python and the CLI; then ``screen --api`` against a
``dealgraph serve`` of the same store, warmed by one query. Last, the same two names screened again and
again in one warm process. Every command runs as ``python -m dealgraph.cli`` from ``--repo`` (the working
tree by default), so the same script measures another checkout for a before/after comparison; the screening
index cache goes to a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared")).resolve()
LISTS = [
    ("us_ofac_sdn/sdn-2024-05-03.csv", "ofac-sdn", []),
    ("eu_fsf/eu-reg-269-2014.csv", "eu-csv", ["--as-of", "2025-08-01"]),
    ("gb_hmt/uk-sanctions-list-2025-08-11.ods", "uk-ods", []),
]
WARM = """
import statistics, sys, time
from dealgraph.store.store import open_store
try:
    from dealgraph.screen.stored_index import screening_index
except ImportError:  # a checkout from before the stored index: built in the process
    from dealgraph.screen.index import load_index as screening_index
with open_store(sys.argv[1]).read() as conn:
    index = screening_index(conn)
names = [("Kirill Dmitriev", None), ("Arctic LNG 2", "Organization")]
for name, kind in names:
    index.screen(name, kind)  # the first person name builds rigour's name tagger once per process
times = []
for _ in range(20):
    for name, kind in names:
        started = time.perf_counter()
        index.screen(name, kind)
        times.append(time.perf_counter() - started)
print(statistics.median(times))
"""


def run(repo: Path, env: dict[str, str], *args: str) -> tuple[float, int, str]:
    """Run one CLI command; its wall time, its own peak RSS in MB (``wait4``) and its standard output."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "dealgraph.cli", *args], cwd=repo, env=env, stdout=out, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(args)} failed: {err.read().strip()[-300:]}")
        return seconds, usage.ru_maxrss // 1024, out.read()


def median_time(repo: Path, env: dict[str, str], runs: int, *args: str) -> float:
    return statistics.median(run(repo, env, *args)[0] for _ in range(runs))


def _served_screen(repo: Path, env: dict[str, str], runs: int) -> float | None:
    """``screen --api`` against a ``dealgraph serve`` of the same store, warmed by one query first;
    None for a checkout without ``--api``."""
    import socket
    import urllib.request

    if "--api" not in run(repo, env, "screen", "--help")[2]:
        return None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "dealgraph.cli", "serve", "--port", str(port)],
        cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{url}/v1/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        run(repo, env, "screen", "Kirill Dmitriev", "--api", url)  # the server's matcher warms up once
        return median_time(repo, env, runs, "screen", "Kirill Dmitriev", "--api", url)
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    repo = options.repo.resolve()
    work = Path(tempfile.mkdtemp(prefix="bench-screen-"))
    db = work / "seeds.db"
    env = {
        **os.environ,
        "DEALGRAPH_DB": str(db),
        "DEALGRAPH_CACHE_DIR": str(work / "cache"),
        "PYTHONPATH": str(repo),
    }
    run(repo, env, "-q", "ingest", str(SHARED / "data" / "corpus" / "seeds"))
    results: dict[str, object] = {"repo": str(repo)}
    loads = []
    for path, fmt, extra in LISTS:
        path_of = str(SHARED / "data" / "sanctions" / path)
        seconds, rss, _ = run(repo, env, "lists", "load", path_of, "--format", fmt, *extra)
        loads.append({"list": path, "seconds": round(seconds, 1), "peak_rss_mb": rss})
    results["lists_load"] = loads
    help_s = median_time(repo, env, options.runs, "--help")
    timed = {
        "screen person": ("screen", "Kirill Dmitriev"),
        "screen organisation": ("screen", "Arctic LNG 2", "--type", "Organization"),
        "hits": ("hits",),
    }
    rows = {"--help (reference)": help_s}
    for label, args in timed.items():
        rows[label] = median_time(repo, env, options.runs, *args)
    first = json.loads(run(repo, env, "hits", "--json")[2].splitlines()[0])
    entity, hit = first["entity"], first["hit"]
    dismissals = []
    for _ in range(options.runs):
        dismissals.append(run(repo, env, "dismiss", entity, hit, "--reason", "benchmark")[0])
        run(repo, env, "undismiss", entity, hit)
    rows["dismiss"] = statistics.median(dismissals)
    warm = subprocess.run(
        [sys.executable, "-c", WARM, f"sqlite:///{db}"], cwd=repo, env=env, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    api = _served_screen(repo, env, options.runs)
    if api is not None:
        rows["screen person --api (a running serve)"] = api
    results["commands_seconds"] = {k: round(v, 2) for k, v in rows.items()}
    results["ratio_to_help"] = {k: round(v / help_s, 2) for k, v in rows.items()}
    results["warm_process_ms_per_name"] = round(float(warm.stdout.strip()) * 1000, 1)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
