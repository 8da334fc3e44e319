"""Score a query name against one list name with nomenklatura's logic-v2 matcher, and explain it.

Both sides become FollowTheMoney entities built on the fly: the query as a Person, Organization or
LegalEntity (type unknown) with its one name; the list name as an entity of the entry's schema with
that name, tagged with given and family name when the list form tells them apart. logic-v2 then aligns
the name parts (rigour: transliteration, name symbols, initials, fuzzy distance) and returns a score
with the alignment as text, which we rewrite for people: symbol ids (``NAME:Q4221339``) mean nothing to
a reader, so a symbol match reads as "known variant".

nomenklatura caches analysed names per entity id, so every entity gets an id derived from its content.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from followthemoney import model
from nomenklatura.matching import LogicV2

from dealgraph.screen.records import ListName

ALGORITHM = LogicV2.NAME
_QUERY_SCHEMAS = {"Person": "Person", "Organization": "Organization", "Company": "Company"}


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def query_entity(name: str, schema: str | None) -> Any:
    """The FtM entity of a screened name: a LegalEntity when the type is not known."""
    ftm_schema = _QUERY_SCHEMAS.get(schema or "", "LegalEntity")
    proxy = model.make_entity(ftm_schema)
    proxy.id = f"q-{_digest(ftm_schema, name)}"
    proxy.add("name", name)
    return proxy


def list_entity(key: str, schema: str, form: ListName, weak: bool = False) -> Any:
    """The FtM entity of one name of a list entry. A ``weak`` name (a one-word alias of a person,
    "ROMANA") becomes a ``weakAlias``, which logic-v2 matches only when the query is exactly it."""
    proxy = model.make_entity(schema)
    proxy.id = f"l-{_digest(key, schema, form.name, form.given or '', form.family or '', str(weak))}"
    proxy.add("weakAlias" if weak else "name", form.name)
    if schema == "Person":
        if form.given:
            proxy.add("firstName", form.given)
        if form.family:
            proxy.add("lastName", form.family)
    return proxy


class Scorer:
    """logic-v2 with its default configuration."""

    def __init__(self) -> None:
        self.config = LogicV2.default_config()
        self.main_features = {feature.name for feature in LogicV2.features if not feature.qualifier}

    def compare(self, query: Any, candidate: Any) -> tuple[float, str]:
        """The score of one pair and the explanation of its best feature (the name alignment, or a
        weak alias match)."""
        result = LogicV2.compare(query, candidate, self.config)
        explained = {k: v for k, v in result.explanations.items() if k in self.main_features}
        best = max(explained, key=lambda name: explained[name].score, default=None)
        detail = explained[best].detail if best is not None else None
        return float(result.score), detail or ""


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


@dataclass(frozen=True)
class Step:
    """One step of logic-v2's name alignment: query words against list words (None: unmatched)."""

    kind: str  # literalMatch, symbolMatch, fuzzyMatch, extraQueryPart, extraResultPart
    query: tuple[str, ...]  # for extraResultPart: the list name's words
    listed: tuple[str, ...] | None
    score: float


def alignment(detail: str) -> list[Step]:
    """Read logic-v2's alignment text (``['kiril'≈'kirill' symbolMatch [NAME:Q674360]: 0.90, weight
    1.00] ...``) back into steps. A literal match of whole names lists its words once."""
    steps: list[Step] = []
    for match in _STEP.finditer(detail):
        query = tuple(match["q"][1:-1].split())
        listed = tuple(match["r"][1:-1].split()) if match["r"] else None
        if match["kind"] == "literalMatch" and listed is None:
            listed = query
        steps.append(Step(match["kind"], query, listed, float(match["score"])))
    return steps


def readable_alignment(detail: str) -> str:
    """Rewrite nomenklatura's alignment text: ``'kiril'≈'kirill' symbolMatch [NAME:Q674360]: 0.90``
    becomes ``kiril ~ kirill (known variant, 0.90)``; symbol ids mean nothing to a reader."""
    phrases: list[str] = []
    for step in alignment(detail):
        query = " ".join(step.query)
        label = _KINDS.get(step.kind, step.kind)
        if step.listed is None:
            phrases.append(f"{query} ({label})")
        elif step.kind == "literalMatch" or step.query == step.listed:
            phrases.append(query if step.query == step.listed else f"{query} = {' '.join(step.listed)}")
        else:
            phrases.append(f"{query} ~ {' '.join(step.listed)} ({label}, {step.score:.2f})")
    if phrases:
        return "; ".join(phrases)
    return re.sub(r"\s*\[[A-Z_]+:[^\]]*\]", "", detail).strip()


def unmatched(steps: list[Step], weak: float = 0.5) -> tuple[list[str], list[str]]:
    """The words of the query and of the list name left unmatched, or matched with a fuzzy score
    below ``weak``."""
    query: list[str] = []
    listed: list[str] = []
    for step in steps:
        if step.kind == "extraQueryPart":
            query.extend(step.query)
        elif step.kind == "extraResultPart":
            listed.extend(step.query)
        elif step.listed is not None and step.kind == "fuzzyMatch" and step.score < weak:
            query.extend(step.query)
            listed.extend(step.listed)
    return query, listed
