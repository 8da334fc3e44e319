"""Blocking: find the few list names worth scoring for a query name, at a cost that does not grow with
the list.

Each name is analysed by rigour (tokenised, transliterated to Latin, tagged; Cyrillic "Дмитриев" gives
"dmitriev") and gives keys per name part:

- ``t:`` the transliterated token (``dmitriev``);
- ``m:`` its metaphone (rigour's), for spellings that sound alike;
- ``k:`` a consonant skeleton (``dmtrv``), ours: metaphone keeps the ``y``/``j``/``w`` that
  transliterations differ by ("Dmitriyev", "Dmitrijew" and "Dmitriev" get three metaphones, one
  skeleton);
- ``s:`` rigour's name symbols (``NAME:Q…``, cross-script and nickname equivalences: Kirill = Kiril).

Stopwords and legal forms ("of", "LLC") give no keys. A query looks its keys up rarest first and stops
after a budget of postings, skipping keys too common to discriminate; candidates are ranked by the summed
inverse document frequency of the keys they share with the query. So a common word ("bank") costs
nothing when a rarer one is present, and the work per query is bounded by the budget, not the list size.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rigour.names import Name, NamePartTag, Symbol

_NO_KEYS = {NamePartTag.STOP, NamePartTag.LEGAL}
_SYMBOL_KEYS = {Symbol.Category.NAME, Symbol.Category.NICK}
_SKELETON_MAP = str.maketrans({"w": "v", "j": "y", "q": "k", "c": "k", "x": "k", "z": "s"})
_NON_CONSONANT = re.compile(r"[aeiouyh]+")


def skeleton(token: str) -> str:
    """The consonants of a Latin token, similar ones folded, repeats collapsed: ``dmitrijew`` → ``dmtrv``.
    Vowels, ``y``/``j`` and ``h``/``kh`` (Cyrillic х) are dropped: transliterations differ in them."""
    text = token.replace("ph", "f").replace("kh", "h").replace("ks", "k").translate(_SKELETON_MAP)
    text = _NON_CONSONANT.sub("", text)
    return re.sub(r"(.)\1+", r"\1", text)


def key_groups(names: Iterable[Name]) -> list[frozenset[str]]:
    """The blocking keys of analysed names, one group per name part (see the module docstring)."""
    groups: list[frozenset[str]] = []
    for name in names:
        symbols: dict[int, set[str]] = {}
        for span in name.spans:
            if span.symbol.category in _SYMBOL_KEYS:
                key = f"s:{span.symbol.category.value}:{span.symbol.id}"
                for part in span.parts:
                    symbols.setdefault(id(part), set()).add(key)
        for part in name.parts:
            if part.tag in _NO_KEYS:
                continue
            keys = set(symbols.get(id(part), ()))
            token = part.comparable
            if len(token) >= 2:
                keys.add(f"t:{token}")
            if part.metaphone and len(part.metaphone) >= 2:
                keys.add(f"m:{part.metaphone}")
            bones = skeleton(token)
            if len(bones) >= 3:
                keys.add(f"k:{bones}")
            if keys:
                groups.append(frozenset(keys))
    return groups


@dataclass
class KeyIndex:
    """An inverted index from blocking keys to item numbers; each item's keys come in groups, one per
    name part, so that a part with many keys (a given name has a dozen name symbols) counts once."""

    budget: int = 4000  # postings read per query at most
    max_share: float = 0.05  # keys in more than this share of items are skipped when rarer ones exist
    min_common: int = 50  # ... but never keys in fewer items than this
    postings: dict[str, list[int]] = field(default_factory=dict)
    item_groups: list[list[frozenset[str]]] = field(default_factory=list)
    _norms: list[float] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.item_groups)

    def add(self, groups: list[frozenset[str]]) -> int:
        """Add an item with its key groups; return its number."""
        item = len(self.item_groups)
        for key in set().union(*groups):
            self.postings.setdefault(key, []).append(item)
        self.item_groups.append(groups)
        self._norms = []
        return item

    def idf(self, key: str) -> float:
        return self._idf(len(self.postings.get(key, ())))

    def _idf(self, count: int) -> float:
        return math.log((1 + self.size) / (1 + count))

    def _weight(self, groups: list[frozenset[str]]) -> float:
        return sum(max((self.idf(k) for k in group), default=0.0) for group in groups)

    def postings_of(self, keys: Iterable[str]) -> dict[str, Sequence[int]]:
        """The items of each of these keys that the index has."""
        return {key: self.postings[key] for key in keys if key in self.postings}

    def norms(self) -> Sequence[float]:
        """Per item, the square root of its own summed idf (computed once after the last ``add``)."""
        if len(self._norms) != self.size:
            self._norms = [math.sqrt(self._weight(groups)) or 1.0 for groups in self.item_groups]
        return self._norms

    def lookup(self, groups: list[frozenset[str]]) -> list[tuple[int, float]]:
        """Items sharing keys with the query, best first, as ``(item, rank)``. The rank sums, over the
        query's name parts, the idf of the rarest key the item shares with that part, and divides by
        the square root of the item's own total, so that of two names sharing the query's words the
        one with fewer other words comes first."""
        postings = self.postings_of({key for group in groups for key in group})
        where: dict[str, list[int]] = {}
        for number, group in enumerate(groups):
            for key in group:
                if key in postings:
                    where.setdefault(key, []).append(number)
        found = sorted((len(postings[k]), k) for k in where)
        if not found:
            return []
        common = max(self.min_common, int(self.size * self.max_share))
        best: dict[int, list[float]] = {}
        visited = 0
        for count, key in found:
            if best and (count > common or visited + count > self.budget):
                break
            weight = self._idf(count)
            for item in postings[key]:
                scores = best.setdefault(item, [0.0] * len(groups))
                for number in where[key]:
                    if weight > scores[number]:
                        scores[number] = weight
            visited += count
        norms = self.norms()
        ranked = [(item, sum(scores) / norms[item]) for item, scores in best.items()]
        ranked.sort(key=lambda pair: -pair[1])
        return ranked
