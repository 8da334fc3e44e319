"""The gazetteer's names found in Russian text, inflected or not, Cyrillic or Latin.

natasha finds names by their shape; an institution written in lower case ("министерстве финансов США"),
a bracketed abbreviation ("(ЦРУ)"), a project ("Сахалин-1") or a Latin-script name inside Russian text
("Arctic LNG 2", "OFAC") it misses or types by guess. The gazetteer knows them, so they are looked up
directly: every word of the text and of each Russian form is reduced to the set of its dictionary lemmas
(pymorphy2, through natasha's ``MorphVocab``: "Банка" → {банк, банка}), and a form matches a run of words
whose lemma sets meet the form's word for word, so every case of a form matches without listing it.
Latin-script forms (the English names and aliases) match word for word as written.

spaCy's ``PhraseMatcher`` compares fixed token attributes, one value a token; a word of Russian text has
several possible lemmas, which is why this small matcher exists.

Case: an abbreviation in a form (``ЦБ``, ``РФ``) matches only an upper-case word; a one-word form
matches only a capitalised word (so a common noun does not become a name); longer forms match in any
case, as Russian writes institutions ("министерство финансов").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from dealgraph.extract.gazetteer import GazetteerEntry
from dealgraph.names.text import LATIN, RUSSIAN

WORD = re.compile(r"\w+(?:[-‑–]\w+)*")
# what may stand between two words of one name: spaces and quotes, never a comma, stop or line break
_JOIN = re.compile(r"[ \t\u00a0\"'«»„“”]*")
# readings that never name anything: pronouns and function words ("Тем" is a form of "тот", as is "Того")
_FUNCTION = {"NPRO", "Apro", "PREP", "CONJ", "PRCL", "INTJ"}


@lru_cache(maxsize=1)
def morph_vocab() -> Any:
    """natasha's pymorphy dictionary, loaded once per process (natasha's NER normalises with it too)."""
    from natasha import MorphVocab

    return MorphVocab()


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary lemma of a Russian word (but a pronoun's or function word's), lower case, ё as е,
    and the word itself; other words as themselves."""
    folded = word.casefold().replace("ё", "е")
    if not RUSSIAN.search(word):
        return frozenset({folded})
    if "-" in word:  # "Сахалин-1", "SDN-лист", "Экспортно-импортного": every reading of the parts
        return frozenset(
            "-".join(parts) for parts in product(*(sorted(lemmas(p)) for p in folded.split("-")))
        )
    parses = [p for p in morph_vocab().parse(folded) if not _FUNCTION & set(p.tag.grammemes)]
    return frozenset({str(p.normal_form).replace("ё", "е") for p in parses} | {folded})


def is_common_word(word: str) -> bool:
    """A word the dictionary knows only as a common word (no name, surname, place or organisation
    reading): "Экономика", "Погружайтесь", "Инвестиции", but not "Путин", "Роснефть", "Азии"."""
    if not RUSSIAN.search(word) or "-" in word:
        return False
    parses = morph_vocab().parse(word)
    if not parses or not all(p.is_known for p in parses):
        return False
    return not any({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & set(p.tag.grammemes) for p in parses)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]
    keys: tuple[frozenset[str], ...]
    latin: bool
    entry: GazetteerEntry


@dataclass(frozen=True)
class GazetteerHit:
    start: int
    end: int
    text: str
    entry: GazetteerEntry


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def _word_matches(form: _Form, k: int, token: Token, single: bool) -> bool:
    word = form.words[k]
    if form.latin:  # as written, or in capitals ("INTERFAX.RU")
        return token.text == word or (
            len(token.text) > 2 and token.text.isupper() and token.text == word.upper()
        )
    if word.isupper() and len(word) > 1:  # an abbreviation: "ЦБ", "РФ", "ЛУКОЙЛ"
        return token.text[:2].isupper() and bool(lemmas(token.text) & form.keys[k])
    if single and not token.text[:1].isupper():
        return False
    return bool(lemmas(token.text) & form.keys[k])


class RussianGazetteer:
    """Finds the gazetteer's Russian and Latin-script forms in Russian text."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self._by_first: dict[str, list[_Form]] = {}
        for entry in entries:
            latin = [f for f in entry.forms if LATIN.search(f) and not RUSSIAN.search(f)]
            for form, is_latin in [*((f, False) for f in entry.ru), *((f, True) for f in latin)]:
                words = tuple(m.group() for m in WORD.finditer(form))
                if not words:
                    continue
                keys = tuple(lemmas(w) for w in words)
                compiled = _Form(words, keys, is_latin, entry)
                for first in keys[0]:
                    self._by_first.setdefault(first, []).append(compiled)

    def find(self, text: str) -> list[GazetteerHit]:
        """Non-overlapping hits, the longest form first at each word, left to right."""
        words = tokens(text)
        hits: list[GazetteerHit] = []
        k = 0
        while k < len(words):
            hit = self._longest(text, words, k)
            if hit is None:
                k += 1
                continue
            n, entry = hit
            start, end = words[k].start, words[k + n - 1].end
            hits.append(GazetteerHit(start, end, text[start:end], entry))
            k += n
        return hits

    def _longest(self, text: str, words: list[Token], k: int) -> tuple[int, GazetteerEntry] | None:
        forms = {id(f): f for first in lemmas(words[k].text) for f in self._by_first.get(first, ())}
        for form in sorted(forms.values(), key=lambda f: -len(f.words)):
            n = len(form.words)
            if k + n > len(words):
                continue
            if all(
                _word_matches(form, j, words[k + j], n == 1)
                and (j == 0 or _JOIN.fullmatch(text, words[k + j - 1].end, words[k + j].start))
                for j in range(n)
            ):
                return n, form.entry
        return None
