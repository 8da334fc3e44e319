"""Event counts by month as bar geometry for a small inline SVG chart (no script, no library)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

WIDTH, HEIGHT, MAX_BARS = 600, 80, 48


@dataclass(frozen=True)
class Bar:
    label: str  # "2025-03"
    count: int
    x: float
    width: float
    y: float
    height: float


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def day_month(day: str | None) -> str | None:
    """``"2025-03-14"`` or ``"2025-03"`` -> ``"2025-03"``; a bare year or nothing -> None."""
    return day[:7] if day and len(day) >= 7 else None


def month_counts(months: Iterable[str | None]) -> Counter[str]:
    """How many of these months are each month (the undated left out)."""
    return Counter(m for m in months if m)


def month_bars(counts: Mapping[str, int]) -> list[Bar]:
    """One bar per month from the first to the last month counted (the latest ``MAX_BARS`` months)."""
    if not counts:
        return []
    months = _months(min(counts), max(counts))[-MAX_BARS:]
    top = max(counts.get(m, 0) for m in months) or 1
    step = WIDTH / len(months)
    bars = []
    for i, month in enumerate(months):
        count = counts.get(month, 0)
        h = (HEIGHT - 14) * count / top
        bars.append(Bar(month, count, i * step + 1, max(step - 2, 1), HEIGHT - 14 - h, h))
    return bars
