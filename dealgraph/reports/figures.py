"""The brief's two figures, drawn with matplotlib (Agg, no display): the parties' network and a timeline.

The network uses a ring layout (the focus entity in the middle, the most connected parties on the
ring) rather than a force layout: small ego networks read best that way, and it needs no extra library.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from datetime import date, timedelta
from typing import Any

from dealgraph.reports.brief import Brief

MAX_NODES = 24
MODALITY_COLOURS = {
    "asserted": "#3f9a5d",
    "reported": "#2457c5",
    "planned": "#a155b9",
    "hedged": "#d39432",
    "denied": "#b4232c",
}


def _figure(width: float, height: float) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(width, height), dpi=110)
    return fig, ax


def _png(fig: Any) -> bytes:
    from matplotlib import pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def network_png(brief: Brief) -> bytes | None:
    """Who acts on whom: arrows from agent to the other parties, labelled by event type."""
    if not brief.edges:
        return None
    degree: Counter[str] = Counter()
    for s, t, _, n in brief.edges:
        degree[s] += n
        degree[t] += n
    focus_name = next((p.name for p in brief.parties if p.entity_id == brief.focus), None)
    ranked = [name for name, _ in degree.most_common() if name != focus_name][: MAX_NODES - 1]
    pos: dict[str, tuple[float, float]] = {}
    if focus_name and focus_name in degree:
        pos[focus_name] = (0.0, 0.0)
    ring = ranked if focus_name in pos else [name for name, _ in degree.most_common()][:MAX_NODES]
    for i, name in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1) + math.pi / 2
        pos[name] = (math.cos(angle), math.sin(angle))
    listed = {p.name for p in brief.parties if p.listed}
    fig, ax = _figure(7.5, 6.0)
    labels: dict[tuple[str, str], list[str]] = {}
    for s, t, kind, _ in brief.edges:
        if s in pos and t in pos:
            labels.setdefault((s, t), []).append(kind)
    for (s, t), kinds in labels.items():
        (x1, y1), (x2, y2) = pos[s], pos[t]
        ax.annotate(
            "",
            xy=(x2, y2),
            xytext=(x1, y1),
            arrowprops={"arrowstyle": "-|>", "color": "#9aa8c4", "lw": 1.2, "shrinkA": 9, "shrinkB": 9},
        )
        ax.text(
            (x1 + x2) / 2,
            (y1 + y2) / 2,
            ", ".join(sorted(set(kinds))),
            fontsize=6.5,
            color="#4a5470",
            ha="center",
            va="center",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    for name, (x, y) in pos.items():
        colour = "#b4232c" if name in listed else ("#16213a" if name == focus_name else "#5b83d6")
        ax.scatter([x], [y], s=260 if name == focus_name else 120, c=colour, zorder=3)
        ax.text(x, y - 0.11, name, fontsize=8, ha="center", va="top", zorder=4)
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    ax.set_title("Parties and what they do to each other (red: on a sanctions list)", fontsize=9)
    return _png(fig)


def _chart_day(day: str) -> date | None:
    """A day to plot: the date itself, a month's 15th; None for a bare year or no date (a year-only
    date drawn at mid-year would stretch the axis over years no event is known to fall in)."""
    try:
        if len(day) == 10:
            return date.fromisoformat(day)
        return date.fromisoformat(f"{day}-15") if len(day) == 7 else None
    except ValueError:
        return None


def date_span(days: list[date]) -> tuple[date, date]:
    """The x range of the timeline: the events' first to last day, padded by a twentieth (at least three
    days) on each side, so the axis spans the data and nothing else."""
    first, last = min(days), max(days)
    pad = timedelta(days=max(3, (last - first).days // 20))
    return first - pad, last + pad


def timeline_png(brief: Brief) -> bytes | None:
    """Events over time: one row per event type, coloured by modality, over the events' own dates."""
    points = []
    for row in brief.events:
        day = _chart_day(row.day)
        if day is not None:
            points.append((day, row.type, row.modality))
    if not points:
        return None
    kinds = sorted({k for _, k, _ in points})
    fig, ax = _figure(7.5, 0.6 + 0.38 * len(kinds))
    for modality, colour in MODALITY_COLOURS.items():
        chosen = [(d, kinds.index(k)) for d, k, m in points if m == modality]
        if chosen:
            ax.scatter(
                [d for d, _ in chosen], [y for _, y in chosen], c=colour, s=28, label=modality, alpha=0.85
            )
    ax.set_xlim(*date_span([d for d, _, _ in points]))
    ax.set_yticks(range(len(kinds)), kinds, fontsize=8)
    ax.set_ylim(-0.7, len(kinds) - 0.3)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#e5e7eb")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    left_out = len(brief.events) - len(points)
    note = f" ({left_out} undated or dated to the year only, not shown)" if left_out else ""
    ax.set_title(f"Events over time, by modality{note}", fontsize=9)
    fig.autofmt_xdate()
    return _png(fig)
