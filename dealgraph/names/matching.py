"""Name matching, for resolution and screening alike: nomenklatura's logic-v2 wrapped once, and its
explanation read once.

Both sides of a comparison become FollowTheMoney entities built on the fly: a name of a known type as a
Person, Organization or Company, of an unknown type as a LegalEntity (``query_entity``); a listed name as
an entity of its entry's schema, tagged with given and family name when the list form tells them apart,
or as a weak alias (``candidate_entity``). nomenklatura caches analysed names per entity id, so every
entity gets an id derived from its content, its schema included. The resolver compares two names of one
type (``NameMatcher.compare_names``), screening a name against a listed name (``NameMatcher.compare``).

Either way the answer is a ``NameMatch``: logic-v2's score with its explanation, the alignment of the
name parts (rigour: transliteration, name symbols, initials, fuzzy distance) as logic-v2 wrote it.
``alignment`` reads that text back into ``Step``s, here and nowhere else, and what the stages ask of an
alignment are small functions of the steps:

- ``fully_aligned``: every part of each name aligned with a part of the other, two or more of them by a
  known variant or a similar spelling ("Stephen Whitkof" / "Steve Witkoff"): the resolver's lower bar
  for persons;
- ``unmatched``: the words of either side left unmatched, or matched by a weak fuzzy score: screening's
  coverage rules (``screen/coverage.py``) start from them;
- ``readable_alignment``: the alignment in words, for the screening hit's explanation.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from followthemoney import model

_QUERY_SCHEMAS = {"Person": "Person", "Organization": "Organization", "Company": "Company"}


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def query_entity(name: str, schema: str | None) -> Any:
    """The FtM entity of one name: a LegalEntity when the type is not known."""
    ftm_schema = _QUERY_SCHEMAS.get(schema or "", "LegalEntity")
    proxy = model.make_entity(ftm_schema)
    proxy.id = f"q-{_digest(ftm_schema, name)}"
    proxy.add("name", name)
    return proxy


def candidate_entity(
    key: str, schema: str, name: str, given: str | None = None, family: str | None = None, weak: bool = False
) -> Any:
    """The FtM entity of one name of a list entry (``key``). A ``weak`` name (a one-word alias of a
    person, "ROMANA") becomes a ``weakAlias``, which logic-v2 matches only when the query is exactly it."""
    proxy = model.make_entity(schema)
    proxy.id = f"l-{_digest(key, schema, name, given or '', family or '', str(weak))}"
    proxy.add("weakAlias" if weak else "name", name)
    if schema == "Person":
        if given:
            proxy.add("firstName", given)
        if family:
            proxy.add("lastName", family)
    return proxy


@dataclass(frozen=True, slots=True)
class NameMatch:
    """logic-v2's score for two entities, and its explanation: the alignment of their names (or the weak
    alias match) as logic-v2 wrote it; ``alignment(detail)`` reads it."""

    score: float
    detail: str


class NameMatcher:
    """logic-v2 with its default configuration."""

    def __init__(self) -> None:
        # Imported here: nomenklatura.matching imports every algorithm it has, scikit-learn's among
        # them (seconds), and the commands that only read hits (``hits``, ``dismiss``) never score.
        from nomenklatura.matching import LogicV2

        self.logic = LogicV2
        self.config = LogicV2.default_config()
        self.main_features = {feature.name for feature in LogicV2.features if not feature.qualifier}

    def compare(self, query: Any, candidate: Any) -> NameMatch:
        """The score of one pair and the explanation of its best feature (the name alignment, or a
        weak alias match)."""
        result = self.logic.compare(query, candidate, self.config)
        explained = {k: v for k, v in result.explanations.items() if k in self.main_features}
        best = max(explained, key=lambda name: explained[name].score, default=None)
        detail = explained[best].detail if best is not None else None
        return NameMatch(float(result.score), detail or "")

    def compare_names(self, query: str, candidate: str, schema: str) -> NameMatch:
        """Two names of one type, each an entity of its own (``query_entity``)."""
        return self.compare(query_entity(query, schema), query_entity(candidate, schema))


_STEP = re.compile(
    r"\[(?P<q>'[^']*'|\"[^\"]*\")(?:≈(?P<r>'[^']*'|\"[^\"]*\"))?\s+(?P<kind>\w+)"
    r"(?:\s+\[[^\]]*\])?:\s*(?P<score>[\d.]+),\s*weight\s*(?P<weight>[\d.]+)\]"
)
_KINDS = {
    "literalMatch": "same",
    "symbolMatch": "known variant",
    "fuzzyMatch": "similar spelling",
    "extraQueryPart": "only in the screened name",
    "extraResultPart": "only in the listed name",
}
_EXTRA = frozenset({"extraQueryPart", "extraResultPart"})
_ALIKE = frozenset({"symbolMatch", "fuzzyMatch"})


@dataclass(frozen=True)
class Step:
    """One step of logic-v2's name alignment: query words against candidate words (None: unmatched)."""

    kind: str  # literalMatch, symbolMatch, fuzzyMatch, extraQueryPart, extraResultPart
    query: tuple[str, ...]  # for extraResultPart: the candidate's words
    result: tuple[str, ...] | None
    score: float


def alignment(detail: str) -> list[Step]:
    """Read logic-v2's alignment text (``['kiril'≈'kirill' symbolMatch [NAME:Q674360]: 0.90, weight
    1.00] ...``) back into steps. A literal match of whole names lists its words once."""
    steps: list[Step] = []
    for match in _STEP.finditer(detail):
        query = tuple(match["q"][1:-1].split())
        result = tuple(match["r"][1:-1].split()) if match["r"] else None
        if match["kind"] == "literalMatch" and result is None:
            result = query
        steps.append(Step(match["kind"], query, result, float(match["score"])))
    return steps


def fully_aligned(steps: list[Step]) -> bool:
    """Whether every part of each name aligned with a part of the other, two or more of them by a known
    variant or a similar spelling: machine-translated spellings of one person ("Stephen Whitkof" / "Steve
    Witkoff") score low part by part but agree part for part, where "Donald Trump" / "Eric Trump" leave a
    part over."""
    if any(step.kind in _EXTRA for step in steps):
        return False
    return sum(1 for step in steps if step.kind in _ALIKE) >= 2


def readable_alignment(detail: str) -> str:
    """Rewrite nomenklatura's alignment text: ``'kiril'≈'kirill' symbolMatch [NAME:Q674360]: 0.90``
    becomes ``kiril ~ kirill (known variant, 0.90)``; symbol ids mean nothing to a reader. Words on one
    side only are said as screening sees them: "only in the screened name", "only in the listed name"."""
    phrases: list[str] = []
    for step in alignment(detail):
        query = " ".join(step.query)
        label = _KINDS.get(step.kind, step.kind)
        if step.result is None:
            phrases.append(f"{query} ({label})")
        elif step.kind == "literalMatch" or step.query == step.result:
            phrases.append(query if step.query == step.result else f"{query} = {' '.join(step.result)}")
        else:
            phrases.append(f"{query} ~ {' '.join(step.result)} ({label}, {step.score:.2f})")
    if phrases:
        return "; ".join(phrases)
    return re.sub(r"\s*\[[A-Z_]+:[^\]]*\]", "", detail).strip()


def unmatched(steps: list[Step], weak: float = 0.5) -> tuple[list[str], list[str]]:
    """The words of the query and of the candidate left unmatched, or matched with a fuzzy score
    below ``weak``."""
    query: list[str] = []
    result: list[str] = []
    for step in steps:
        if step.kind == "extraQueryPart":
            query.extend(step.query)
        elif step.kind == "extraResultPart":
            result.extend(step.query)
        elif step.result is not None and step.kind == "fuzzyMatch" and step.score < weak:
            query.extend(step.query)
            result.extend(step.result)
    return query, result
