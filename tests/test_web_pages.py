"""Server-rendered pages without a browser: span segmentation, escaping, paging links, empty states."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dealgraph.server import create_app
from dealgraph.settings import Settings
from dealgraph.store import reader
from dealgraph.store.store import Store
from dealgraph.web.spans import segments
from tests.desk_store import build


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build(f"sqlite:///{tmp_path_factory.mktemp('web') / 'desk.db'}")


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as c:
        yield c


def test_segments_cover_the_text_and_carry_their_spans(store: Store) -> None:
    article = reader.get_article(store, "desk-1")
    segs = segments(article)
    assert "".join(s.text for s in segs) == article.text
    amount = next(s for s in segs if s.amount)
    assert amount.text == "$5 billion" and amount.events  # inside the PROPOSE evidence
    mention = next(s for s in segs if s.entity_id == "riyadh")
    assert mention.text == "Riyadh" and mention.event_types == ("MEET",)
    assert all(not s.entity_id for s in segs if s.text.startswith(" said the offer"))


def test_article_page_highlights_and_strikes_out(client: TestClient) -> None:
    html = client.get("/ui/articles/desk-1").text
    assert '<a class="m t-Person ev" href="/ui/entities/kirill-dmitriev"' in html
    assert '<span class="amt ev" title="amount · PROPOSE">$5 billion</span>' in html
    assert "<del>Share this article</del>" in html and "<del>USD/RUB 88.1</del>" in html


def test_search_page_marks_matches_and_escapes(client: TestClient) -> None:
    html = client.get("/ui/search", params={"q": "Arctic"}).text
    assert "<mark>Arctic</mark>" in html and 'href="/ui/entities/arctic-lng-2"' in html
    hostile = client.get("/ui/search", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in hostile and "&lt;script&gt;" in hostile


def _article_links(html: str) -> list[str]:
    table = html[html.index('id="articles"') :]
    return re.findall(r'href="/ui/articles/([^"]+)"', table[: table.index("</table>")])


def test_entity_page_pages_its_articles(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    html = client.get("/ui/entities/kirill-dmitriev").text
    everything = _article_links(html)
    assert len(everything) >= 3 and "older →" not in html and "← newer" not in html  # all on one page
    assert "no sanctions-list hit" in html and "Judgements" not in html  # no token: no write forms
    monkeypatch.setattr("dealgraph.web.pages.PAGE", 2)
    first = client.get("/ui/entities/kirill-dmitriev").text
    assert _article_links(first) == everything[:2]
    assert 'href="?offset=2&amp;events_offset=0">older →' in first and "← newer" not in first
    second = client.get("/ui/entities/kirill-dmitriev", params={"offset": 2}).text
    assert _article_links(second) == everything[2:4]
    assert 'href="?offset=0&amp;events_offset=0">← newer' in second
    assert ("older →" in second) == (len(everything) > 4)


def test_graph_page_without_the_library_says_how_to_install_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEALGRAPH_NODE_MODULES", "/nonexistent")
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as c:
        html = c.get("/ui/graph", params={"entity": "kirill-dmitriev"}).text
        assert "npm ci" in html and "cytoscape.min.js" not in html
        assert c.get("/vendor/cytoscape/cytoscape.min.js").status_code == 404


def test_unknown_pages_are_html_404s(client: TestClient) -> None:
    for path in ("/ui/entities/nobody", "/ui/articles/nothing", "/ui/graph?entity=nobody"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


def test_graph_edges_carry_each_events_modality_source_and_dates(store: Store) -> None:
    """What the graph page's edge panel shows, as the graph API sends it (``EdgeOut``)."""
    from dealgraph.api.models import EdgeOut
    from dealgraph.store.neighbourhood import neighbourhood

    hood = neighbourhood(store, "kirill-dmitriev")
    edges = {(e.target, e.label): EdgeOut.model_validate(e).model_dump() for e in hood.edges}
    [told] = edges[("steve-witkoff", "NEGOTIATE")]["evidence"]
    assert told["modality"] == "reported" and told["source_id"] == "reuters"
    assert told["source_name"] == "Reuters" and str(told["published"]) == "2025-03-03"
    assert told["sentence"].startswith("Negotiations between Kirill Dmitriev and Steve Witkoff")
    [met] = edges[("steve-witkoff", "MEET")]["evidence"]
    assert (met["modality"], met["source_id"], met["event_date"]) == ("asserted", None, None)


def test_a_hits_status_goes_with_it_to_the_api() -> None:
    """The graph draws its rings from each hit's ``status``: the badges' rule (``screen.grades``)."""
    from dealgraph.api.models import HitOut
    from dealgraph.store.views import HitView

    def hit(grade: str | None, score: float, dismissed: bool = False) -> str:
        view = HitView(
            "x", "test_list", "T-1", "X", None, score, None, (), None, None, None, dismissed=dismissed
        )
        return str(HitOut.model_validate(HitView(**{**view.__dict__, "grade": grade})).model_dump()["status"])

    assert hit("exact", 1.0) == "listed" and hit("strong", 0.9) == "listed"
    assert hit("possible", 0.95) == "to review"  # the grade decides, not the score
    assert hit(None, 0.995) == "listed" and hit(None, 0.7) == "to review"  # stored before grades
    assert hit("exact", 1.0, dismissed=True) == "dismissed"


def test_graph_page_keys_every_event_type_and_starts_without_an_entity(client: TestClient) -> None:
    from dealgraph.extract.events.lexicon import event_types
    from dealgraph.web.graph import EDGE_COLOURS

    types = [t.name for t in event_types()]
    assert set(EDGE_COLOURS) == {*types, "ROLE"} and len(set(EDGE_COLOURS.values())) == len(EDGE_COLOURS)
    html = client.get("/ui/graph", params={"entity": "Steve Witkoff"}).text  # a name finds the entity
    assert 'data-entity="steve-witkoff"' in html
    assert all(f'data-edge="{t}"' in html for t in types)
    start = client.get("/ui/graph")
    assert start.status_code == 200 and 'id="graph-search"' in start.text and 'id="cy"' not in start.text
    hubs = re.findall(r'href="/ui/graph\?entity=([^"]+)"', start.text)
    assert hubs[0] == "kirill-dmitriev" and "graph.js" not in start.text


def test_the_pages_call_the_api_under_v1(client: TestClient) -> None:
    """Every API path the pages' scripts and templates name is a ``/v1`` one, not an old path that
    only works through the redirect; and the entity page links its JSON there."""
    spec = client.get("/openapi.json").json()
    resources = {path.split("/")[2] for path in spec["paths"]}
    # a string or link that starts with a resource's name; not a fragment appended to a path (+ "/hits/")
    old = re.compile(rf"""(?<!\+ )["'(]/({"|".join(sorted(resources))})[/?"']""")
    web = Path(__file__).resolve().parents[1] / "dealgraph" / "web"
    files = [*(web / "static").glob("*.js"), *(web / "templates").glob("*.html")]
    assert len(files) > 5
    found = {f.name: old.findall(f.read_text(encoding="utf-8")) for f in files}
    assert {name: paths for name, paths in found.items() if paths} == {}
    html = client.get("/ui/entities/kirill-dmitriev").text
    assert 'href="/v1/entities/kirill-dmitriev">JSON</a>' in html


def test_a_claim_page_shows_its_parties_sanctions_status(tmp_path: Path) -> None:
    """A claim names its parties; a listed one carries its badge there too, as everywhere else."""
    from dealgraph.claims.grouping import group_claims
    from dealgraph.store.claim_reads import list_claims
    from tests.desk_store import sanctions_store

    store = sanctions_store(tmp_path / "desk.db")
    group_claims(store)
    (claim, *_) = list_claims(store, entity_id="polar-tanker-group", limit=None)
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as client:
        html = client.get(f"/ui/claims/{claim.id}").text
    status = html.split('id="claim-sanctions"', 1)[1].split("</p>", 1)[0]
    assert "Polar Tanker Group" in status and 'class="badge listed"' in status


def test_a_claim_page_leaves_out_a_party_whose_only_hit_was_dismissed(tmp_path: Path) -> None:
    from dealgraph.claims.grouping import group_claims
    from dealgraph.resolve.judgements import review_hit
    from dealgraph.store.claim_reads import list_claims
    from tests.desk_store import sanctions_store

    store = sanctions_store(tmp_path / "desk.db")
    group_claims(store)
    (claim, *_) = list_claims(store, entity_id="oleg-voronow", limit=None)
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None), store=store)) as client:
        assert "Oleg Voronow" in client.get(f"/ui/claims/{claim.id}").text.split('id="claim-sanctions"', 1)[1]
        review_hit(store, "oleg-voronow", "test_list:T-6", "dismiss", "tester", "another man")
        assert 'id="claim-sanctions"' not in client.get(f"/ui/claims/{claim.id}").text
