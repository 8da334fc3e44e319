"""API latency benchmark on a store of >= 10,000 articles.

    python scripts/bench_api.py [--db artifacts/bench_api.db] [--copies 12] [--requests 200] [--concurrency 4]

The store: the PolNeAR corpus (840 articles) ingested once through the whole pipeline, then replicated
``--copies`` times with distinct article ids by copying the stored rows (article, entity links,
mentions, amounts, events and their arguments, full-text index) rather than running the NLP again.
Copies keep their canonical entity ids, so popular entities get 12 times the articles: the load that
matters for /entities/{id}, /events?entity= and /graph. The store is reused when it already has enough.

The server: ``dealgraph.api.create_app`` under uvicorn in a child process on 127.0.0.1 (an ephemeral
port). The load: a bounded number of requests per endpoint from ``--concurrency`` client threads with
httpx, over a fixed sample of entities (the 10 most reported and 40 drawn at random among those that
have events) and of search words, and the desk's deals and timeline pages, whole and for those entities.
Prints a Markdown table of p50/p95/max latency per endpoint, each p95 also as a ratio to the ``/v1/health``
round trip measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared"))
CORPUS = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"
TARGETS = {
    "/v1/health (reference)": 0.0,
    "/entities/{id}": 50.0,
    "/events?entity=": 50.0,
    "/graph?depth=2": 200.0,
    "/search": 200.0,
    "/ui/deals": 100.0,
    "/ui/deals?entity=": 100.0,
    "/ui/timeline": 100.0,
    "/ui/timeline?entity=": 100.0,
}


def _copy_rows(conn: Any, table: Any, where: Any, change: dict[str, Any]) -> None:
    rows = [dict(r._mapping) for r in conn.execute(select(table).where(where))]
    if not rows:
        return
    out = []
    for row in rows:
        for column, fn in change.items():
            row[column] = fn(row)
        out.append(row)
    conn.execute(insert(table), out)


def _copy_batch(conn: Any, ids: list[str], k: int) -> None:
    """Copy one batch of articles and everything stored with them as copy number ``k``."""
    from dealgraph.store import event_tables, schema, search_index

    A, AE, M, AM = schema.articles, schema.article_entities, schema.mentions, schema.amounts
    EV, ARG = event_tables.events, event_tables.event_args
    suffix = f"~copy{k}"
    new = {a: a + suffix for a in ids}

    def event_id(old: str) -> str:
        article, idx = old.rsplit(":", 1)
        return f"{new[article]}:{idx}"

    _copy_rows(conn, A, A.c.id.in_(ids), {
        "id": lambda r: new[r["id"]],
        "content_hash": lambda r: r["content_hash"][:48] + f"{k:016x}",
        "source": lambda r: r["source"] + suffix,
    })  # fmt: skip
    for table, col in ((AE, AE.c.article_id), (AM, AM.c.article_id)):
        _copy_rows(conn, table, col.in_(ids), {"article_id": lambda r: new[r["article_id"]]})
    _copy_rows(
        conn, M, M.c.article_id.in_(ids), {"article_id": lambda r: new[r["article_id"]], "id": lambda r: None}
    )
    _copy_rows(conn, EV, EV.c.article_id.in_(ids), {
        "article_id": lambda r: new[r["article_id"]],
        "id": lambda r: event_id(r["id"]),
    })  # fmt: skip
    event_ids = conn.execute(select(EV.c.id).where(EV.c.article_id.in_(ids))).scalars().all()
    _copy_rows(conn, ARG, ARG.c.event_id.in_(event_ids), {"event_id": lambda r: event_id(r["event_id"])})
    for r in conn.execute(select(A.c.id, A.c.title, A.c.text).where(A.c.id.in_(list(new.values())))):
        search_index.index_article(conn, r.id, r.title, r.text)


def replicate(store: Any, copies: int) -> None:
    """Add ``copies - 1`` copies of every original article, each with its own id and content hash."""
    from dealgraph.store import schema

    with store.read() as conn:
        ids = select(schema.articles.c.id).where(~schema.articles.c.id.like("%~copy%"))
        originals = [str(i) for i in conn.execute(ids).scalars()]
    for k in range(1, copies):
        started = time.perf_counter()
        for i in range(0, len(originals), 200):
            with store.begin() as conn:
                _copy_batch(conn, originals[i : i + 200], k)
        print(
            f"  copy {k}: {len(originals)} articles in {time.perf_counter() - started:.1f}s", file=sys.stderr
        )


def build_store(db: Path, copies: int) -> Any:
    from dealgraph.store.store import open_store

    db.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{db}")
    n = store.count("articles")
    if n >= 10_000:
        print(f"reusing {db}: {n} articles", file=sys.stderr)
        return store
    if n == 0:
        if not CORPUS.exists():
            sys.exit(f"corpus not found: {CORPUS} (set DEALGRAPH_SHARED)")
        from dealgraph.pipeline.run import ingest

        started = time.perf_counter()
        report = ingest([str(CORPUS)], store)
        print(
            f"ingested PolNeAR: {report.summary()} in {time.perf_counter() - started:.0f}s", file=sys.stderr
        )
    replicate(store, copies)
    print(f"store: {store.count('articles')} articles, {store.count('events')} events", file=sys.stderr)
    return store


def samples(store: Any, seed: int = 7) -> tuple[list[str], list[str]]:
    from dealgraph.store import event_tables, schema

    AE, ARG, EV = schema.article_entities, event_tables.event_args, event_tables.events
    rng = random.Random(seed)
    with store.read() as conn:
        top = (
            conn.execute(
                select(AE.c.entity_id).group_by(AE.c.entity_id).order_by(func.count().desc()).limit(10)
            )
            .scalars()
            .all()
        )
        with_events = (
            conn.execute(
                select(AE.c.entity_id)
                .select_from(
                    AE.join(EV, EV.c.article_id == AE.c.article_id).join(
                        ARG, (ARG.c.event_id == EV.c.id) & (ARG.c.entity_key == AE.c.key)
                    )
                )
                .distinct()
            )
            .scalars()
            .all()
        )
        titles = conn.execute(select(schema.articles.c.title).limit(2000)).scalars().all()
    entities = list(dict.fromkeys([*top, *rng.sample(list(with_events), min(40, len(with_events)))]))
    words = sorted({w.strip(".,:;!?\"'()").lower() for t in titles if t for w in t.split() if len(w) >= 5})
    return [str(e) for e in entities], rng.sample(words, min(50, len(words)))


def serve(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    code = (
        "import uvicorn; from dealgraph.server import create_app; from dealgraph.settings import Settings; "
        f"uvicorn.run(create_app(Settings.load()), host='127.0.0.1', port={port}, log_level='warning')"
    )
    env = {**os.environ, "DEALGRAPH_DB": f"sqlite:///{db}"}
    env.pop("DEALGRAPH_API_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/v1/articles?limit=1", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    sys.exit("server did not start")


def measure(base: str, paths: list[str], requests: int, concurrency: int) -> tuple[list[float], int]:
    """Latencies (ms) of ``requests`` GETs cycling over ``paths``, from ``concurrency`` threads."""
    with httpx.Client(base_url=base, timeout=30) as client:
        for p in paths[:5]:
            client.get(p)  # warm-up

        def one(i: int) -> tuple[float, int]:
            started = time.perf_counter()
            r = client.get(paths[i % len(paths)])
            return (time.perf_counter() - started) * 1000, r.status_code

        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(one, range(requests)))
    return [ms for ms, _ in results], sum(1 for _, s in results if s != 200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "artifacts" / "bench_api.db")
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    store = build_store(args.db, args.copies)
    entities, words = samples(store)
    n_articles = store.count("articles")
    proc, base = serve(args.db)
    try:
        cases = {
            "/v1/health (reference)": ["/v1/health"],
            "/entities/{id}": [f"/v1/entities/{e}" for e in entities],
            "/events?entity=": [f"/v1/events?entity={e}" for e in entities],
            "/graph?depth=2": [f"/v1/graph?entity={e}&depth=2" for e in entities],
            "/search": [f"/v1/search?q={w}" for w in words],
            # the analyst's desk: the ledger and the timeline, whole and for one party
            "/ui/deals": ["/ui/deals", "/ui/deals?order=amount"],
            "/ui/deals?entity=": [f"/ui/deals?entity={e}" for e in entities],
            "/ui/timeline": ["/ui/timeline", "/ui/timeline?roles=hide"],
            "/ui/timeline?entity=": [f"/ui/timeline?entity={e}" for e in entities],
        }
        rows = []
        for name, paths in cases.items():
            started = time.perf_counter()
            ms, failed = measure(base, paths, args.requests, args.concurrency)
            elapsed = time.perf_counter() - started
            q = statistics.quantiles(ms, n=100)
            rows.append((name, len(ms), failed, q[49], q[94], max(ms), len(ms) / elapsed, TARGETS[name]))
    finally:
        proc.terminate()
        proc.wait(10)
    print(
        f"\nAPI latency, {n_articles} articles, {args.concurrency} client threads, "
        f"{args.requests} requests each over {len(entities)} entities / {len(words)} search words; "
        "server: uvicorn, 1 process; indexes of migrations 8 and 12\n"
    )
    health = rows[0][4]
    print(
        "| endpoint | requests | non-200 | p50 ms | p95 ms | p95 / health | max ms | req/s | p95 target ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, failed, p50, p95, top, rate, target in rows:
        mark = "" if p95 < target or not target else " (over)"
        cells = [
            f"`{name}`",
            n,
            failed,
            f"{p50:.1f}",
            f"{p95:.1f}{mark}",
            f"{p95 / health:.1f}",
            f"{top:.1f}",
            f"{rate:.0f}",
            f"{target:.0f}",
        ]
        print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    main()
