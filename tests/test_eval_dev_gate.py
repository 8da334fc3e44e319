"""Quality gate on the development set: 44 real articles (32 English, 12 Russian) that no rule was
written for, scored per language by the shared scorer on ``dealgraph export --format eval``.

The seeds gate (``test_eval_gate.py``) guards the five sample articles; this one guards what matters to
users, reading articles the rules were not tuned on. Floors are pinned a little below the measured
figures (BENCHMARKS.md, "Events on the development set") and never lowered silently.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import SCORER, SHARED, ingested, need

# The whole development set through the model (about half a minute): `make test` runs it, `make
# test-fast` does not.
pytestmark = pytest.mark.slow

DEV = SHARED / "data" / "corpus" / "dev"
DEV_GOLD = SHARED / "eval" / "gold" / "dev.jsonl"

# (language, metric) -> floor (F1 for P/R/F1 metrics, accuracy otherwise)
FLOORS: dict[tuple[str, str], float] = {
    # English events (issue 11), the default rules: measured 2026-12-07 (stop 12) P 0.906 R 0.398 F1 0.553,
    # modality 0.873, source 0.884; stop 11 F1 0.494, stop 10 0.399, before the issue 0.265
    ("en", "events"): 0.54,
    ("en", "event_modality_acc"): 0.85,
    ("en", "event_source_acc"): 0.87,
    # entities (issue 12): measured 2026-12-07 (stop 12) en 0.895, ru 0.963/0.974; bars ru >= 0.88/0.90,
    # en not below 0.864 (raised with the title and particle rules of stop 11, and stop 12's)
    ("en", "entities"): 0.885,
    ("en", "entities_untyped"): 0.88,
    ("ru", "entities"): 0.94,
    ("ru", "entities_untyped"): 0.95,
    # the whole set (English and Russian together): B3 0.976 (bar 0.97), published dates 1.0 (bar 0.95)
    ("all", "resolution_b3"): 0.97,
    ("all", "published_acc"): 0.95,
    # Russian events (events/ru): measured 2026-12-07 P 1.000 R 0.534 F1 0.696, modality 0.92, source 0.90
    ("ru", "events"): 0.65,
    ("ru", "event_modality_acc"): 0.88,
    ("ru", "event_source_acc"): 0.86,
}
# precision of event pairs: recall is not bought with it (issue bars: en >= 0.70, ru >= 0.65)
PRECISION_FLOORS: dict[str, float] = {"en": 0.88, "ru": 0.90}


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Iterator[object]:
    yield ingested(tmp_path_factory, extractor, "dev", DEV)


@pytest.fixture(scope="module")
def dev_scores(dev_store: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    from dealgraph.export import export

    need(DEV_GOLD)
    out = tmp_path_factory.mktemp("dev-eval") / "system.jsonl"
    buffer = io.StringIO()
    export(dev_store, "eval", buffer)
    out.write_text(buffer.getvalue(), encoding="utf-8")
    scores = {}
    for lang in ("en", "ru", "all"):
        only = [] if lang == "all" else ["--lang", lang]
        result = subprocess.run(
            [sys.executable, str(need(SCORER)), str(DEV_GOLD), str(out), "--json", *only],
            capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "0", "PATH": ""},
        )  # fmt: skip
        scores[lang] = json.loads(result.stdout)
    return scores


@pytest.mark.parametrize(("lang", "metric"), sorted(FLOORS))
def test_dev_floor(dev_scores: dict[str, dict[str, Any]], lang: str, metric: str) -> None:
    value = dev_scores[lang][metric]
    measured = value["f1"] if isinstance(value, dict) else value
    assert measured is not None, f"{lang} {metric}: nothing to score"
    assert measured >= FLOORS[(lang, metric)], (
        f"{lang} {metric} fell to {measured} (floor {FLOORS[(lang, metric)]})"
    )


@pytest.mark.parametrize("lang", sorted(PRECISION_FLOORS))
def test_dev_event_precision(dev_scores: dict[str, dict[str, Any]], lang: str) -> None:
    precision = dev_scores[lang]["events"]["p"]
    assert precision >= PRECISION_FLOORS[lang], f"{lang} event precision fell to {precision}"


def test_every_dev_article_is_stored(dev_scores: dict[str, dict[str, Any]]) -> None:
    assert dev_scores["en"]["docs"] == {"gold": 32, "system": 32}
    assert dev_scores["ru"]["docs"] == {"gold": 12, "system": 12}


def test_every_canonical_id_has_a_latin_letter(dev_store: Any) -> None:
    from dealgraph.store import schema

    with dev_store.read() as conn:
        ids = [
            str(i)
            for i in conn.execute(schema.entities.select().with_only_columns(schema.entities.c.id)).scalars()
        ]
    assert ids and all(any("a" <= c <= "z" for c in i) for i in ids), [i for i in ids if not i.isascii()]


# Claims (issue 15): pairwise precision and recall of claim grouping over cross-article event pairs of the
# dev set (``dealgraph.evaluate.claims``, ``scripts/claims_eval.py``): measured P 0.956 R 0.946; bar P >= 0.90
CLAIM_FLOORS = {"p": 0.90, "r": 0.90}


def test_dev_claims_floor(dev_store: Any) -> None:
    from dealgraph.evaluate.claims import claim_pairs
    from dealgraph.evaluate.io import load_docs
    from dealgraph.export.eval_format import eval_records

    system = {str(r["doc"]): r for r in eval_records(dev_store)}
    scores = claim_pairs(load_docs(need(DEV_GOLD)), system)
    assert scores["pairs_gold"] > 100
    for metric, floor in CLAIM_FLOORS.items():
        assert scores[metric] >= floor, f"claims {metric} {scores[metric]} < {floor}: {scores}"
