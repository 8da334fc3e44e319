"""Quality gate: the seeds gold scored by the shared scorer on `dealgraph export --format eval`.

Floors are pinned a little below the measured scores (see BENCHMARKS.md) and never lowered silently:
a change that drops a score below its floor fails here.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import GOLD, SCORER, need

# metric -> floor (F1 for P/R/F1 metrics, accuracy otherwise). Issue bars: entities typed >= 0.85,
# untyped >= 0.92, amounts >= 0.90, lang/published 1.0, events >= 0.55, modality/source >= 0.75,
# resolution B3 >= 0.95.
FLOORS: dict[str, float] = {  # measured 2026-12-07 (stop 11): 0.968, 0.968, 1.0, 0.774, 0.983, 0.948, 0.922
    "entities": 0.94,
    "entities_untyped": 0.95,
    "amounts": 0.95,
    "events": 0.72,
    "resolution_b3": 0.95,
    "event_modality_acc": 0.92,
    "event_source_acc": 0.88,
    "lang_acc": 1.0,
    "published_acc": 1.0,
}


@pytest.fixture(scope="module")
def scores(seeds_store: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from dealgraph.export import export

    need(GOLD)
    out = tmp_path_factory.mktemp("eval") / "system.jsonl"
    buffer = io.StringIO()
    export(seeds_store, "eval", buffer)
    out.write_text(buffer.getvalue(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(need(SCORER)), str(GOLD), str(out), "--json"],
        capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "0", "PATH": ""},
    )  # fmt: skip
    data: dict[str, Any] = json.loads(result.stdout)
    # beside the export in pytest's temporary directory, for a look after a run; never in the working tree
    out.with_name("seeds-scores.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return data


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_score_floor(scores: dict[str, Any], metric: str) -> None:
    value = scores[metric]
    measured = value["f1"] if isinstance(value, dict) else value
    assert measured is not None, f"{metric}: nothing to score"
    assert measured >= FLOORS[metric], f"{metric} fell to {measured} (floor {FLOORS[metric]})"


def test_all_seed_documents_exported(scores: dict[str, Any]) -> None:
    assert scores["docs"]["system"] == scores["docs"]["gold"] == 5
