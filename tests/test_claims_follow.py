"""Claims follow canonical ids: a merge, a rename or a split of a party re-keys (or regroups) only the
claims naming it, so a later report of the same fact joins the stored claim; and ``claims --rebuild``
regroups from scratch, deterministically, keeping the human claim judgements. Short articles written
for these tests (invented stories about well-known parties; no third-party text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dealgraph.model import RawItem
from dealgraph.store.store import Store, open_store
from tests.test_claims import ALL, claims_table, ingest, item

EGYPT = """Rosatom in Egypt

Published March 1, 2025

Rosatom and Egypt signed an agreement on the El Dabaa plant on Saturday.
"""


def paks(name: str, day: int) -> str:
    return f"""Paks II signed

Published March {day}, 2025

{name} and Hungary signed an agreement on the Paks II nuclear plant on Monday.
"""


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'follow.db'}")


def agreements(store: Store) -> dict[str, list[str]]:
    """Each AGREE claim with Hungary: id → its parties' ids."""
    from dealgraph.store.claim_reads import list_claims

    found = list_claims(store, limit=None)
    return {
        c.id: sorted(p.entity_id for p in c.parties if p.role == "party")
        for c in found
        if c.type == "AGREE" and "hu" in {p.entity_id for p in c.parties}
    }


def first_two(store: Store, extractor: Any) -> str:
    ingest(
        store,
        extractor,
        [
            item("https://www.rbc.ru/e/1", EGYPT),
            item("https://www.kommersant.ru/doc/2", paks("Rosatom State Corporation", 3)),
        ],
    )
    ((claim, parties),) = agreements(store).items()
    assert parties == ["hu", "rosatom-state-corporation"]  # two ids for one referent, so far
    return claim


def later(name: str = "Rosatom") -> list[RawItem]:
    return [item("https://www.reuters.com/world/paks-4", paks(name, 4))]


def test_without_a_merge_the_same_fact_under_another_id_is_another_claim(
    store: Store, extractor: Any
) -> None:
    first_two(store, extractor)
    ingest(store, extractor, later())
    assert len(agreements(store)) == 2


def test_after_a_merge_a_new_report_joins_the_stored_claim(store: Store, extractor: Any) -> None:
    from dealgraph.pipeline.judgements import merge
    from dealgraph.store.claim_reads import get_claim

    claim = first_two(store, extractor)
    assert merge(store, "rosatom", "rosatom-state-corporation") == "rosatom"
    assert agreements(store) == {claim: ["hu", "rosatom"]}  # re-keyed at once, same id
    ingest(store, extractor, later())
    assert agreements(store) == {claim: ["hu", "rosatom"]}
    summary, reports = get_claim(store, claim)
    assert summary.reports == 2 and summary.origins == 2
    assert [r.published.day for r in reports if r.published] == [3, 4]


def test_a_merge_made_in_the_library_is_followed_at_the_next_ingest(store: Store, extractor: Any) -> None:
    from dealgraph.resolve.judgements import merge

    claim = first_two(store, extractor)
    merge(store, "rosatom", "rosatom-state-corporation")  # resolution alone: claims not told
    ingest(store, extractor, later())
    assert agreements(store) == {claim: ["hu", "rosatom"]}


def test_a_rename_rekeys_only_the_claims_naming_the_old_id(store: Store, extractor: Any) -> None:
    from dealgraph.claims.grouping import group_claims
    from dealgraph.resolve.rename import rename_ids

    claim = first_two(store, extractor)
    before = {
        row[0]: row for row in claims_table(store) if isinstance(row[0], str) and row[0].startswith("c")
    }
    with store.begin() as conn:
        assert rename_ids(conn, {"rosatom-state-corporation": "Rosatom State Atomic Energy"}) == {
            "rosatom-state-corporation": "rosatom-state-atomic-energy"
        }
    group_claims(store)
    assert agreements(store) == {claim: ["hu", "rosatom-state-atomic-energy"]}
    after = {row[0]: row for row in claims_table(store) if isinstance(row[0], str) and row[0].startswith("c")}
    untouched = [c for c in before if c != claim and before[c] == after.get(c)]
    assert len(untouched) == len(before) - 1  # the other claims are as they were


def test_a_split_mention_takes_its_events_out_of_the_claim(store: Store, extractor: Any) -> None:
    from sqlalchemy import select

    from dealgraph.pipeline.judgements import merge, split
    from dealgraph.store import schema
    from dealgraph.store.claim_reads import claim_of_event, get_claim

    claim = first_two(store, extractor)
    merge(store, "rosatom", "rosatom-state-corporation")
    ingest(store, extractor, later())
    _, reports = get_claim(store, claim)
    first = reports[0]
    t = schema.article_entities
    with store.read() as conn:
        (key,) = conn.execute(
            select(t.c.key).where(t.c.article_id == first.article_id, t.c.entity_id == "rosatom")
        ).scalars()
    new_id = split(store, "rosatom", first.article_id, key)
    moved = claim_of_event(store, first.event_id)
    assert moved is not None and moved != claim
    assert new_id in agreements(store)[moved]
    assert get_claim(store, claim)[0].reports == 1


def test_rebuild_is_deterministic_and_keeps_claim_judgements(store: Store, extractor: Any) -> None:
    from typer.testing import CliRunner

    from dealgraph.claims.judgements import split
    from dealgraph.cli.main import app
    from dealgraph.store.claim_reads import claim_of_event, get_claim, list_claims

    ingest(store, extractor, ALL)
    before = claims_table(store)
    result = CliRunner().invoke(app, ["--db", store.url, "claims", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert claims_table(store) == before
    proposal = next(c for c in list_claims(store, limit=None) if c.type == "PROPOSE" and c.reports > 1)
    moved = get_claim(store, proposal.id)[1][-1].event_id
    new = split(store, proposal.id, moved, user="analyst")
    judged = claims_table(store)
    assert CliRunner().invoke(app, ["--db", store.url, "claims", "--rebuild"]).exit_code == 0
    assert claim_of_event(store, moved) == new
    assert claims_table(store) == judged
