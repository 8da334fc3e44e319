"""The graph page and the sanctions badges in real headless Chromium: the legend, an edge's events in the
side panel (modality, who says, date, the sentence linked to its place in the article), the graph's
starting page, and a listed party's badge wherever it appears.

The store (`tests/desk_store.sanctions_store`) is the hand-made desk articles plus one more (invented
companies and people), with a hand-made list snapshot and hits saved with their grades, so what is
"listed" and what is "to review" here does not depend on the matcher's scores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dealgraph.settings import Settings
from dealgraph.store import views
from dealgraph.store.store import Store
from tests.browser import Page, need_graph_lib, serve, shoot
from tests.desk_store import CHARTER, sanctions_store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = sanctions_store(tmp_path_factory.mktemp("sanctions") / "desk.db")
    hits = views.hits_for(store, ["polar-tanker-group", "oleg-voronow"])
    assert [h.status for h in hits["polar-tanker-group"]] == ["listed"]
    assert [h.status for h in hits["oleg-voronow"]] == ["to review"]
    return store


@pytest.fixture(scope="module")
def base_url(store: Store) -> Iterator[str]:
    from dealgraph.server import create_app

    with serve(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as url:
        yield url


def _graph(page: Page, entity: str, depth: int = 1) -> Any:
    need_graph_lib()
    p = page.open(f"/ui/graph?entity={entity}&depth={depth}")
    p.wait_for_selector("#cy[data-ready='1']")
    return p


def test_graph_has_a_legend_and_draws_with_its_colours_and_rings(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url)
    p = _graph(page, "kirill-dmitriev", depth=2)
    shoot(p, "graph-legend")
    legend = p.locator("#legend")
    for text in ("Person", "Organization", "Project", "listed", "to review", "AGREE", "MEET", "SANCTION"):
        assert text in legend.inner_text(), text
    drawn = p.evaluate(
        "() => { const cy = window.__graph.cy; const n = id => cy.getElementById(id);"
        " const ring = id => [n(id).style('border-style'), n(id).style('border-color')]; return {"
        " tankers: ring('polar-tanker-group'), voronow: ring('oleg-voronow'),"
        " witkoff: n('steve-witkoff').style('border-width'),"
        " shapes: [n('kirill-dmitriev').style('shape'), n('polar-tanker-group').style('shape')],"
        " meet: cy.edges('[label = \"MEET\"]')[0].style('line-color'),"
        " agree: cy.edges('[label = \"AGREE\"]')[0].style('line-color') }; }"
    )
    colour = dict(
        p.locator("#legend [data-edge]").evaluate_all(
            "els => els.map(e => [e.dataset.edge, e.dataset.colour])"
        )
    )
    assert drawn["tankers"] == ["solid", "rgb(180,35,44)"]  # listed: the red ring
    assert drawn["voronow"][0] == "dashed" and drawn["voronow"][1] != "rgb(180,35,44)"  # to review
    assert drawn["witkoff"] == "0px"  # no hit, no ring
    assert drawn["shapes"] == ["ellipse", "round-rectangle"]  # a person, an organisation
    assert drawn["meet"] != drawn["agree"]
    assert _rgb(colour["MEET"]) == drawn["meet"] and _rgb(colour["AGREE"]) == drawn["agree"]
    assert page.errors == []


def _rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({},{},{})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


def test_clicking_an_edge_shows_modality_source_date_and_the_sentence(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url)
    p = _graph(page, "polar-tanker-group")
    page.click_edge('[label = "AGREE"]')
    p.wait_for_selector("#panel ol li a.cite")
    shoot(p, "graph-edge-panel")
    panel = p.locator("#panel")
    assert "Polar Tanker Group → Arctic LNG 2" in panel.locator("h3").inner_text()
    assert panel.locator(".edge-type").inner_text() == "AGREE"
    item = panel.locator("ol li").first
    assert item.locator(".mod").inner_text() == "reported"
    assert item.locator("a.source").inner_text() == "Interfax"
    assert item.locator(".when").inner_text() == "2025-04-02 (published)"
    cite = item.locator("a.cite")
    assert cite.inner_text() == f"“{CHARTER}”"
    with p.expect_navigation():
        cite.click()
    p.wait_for_load_state("networkidle")
    assert p.url.startswith(f"{base_url}/ui/articles/desk-charter#at-")
    # the anchor sits where the sentence starts in the text
    following = p.evaluate(
        "() => { const a = document.getElementById(decodeURIComponent(location.hash.slice(1)));"
        " let t = ''; for (let n = a.nextSibling; n && t.length < 40; n = n.nextSibling) t += n.textContent;"
        " return t; }"
    )
    assert following.startswith("Polar Tanker Group will charter")
    assert page.errors == []


def test_graph_without_an_entity_offers_a_search_and_places_to_start(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url)
    p = page.open("/ui/graph", "graph-start")
    assert p.locator("#graph-search input[name=entity]").count() == 1
    assert "{" not in p.locator("main").inner_text()  # a page, not a JSON error
    first = p.locator("#graph-hubs tbody a").first
    assert first.inner_text() == "Kirill Dmitriev"  # in the most events of this store
    p.fill("#graph-search input[name=entity]", "Polar Tanker Group")
    with p.expect_navigation():
        p.press("#graph-search input[name=entity]", "Enter")
    p.wait_for_load_state("networkidle")
    assert "Around Polar Tanker Group" in p.locator("h1").inner_text()
    missing = page.open("/ui/graph?entity=Nobody+Anywhere", status=404)
    assert "No entity named “Nobody Anywhere”" in missing.locator("#graph-start").inner_text()
    assert missing.locator("#graph-hubs tbody tr").count() >= 3
    assert [e for e in page.errors if "404" not in e] == []


def test_a_listed_party_carries_its_badge_in_search_article_and_timeline(browser: Any, base_url: str) -> None:
    page = Page(browser, base_url)
    p = page.open("/ui/search?q=Polar+Tanker", "search-listed")
    row = p.locator("#entity-results tr", has_text="Polar Tanker Group")
    badge = row.locator(".badge.listed").inner_text()
    assert badge.startswith("test_list T-5 · first seen in the snapshot of 2022-03-01")
    p = page.open("/ui/articles/desk-charter", "article-listed")
    entities = p.locator("aside ul.plain li")
    assert entities.filter(has_text="Polar Tanker Group").locator(".badge.listed").count() == 1
    review = entities.filter(has_text="Oleg Voronow").locator(".badge")
    assert review.get_attribute("class") == "badge review" and review.inner_text().startswith("to review")
    assert entities.filter(has_text="Interfax").locator(".badge").count() == 0
    assert p.locator("#text a.m.s-listed", has_text="Polar Tanker Group").count() == 1
    assert p.locator("#text a.m.s-review", has_text="Oleg Voronow").count() == 1
    p = page.open("/ui/timeline?type=AGREE", "timeline-listed")
    assert p.locator("#timeline li", has_text="Polar Tanker Group").locator(".badge.listed").count() == 1
    assert page.errors == []
