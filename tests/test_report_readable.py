"""Briefs a reader can send on (issue 17): the list snapshots checked, citations by outlet, title, date
and URL, undated events last, ROLE apart in "who is who", a timeline over the events' own dates, and
page numbers in the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from dealgraph.reports.brief import build_brief
from dealgraph.reports.figures import date_span
from dealgraph.reports.render import report
from dealgraph.screen.history import save_snapshot
from dealgraph.screen.records import ListEntry
from dealgraph.store.store import Store
from tests.desk_store import build, undated_draft


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = build(f"sqlite:///{tmp_path_factory.mktemp('readable') / 'desk.db'}")
    undated_draft().save(store)
    return store


def test_no_lists_loaded_is_said(store: Store) -> None:
    brief = build_brief(store, entity="kirill-dmitriev", today=date(2025, 6, 1))
    assert brief.snapshots == [] and not brief.screening


def test_markdown_sections(store: Store, tmp_path: Path) -> None:
    text = report(store, tmp_path / "b.md", "md", entity="kirill-dmitriev").path.read_text()
    assert "## Sanctions status\n\nNo sanctions list snapshots are loaded" in text
    events = text.split("## Events in time order (undated last)")[1].split("\n## ")[0]
    rows = [line for line in events.splitlines() if line.startswith("| ") and "---" not in line][1:]
    days = [row.split(" | ")[0][2:] for row in rows]
    assert days[-1] == "undated" and days[:-1] == sorted(days[:-1]) and "undated" not in days[:-1]
    assert "ROLE" not in events
    roles = text.split("## Who is who")[1].split("\n## ")[0]
    assert "| 2025-02-18 | Kirill Dmitriev |" in roles and "Russian Direct Investment Fund" in roles
    cites = text.split("## Citations")[1]
    assert "`desk-" not in cites and not re.search(r"\b00\d_[0-9a-f]{16}\b", cites)
    assert "Reuters, “Fund chief to meet envoy again”, undated, https://www.reuters.com/world/" in cites
    assert "desk test wire, “Fund chief offers Arctic stake to Washington”, 2025-02-18, no URL" in cites


def test_lists_checked_are_named(tmp_path: Path) -> None:
    store = build(f"sqlite:///{tmp_path / 'listed.db'}")
    with store.begin() as conn:
        entry = ListEntry("us_ofac_sdn", "1", "Person", "Kirill Dmitriev")
        save_snapshot(conn, "us_ofac_sdn", date(2024, 5, 3), [entry])
    brief = build_brief(store, entity="kirill-dmitriev")
    html = report(store, tmp_path / "b.html", "html", entity="kirill-dmitriev").path.read_text()
    assert brief.screening and "us_ofac_sdn as of 2024-05-03 (1 entries)" in html


def test_timeline_spans_the_events_dates() -> None:
    first, last = date_span([date(2025, 2, 18), date(2025, 8, 16)])
    assert date(2025, 2, 1) < first < date(2025, 2, 18) and date(2025, 8, 16) < last < date(2025, 9, 1)
    assert date_span([date(2025, 3, 1)]) == (date(2025, 2, 26), date(2025, 3, 4))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_pdf_pages_and_citations(store: Store, tmp_path: Path) -> None:
    brief = build_brief(store, entity="kirill-dmitriev")
    out = report(store, tmp_path / "b.pdf", "pdf", entity="kirill-dmitriev").path
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True)
    pages = text.stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
    cites = " ".join(text.stdout.split("Citations")[-1].split())
    for c in brief.citations:
        assert f"{c.outlet}," in cites and f", {c.published or 'undated'}," in cites
    assert cites.count("desk test wire,") == sum(c.outlet == "desk test wire" for c in brief.citations)
