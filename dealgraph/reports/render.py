"""Writing a brief as HTML, Markdown or PDF.

HTML comes from a Jinja2 template (autoescaped) with the figures inlined as data URIs, so the file
stands alone. Markdown writes the figures as PNG files into a folder named after it
(``brief-figures/`` for ``brief.md``), and ``write_brief`` returns their paths so the caller can say so.
PDF renders the same HTML with
WeasyPrint (a PyPI package that uses the system's Pango, Debian's ``libpango-1.0-0`` and
``libpangoft2-1.0-0``; the ``pdf`` extra); where WeasyPrint is missing, Chromium's headless
``--print-to-pdf`` does it, and without either the error names the extra.
"""

from __future__ import annotations

import base64
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from dealgraph.exc import InputError
from dealgraph.extras import missing
from dealgraph.reports.brief import Brief, build_brief, cite_line, lists_checked
from dealgraph.reports.figures import network_png, timeline_png
from dealgraph.store.deal_views import money, usd_rates
from dealgraph.store.store import Store

log = logging.getLogger(__name__)
FORMATS = ("html", "md", "pdf")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


@dataclass(frozen=True)
class Written:
    """What ``write_brief`` wrote: the brief, and the figure files beside it (Markdown only)."""

    path: Path
    figures: list[Path] = field(default_factory=list)


def _data_uri(png: bytes | None) -> str | None:
    return "data:image/png;base64," + base64.b64encode(png).decode() if png else None


def render_html(brief: Brief) -> str:
    env = Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=select_autoescape(["html"]),
    )
    env.filters["money"] = money
    env.globals.update(lists_checked=lists_checked, cite_line=cite_line)
    return env.get_template("brief.html").render(
        b=brief,
        network=_data_uri(network_png(brief)),
        timeline=_data_uri(timeline_png(brief)),
        rates=usd_rates()[0],
    )


def _md_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_claims(brief: Brief) -> list[str]:
    """The claims section: one line per reported fact, cited by the earliest report of each modality."""
    lines = [
        "",
        "## Claims across outlets",
        "",
        "| Claim | Parties | Reports | Independent origins | Status | First reported, by modality |",
        "|---|---|---:|---:|---|---|",
    ]
    for c in brief.claims:
        parties = "; ".join(name if role == "party" else f"{role}: {name}" for role, name in c.parties)
        flags = [
            f"**disputed**: {c.why_disputed}" if c.disputed else "",
            "single source" if c.single_source else "",
        ]
        firsts = "; ".join(f"{f.modality} {f.published or 'undated'} [{f.cite}]" for f in c.firsts)
        lines.append(
            f"| {c.type} `{c.claim_id}` | {_md_cell(parties)} | {c.reports} | {c.origins} "
            f"| {_md_cell(', '.join(f for f in flags if f) or '—')} | {_md_cell(firsts)} |"
        )
    if not brief.claims:
        lines.append("| No claims. | | | | | |")
    return lines


def figures_dir(out: Path) -> Path:
    """Where a Markdown brief's figures go: ``brief-figures/`` beside ``brief.md``."""
    return out.with_name(f"{out.stem}-figures")


def _md_roles(brief: Brief) -> list[str]:
    lines = ["", "## Who is who", "", "| Date | Who | Post | Of | Modality | |", "|---|---|---|---|---|---|"]
    for r in brief.roles:
        lines.append(
            f"| {r.day} | {_md_cell(r.holder)} | {_md_cell(r.post or '')} | {_md_cell(r.of or '')} "
            f"| {r.modality} | [{r.cite}] |"
        )
    if not brief.roles:
        lines.append("| No roles. | | | | | |")
    return lines


def render_md(brief: Brief, out: Path) -> tuple[str, dict[Path, bytes]]:
    """Markdown text, and the figures to write into ``figures_dir(out)`` (network, timeline)."""
    lines = [
        f"# {brief.title}",
        "",
        f"Scope: {brief.scope}. Generated {brief.generated}. Citations [n] at the end.",
        "",
    ]
    lines += ["## Sanctions status", "", lists_checked(brief), ""]
    lines += [
        "## Parties",
        "",
        "| Party | Type | Events | Sanctions status | First cited |",
        "|---|---|---:|---|---|",
    ]
    for p in brief.parties:
        status = ("**listed** " if p.listed else "") + p.status if brief.screening else "not screened"
        lines.append(f"| {_md_cell(p.name)} | {p.type} | {p.events} | {_md_cell(status)} | [{p.cite}] |")
    lines += [
        "",
        "## Events in time order (undated last)",
        "",
        "| Date | Event | Modality | Parties | Source | Amount | |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in brief.events:
        parties = "; ".join(f"{role}: {name}" for role, name in e.parties)
        lines.append(
            f"| {e.day} | {e.type} | {e.modality} | {_md_cell(parties)} "
            f"| {_md_cell(e.source or 'the article')} "
            f"| {_md_cell(e.amount or '')} | [{e.cite}] |"
        )
    lines += _md_roles(brief)
    lines += _md_claims(brief)
    lines += [
        "",
        "## Amounts by project",
        "",
        "| Project | Event | Amount | ≈ USD | |",
        "|---|---|---|---:|---|",
    ]
    for a in brief.amounts:
        lines.append(
            f"| {_md_cell(a.project)} | {a.type} | {_md_cell(a.amount)} | {money(a.usd)} | [{a.cite}] |"
        )
    figures: dict[Path, bytes] = {}
    folder = figures_dir(out)
    for kind, png in (("network", network_png(brief)), ("timeline", timeline_png(brief))):
        if png:
            path = folder / f"{kind}.png"
            figures[path] = png
            lines += ["", f"## {kind.capitalize()}", "", f"![{kind}]({folder.name}/{path.name})"]
    lines += ["", "## Citations", ""]
    for c in brief.citations:
        lines.append(f"{c.n}. {_md_cell(cite_line(c))}: “{_md_cell(c.sentence)}”")
    return "\n".join(lines) + "\n", figures


def _weasyprint() -> Callable[[str, Path], None] | None:
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:  # OSError: the package is there but Pango is not
        log.info("WeasyPrint unavailable (%s); trying Chromium", error)
        return None

    def write(html: str, out: Path) -> None:
        weasyprint.HTML(string=html).write_pdf(str(out))

    return write


def chromium_pdf(html: str, out: Path, timeout: float = 120) -> None:
    """Print HTML to PDF with headless Chromium (Debian's ``chromium`` package)."""
    binary = next((b for b in map(shutil.which, CHROMIUM) if b), None)
    if binary is None:
        raise missing(
            "pdf",
            "a PDF brief",
            "WeasyPrint (with Debian's libpango-1.0-0 and libpangoft2-1.0-0)",
            otherwise="Chromium (apt-get install chromium)",
        )
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "brief.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--print-to-pdf={out.resolve()}",
                "--no-pdf-header-footer",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )


def write_brief(brief: Brief, fmt: str, out: Path) -> Written:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        text, figures = render_md(brief, out)
        for path, png in figures.items():
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(png)
        out.write_text(text, encoding="utf-8")
        return Written(out, list(figures))
    if fmt == "html":
        out.write_text(render_html(brief), encoding="utf-8")
    else:
        html = render_html(brief)
        writer = _weasyprint() or chromium_pdf
        writer(html, out)
    return Written(out)


def report(
    store: Store,
    out: Path,
    fmt: str = "html",
    entity: str | None = None,
    project: str | None = None,
    since: date | None = None,
) -> Written:
    """Build a brief from the store and write it: the library function behind `dealgraph report`."""
    return write_brief(build_brief(store, entity=entity, project=project, since=since), fmt, out)
