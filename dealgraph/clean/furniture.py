"""Site furniture in plain-text scrapes: which lines go, decided by their shape *and* their position.

trafilatura and jusText clean HTML, where the markup tells navigation from content; a scrape that
arrived as plain text has lost the markup, so this module works on lines. Each non-blank line gets a
verdict from ``furniture_rules.classify`` (words from ``data/furniture.yaml``, shapes as regular
expressions). Then position decides:

1. The *body* runs from the first sentence to the last line of prose (a sentence, or a long line)
   that has no verdict. Furniture lives around it; the body is kept line for line, verbatim.
2. Before the body (menus, tickers, weather, a lone date): every line with a verdict goes, and so
   does every tiny line (three words or fewer) in a run of four or more lines that are each tiny or
   furniture: a menu. Other lines (a headline, a byline, a caption) stay. A lone date there is
   recorded as a candidate publication date.
3. In the body, only lines furniture wherever they stand go: tickers, "Read also: ..." (with the
   headline that follows a bare "Read also"), share bars, footnotes that explain an asterisk marker
   the text uses, counters, tag lines.
4. After the body, from the first line with a verdict to the end, everything goes: that block is the
   site's footer ("All news", a date, "Show more news", then short section names that no list can
   foresee). Short lines between the body and that block (a sign-off) stay. A date in this block is
   never the publication date.

Every dropped line is kept as a ``RemovedLine`` with its reason and its offset in the raw text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dealgraph.clean.furniture_rules import (
    SENTENCE_END,
    Verdict,
    classify,
    inline_markers,
    is_prose,
    normalise,
    opens_body,
    vocabulary,
    word_count,
)
from dealgraph.model import RemovedLine

_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
MENU_WORDS = 3  # at most this many words: a menu entry
MENU_RUN = 4  # at least this many such lines in a row: a menu


@dataclass(frozen=True)
class Line:
    text: str  # as in the raw text, without its line break
    offset: int  # where it starts in the raw text

    @property
    def content(self) -> str:
        return self.text.strip().strip(_INVISIBLE).strip()


@dataclass(frozen=True)
class Stripped:
    """A text without its furniture; ``lead_dates`` are the lone date lines removed before the body."""

    text: str
    removed: tuple[RemovedLine, ...]
    lead_dates: tuple[str, ...]


def split_lines(raw: str) -> Iterator[Line]:
    """The lines of ``raw`` with their offsets, for any of the three line-break conventions."""
    start = 0
    for found in re.finditer(r"\r\n|\r|\n", raw):
        yield Line(raw[start : found.start()], start)
        start = found.end()
    yield Line(raw[start:], start)


def _follows_bare_related(line: Line, previous: Line | None, reasons: dict[int, str]) -> bool:
    """A headline line right after a bare "Read also" / "Related" line: the link it announced."""
    if previous is None or reasons.get(previous.offset) != "related":
        return False
    if normalise(previous.content) not in vocabulary().anywhere:
        return False  # "Read also: <headline>" already carried its headline
    return not SENTENCE_END.search(line.content) and len(line.content.split()) <= 25


def _is_tiny(line: Line) -> bool:
    return word_count(line.content) <= MENU_WORDS and not SENTENCE_END.search(line.content)


def _menu_blocks(lead: list[Line], reasons: dict[int, str]) -> None:
    """Before the body, a run of ``MENU_RUN`` or more lines that are each furniture or tiny is a menu:
    its tiny lines go too."""
    run: list[Line] = []
    for line in [*lead, None]:
        if line is not None and (line.offset in reasons or _is_tiny(line)):
            run.append(line)
            continue
        if len(run) >= MENU_RUN:
            for member in run:
                reasons.setdefault(member.offset, "menu")
        run = []


def furniture_plan(lines: list[Line], markers: frozenset[int]) -> dict[int, str]:
    """Which lines go (by offset) and why, following the rules in the module docstring."""
    vocab = vocabulary()
    filled = [line for line in lines if line.content]
    verdicts = {line.offset: classify(line.content, vocab, markers) for line in filled}
    body = [
        k for k, line in enumerate(filled) if verdicts[line.offset].reason is None and is_prose(line.content)
    ]
    first, last = (body[0], body[-1]) if body else (len(filled), len(filled) - 1)
    # The body opens with a sentence: a long headline (prose by length alone) stays before it, so
    # that a date line under the headline still counts as "before the body".
    opening = [k for k in body if opens_body(filled[k].content)]
    first = opening[0] if opening else first

    reasons: dict[int, str] = {}
    previous: Line | None = None
    for k, line in enumerate(filled):
        verdict: Verdict = verdicts[line.offset]
        if k < first and verdict.reason:
            reasons[line.offset] = "date-line" if verdict.edge == "date" else verdict.reason
        elif first <= k <= last and verdict.anywhere:
            reasons[line.offset] = verdict.anywhere
        elif k <= last and _follows_bare_related(line, previous, reasons):
            reasons[line.offset] = "related"
        previous = line

    _menu_blocks(filled[:first], reasons)
    tail = filled[last + 1 :]
    start = next((k for k, line in enumerate(tail) if verdicts[line.offset].reason), None)
    if start is not None:
        for line in tail[start:]:
            reasons[line.offset] = verdicts[line.offset].reason or "footer"
    return reasons


def strip_furniture(raw: str) -> Stripped:
    """``raw`` without its site furniture, body lines kept verbatim (trimmed), paragraphs kept apart by
    single blank lines."""
    lines = list(split_lines(raw))
    reasons = furniture_plan(lines, inline_markers(raw))
    kept: list[str] = []
    removed: list[RemovedLine] = []
    lead_dates: list[str] = []
    for line in lines:
        reason = reasons.get(line.offset) if line.content else None
        if reason is None:
            if line.content or (kept and kept[-1]):
                kept.append(line.content)
            continue
        removed.append(RemovedLine(line.text, reason, line.offset))
        if reason == "date-line":
            lead_dates.append(line.content)
    while kept and not kept[-1]:
        kept.pop()
    return Stripped("\n".join(kept), tuple(removed), tuple(lead_dates))
