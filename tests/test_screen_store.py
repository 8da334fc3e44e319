"""Screening the store's entities against real OFAC snapshots, as of the article's date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import SHARED, need

SDN = SHARED / "data" / "sanctions" / "us_ofac_sdn"
pytestmark = pytest.mark.slow  # the full model over the seeds, then whole OFAC snapshots


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
    from dealgraph.resolve.judgements import review_hit
    from dealgraph.screen.entities import screen_entities

    putin = entity(screened_store, "Vladimir Putin")
    (hit,) = [h for h in lookup(screened_store).hits(putin) if h.relation == "listed"][:1]
    review_hit(screened_store, putin, hit.key, "dismiss", "tester")
    assert hit.key not in {h.key for h in lookup(screened_store).hits(putin)}
    screen_entities(screened_store, everything=True)  # a re-screen does not bring it back
    assert hit.key not in {h.key for h in lookup(screened_store).hits(putin)}


# --- grades, the one "listed" rule, and reviewing hits, on the seeds with the SDN list of 2024-05-03

GOLD_LISTED = {
    "Kirill Dmitriev",
    "Vladimir Putin",
    "Dmitry Peskov",
    "Russian Direct Investment Fund",
    "Arctic LNG 2",
}


@pytest.fixture(scope="module")
def sdn_2024_store(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Any:
    from dealgraph.pipeline.run import ingest
    from dealgraph.screen.entities import screen_entities
    from dealgraph.screen.history import save_snapshot
    from dealgraph.screen.loaders import read_list
    from dealgraph.store.store import open_store
    from tests.conftest import SEEDS

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('sdn2024') / 's.db'}")
    ingest([str(need(SEEDS))], store, extractor=extractor)
    with store.begin() as conn:
        save_snapshot(
            conn, "us_ofac_sdn", date(2024, 5, 3), read_list(need(SDN / "sdn-2024-05-03.csv"), "ofac-sdn")
        )
    screen_entities(store, everything=True)
    return store


def test_a_project_is_screened_and_arctic_lng_2_has_a_strong_hit(sdn_2024_store: Any) -> None:
    (hit,) = lookup(sdn_2024_store).listed_on(entity(sdn_2024_store, "Arctic LNG 2"), None)
    assert (hit.grade, hit.entry_id, hit.programs) == ("strong", "46030", ("RUSSIA-EO14024",))


def test_grades_of_the_seed_hits(sdn_2024_store: Any) -> None:
    listings = lookup(sdn_2024_store)
    grades = {name: [h.grade for h in listings.hits(entity(sdn_2024_store, name))] for name in GOLD_LISTED}
    assert grades["Kirill Dmitriev"] == ["exact"] and grades["Dmitry Peskov"] == ["strong"]


def test_no_unlisted_gold_party_is_shown_listed(sdn_2024_store: Any) -> None:
    """Every gold party of the seeds but the really listed ones: never "listed" in any reader."""
    import json

    from dealgraph.store import views
    from dealgraph.store.reader import find_entity_ids
    from tests.conftest import GOLD

    names = {
        e["name"]
        for line in need(GOLD).read_text(encoding="utf-8").splitlines()
        for e in json.loads(line)["entities"]
        if e["type"] in ("Person", "Organization", "Project")
    }
    ids = {name: find_entity_ids(sdn_2024_store, name)[:1] for name in names}
    stored = {name: found[0] for name, found in ids.items() if found}
    assert len(stored) > 40
    hits = views.hits_for(sdn_2024_store, stored.values())
    listed = {
        name for name, eid in stored.items() if any(h.listed_at(date(2025, 3, 1)) for h in hits.get(eid, []))
    }
    assert listed == GOLD_LISTED


def test_dismiss_accepts_both_forms_refuses_unknown_and_undoes(sdn_2024_store: Any) -> None:
    from dealgraph.exc import InputError, NotFound
    from dealgraph.resolve.judgements import list_judgements, review_hit

    putin = entity(sdn_2024_store, "Vladimir Putin")
    with pytest.raises(NotFound, match="no hit '99999999'"):
        review_hit(sdn_2024_store, putin, "99999999", "dismiss", "tester")
    review_hit(sdn_2024_store, putin, "35096", "dismiss", "tester", "a namesake")  # the entry id alone
    assert lookup(sdn_2024_store).listed_on(putin, None) == []
    with pytest.raises(InputError, match="already dismissed"):
        review_hit(sdn_2024_store, putin, "us_ofac_sdn:35096", "dismiss", "tester")
    review_hit(sdn_2024_store, putin, "us_ofac_sdn:35096", "dismiss", "tester", "it is him", undo=True)
    assert [h.entry_id for h in lookup(sdn_2024_store).listed_on(putin, None)] == ["35096"]
    log = [(j.right_id, j.judgement, j.note) for j in list_judgements(sdn_2024_store) if j.left_id == putin]
    assert log[-2:] == [
        ("us_ofac_sdn:35096", "dismiss", "a namesake"),
        ("us_ofac_sdn:35096", "undismiss", "it is him"),
    ]


def test_cli_dismiss_and_review(sdn_2024_store: Any) -> None:
    from typer.testing import CliRunner

    from dealgraph.cli.main import app

    env = {"DEALGRAPH_DB": sdn_2024_store.url}
    peskov = entity(sdn_2024_store, "Dmitry Peskov")
    bad = CliRunner().invoke(app, ["dismiss", peskov, "us_ofac_sdn:1"], env=env)
    assert bad.exit_code != 0 and "no hit 'us_ofac_sdn:1'" in bad.output
    ok = CliRunner().invoke(app, ["dismiss", peskov, "35320", "--reason", "test"], env=env)
    assert ok.exit_code == 0, ok.output
    back = CliRunner().invoke(app, ["undismiss", peskov, "us_ofac_sdn:35320"], env=env)
    assert back.exit_code == 0, back.output
    shown = CliRunner().invoke(app, ["hits", "--entity", peskov, "--json"], env=env)
    assert '"grade": "strong"' in shown.output and '"hit": "us_ofac_sdn:35320"' in shown.output
    review = CliRunner().invoke(app, ["hits", "--review", "--json"], env=env)
    assert review.exit_code == 0 and "35320" not in review.output


def test_a_split_entity_is_screened_at_once(sdn_2024_store: Any, tmp_path: Any) -> None:
    """Splitting one article's mention of a listed person off makes a new entity; it is screened right
    away (not at the next ingest), and so is the entity it was split from."""
    import shutil

    from sqlalchemy import select

    from dealgraph.pipeline.judgements import split
    from dealgraph.store import schema
    from dealgraph.store.screened_tables import screened
    from dealgraph.store.store import open_store

    copy = tmp_path / "copy.db"
    shutil.copy(sdn_2024_store.url.removeprefix("sqlite:///"), copy)
    store = open_store(f"sqlite:///{copy}")
    dmitriev = entity(store, "Kirill Dmitriev")
    links = schema.article_entities.c
    with store.read() as conn:
        article_id, key = conn.execute(
            select(links.article_id, links.key).where(links.entity_id == dmitriev).order_by(links.article_id)
        ).first()
    new_id = split(store, dmitriev, article_id, key, "tester")
    assert new_id != dmitriev
    with store.read() as conn:
        assert set(conn.execute(select(screened.c.entity_id)).scalars()) >= {new_id, dmitriev}
    assert [h.entry_id for h in lookup(store).listed_on(new_id, None)] == ["34336"]


def test_a_country_is_not_screened_and_shows_the_programmes_that_concern_it(sdn_2024_store: Any) -> None:
    from fastapi.testclient import TestClient

    from dealgraph.server import create_app
    from dealgraph.settings import Settings
    from dealgraph.store.brief_reads import country_programmes

    programmes = country_programmes(sdn_2024_store, "Russia")
    assert programmes[0].program == "RUSSIA-EO14024" and programmes[0].entries > 1000
    assert country_programmes(sdn_2024_store, "Россия") == programmes  # any script
    assert all("RUSSIA" not in p.program.upper() for p in country_programmes(sdn_2024_store, "Ukraine"))
    russia = entity(sdn_2024_store, "Russia")
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=sdn_2024_store)) as client:
        page = client.get(f"/ui/entities/{russia}").text
    assert "not screened: a country is not a listed party" in page and "RUSSIA-EO14024" in page
    assert "no sanctions-list hit" not in page
