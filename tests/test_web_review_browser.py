"""The sanctions review page in headless Chromium: the lists checked, a possible hit in the queue,
confirmed with a reason (the party then counts as listed), the decision in the log with who and why,
undone again; the write token typed once and kept for the tab across both actions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dealgraph.settings import Settings
from dealgraph.store import views
from dealgraph.store.store import Store
from tests.browser import Page, serve, shoot
from tests.desk_store import sanctions_store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return sanctions_store(tmp_path_factory.mktemp("review") / "desk.db")


@pytest.fixture(scope="module")
def base_url(store: Store) -> Iterator[str]:
    from dealgraph.server import create_app

    with serve(create_app(Settings("sqlite://", "-", 1000, 1.0, "tok"), store=store)) as url:
        yield url


def _status(store: Store) -> str:
    (hit,) = views.hits_for(store, ["oleg-voronow"])["oleg-voronow"]
    return hit.status


def test_confirm_then_undo_a_possible_hit(browser: Any, base_url: str, store: Store) -> None:
    page = Page(browser, base_url)
    p = page.open("/ui/review", shot="review-queue")
    assert "test_list" in p.locator("table.data").first.inner_text()  # the lists checked
    row = p.locator("table.queue tr[data-entity='oleg-voronow']")
    assert row.count() == 1 and "polar-tanker-group" not in p.locator("table.queue").inner_text()
    assert _status(store) == "to review"

    p.fill("#token", "tok")
    p.dispatch_event("#token", "change")
    row.locator("input[name=reason]").fill("same birth date as the listing")
    with p.expect_navigation():
        row.locator("button[value=confirm]").click()
    p.wait_for_load_state("networkidle")
    assert _status(store) == "listed"
    assert p.locator("table.queue tr[data-entity='oleg-voronow']").count() == 0
    decision = p.locator("table.decisions tr[data-entity='oleg-voronow']").first
    assert "confirm" in decision.inner_text() and "same birth date" in decision.inner_text()
    shoot(p, "review-confirmed")

    assert p.input_value("#token") == "tok"  # kept for the tab: the second action needs no retyping
    with p.expect_navigation():
        decision.locator("button").click()
    p.wait_for_load_state("networkidle")
    assert _status(store) == "to review"
    assert p.locator("table.queue tr[data-entity='oleg-voronow']").count() == 1
    assert "unconfirm" in p.locator("table.decisions tr").nth(1).inner_text()
    assert page.errors == []


def test_a_wrong_token_is_refused_and_said(browser: Any, base_url: str, store: Store) -> None:
    page = Page(browser, base_url)
    p = page.open("/ui/review")
    p.fill("#token", "wrong")
    row = p.locator("table.queue tr[data-entity='oleg-voronow']")
    row.locator("input[name=reason]").fill("a guess")
    with p.expect_response(lambda r: r.request.method == "POST") as answer:
        row.locator("button[value=dismiss]").click()
    status = answer.value.status
    assert status in (401, 403)  # the guard's answer to a wrong token
    p.wait_for_selector("#review-result:not(:empty)")  # no eval: the page's CSP forbids it
    said = p.inner_text("#review-result")
    assert said.startswith(f"Refused ({status})"), said
    assert _status(store) == "to review"
