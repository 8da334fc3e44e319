"""How sure a screening hit is, and the one rule that says whether a party counts as listed.

A hit is graded when it is found, from what matched (``names.matching`` steps) and its logic-v2 score:

- ``exact``: every word of the screened name and of the listed name (a printed name, an alias, or our
  form of one such as "Kirill DMITRIEV" from "DMITRIEV, Kirill Aleksandrovich") is the same word.
- ``strong``: score at least ``STRONG`` (0.85), no word of the screened name left unmatched, no spelling
  match looser than a known variant or a close transliteration (``SPELLING``), and no similar spelling
  beside a word of the listed name left over ("Abdullah" is not "ABDUL RAHMAN"), on the entry's own name
  (an alias is a weaker identifier: matched only approximately, it is possible): "Dmitry Peskov" against
  "Dmitriy PESKOV" (dmitry/dmitriy, a known variant), "Arctic LNG 2" against "LIMITED LIABILITY COMPANY
  ARCTIC LNG 2" (only a legal form unmatched).
- ``possible``: anything else above the screening threshold, and any exact or strong hits on two or more
  entries of one list (``index.ambiguous``: namesakes, "Muhammad Ali"); a weak alias (a one-word alias
  of a person), a party an entry is only linked to, a looser spelling or a lower score. An analyst
  reviews these ("to review"); only a reviewer's confirmation makes them count as "listed".

``is_listed`` is the single answer to "was this party on a list on that day?" that badges, reports, deal
views and exports use: an undismissed exact or strong hit (or a possible one a reviewer confirmed) on
the entry's own name whose listing interval covers the day. Hits stored before grades were kept
(migration 11) are graded on read from their score alone (``grade_of``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:  # a type only: badges and reports read grades without loading the matcher
    from dealgraph.names.matching import Step

# The entity types screened as parties (a project against listed organisations: "Arctic LNG 2"); a
# country is never a listed party (its programmes are shown instead), a place neither.
SCREENED_TYPES: tuple[str, ...] = ("Person", "Organization", "Project")
Grade = Literal["exact", "strong", "possible"]
GRADES: tuple[Grade, ...] = ("exact", "strong", "possible")
CONFIRMED: frozenset[str] = frozenset({"exact", "strong"})
STRONG = 0.85  # the least logic-v2 score of a strong hit
SPELLING = 0.85  # a fuzzy word match below this leaves a hit possible ("yong"/"pyong" is 0.80)
STORED_EXACT = 0.99  # grading a stored hit without a grade, from its score alone


class GradedHit(Protocol):
    """What ``is_listed`` reads of a hit: ``screen.records.ScreeningHit`` and ``store.views.HitView``."""

    @property
    def score(self) -> float | None: ...
    @property
    def grade(self) -> str | None: ...
    @property
    def relation(self) -> str: ...
    @property
    def listed_on(self) -> date | None: ...
    @property
    def listed_from(self) -> date | None: ...
    @property
    def listed_until(self) -> date | None: ...


def grade_hit(
    steps: list[Step], score: float, *, weak: bool = False, linked: bool = False, alias: bool = False
) -> Grade:
    """The grade of a hit from its alignment steps and score (see the module docstring); ``alias``: the
    listed name matched is an alias (or our form of one), not the entry's own name."""
    if weak or linked:
        return "possible"
    if any(step.kind == "extraQueryPart" for step in steps):
        return "possible"
    loose = any(step.kind == "fuzzyMatch" and step.score < SPELLING for step in steps)
    if all(step.kind == "literalMatch" for step in steps) and steps:
        return "exact"
    if alias:
        return "possible"  # an alias matched only approximately: "Saeed X" against the alias "Sa'id X"
    # A similar spelling next to a listed word left over may be matching part of a longer name:
    # "Abdullah" against "ABDUL RAHMAN".
    partial = any(step.kind == "fuzzyMatch" for step in steps) and any(
        step.kind == "extraResultPart" for step in steps
    )
    if score >= STRONG and not loose and not partial:
        return "strong"
    return "possible"


def grade_of(hit: GradedHit) -> Grade:
    """The hit's stored grade, or one from its score for a hit stored before grades were kept."""
    if hit.grade in GRADES:
        return hit.grade
    score = hit.score or 0.0
    return "exact" if score >= STORED_EXACT else "strong" if score >= STRONG else "possible"


def covers(hit: GradedHit, day: date | None) -> bool:
    """Whether the hit's listing interval covers ``day`` (None: the entry is still listed)."""
    start = hit.listed_from or hit.listed_on
    if hit.relation != "listed" or start is None:
        return False
    if day is None:
        return hit.listed_until is None
    return start <= day and (hit.listed_until is None or day < hit.listed_until)


def is_listed(hit: GradedHit, day: date | None) -> bool:
    """The one rule: an exact or strong hit, or one a reviewer confirmed, undismissed, on an entry listed
    on ``day`` (None: today)."""
    return status(hit) == "listed" and covers(hit, day)


def status(hit: GradedHit) -> str:
    """How a hit is shown: "listed" (exact, strong or confirmed by a reviewer), "to review" (possible)
    or "dismissed"."""
    if getattr(hit, "dismissed", False):
        return "dismissed"
    return "listed" if getattr(hit, "confirmed", False) or grade_of(hit) in CONFIRMED else "to review"


def listed_since(designated: date | None, first_seen: date | None, until: date | None) -> str:
    """Since when a party is listed, worded by what is known: the list's designation date, or else only
    the first loaded snapshot that has it (OFAC's CSV prints no designation date)."""
    if designated is not None:
        since = f"designated {designated.isoformat()}"
        if first_seen is not None and first_seen != designated:
            since += f", in the loaded snapshots from {first_seen.isoformat()}"
    elif first_seen is not None:
        since = f"first seen in the snapshot of {first_seen.isoformat()} (the list gives no designation date)"
    else:
        since = "designation date unknown"
    if until is not None:
        since += f", until {until.isoformat()}"
    return since


def event_day(event_date: str | None, published: date | None) -> date | None:
    """The day an event is about: its own full date when the text gives one, else the report date."""
    if event_date and len(event_date) == 10:
        try:
            return date.fromisoformat(event_date)
        except ValueError:
            pass
    return published
