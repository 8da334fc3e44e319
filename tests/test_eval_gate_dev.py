"""Quality gate on the development set: Russian and English entities, cross-script resolution, dates.

The dev corpus (44 articles, 12 of them Russian) goes through the whole pipeline and the shared scorer,
per language and over all. Floors sit a little below the figures measured in BENCHMARKS.md and are
never lowered silently (issue 12's bars: Russian typed >= 0.88 and untyped >= 0.90, English not below
0.864, B3 over the whole set >= 0.97, published-date accuracy >= 0.95).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SCORER, SHARED, need

DEV = SHARED / "data" / "corpus" / "dev"
DEV_GOLD = SHARED / "eval" / "gold" / "dev.jsonl"

# (language or "all", metric) -> floor; measured 2026-12-07: ru 0.963/0.974, en 0.871/0.895,
# all B3 0.976, published 1.0
FLOORS: dict[tuple[str, str], float] = {
    ("ru", "entities"): 0.94,
    ("ru", "entities_untyped"): 0.95,
    ("en", "entities"): 0.864,
    ("en", "entities_untyped"): 0.88,
    ("all", "resolution_b3"): 0.97,
    ("all", "published_acc"): 0.95,
}


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory, extractor) -> Path:  # type: ignore[no-untyped-def]
    from dealgraph.export import export
    from dealgraph.pipeline.run import ingest
    from dealgraph.store.store import open_store

    need(DEV)
    need(DEV_GOLD)
    folder = tmp_path_factory.mktemp("dev")
    store = open_store(f"sqlite:///{folder / 'dev.db'}")
    ingest([str(DEV)], store, extractor=extractor)
    buffer = io.StringIO()
    export(store, "eval", buffer)
    out = folder / "system.jsonl"
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return out


def _scores(system: Path, lang: str) -> dict[str, Any]:
    extra = [] if lang == "all" else ["--lang", lang]
    result = subprocess.run(
        [sys.executable, str(need(SCORER)), str(DEV_GOLD), str(system), "--json", *extra],
        capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "0", "PATH": ""},
    )  # fmt: skip
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def scores(system: Path) -> dict[str, dict[str, Any]]:
    return {lang: _scores(system, lang) for lang in ("ru", "en", "all")}


@pytest.mark.parametrize(("lang", "metric"), sorted(FLOORS))
def test_dev_score_floor(scores: dict[str, dict[str, Any]], lang: str, metric: str) -> None:
    value = scores[lang][metric]
    measured = value["f1"] if isinstance(value, dict) else value
    assert measured >= FLOORS[(lang, metric)], f"{lang} {metric} fell to {measured}"


def test_every_canonical_id_has_a_latin_letter(system: Path) -> None:
    ids = {
        e["id"]
        for line in system.read_text(encoding="utf-8").splitlines()
        for e in json.loads(line)["entities"]
    }
    assert ids and all(any("a" <= c <= "z" for c in i) for i in ids), sorted(
        i for i in ids if not i.isascii()
    )
