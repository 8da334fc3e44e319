"""Admission (``pipeline/admission.py``), the one decision both engines take for a cleaned article: new,
stored already, an id clash, or a near-duplicate of an article in flight or stored.

No model and no cluster: articles are cleaned for real (``clean_item``) and written to a real SQLite
store with an empty extraction. The texts are written for this test; a near-duplicate is the same story
with another last line, as a syndicated copy carries another sign-off.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import Connection

from dealgraph.clean import clean_item
from dealgraph.clean.dedupe import shingle_signature
from dealgraph.exc import ItemError
from dealgraph.model import Article, Entity, Extraction, RawItem
from dealgraph.pipeline.admission import (
    DUPLICATE_THRESHOLD,
    Admission,
    Clash,
    Duplicate,
    New,
    Outcome,
    Unchanged,
)
from dealgraph.store.reader import list_errors
from dealgraph.store.store import Store, open_store

PIPELINE = """Turkey and Azerbaijan sign deal to extend gas pipeline

ANKARA, March 4 (Reuters) - Turkey and Azerbaijan signed an agreement on Tuesday to extend the
Trans-Anatolian gas pipeline by a further 400 kilometres, the energy ministers of both countries said
at a ceremony in the Turkish capital.

The extension, estimated to cost $1.2 billion, is to be built by a consortium led by the state energy
company BOTAS and the State Oil Company of Azerbaijan Republic, with financing still to be arranged.
Officials said the first gas could flow through the new section by the end of 2027.

Turkish Energy Minister Alparslan Bayraktar told reporters the project would raise the line's capacity
to 32 billion cubic metres a year and help supply buyers in southeastern Europe. His Azerbaijani
counterpart said talks with European buyers about long-term contracts would begin next month.

Analysts in Istanbul said the timing was tied to falling Russian pipeline deliveries to the region and
to a push by Brussels to diversify its gas imports before the winter.
"""

SYNDICATED = PIPELINE.replace(
    "its gas imports before the winter.",
    "its gas imports. (Reporting by the Ankara newsroom; editing by the energy desk)",
)

MINING = """Mining group agrees to buy copper project in Chile

SANTIAGO, June 12 - A Canadian mining group agreed on Wednesday to buy a controlling stake in a copper
project in northern Chile for about $800 million, the companies said in a joint statement.

The buyer will take 60 percent of the project from its Chilean owner, which keeps the rest and will
continue to operate the mine. The deal still needs the approval of Chile's competition regulator.

Copper prices have risen this year on expectations of higher demand from makers of electric vehicles and
power grids, and several producers have been looking for new deposits in the Andes.
"""


def no_entities(conn: Connection, article_id: str, entities: Sequence[Entity]) -> dict[str, str]:
    return {}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'admission.db'}")


def cleaned(text: str, doc_id: str) -> Article:
    return clean_item(RawItem(source=f"desk/{doc_id}.txt", content=text, doc_id=doc_id))


def admit(admission: Admission, article: Article) -> Outcome:
    return admission.admit(article, shingle_signature(article.text))


def write(admission: Admission, article: Article) -> None:
    admission.write(article, Extraction(article.id), no_entities)


def write_new(admission: Admission, article: Article) -> None:
    assert admit(admission, article) == New()
    write(admission, article)


def test_a_new_article_is_admitted_then_written(store: Store) -> None:
    admission = Admission(store)
    article = cleaned(PIPELINE, "pipeline")
    assert admit(admission, article) == New()
    assert "pipeline" in admission.inflight and store.count("articles") == 0
    write(admission, article)
    assert "pipeline" not in admission.inflight
    assert admission.report.stored == ["pipeline"]
    assert store.has_content(article.content_hash) == "pipeline"


def test_content_already_stored_is_unchanged_whatever_its_id(store: Store) -> None:
    first = Admission(store)
    write_new(first, cleaned(PIPELINE, "pipeline"))
    rerun = Admission(store)  # a second ingest of the same text, here under another file name
    assert admit(rerun, cleaned(PIPELINE, "pipeline-copy")) == Unchanged("pipeline")
    assert rerun.report.unchanged == ["pipeline-copy"]
    assert (rerun.report.errors, rerun.report.duplicates, len(rerun.inflight.signatures)) == ([], [], 0)


CLASH = "another article with id 'report' and other content came first; this one is not stored"


def test_the_same_id_with_other_content_is_a_store_error(store: Store) -> None:
    first = Admission(store)
    write_new(first, cleaned(PIPELINE, "report"))
    later = Admission(store)
    outcome = admit(later, cleaned(MINING, "report"))  # b/report.txt after a/report.txt
    assert isinstance(outcome, Clash) and outcome.error.stage == "store"
    assert outcome.error.reason == CLASH
    assert later.report.errors == [outcome.error]
    assert [(e.source, e.stage) for e in list_errors(store)] == [("desk/report.txt", "store")]
    assert store.count("articles") == 1


def test_the_same_id_with_other_content_in_flight_is_a_store_error(store: Store) -> None:
    """Not yet stored, the first is still the article with that id (the local engine used to admit the
    second too, and fail on a missing signature when it wrote them)."""
    admission = Admission(store)
    first = cleaned(PIPELINE, "report")
    assert admit(admission, first) == New()
    outcome = admit(admission, cleaned(MINING, "report"))
    assert isinstance(outcome, Clash) and outcome.error.stage == "store"
    assert outcome.error.reason == CLASH  # the same words as when the first is stored: no timing in it
    write(admission, first)
    assert admission.report.stored == ["report"]


def test_a_near_duplicate_of_an_article_in_flight_waits_for_it(store: Store) -> None:
    admission = Admission(store)
    original, copy = cleaned(PIPELINE, "ankara"), cleaned(SYNDICATED, "ankara-wire")
    assert admit(admission, original) == New()
    outcome = admit(admission, copy)
    assert isinstance(outcome, Duplicate) and (outcome.original, outcome.waiting) == ("ankara", True)
    assert DUPLICATE_THRESHOLD <= outcome.score < 1.0
    assert store.count("duplicates") == 0  # nothing to point at yet
    assert admission.pending == {"ankara": [(copy, outcome.score)]}
    write(admission, original)
    assert store.count("duplicates") == 1 and admission.pending == {}
    assert store.has_content(copy.content_hash) == "ankara"
    assert (admission.report.stored, admission.report.duplicates) == (["ankara"], [("ankara-wire", "ankara")])


def test_a_near_duplicate_of_a_failed_article_is_an_error(store: Store) -> None:
    admission = Admission(store)
    original, copy = cleaned(PIPELINE, "ankara"), cleaned(SYNDICATED, "ankara-wire")
    admit(admission, original)
    admit(admission, copy)
    admission.failed(original, ItemError(original.source, "text too long", "extract"))
    assert admission.report.duplicates == [] and store.count("duplicates") == 0
    assert [(e.source, e.stage) for e in admission.report.errors] == [
        ("desk/ankara.txt", "extract"),
        ("desk/ankara-wire.txt", "dedupe"),
    ]
    assert admission.report.errors[1].reason == "near-duplicate of ankara, which failed: text too long"


def test_a_near_duplicate_of_a_stored_article_is_recorded_at_once(store: Store) -> None:
    write_new(Admission(store), cleaned(PIPELINE, "ankara"))
    admission = Admission(store)
    outcome = admit(admission, cleaned(SYNDICATED, "ankara-wire"))
    assert isinstance(outcome, Duplicate) and (outcome.original, outcome.waiting) == ("ankara", False)
    assert outcome.score >= DUPLICATE_THRESHOLD
    assert store.count("duplicates") == 1 and admission.pending == {}
    assert admission.report.duplicates == [("ankara-wire", "ankara")]
    assert admit(admission, cleaned(MINING, "copper")) == New()  # a different story is not one


def admit_around_write(
    admission: Admission, original: Article, copy: Article, written_first: bool
) -> Outcome:
    """Admit ``original``, then ``copy`` before or after ``original`` is written: the two timings of one
    input that the engines meet (the local engine writes every 32 new articles, Dask a window later)."""
    assert admit(admission, original) == New()
    if written_first:
        write(admission, original)
    outcome = admit(admission, copy)
    if not written_first:
        write(admission, original)
    return outcome


def tally(
    admission: Admission,
) -> tuple[list[str], list[str], list[tuple[str, str]], list[tuple[str, str, str]]]:
    """The report: stored, unchanged, duplicates, and errors as (source, stage, reason)."""
    report = admission.report
    errors = [(e.source, e.stage, e.reason) for e in report.errors]
    return report.stored, report.unchanged, report.duplicates, errors


@pytest.mark.parametrize("copy_id", ["ankara", "ankara-copy"], ids=["same-id", "other-id"])
@pytest.mark.parametrize("written_first", [True, False], ids=["stored", "in-flight"])
def test_the_same_content_again_is_unchanged_whether_the_first_is_stored_or_in_flight(
    store: Store, copy_id: str, written_first: bool
) -> None:
    """Under the same id (a file listed twice, a repeated JSONL record) or another (an exact copy): its
    content is stored, which is what ``Store.has_content`` says of it, as on a re-run; so no error and no
    duplicates row. In flight the same id used to be a clash that said "other content", and another id a
    near-duplicate of similarity 1.0."""
    admission = Admission(store)
    original, copy = cleaned(PIPELINE, "ankara"), cleaned(PIPELINE, copy_id)
    outcome = admit_around_write(admission, original, copy, written_first)
    assert outcome == Unchanged("ankara", waiting=not written_first)
    assert tally(admission) == (["ankara"], [copy_id], [], [])
    assert (store.count("articles"), store.count("duplicates"), list_errors(store)) == (1, 0, [])
    assert store.has_content(copy.content_hash) == "ankara"
    assert (admission.pending, admission.copies, admission.inflight.contents) == ({}, {}, {})


def test_an_exact_copy_of_an_article_in_flight_that_fails_takes_its_error(store: Store) -> None:
    """Its text is the original's, and the same text fails the same way (as it would had it come after
    the failure and been extracted as new). Nothing holds that content then, so a later copy is new."""
    admission = Admission(store)
    original, copy = cleaned(PIPELINE, "ankara"), cleaned(PIPELINE, "ankara-copy")
    admit(admission, original)
    assert admit(admission, copy) == Unchanged("ankara", waiting=True)
    admission.failed(original, ItemError(original.source, "text too long", "extract"))
    assert tally(admission) == (
        [],
        [],
        [],
        [
            ("desk/ankara.txt", "extract", "text too long"),
            ("desk/ankara-copy.txt", "extract", "text too long"),
        ],
    )
    assert admit(admission, cleaned(PIPELINE, "ankara-again")) == New()


@pytest.mark.parametrize("written", [True, False], ids=["written", "failed"])
def test_an_exact_copy_of_a_waiting_near_duplicate_goes_its_way(store: Store, written: bool) -> None:
    """Unchanged once the near-duplicate is recorded (its content then is, under the original), as a
    copy of a recorded one is; the near-duplicate's error when the original fails."""
    admission = Admission(store)
    original, wire = cleaned(PIPELINE, "ankara"), cleaned(SYNDICATED, "ankara-wire")
    admit(admission, original)
    assert isinstance(admit(admission, wire), Duplicate)
    assert admit(admission, cleaned(SYNDICATED, "ankara-wire-copy")) == Unchanged("ankara", waiting=True)
    if written:
        write(admission, original)
        assert tally(admission) == (["ankara"], ["ankara-wire-copy"], [("ankara-wire", "ankara")], [])
        assert store.count("duplicates") == 1 and store.has_content(wire.content_hash) == "ankara"
    else:
        admission.failed(original, ItemError(original.source, "text too long", "extract"))
        reason = "near-duplicate of ankara, which failed: text too long"
        assert tally(admission) == (
            [],
            [],
            [],
            [
                ("desk/ankara.txt", "extract", "text too long"),
                ("desk/ankara-wire.txt", "dedupe", reason),
                ("desk/ankara-wire-copy.txt", "dedupe", reason),
            ],
        )
    assert (admission.pending, admission.copies, admission.inflight.contents) == ({}, {}, {})
