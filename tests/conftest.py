"""Shared fixtures.

Real data comes from ``../shared/data`` (or ``$DEALGRAPH_SHARED``): the five seed articles and their gold
(``shared/eval``), 840 PolNeAR news articles, 181 article pages with ground truth, OFAC/EU/UK sanctions
list snapshots and the Yale CELI company list. Tests that need it skip, saying so, when it is absent.
The example articles in ``examples/articles`` are written for this project.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared")).resolve()
SEEDS = SHARED / "data" / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.jsonl"
SCORER = SHARED / "eval" / "score.py"
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Screening indexes the tests build go to a directory of the run, not the user's cache."""
    before = os.environ.get("DEALGRAPH_CACHE_DIR")
    folder = tmp_path_factory.mktemp("cache")
    os.environ["DEALGRAPH_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("DEALGRAPH_CACHE_DIR", None)
    else:
        os.environ["DEALGRAPH_CACHE_DIR"] = before


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (set DEALGRAPH_SHARED)")
    return path


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from dealgraph.extract.extractor import Extractor

    return Extractor()


def ingested(tmp_path_factory: pytest.TempPathFactory, extractor: Any, name: str, folder: Path) -> object:
    """A fresh SQLite store with a folder of articles ingested through the whole pipeline."""
    from dealgraph.pipeline.run import ingest
    from dealgraph.store.store import open_store

    db = tmp_path_factory.mktemp(name) / f"{name}.db"
    store = open_store(f"sqlite:///{db}")
    ingest([str(need(folder))], store, extractor=extractor)
    return store


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A store with the five seed articles ingested through the whole pipeline."""
    yield ingested(tmp_path_factory, extractor, "seeds", SEEDS)


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[object]:  # type: ignore[no-untyped-def]
    yield ingested(tmp_path_factory, extractor, "examples", EXAMPLES)


@pytest.fixture(autouse=True)
def _fresh_cli_state() -> Iterator[None]:
    """The CLI's options live in one module-level state for the process; a test that passes ``-q`` or
    ``--db`` must not leave them to the next test (the real CLI runs once per process)."""
    from dealgraph.cli.context import state

    saved = (state.db, state.quiet, state.verbose)
    yield
    state.db, state.quiet, state.verbose = saved


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium for the browser tests (``tests/browser.py``); skips when it is not installed."""
    from tests.browser import chromium

    with chromium() as b:
        yield b
