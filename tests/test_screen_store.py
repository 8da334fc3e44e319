"""Screening the store's entities against real OFAC snapshots, as of the article's date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import SHARED, need

SDN = SHARED / "data" / "sanctions" / "us_ofac_sdn"


@pytest.fixture(scope="module")
def screened_store(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Any:
    """The seed articles, with the OFAC SDN snapshots of 2022-02-26 and 2022-03-01 loaded."""
    from dealgraph.pipeline.run import ingest
    from dealgraph.screen.entities import screen_entities
    from dealgraph.screen.history import save_snapshot
    from dealgraph.screen.loaders import read_list
    from dealgraph.store.store import open_store
    from tests.conftest import SEEDS

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('screen') / 's.db'}")
    ingest([str(need(SEEDS))], store, extractor=extractor)
    for day in ("2022-02-26", "2022-03-01"):
        path = need(SDN / f"sdn-{day}.csv")
        with store.begin() as conn:
            save_snapshot(conn, "us_ofac_sdn", date.fromisoformat(day), read_list(path, "ofac-sdn"))
    screen_entities(store, everything=True)
    return store


def lookup(store: Any) -> Any:
    from dealgraph.screen.asof import ListingLookup

    with store.read() as conn:
        return ListingLookup(conn)


def entity(store: Any, name: str) -> str:
    from dealgraph.store.reader import find_entity_ids

    ids = find_entity_ids(store, name)
    assert ids, name
    return str(ids[0])


def test_listed_only_from_the_designation_snapshot(screened_store: Any) -> None:
    listings = lookup(screened_store)
    for name in ("Kirill Dmitriev", "Russian Direct Investment Fund"):
        entity_id = entity(screened_store, name)
        assert listings.listed_on(entity_id, date(2022, 2, 26)) == [], name
        hits = listings.listed_on(entity_id, date(2022, 3, 1))
        assert hits and hits[0].listed_from == date(2022, 3, 1), name
        assert hits[0].explanation


def test_unlisted_parties_have_no_hits(screened_store: Any) -> None:
    listings = lookup(screened_store)
    for name in ("Donald Trump", "Elon Musk", "ExxonMobil", "Gentry Beach", "Rosneft", "Novatek"):
        assert listings.hits(entity(screened_store, name)) == [], name


def test_events_with_a_listed_party_are_flagged(screened_store: Any) -> None:
    from dealgraph.export.eval_format import eval_records

    dmitriev = entity(screened_store, "Kirill Dmitriev")
    flagged = [
        flag
        for record in eval_records(screened_store)
        for event in record["events"]
        for flag in event.get("listed", [])
    ]
    assert any(flag["entity"] == dmitriev and flag["entry"] == "34336" for flag in flagged)


def test_dismissed_hit_stays_dismissed(screened_store: Any) -> None:
    from dealgraph.resolve.judgements import dismiss
    from dealgraph.screen.entities import screen_entities

    putin = entity(screened_store, "Vladimir Putin")
    (hit,) = [h for h in lookup(screened_store).hits(putin) if h.relation == "listed"][:1]
    dismiss(screened_store, putin, hit.key, "tester")
    assert hit.key not in {h.key for h in lookup(screened_store).hits(putin)}
    screen_entities(screened_store, everything=True)  # a re-screen does not bring it back
    assert hit.key not in {h.key for h in lookup(screened_store).hits(putin)}
