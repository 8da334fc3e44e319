"""Screening speed: names per second through ``ScreeningIndex.screen``, next to the time nomenklatura's
logic-v2 matcher alone spends on the same candidate pairs.

Query names are capitalised word runs from news text (a cheap stand-in for NER output: "Donald Trump",
"Supreme Court", "Fox Business") mixed with names taken from the list itself in the "First LAST" form
news would use, so that the run has hits to report as well as misses, and topped up with random pairs
of words from those runs when the text has too few; every name is distinct, so no cache flatters the
timing.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from nomenklatura.matching import LogicV2
from nomenklatura.matching.logic_v2.names import analysis

from dealgraph.screen.index import ScreeningIndex
from dealgraph.screen.names import split_person

_RUN = re.compile(r"\b(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_FUNCTION_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "He",
        "She",
        "It",
        "We",
        "They",
    ]
)


def capitalised_runs(texts: Iterable[str]) -> list[str]:
    """Distinct runs of two to four capitalised words, a leading function word dropped."""
    found: dict[str, None] = {}
    for text in texts:
        for match in _RUN.finditer(text):
            words = match.group(0).split()
            while words and words[0] in _FUNCTION_WORDS:
                words = words[1:]
            if len(words) >= 2:
                found[" ".join(words)] = None
    return list(found)


def corpus_texts(path: Path) -> list[str]:
    """The ``text`` field of a JSON-lines corpus (PolNeAR's format)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line).get("text", "") for line in lines if line.strip()]


def sample_names(
    index: ScreeningIndex, texts: Iterable[str], count: int, listed_share: float = 0.1
) -> list[str]:
    """``count`` distinct names: capitalised runs from the texts, a share of list persons as
    "First LAST", and, when the texts run short, random names made of a first and a last word of two
    different runs."""
    rng = random.Random(4)
    runs = capitalised_runs(texts)
    persons = [lst.entry.name for lst in index.listings if lst.entry.schema == "Person"]
    chosen: dict[str, None] = {}
    for name in rng.sample(persons, min(len(persons), int(count * listed_share))):
        split = split_person(name)
        chosen[" ".join([split[1][0], *split[2]]) if split and split[1] else name] = None
    for run in rng.sample(runs, min(len(runs), count - len(chosen))):
        chosen[run] = None
    firsts = [run.split()[0] for run in runs]
    lasts = [run.split()[-1] for run in runs]
    for _ in range(count * 10):
        if len(chosen) >= count or not runs:
            break
        chosen[f"{rng.choice(firsts)} {rng.choice(lasts)}"] = None
    names = list(chosen)[:count]
    rng.shuffle(names)
    return names


@dataclass(frozen=True)
class BenchResult:
    names: int
    seconds: float  # screening all names, one core
    pairs: int  # candidate pairs scored by logic-v2
    matcher_seconds: float  # logic-v2 alone on those pairs, caches cleared first
    names_with_hits: int

    @property
    def names_per_second(self) -> float:
        return self.names / self.seconds if self.seconds else 0.0


def _clear_caches() -> None:
    """Forget nomenklatura's analysed names, so that both timings start cold."""
    analysis.entity_names.cache_clear()
    analysis.entity_names_consolidated.cache_clear()


def run_bench(index: ScreeningIndex, names: Sequence[str], as_of: date | None = None) -> BenchResult:
    """Screen every name (type unknown), then time logic-v2 alone on the pairs screening scored."""
    index.screen("warm up")  # loads rigour's reference data once, outside the timing
    _clear_caches()
    started = time.perf_counter()
    with_hits = sum(1 for name in names if index.screen(name, None, as_of))
    seconds = time.perf_counter() - started
    pairs: list[tuple[Any, Any]] = []
    for name in names:
        query = index.query(name, None)
        pairs.extend((query.entity, index.entity(item)) for item, _ in index.scored_candidates(query, as_of))
    _clear_caches()
    config = index.matcher.config
    started = time.perf_counter()
    for query_entity, candidate in pairs:
        LogicV2.compare(query_entity, candidate, config)
    matcher = time.perf_counter() - started
    return BenchResult(len(names), seconds, len(pairs), matcher, with_hits)
