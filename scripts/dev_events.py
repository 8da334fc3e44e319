"""Fast development loop for the event stage: parse the articles once, then re-run only the events.

    python scripts/dev_events.py [--set dev|seeds] [--lang en|ru] [--reparse] [--out FILE] [--misses]

Articles are read and cleaned as ``ingest`` does, parsed once and cached (spaCy ``DocBin`` and the
in-article entities) under ``.cache/dev_events/``; each run re-imports the event code, extracts, writes
the scorer's format with in-article entity keys (event pairs are scored through names within an article,
so canonical ids do not change the event figures) and runs ``shared/eval/score.py``. ``--misses`` lists
the gold event pairs that were not found, and the system pairs that are not in the gold, per article.
This is a tool for developers; the figures to report come from ``shared/eval/dev-score.sh``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from dealgraph.clean import clean_item
from dealgraph.extract.extractor import Extractor
from dealgraph.ingest import iter_items
from dealgraph.model import Article

SHARED = Path(os.environ.get("DEALGRAPH_SHARED", "../shared"))
CACHE = Path(".cache/dev_events")


def _articles(folder: Path) -> list[Article]:
    articles = []
    for item in iter_items([str(folder)]):
        if isinstance(item, Exception):
            print(f"skipped: {item}", file=sys.stderr)
            continue
        articles.append(clean_item(item))
    return articles


def _parsed(name: str, extractor: Extractor, reparse: bool) -> list[tuple[Article, Any, Any]]:
    CACHE.mkdir(parents=True, exist_ok=True)
    docs_path, meta_path = CACHE / f"{name}.spacy", CACHE / f"{name}.pickle"
    if not reparse and docs_path.exists() and meta_path.exists():
        articles, entities = pickle.loads(meta_path.read_bytes())
        docs = list(DocBin().from_disk(docs_path).get_docs(extractor.nlp.vocab))
    else:
        articles = _articles(SHARED / "data" / "corpus" / name)
        docs = list(extractor.nlp.pipe(a.text for a in articles))
        entities = [
            extractor.russian_entities(a.text) if a.lang == "ru" else extractor.entities(d)
            for a, d in zip(articles, docs, strict=True)
        ]
        DocBin(store_user_data=True, docs=docs).to_disk(docs_path)
        meta_path.write_bytes(pickle.dumps((articles, entities)))
    return list(zip(articles, docs, entities, strict=True))


def _record(article: Article, entities: Any, events: Any, amounts: Any) -> dict[str, Any]:
    def arg_value(a: Any) -> Any:
        return a.text if a.role == "title" else (a.entity if a.entity is not None else a.amount)

    out_events = []
    for ev in events:
        args: dict[str, Any] = {}
        for a in ev.args:
            v = arg_value(a)
            if v is None:
                continue
            if a.role in args and a.role not in {"amount", "title"}:
                prior = args[a.role]
                args[a.role] = [*prior, v] if isinstance(prior, list) else [prior, v]
            else:
                args[a.role] = v
        rec = {"type": ev.type, "args": args, "modality": ev.modality, "source": ev.source}
        rec["evidence"] = article.text[ev.evidence_start : ev.evidence_end]
        if ev.polarity == "lift":
            rec["polarity"] = "lift"
        out_events.append(rec)
    return {
        "doc": article.id,
        "lang": article.lang,
        "published": article.published.isoformat() if article.published else None,
        "entities": [
            {"id": e.key, "name": e.name, "type": e.type, "mentions": [m.text for m in e.mentions]}
            for e in entities
        ],
        "amounts": [
            {"value": a.value, "currency": a.currency, "unit": a.unit, "min": a.min, "max": a.max}
            for a in amounts
        ],
        "events": out_events,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="dev")
    parser.add_argument("--lang", default=None)
    parser.add_argument("--reparse", action="store_true")
    parser.add_argument("--out", default=None)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--doc", default=None)
    args = parser.parse_args()
    extractor = Extractor()
    records = []
    for article, doc, entities in _parsed(args.set, extractor, args.reparse):
        if args.doc and article.id != args.doc:
            continue
        extraction = extractor.from_parsed(article, doc, entities)
        records.append(_record(article, entities, extraction.events, extraction.amounts))
    out = Path(args.out or CACHE / f"{args.set}.system.jsonl")
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    gold = SHARED / "eval" / "gold" / f"{args.set}.jsonl"
    langs = [args.lang] if args.lang else ["en", "ru"] if args.set == "dev" else [None]
    for lang in langs:
        cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(out)]
        cmd += ["--lang", lang] if lang else []
        text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        print(f"== {args.set} {lang or ''}")
        print("\n".join(x for x in text.splitlines() if x.startswith(("events", "event_"))))
    if args.misses:
        _misses(gold, out, args.doc, args.lang)


def _misses(gold_path: Path, system_path: Path, only: str | None, lang: str | None) -> None:
    """Per article: gold pairs missed (-) and system pairs not in the gold (+), with the evidence."""
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # the shared scorer's own matching, so the lists agree with its figures

    gold_docs, sys_docs = score.load(str(gold_path)), score.load(str(system_path))
    for doc_id, gold in gold_docs.items():
        if (only and doc_id != only) or (lang and gold.get("lang") != lang) or doc_id not in sys_docs:
            continue
        system = sys_docs[doc_id]
        mapping, *_ = score.match_entities(gold, system, typed=False)

        def resolve(v: Any, mapping: dict[str, str] = mapping) -> Any:
            if isinstance(v, list):
                return [mapping.get(str(x), f"?{x}") for x in v]
            return mapping.get(str(v), f"?{v}") if v is not None else None

        g = {p: e for e in gold["events"] for p in score.event_pairs(e, lambda v: v)}
        s = {p: e for e in system["events"] for p in score.event_pairs(e, resolve)}
        for mark, pairs, other in (("-", g, s), ("+", s, g)):
            for pair in sorted(set(pairs) - set(other), key=str):
                ev = pairs[pair]
                agent = sorted(map(str, pair[2])) if isinstance(pair[2], frozenset) else pair[2]
                evidence = ev.get("evidence", "")[:160]
                modality = ev.get("modality")
                other_arg = pair[3] or ""
                print(f"{doc_id} {mark} {pair[0]} {pair[1]} {agent} {other_arg} [{modality}] :: {evidence}")


if __name__ == "__main__":
    main()
