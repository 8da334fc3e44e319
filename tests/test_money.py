"""The one money formatter the web pages and the briefs print US-dollar amounts with."""

from __future__ import annotations

import pytest

from dealgraph.store.deal_views import money


@pytest.mark.parametrize(
    ("usd", "text"),
    [
        (None, "—"),
        (0.0, "$0"),
        (999_999.4, "$999,999"),
        (1_000_000.0, "$1.0 m"),
        (2_164_000_000.0, "$2.2 bn"),
        (999_949_999_999.0, "$999.9 bn"),
        (3.5e12, "$3.5 tn"),
        (1.25e15, "$1,250.0 tn"),
    ],
)
def test_money_rounds_to_the_largest_unit(usd: float | None, text: str) -> None:
    assert money(usd) == text


def test_the_web_pages_and_the_briefs_use_it() -> None:
    from dealgraph.reports import render
    from dealgraph.web import pages

    assert pages.templates.env.filters["money"] is money
    assert render.money is money
