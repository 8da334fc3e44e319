"""The deals ledger's reading (issue 17): a page holds the next events of each deal type, newest first
(the newest, not the oldest, when a type has more than a page), pages follow one another without a gap
or a repeat, the amount order puts every event with an amount before the others, and the web page links
to the older events."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from dealgraph.claims.grouping import group_claims
from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store import deal_views
from dealgraph.store.claim_reads import claims_of_events, modality_histories
from dealgraph.store.deal_views import DealQuery, ledger_page
from dealgraph.store.event_reads import EventView
from dealgraph.store.store import Store
from dealgraph.store.timeline_reads import TimelineQuery, timeline_events
from dealgraph.web import deals as deals_page
from tests.desk_store import Draft, build


def _offers() -> list[Draft]:
    """Three later offers without an amount: the proposals outnumber a page of one."""
    out = []
    for day, partner in ((10, "Polar Drilling"), (20, "Tundra Shipping"), (28, "Kara Sea Ports")):
        text = f"Offer to {partner}\n\nKirill Dmitriev offered {partner} a share of the Arctic LNG 2 project."
        d = Draft(f"offer-{day}", f"Offer to {partner}", text, date(2025, 4, day))
        dmitriev = d.entity("Kirill Dmitriev", "Person")
        partner_key = d.entity(partner, "Organization")
        arctic = d.entity("Arctic LNG 2", "Project")
        sentence = f"Kirill Dmitriev offered {partner} a share of the Arctic LNG 2 project."
        d.event("PROPOSE", sentence, agent=dmitriev, recipient=partner_key, project=arctic)
        out.append(d)
    return out


def _one_offer_reported_twice() -> list[Draft]:
    """A hedged report of an offer, then a plain one a week later: one claim whose modality changed."""
    out = []
    for day, modality, verb in ((2, "hedged", "may offer"), (9, "asserted", "offered")):
        sentence = f"Kirill Dmitriev {verb} Yamal Rail a share of the Arctic LNG 2 project."
        d = Draft(f"ports-{day}", "Ports offer", f"Ports offer\n\n{sentence}", date(2025, 5, day))
        dmitriev = d.entity("Kirill Dmitriev", "Person")
        ports = d.entity("Yamal Rail", "Organization")
        arctic = d.entity("Arctic LNG 2", "Project")
        d.event("PROPOSE", sentence, modality, agent=dmitriev, recipient=ports, project=arctic)
        out.append(d)
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = build(f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'desk.db'}")
    for draft in _offers() + _one_offer_reported_twice():
        draft.save(store)
    group_claims(store)
    return store


def _ids(groups: list[deal_views.DealGroup]) -> list[str]:
    return [d.event.id for g in groups for d in g.events]


def _all_deals(store: Store) -> list[str]:
    return [
        ev.id
        for kind in deal_views.DEAL_TYPES
        for ev in timeline_events(store, TimelineQuery(type_=kind), limit=None)
    ]


def test_pages_of_one_event_a_type_cover_every_deal_once(store: Store) -> None:
    everything, seen, offset = _all_deals(store), [], 0
    assert len(everything) > len(deal_views.DEAL_TYPES)  # some type has more than one page
    while True:
        groups, more = ledger_page(store, DealQuery(), per_type=1, offset=offset)
        assert 0 < len(_ids(groups)) <= len(deal_views.DEAL_TYPES)
        seen += _ids(groups)
        if not more:
            break
        offset += 1
    assert sorted(seen) == sorted(everything) and len(seen) == len(set(seen))


def test_a_page_holds_the_newest_events_of_each_type(store: Store) -> None:
    """Checked against the events' own dates, not against the ordering code the ledger shares with the
    timeline: the one event a type on the first page is dated no earlier than any other of its type."""
    first, _ = ledger_page(store, DealQuery(), per_type=1)
    shown = [d.event for g in first for d in g.events]
    present = {t for t in deal_views.DEAL_TYPES if timeline_events(store, TimelineQuery(type_=t), limit=1)}
    assert len(present) > 1 and {ev.type for ev in shown} == present
    for ev in shown:
        others = timeline_events(store, TimelineQuery(type_=ev.type), limit=None)
        assert _day(ev) == max(_day(o) for o in others)


def _day(ev: EventView) -> str:
    return ev.event_date or (ev.published.isoformat() if ev.published else "")


def test_amount_order_reads_events_with_an_amount_first(store: Store) -> None:
    """The $5 billion offer is the oldest proposal: the newest page of one would not show it; the amount
    order does, and an amount-less proposal follows on the next page."""
    newest, _ = ledger_page(store, DealQuery(type_="PROPOSE"), per_type=1)
    assert [d.amount for g in newest for d in g.events] == [None]
    first, more = ledger_page(store, DealQuery(type_="PROPOSE", order="amount"), per_type=1)
    assert [d.amount["text"] for g in first for d in g.events if d.amount] == ["$5 billion"] and more
    second, _ = ledger_page(store, DealQuery(type_="PROPOSE", order="amount"), per_type=1, offset=1)
    assert [d.amount for g in second for d in g.events] == [None]


@pytest.fixture()
def client(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(deals_page, "PER_TYPE", 1)
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as c:
        yield c


def test_the_page_links_to_older_deals_keeping_its_filters(client: TestClient, store: Store) -> None:
    first = client.get("/ui/deals?order=date")
    older = re.search(r'id="deals-older" href="\?([^"]+)"', first.text)
    assert older, "a type with more than one event: an older page is linked"
    link = older.group(1).replace("&amp;", "&")
    assert "order=date" in link and "offset=1" in link
    second = client.get(f"/ui/deals?{link}")
    assert second.status_code == 200 and 'id="deals-newer"' in second.text
    rows = re.compile(r'href="/ui/articles/[^"#]+#([^"]+)"')
    assert set(rows.findall(first.text)).isdisjoint(rows.findall(second.text))


def test_a_claim_shows_how_its_modality_changed(client: TestClient, store: Store) -> None:
    ports = [
        e.id for e in timeline_events(store, TimelineQuery(), limit=None) if e.article_id.startswith("ports-")
    ]
    claims = set(claims_of_events(store, ports).values())
    assert len(ports) == 2 and len(claims) == 1
    assert modality_histories(store, sorted(claims)) == {
        claims.pop(): [("2025-05-02", "hedged"), ("2025-05-09", "asserted")]
    }
    page = client.get("/ui/deals?project=arctic-lng-2&type=PROPOSE").text
    assert "hedged (2025-05-02) → asserted (2025-05-09)" in page


def test_a_deal_is_flagged_only_when_a_counterparty_was_listed(store: Store) -> None:
    ev = timeline_events(store, TimelineQuery(type_="PROPOSE"), limit=1)[0]
    agent = deal_views.Party("agent", "fund", "Fund", True, ())
    other = deal_views.Party("recipient", "buyer", "Buyer", True, ())
    assert not deal_views.DealEvent(ev, (agent,), None, None).listed_party  # its own listing: no flag
    assert deal_views.DealEvent(ev, (agent, other), None, None).listed_party
    unlisted = deal_views.Party("recipient", "buyer", "Buyer", False, ())
    assert not deal_views.DealEvent(ev, (agent, unlisted), None, None).listed_party
