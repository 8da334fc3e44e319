"""Quality gate for Russian events: the 12 Russian dev articles (``shared/data/corpus/dev``, listed with
``lang`` ru in ``shared/eval/dev-manifest.tsv``) through ``Extractor.extract`` and the shared scorer.

Floors are pinned a little below the measured scores and never lowered silently. The rules were written
on other sentences (tests/test_events_ru.py) and studied on these articles' misses, so these figures are
a development score, not a held-out one.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SCORER, SHARED, need

DEV = SHARED / "data" / "corpus" / "dev"
DEV_GOLD = SHARED / "eval" / "gold" / "dev.jsonl"
MANIFEST = SHARED / "eval" / "dev-manifest.tsv"

# measured 2026-12-07: events P 0.833 R 0.411 F1 0.550, modality 0.933, source 0.900
FLOORS = {"events_f1": 0.50, "events_p": 0.75, "event_modality_acc": 0.85, "event_source_acc": 0.80}


def _record(article: Any, extraction: Any) -> dict[str, Any]:
    events = []
    for event in extraction.events:
        args: dict[str, Any] = {}
        for arg in event.args:
            value = arg.text if arg.role == "title" else arg.entity if arg.entity is not None else arg.amount
            if arg.role in args and arg.role not in {"amount", "title"}:
                prior = args[arg.role]
                args[arg.role] = [*prior, value] if isinstance(prior, list) else [prior, value]
            else:
                args[arg.role] = value
        record = {"type": event.type, "args": args, "modality": event.modality, "source": event.source}
        events.append({**record, **({"polarity": "lift"} if event.polarity == "lift" else {})})
    entities = [
        {"id": e.key, "name": e.name, "type": e.type, "mentions": [m.text for m in e.mentions]}
        for e in extraction.entities
    ]
    return {"doc": article.id, "lang": article.lang, "entities": entities, "events": events}


@pytest.fixture(scope="module")
def scores(extractor: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    pytest.importorskip("natasha", reason="natasha is not installed")
    from dealgraph.clean import clean_item
    from dealgraph.ingest import iter_items

    with need(MANIFEST).open(encoding="utf-8") as rows:
        russian = [row["id"] for row in csv.DictReader(rows, delimiter="\t") if row["lang"] == "ru"]
    records = []
    for item in iter_items([str(need(DEV) / f"{doc}.txt") for doc in russian]):
        assert not isinstance(item, Exception), item
        article = clean_item(item)
        records.append(_record(article, extractor.extract(article)))
    out = tmp_path_factory.mktemp("eval_ru") / "system.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(need(SCORER)), str(need(DEV_GOLD)), str(out), "--lang", "ru", "--json"],
        capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "0", "PATH": ""},
    )  # fmt: skip
    data: dict[str, Any] = json.loads(result.stdout)
    Path("artifacts").mkdir(exist_ok=True)
    Path("artifacts/dev-ru-scores.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return data


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_russian_event_floor(scores: dict[str, Any], metric: str) -> None:
    if metric.startswith("events_"):
        measured = scores["events"][{"events_f1": "f1", "events_p": "p"}[metric]]
    else:
        measured = scores[metric]
    assert measured is not None, f"{metric}: nothing to score"
    assert measured >= FLOORS[metric], f"{metric} fell to {measured} (floor {FLOORS[metric]})"
