"""Briefing reports: content and citations of a brief, and its HTML, Markdown and PDF files."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from dealgraph.exc import InputError, NotFound
from dealgraph.reports.brief import build_brief
from dealgraph.reports.render import render_html, report
from dealgraph.store import reader
from dealgraph.store.store import Store
from tests.desk_store import build


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build(f"sqlite:///{tmp_path_factory.mktemp('report') / 'desk.db'}")


def test_entity_brief_cites_every_event_to_its_sentence(store: Store) -> None:
    brief = build_brief(store, entity="Kirill Dmitriev", today=date(2025, 6, 1))
    assert brief.title == "Brief: Kirill Dmitriev"
    assert [e.day for e in brief.events] == sorted(e.day for e in brief.events)
    assert brief.events[0].type == "SANCTION"
    cites = {c.n: c for c in brief.citations}
    for row in brief.events:
        c = cites[row.cite]
        assert c.sentence and c.sentence in reader.get_article(store, c.article_id).text
    for party in brief.parties:
        assert party.cite in cites
    negotiate = next(e for e in brief.events if e.type == "NEGOTIATE")
    assert negotiate.source == "Reuters" and negotiate.modality == "reported"
    assert [(a.project, a.amount, a.usd) for a in brief.amounts] == [("Arctic LNG 2", "$5 billion", 5e9)]


def test_project_and_period_briefs(store: Store) -> None:
    project = build_brief(store, project="arctic-lng-2")
    assert {e.type for e in project.events} == {"PROPOSE", "NEGOTIATE", "INVEST"}
    assert {a.amount for a in project.amounts} == {"$5 billion", "€2 billion"}
    period = build_brief(store, since=date(2025, 3, 1))
    assert {e.type for e in period.events} == {"NEGOTIATE", "INVEST"}
    with pytest.raises(InputError):
        build_brief(store, project="kirill-dmitriev")
    with pytest.raises(InputError):
        build_brief(store, entity="kirill-dmitriev", project="arctic-lng-2")
    with pytest.raises(NotFound):
        build_brief(store, entity="Nobody Atall")


def test_html_is_self_contained_and_escaped(store: Store) -> None:
    brief = build_brief(store, entity="russian-direct-investment-fund")
    brief.citations[0] = type(brief.citations[0])(
        **{**brief.citations[0].__dict__, "sentence": "<img src=x onerror=alert(1)>"}
    )
    html = render_html(brief)
    assert html.count("data:image/png;base64,") == 2  # network and timeline
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    assert 'id="c1"' in html and 'href="#c1"' in html


def test_markdown_writes_figures_into_a_named_folder(store: Store, tmp_path: Path) -> None:
    written = report(store, tmp_path / "brief.md", "md", entity="kirill-dmitriev")
    text = written.path.read_text()
    assert "| 2025-03-03 | NEGOTIATE | reported |" in text and "Reuters" in text
    folder = tmp_path / "brief-figures"
    assert sorted(written.figures) == [folder / "network.png", folder / "timeline.png"]
    assert (folder / "network.png").read_bytes()[:4] == b"\x89PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief-figures", "brief.md"]  # no loose PNGs
    assert "![timeline](brief-figures/timeline.png)" in text
    assert "“Dmitriev met Witkoff in Riyadh on Tuesday.”" in text


def test_pdf(store: Store, tmp_path: Path) -> None:
    out = report(store, tmp_path / "brief.pdf", "pdf", entity="kirill-dmitriev").path
    assert out.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Brief: Kirill Dmitriev" in text and "Citations" in text and "Riyadh" in text


def test_cli_report(store: Store, tmp_path: Path) -> None:
    from dealgraph.cli import report_cmd
    from dealgraph.cli.context import state

    app = typer.Typer()
    report_cmd.register(app)
    app.command("noop")(lambda: None)  # a second command, so Typer keeps `report` as a subcommand
    state.db = store.url
    try:
        ok = CliRunner().invoke(
            app,
            ["report", "--entity", "Steve Witkoff", "--format", "html", "--out", str(tmp_path / "b.html")],
        )
        assert ok.exit_code == 0, ok.output
        assert "Brief: Steve Witkoff" in (tmp_path / "b.html").read_text()
        md = CliRunner().invoke(
            app, ["report", "--entity", "Steve Witkoff", "--format", "md", "--out", str(tmp_path / "b.md")]
        )
        assert md.exit_code == 0, md.output
        assert f"2 figure(s) into {tmp_path / 'b-figures'}/" in md.output
        bad = CliRunner().invoke(app, ["report", "--entity", "Nobody", "--out", str(tmp_path / "x.html")])
        assert bad.exit_code == 1 and "no entity" in bad.output
    finally:
        state.db = None
