"""Our scorer (`dealgraph eval`, dealgraph.evaluate) against the shared scorer on the same inputs."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dealgraph.evaluate import score
from dealgraph.evaluate.io import load_docs
from tests.conftest import GOLD, SCORER, need


def shared_score(gold: Path, system: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(need(SCORER)), str(gold), str(system), "--json"],
        capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "0", "PATH": ""},
    )  # fmt: skip
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def variants(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """System outputs derived from gold: perfect, entities dropped, types changed, ids merged, events
    reversed, amounts perturbed, a document missing — each exercises another rule of the scorer."""
    perfect = copy.deepcopy(gold)
    fewer = copy.deepcopy(gold)
    for doc in fewer.values():
        doc["entities"] = doc["entities"][::2]
        doc["events"] = doc["events"][1::2]
    retyped = copy.deepcopy(gold)
    for doc in retyped.values():
        for e in doc["entities"][::3]:
            e["type"] = "Location" if e["type"] != "Location" else "Person"
    merged = copy.deepcopy(gold)
    for doc in merged.values():
        for e in doc["entities"]:
            e["id"] = "X" + e["id"][:1]
            e["mentions"] = [m.upper() for m in e["mentions"]]
    reversed_events = copy.deepcopy(gold)
    for doc in reversed_events.values():
        for ev in doc["events"]:
            a = ev["args"]
            other = next((r for r in a if r not in {"agent", "amount", "title"}), None)
            if other:
                a["agent"], a[other] = a[other], a["agent"]
            ev["modality"] = "asserted"
    amounts = copy.deepcopy(gold)
    for doc in amounts.values():
        for a in doc["amounts"]:
            if "value" in a:
                a["value"] = a["value"] * 1.02
    missing = {k: v for k, v in list(copy.deepcopy(gold).items())[1:]}
    return [perfect, fewer, retyped, merged, reversed_events, amounts, missing]


@pytest.mark.parametrize("n", range(7))
def test_same_numbers_as_shared_scorer(n: int, tmp_path: Path) -> None:
    gold = load_docs(need(GOLD))
    system = variants(gold)[n]
    path = tmp_path / "system.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in system.values()), encoding="utf-8")
    ours = score(gold, load_docs(path))
    theirs = shared_score(GOLD, path)
    for metric in ("entities", "entities_untyped", "amounts", "events", "resolution_b3"):
        assert ours[metric] == theirs[metric], metric
    for metric in ("event_modality_acc", "event_source_acc", "lang_acc", "published_acc"):
        assert ours.get(metric) == theirs.get(metric), metric


def test_perfect_system_scores_one() -> None:
    gold = load_docs(need(GOLD))
    result = score(gold, copy.deepcopy(gold))
    assert result["entities"]["f1"] == 1.0
    assert result["events"]["f1"] == 1.0
    assert result["resolution_b3"]["f1"] == 1.0
