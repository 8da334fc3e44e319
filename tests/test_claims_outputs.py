"""Claims in the outputs: the briefing report's claims section (Markdown and HTML) and the exports
(JSON lines, CSV, FollowTheMoney), over the short articles of ``test_claims`` (written for the tests)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from dealgraph.store.store import Store, open_store
from tests.test_claims import ALL, ingest


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Store:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('claims-out') / 'out.db'}")
    ingest(store, extractor, ALL)
    return store


def proposal(store: Store) -> Any:
    from dealgraph.claims.provenance import claim_detail
    from dealgraph.store.claim_reads import list_claims

    found = next(c for c in list_claims(store, limit=None) if c.type == "PROPOSE" and c.disputed)
    return claim_detail(store, found.id)


def test_the_brief_has_a_claims_section_with_every_line_cited(store: Store, tmp_path: Path) -> None:
    from dealgraph.reports.render import render_html, report

    detail = proposal(store)
    out = report(store, tmp_path / "brief.md", "md", entity="United States").path
    text = out.read_text(encoding="utf-8")
    section = text.split("## Claims across outlets", 1)[1].split("\n## ", 1)[0]
    (line,) = [row for row in section.splitlines() if detail.claim.id in row]
    cells = [c.strip() for c in line.strip("|").split(" | ")]
    assert cells[2] == str(detail.claim.reports) and cells[3] == str(len(detail.status.origins))
    assert cells[4].startswith("**disputed**: denied by a party")
    assert re.fullmatch(r"reported 2025-04-07 \[\d+\]; denied 2025-04-20 \[\d+\]", cells[5]), cells[5]
    citations = text.split("## Citations", 1)[1]
    for n in re.findall(r"\[(\d+)\]", cells[5]):
        (cited,) = [c for c in citations.splitlines() if c.startswith(f"{n}. ")]
        assert "Northern Sea Route" in cited  # the cited sentence is the report's
    for row in section.splitlines()[4:]:
        assert re.search(r"\[\d+\]", row), row  # every claim line is cited
    from dealgraph.reports.brief import build_brief

    html = render_html(build_brief(store, entity="United States"))
    assert f"<code>{detail.claim.id}</code>" in html and 'id="claims"' in html


def test_exports_carry_each_events_claim_and_the_claims(store: Store) -> None:
    import csv
    import io
    import json

    from dealgraph.export import export
    from dealgraph.store.claim_reads import event_claims

    detail = proposal(store)
    grouped = event_claims(store)
    out = io.StringIO()
    export(store, "jsonl", out)
    events = [ev for line in out.getvalue().splitlines() for ev in json.loads(line)["events"]]
    assert events and all(ev["claim"] == grouped.get(ev["id"]) for ev in events)
    out = io.StringIO()
    export(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["claim"] for r in rows if r["event"] in grouped} <= set(grouped.values())
    assert any(r["claim"] == detail.claim.id for r in rows)
    out = io.StringIO()
    n = export(store, "claims", out)
    claims = {c["id"]: c for c in map(json.loads, out.getvalue().splitlines())}
    assert n == len(claims) == len(set(grouped.values()))
    mine = claims[detail.claim.id]
    assert (mine["reports"], mine["origins"], mine["disputed"], mine["single_source"]) == (
        detail.claim.reports, len(detail.status.origins), True, False
    )  # fmt: skip
    assert (mine["first_report"], mine["last_report"]) == ("2025-04-07", "2025-04-20")
    assert {p["name"] for p in mine["parties"]} >= {"United States"}
    out = io.StringIO()
    export(store, "claims-csv", out)
    table = {r["id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert table.keys() == claims.keys()
    assert (
        table[detail.claim.id]["disputed"] == "True"
        and table[detail.claim.id]["first_report"] == "2025-04-07"
    )
