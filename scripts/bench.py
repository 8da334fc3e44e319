"""Throughput benchmark: the whole ingest pipeline against a bare spaCy pass over the same texts.

    python scripts/bench.py [--corpus PATH] [--limit N]

Each phase runs in its own process so that its peak RSS is its own. The bare pass is
``nlp.pipe`` of the same model over the same article texts; the pipeline is ``dealgraph.ingest`` of
the same JSONL file into a fresh SQLite store (read, clean, dedupe, extract, resolve, store). Figures
are reported as ratios against the bare pass of the same run; see BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
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
DEFAULT = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts(corpus: Path, limit: int | None) -> list[str]:
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [str(r.get("text") or "") for r in rows][:limit]


def phase_bare(corpus: Path, limit: int | None) -> dict[str, float]:
    import spacy

    from dealgraph.settings import Settings

    docs = texts(corpus, limit)
    nlp = spacy.load(Settings.load().spacy_model)  # the model as shipped, none of dealgraph's additions
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(docs, batch_size=32))
    seconds = time.perf_counter() - started
    return {"articles": len(docs), "seconds": seconds, "tokens": words, "peak_rss_mb": peak_rss_mb()}


def phase_pipeline(corpus: Path, limit: int | None, db: str | None = None) -> dict[str, object]:
    from dealgraph.extract.extractor import Extractor
    from dealgraph.pipeline.run import ingest
    from dealgraph.resolve.matcher import MatchingResolver
    from dealgraph.settings import Settings
    from dealgraph.store.store import open_store

    path = corpus
    if limit:
        path = Path(tempfile.mkdtemp()) / "corpus.jsonl"
        path.write_text(
            "".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:limit]), encoding="utf-8"
        )
    # models and name data are loaded before the clock starts, as the bare pass loads its model
    extractor = Extractor(Settings.load().spacy_model)
    matcher = MatchingResolver()
    resolve_seconds = 0.0

    def resolver(conn: Any, article_id: str, entities: Any) -> dict[str, str]:
        nonlocal resolve_seconds
        started = time.perf_counter()
        try:
            return matcher(conn, article_id, entities)
        finally:
            resolve_seconds += time.perf_counter() - started

    store = open_store(db or f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    started = time.perf_counter()
    report = ingest([str(path)], store, extractor=extractor, resolver=resolver)
    seconds = time.perf_counter() - started
    timings = dict(report.timings)
    timings.update({f"extract.{k}": v for k, v in extractor.timings.items()})
    # the pipeline hands the extractor whole batches (pipeline/extract_batches.py), so the time inside
    # nlp.pipe no longer includes the upstream generator
    timings["extract.spacy"] = timings.get("extract.spacy+upstream", 0.0)
    timings["store"] -= resolve_seconds  # store.save runs the resolver inside its transaction
    timings["resolve"] = resolve_seconds
    timings.pop("extract.spacy+upstream", None)
    words = sum(len(t.split()) for t in texts(corpus, limit))
    return {
        "articles": len(report.stored) + len(report.duplicates) + len(report.unchanged),
        "stored": len(report.stored),
        "duplicates": len(report.duplicates),
        "errors": len(report.errors),
        "events": store.count("events"),
        "seconds": seconds,
        "words": words,
        "stages": timings,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_phase(name: str, corpus: Path, limit: int | None, db: str | None = None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus)]
    if db:
        cmd += ["--db", db]
    if limit:
        cmd += ["--limit", str(limit)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--phase", choices=["bare", "pipeline"], default=None)
    parser.add_argument(
        "--db", default=None, help="keep the pipeline's store at this URL (default: a temp file)"
    )
    options = parser.parse_args()
    if options.phase == "bare":
        print(json.dumps(phase_bare(options.corpus, options.limit)))
        return
    if options.phase == "pipeline":
        print(json.dumps(phase_pipeline(options.corpus, options.limit, options.db)))
        return
    if not options.corpus.exists():
        sys.exit(f"corpus not found: {options.corpus} (set DEALGRAPH_SHARED)")
    bare = run_phase("bare", options.corpus, options.limit)
    pipe = run_phase("pipeline", options.corpus, options.limit, options.db)
    ratio = float(pipe["seconds"]) / float(bare["seconds"])  # type: ignore[arg-type]
    result = {"corpus": str(options.corpus), "bare_spacy": bare, "pipeline": pipe, "time_ratio": ratio}
    Path(ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "bench.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    n = float(pipe["articles"])  # type: ignore[arg-type]
    stages: dict[str, float] = pipe["stages"]  # type: ignore[assignment]
    total = sum(stages.values())
    print(f"corpus: {options.corpus.name}, {int(n)} articles, {pipe['words']} words")
    print(
        f"bare spaCy pass : {bare['seconds']:.1f} s, {n / float(bare['seconds']):.1f} articles/s, "  # type: ignore[arg-type]
        f"peak RSS {bare['peak_rss_mb']:.0f} MB"
    )  # type: ignore[arg-type]
    print(
        f"dealgraph ingest: {pipe['seconds']:.1f} s, {n / float(pipe['seconds']):.1f} articles/s, "  # type: ignore[arg-type]
        f"{float(pipe['words']) / float(pipe['seconds']):.0f} words/s, peak RSS {pipe['peak_rss_mb']:.0f} MB"  # type: ignore[arg-type]
    )
    print(f"time ratio (ingest / bare spaCy): {ratio:.2f}x")
    print("stage split:")
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:24} {seconds:7.1f} s  {100 * seconds / total:5.1f} %")
    print(
        f"stored {pipe['stored']}, near-duplicates {pipe['duplicates']}, errors {pipe['errors']}, "
        f"events {pipe['events']}"
    )


if __name__ == "__main__":
    main()
