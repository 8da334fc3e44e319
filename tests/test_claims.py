"""Claims: what makes two reports one fact (pure rules), the outlet list, and the claims step on short
articles written for these tests (invented stories about well-known parties; no third-party text):
a wire story copied by three sites, one proposal told by two outlets citing two officials, and a
later denial by an official of a party; plus the dev-set floor of pairwise grouping precision."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dealgraph.claims.keys import (
    ClaimEvent,
    amounts_compatible,
    context_compatible,
    date_span,
    dates_compatible,
    split_roles,
)
from dealgraph.claims.outlets import outlets, parse
from dealgraph.exc import ConfigError
from dealgraph.model import RawItem
from dealgraph.store.store import Store, open_store

WIRE = """Rosatom signs Paks II deal with Hungary

Published March 3, 2025

Rosatom and Hungary signed an agreement on the Paks II nuclear plant on Monday.

The contract covers two new reactors at the site south of Budapest, where four older units run.
Construction is expected to take most of the decade, officials said at the ceremony.
"""

PESKOV = """Arctic route on the table

Published April 7, 2025

Russia offered the United States joint development of the Northern Sea Route, \
Kremlin spokesman Dmitry Peskov said on Monday.

He gave no figures and no timetable.
"""

USHAKOV = """Moscow and Washington: the Arctic file

Published April 8, 2025

Yuri Ushakov, an aide to the Russian president, said Russia has offered the United States \
joint development of the Northern Sea Route.

Washington has not replied, he added.
"""

LAVROV = """Arctic file: a denial

Published April 20, 2025

Russia has not offered the United States joint development of the Northern Sea Route, \
Russian Foreign Minister Sergey Lavrov said on Sunday.
"""


def item(url: str, text: str, outlet: str | None = None) -> RawItem:
    return RawItem(source=url, content=text, url=url, outlet=outlet)


def ingest(store: Store, extractor: Any, items: list[RawItem]) -> None:
    from dealgraph.pipeline.run import ingest_items

    ingest_items(items, store, extractor)


def claim_of(store: Store, type_: str, party: str) -> Any:
    from dealgraph.claims.provenance import claim_detail
    from dealgraph.store.claim_reads import list_claims
    from dealgraph.store.reader import find_entity_ids

    (entity_id,) = find_entity_ids(store, party)
    found = [c for c in list_claims(store, entity_id=entity_id, limit=None) if c.type == type_]
    assert len(found) == 1, found
    return claim_detail(store, found[0].id)


# -- what makes two reports one fact -------------------------------------------------------------


def event(parties: tuple[tuple[str, str], ...], span: tuple[date, date] | None = None) -> ClaimEvent:
    return ClaimEvent("a:1", "a", "MEET", None, parties, (), span)


def test_symmetric_types_key_either_way_round() -> None:
    one, _ = split_roles("MEET", [("agent", "putin"), ("counterpart", "trump")])
    other, _ = split_roles("MEET", [("agent", "trump"), ("counterpart", "putin")])
    assert event(one).key == event(other).key
    sanction, _ = split_roles("SANCTION", [("agent", "us"), ("target", "ru")])
    reverse, _ = split_roles("SANCTION", [("agent", "ru"), ("target", "us")])
    assert event(sanction).key != event(reverse).key


def test_a_project_is_context_and_a_place_part_of_the_fact() -> None:
    parties, context = split_roles("MEET", [("agent", "a"), ("counterpart", "b"), ("place", "alaska")])
    assert parties == (("party", "a"), ("party", "b"), ("place", "alaska"))
    assert context == ()
    parties, context = split_roles("PROPOSE", [("agent", "a"), ("recipient", "b"), ("project", "mars")])
    assert context == (("project", "mars"),)
    assert context_compatible(context, ())  # a report that leaves the project out agrees
    assert not context_compatible(context, (("project", "tunnel"),))


def test_the_date_window_follows_the_precision_of_the_dates() -> None:
    day = date_span("2025-08-15", None)
    assert dates_compatible(day, date_span("2025-08-25", None))
    assert not dates_compatible(day, date_span("2025-10-01", None))
    assert dates_compatible(date_span("2025-08", None), date_span("2025-09-10", None))
    assert dates_compatible(date_span("2025", None), date_span("2025-12-30", None))
    assert not dates_compatible(date_span("2024", None), date_span("2025-06-30", None))
    # an undated event lies around its article's date; with no date at all it fits anything
    assert date_span(None, date(2025, 8, 20)) == (date(2025, 8, 6), date(2025, 9, 3))
    assert dates_compatible(None, day)


def test_amounts_in_one_currency_must_agree() -> None:
    assert amounts_compatible(((1e9, "USD"),), ((1.05e9, "USD"),))
    assert not amounts_compatible(((1e9, "USD"),), ((2e9, "USD"),))
    assert amounts_compatible(((1e9, "USD"),), ((2e9, "EUR"),))
    assert amounts_compatible((), ((2e9, "EUR"),))


# -- outlets -----------------------------------------------------------------------------------------


def test_outlets_by_domain_name_and_unknown_never_guessed() -> None:
    known = outlets()
    assert known.at("https://english.news.cn/2025/x.htm").id == "xinhua"  # type: ignore[union-attr]
    assert known.named("The Financial Times").id == "ft"  # type: ignore[union-attr]
    assert known.named("ТАСС").kind == "state"  # type: ignore[union-attr]
    unknown = known.of_article(None, "https://www.some-blog.example/post/1")
    assert (unknown.id, unknown.kind, unknown.country) == ("domain:some-blog.example", "unknown", None)
    assert known.of_article(None, None, "/data/d01.txt").id == "unknown"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"id": "x", "name": "X", "domains": ["x.com"], "country": "US", "kind": "tabloid"}, "kind"),
        ({"id": "x", "name": "X", "domains": ["x.com"], "country": "USA", "kind": "wire"}, "country"),
        (
            {"id": "x", "name": "X", "domains": ["x.com"], "country": "US", "kind": "wire", "owner": "y"},
            "unknown",
        ),
        ({"id": "x", "name": "X", "country": "US", "kind": "wire"}, "missing"),
    ],
)
def test_a_bad_outlet_entry_is_refused_on_load(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse({"outlets": [spec]})


def test_an_outlet_domain_listed_twice_is_refused() -> None:
    a = {"id": "a", "name": "A", "domains": ["same.com"], "country": "US", "kind": "wire"}
    b = {"id": "b", "name": "B", "domains": ["same.com"], "country": "US", "kind": "wire"}
    with pytest.raises(ConfigError, match=r"same\.com"):
        parse({"outlets": [a, b]})


# -- the claims step on articles -------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'claims.db'}")


def test_a_wire_story_copied_by_three_sites_is_one_claim_with_one_origin(
    store: Store, extractor: Any
) -> None:
    copies = [
        item("https://www.reuters.com/world/paks-1", WIRE),
        item("https://news-portal-one.example/paks", WIRE + "\nSource: Reuters\n"),
        item("https://daily-two.example/energy/paks", "ENERGY\n\n" + WIRE),
    ]
    ingest(store, extractor, copies)
    detail = claim_of(store, "AGREE", "Rosatom")
    assert detail.status.origins == ("outlet:reuters",)
    assert detail.status.single_source and not detail.status.disputed
    assert detail.links[0].outlet.name == "Reuters"
    assert {link.outlet.name for link in detail.links} == {
        "Reuters",
        "daily-two.example",
        "news-portal-one.example",
    }
    assert {link.chain for link in detail.links if link.copy_of} == {
        "daily-two.example ← Reuters",
        "news-portal-one.example ← Reuters",
    }


def test_one_proposal_from_two_outlets_citing_two_sources_has_two_origins(
    store: Store, extractor: Any
) -> None:
    ingest(
        store,
        extractor,
        [item("https://www.kommersant.ru/doc/1", PESKOV), item("https://meduza.io/news/2", USHAKOV)],
    )
    detail = claim_of(store, "PROPOSE", "United States")
    assert len({link.article_id for link in detail.links}) == 2
    assert len(detail.status.origins) == 2 and not detail.status.single_source
    assert "Kommersant ← Dmitry Peskov" in {link.chain for link in detail.links}


def test_a_later_denial_by_a_party_makes_the_claim_disputed(store: Store, extractor: Any) -> None:
    ingest(store, extractor, [item("https://www.kommersant.ru/doc/1", PESKOV)])
    before = claim_of(store, "PROPOSE", "United States")
    assert not before.status.disputed
    ingest(store, extractor, [item("https://www.rbc.ru/politics/3", LAVROV)])
    after = claim_of(store, "PROPOSE", "United States")
    assert after.claim.id == before.claim.id  # the new article joined the stored claim
    assert after.status.disputed
    assert after.status.why_disputed is not None and "Sergey Lavrov" in after.status.why_disputed
    assert [h.modality for h in after.status.history][-1] == "denied"
    assert after.status.history[0].published == date(2025, 4, 7)


def test_grouping_is_incremental_and_idempotent(store: Store, extractor: Any) -> None:
    from dealgraph.claims.grouping import group_claims
    from dealgraph.store.claim_reads import event_claims

    ingest(store, extractor, [item("https://www.kommersant.ru/doc/1", PESKOV)])
    first = event_claims(store)
    assert group_claims(store).events == 0  # nothing new: nothing read, nothing regrouped
    ingest(store, extractor, [item("https://meduza.io/news/2", USHAKOV)])
    after = event_claims(store)
    assert {e: c for e, c in after.items() if e in first} == first


def test_a_second_ingest_grouping_at_the_same_time_gives_way(
    store: Store, extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two ingests into one store may read the same unclaimed events; the one that writes second finds
    the first's claims under the same ids. It rolls back and groups again on what is left."""
    from sqlalchemy import delete

    from dealgraph.claims import grouping
    from dealgraph.store import claim_tables as ct
    from dealgraph.store.claim_reads import event_claims

    ingest(store, extractor, [item("https://www.kommersant.ru/doc/1", PESKOV)])
    claimed = event_claims(store)
    with store.begin() as conn:  # as if the claims step had not run yet
        for table in (ct.claim_events, ct.claim_parties, ct.claims):
            conn.execute(delete(table))
    with store.begin() as conn:
        stale = grouping.unclaimed(conn)  # what both ingests read
    grouping.group_claims(store)  # the other ingest writes first
    reads = iter([stale])
    real = grouping.unclaimed
    monkeypatch.setattr(grouping, "unclaimed", lambda conn: next(reads, None) or real(conn))
    assert grouping.group_claims(store).events == 0  # the stale read clashed, the second read is empty
    assert event_claims(store) == claimed


# -- the dev set ------------------------------------------------------------------------------------


def claims_table(store: Store) -> list[tuple[Any, ...]]:
    """Every claim with its events and figures: what must not depend on the engine or the store."""
    from sqlalchemy import select

    from dealgraph.store import claim_tables as ct

    with store.read() as conn:
        claims = [tuple(r) for r in conn.execute(select(ct.claims).order_by(ct.claims.c.id))]
        events = [
            tuple(r) for r in conn.execute(select(ct.claim_events).order_by(ct.claim_events.c.event_id))
        ]
        parties = [tuple(r) for r in conn.execute(select(ct.claim_parties).order_by(*ct.claim_parties.c))]
    return [*claims, *events, *parties]


ALL = [
    item("https://www.reuters.com/world/paks-1", WIRE),
    item("https://news-portal-one.example/paks", WIRE + "\nSource: Reuters\n"),
    item("https://www.kommersant.ru/doc/1", PESKOV),
    item("https://meduza.io/news/2", USHAKOV),
    item("https://www.rbc.ru/politics/3", LAVROV),
]


@pytest.mark.slow
def test_local_and_dask_engines_make_the_same_claims(tmp_path: Path, extractor: Any) -> None:
    from distributed import Client, LocalCluster

    from dealgraph.pipeline.dask_tasks import PLUGIN_NAME, ModelPlugin
    from dealgraph.pipeline.distributed import ingest_items_dask
    from dealgraph.settings import Settings

    local = open_store(f"sqlite:///{tmp_path / 'local.db'}")
    ingest(local, extractor, ALL)
    dask = open_store(f"sqlite:///{tmp_path / 'dask.db'}")
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0", host="127.0.0.1"
    )
    client = Client(cluster)
    try:
        client.register_plugin(ModelPlugin(Settings.load().spacy_model), name=PLUGIN_NAME)
        report = ingest_items_dask(ALL, dask, client)
    finally:
        client.close()
        cluster.close()
    assert report.claimed > 0
    assert claims_table(dask) == claims_table(local)
    assert len(claims_table(local)) > 5


def test_claim_judgements_split_and_merge_are_logged_and_respected(store: Store, extractor: Any) -> None:
    from dealgraph.claims.judgements import merge, split
    from dealgraph.resolve.judgements import list_judgements
    from dealgraph.store.claim_reads import claim_of_event, get_claim

    ingest(
        store,
        extractor,
        [item("https://www.kommersant.ru/doc/1", PESKOV), item("https://meduza.io/n/2", USHAKOV)],
    )
    claim = claim_of(store, "PROPOSE", "United States").claim
    _, reports = get_claim(store, claim.id)
    moved = reports[-1].event_id
    new = split(store, claim.id, moved, user="analyst")
    assert claim_of_event(store, moved) == new
    assert get_claim(store, new)[0].reports == 1
    kept = merge(store, claim.id, new, user="analyst")
    assert kept == claim.id and claim_of_event(store, moved) == claim.id
    assert get_claim(store, new)[0].id == claim.id  # a merged id still finds its claim
    log = [(j.kind, j.judgement, j.user) for j in list_judgements(store)]
    assert log == [("claim-event", "negative", "analyst"), ("claim", "positive", "analyst")]
    ingest(
        store, extractor, [item("https://www.rbc.ru/politics/3", LAVROV)]
    )  # later articles join the kept one
    assert claim_of(store, "PROPOSE", "United States").claim.id == claim.id


def test_claims_command_lists_filters_and_shows_chains(store: Store, extractor: Any) -> None:
    import json

    from typer.testing import CliRunner

    from dealgraph.cli.main import app

    ingest(store, extractor, ALL)
    db = ["--db", store.url]
    result = CliRunner().invoke(app, [*db, "claims", "--entity", "United States", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    proposal = next(r for r in rows if r["type"] == "PROPOSE")
    assert proposal["disputed"] and proposal["origins"] >= 2
    disputed = CliRunner().invoke(app, [*db, "claims", "--disputed", "--json"])
    assert proposal["id"] in disputed.output
    single = CliRunner().invoke(app, [*db, "claims", "--single-source", "--json"])
    assert all(json.loads(line)["origins"] == 1 for line in single.output.splitlines())
    shown = CliRunner().invoke(app, [*db, "claims", proposal["id"], "--json"])
    detail = json.loads(shown.output)
    assert "Kommersant ← Dmitry Peskov" in {r["chain"] for r in detail["reports"]}
    assert detail["why_disputed"].startswith("denied by a party")
    missing = CliRunner().invoke(app, [*db, "claims", "c-none"])
    assert missing.exit_code == 1 and "no claim" in missing.output


def test_claims_api_lists_pages_and_shows_a_claim(store: Store, extractor: Any) -> None:
    from fastapi.testclient import TestClient

    from dealgraph.server import create_app
    from dealgraph.settings import Settings
    from dealgraph.store.reader import find_entity_ids

    ingest(store, extractor, ALL)
    (us,) = find_entity_ids(store, "United States")
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as client:
        page = client.get("/v1/claims", params={"entity": us, "disputed": True}).json()
        (proposal,) = [c for c in page["items"] if c["type"] == "PROPOSE"]
        assert proposal["disputed"] and not proposal["single_source"]
        first = client.get("/v1/claims", params={"limit": 1}).json()
        assert len(first["items"]) == 1 and first["next_offset"] == 1
        detail = client.get(f"/v1/claims/{proposal['id']}").json()
        assert "Kommersant ← Dmitry Peskov" in {link["chain"] for link in detail["links"]}
        assert detail["history"][0]["published"] == "2025-04-07"
        assert client.get("/v1/claims/c-none").status_code == 404
        assert client.get("/v1/claims", params={"entity": "no-such-entity"}).status_code == 404
