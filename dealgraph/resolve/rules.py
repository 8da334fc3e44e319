"""The resolver's rules, apart from the store: which name pairs are worth scoring, which score is enough,
and when the best candidate is not clearly the one. Small pure functions of names and scores, so that they
are tested without a store or a language model (``tests/test_matching.py``).

- ``plausible``: a cheap test of two names before logic-v2 scores them (some milliseconds a pair);
- ``full_names``: two people both known by full names are compared by those only, never through a bare
  surname that relatives and namesakes share;
- ``bar``: the score a pair must reach: the type's threshold (``THRESHOLDS``), or ``FULLY_ALIGNED`` for
  persons whose names align part for part (``names.matching.fully_aligned``);
- ``pick``: the best candidate, unless a runner-up scores within ``CLOSE`` of it and the best is not
  reported ``DOMINANT`` times as often ("Trump" against Donald and Eric Trump).
"""

from __future__ import annotations

from collections.abc import Callable

from rigour.text.distance import levenshtein
from rigour.text.phonetics import metaphone

from dealgraph.names.matching import NameMatch, alignment, fully_aligned
from dealgraph.resolve.blocking import STOP, acronym, tokens

THRESHOLDS = {"Person": 0.8, "Organization": 0.85}  # other types resolve by exact key only
FULLY_ALIGNED = 0.65
CLOSE = 0.05  # a runner-up this near the best score leaves the choice to how often each is reported
DOMINANT = 3  # ... and the best wins only with this many times the runner-up's articles

Scored = tuple[float, str, str]  # (score, candidate id, explanation)


def plausible(a: str, b: str) -> bool:
    """Whether two names share a word, or two words within a third of their length in edits or with one
    sound (metaphone), or one is the other's initials: the pairs logic-v2 could score high."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if (len(ta) == 1 and acronym(b) == ta[0]) or (len(tb) == 1 and acronym(a) == tb[0]):
        return True
    for x in ta:
        for y in tb:
            if x == y and x not in STOP:
                return True
            if min(len(x), len(y)) >= 4 and (
                levenshtein(x, y) <= max(1, min(len(x), len(y)) // 3) or metaphone(x) == metaphone(y)
            ):
                return True
    return False


def bar(type_: str, default: float, match: NameMatch) -> float:
    """The score a pair must reach: ``default``, the type's threshold, but a lower bar for person names
    whose every part aligned with a part of the other name (two or more parts, none left over:
    ``names.matching.fully_aligned``): machine-translated spellings ("Stephen Whitkof" / "Steve
    Witkoff") score low on each part but agree part for part; "Donald Trump" / "Eric Trump" leave a
    part over."""
    if type_ == "Person" and fully_aligned(alignment(match.detail)):
        return FULLY_ALIGNED
    return default


def full_names(forms: list[str], names: list[str]) -> tuple[list[str], list[str]]:
    """When both people have names of two or more words, only those are compared: a bare surname
    ("Clinton", "Johnson") is shared by relatives and namesakes, who must not meet through it. A person
    known by one word only ("Putin") keeps it, and meets a full name through its surname (then only a
    unique, or far more reported, bearer: see ``pick``)."""
    long_forms = [f for f in forms if len(f.split()) >= 2]
    long_names = [n for n in names if len(n.split()) >= 2]
    if long_forms and long_names:
        return long_forms, long_names
    return forms, names


def pick(scored: list[Scored], articles: Callable[[str], int]) -> Scored | None:
    """The best of the scored candidates, or None when two are near-equal ("Trump" against Donald and
    Eric Trump) and the best is not far more reported: ``articles(id)`` counts a candidate's articles,
    and is asked only then. Candidates rank as their tuples sort, by score and then by id, the later id
    first; of two equal scores, only the first ranked can win by being far more reported."""
    if not scored:
        return None
    ranked = sorted(scored, reverse=True)
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    if (
        runner is not None
        and runner[0] >= best[0] - CLOSE
        and articles(best[1]) < DOMINANT * articles(runner[1])
    ):
        return None
    return best


__all__ = ["FULLY_ALIGNED", "THRESHOLDS", "bar", "full_names", "pick", "plausible"]
