"""Money amounts and percentages in English and Russian text, with character spans.

``find_amounts(text)`` returns every amount that has a currency or is a percentage
(shared/eval/GUIDELINES.md §2): "$5 billion", "nearly $300 billion" (approx), "up to 41 billion euros"
(up_to), "$15-20 billion" and "between $15bn and $20bn" (ranges, ``min``/``max``), "9.9%", "20 per cent",
"2.5 трлн рублей", "1,5 млрд евро". Values are in units (210 billion = 210000000000), currencies ISO 4217.
A number with neither a currency nor a percent sign is not an amount, so dates, years, counts of things
("1,028 foreign companies"), phone numbers and bare ticker figures ("76.09") never become one; neither does
a ticker quote written as a price followed by its signed change ("$ 76.09 -0.88").

Why this is written here rather than taken from a library (checked with quantulum3 0.10.0 and price-parser
0.5.1 in a scratch environment): quantulum3 reads "$15-20 billion" as one value of 35 billion dollars,
"between $15bn and $20bn" as 17.5 "dollar bit newton", "€210bn" as 210 "euro barn newton", and knows no
Russian scale words ("1,5 млрд евро" gives two bare numbers). price-parser reads "9.9%" as 9 with no unit,
ignores scale words ("210 billion euros" gives 210) and keeps only the first end of a range. Neither gives
the qualifier ("nearly", "up to") nor the span of the whole phrase, which the rest of the pipeline needs.

How it works: the currency signs, codes and words, scale words, qualifiers and range words live in
``data/currencies.yaml``; they are compiled once (on first use) into one regular expression that reads an
optional qualifier, an optional range opener, a first number with its sign, scale and percent, an optional
second number, and a trailing currency word or percent. One left-to-right pass over its matches checks each
one (a currency or percent is required, a range must rise, "from X to Y" is a change: two amounts) and
turns it into ``Amount`` records.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import Any, cast

import yaml

from dealgraph.model.extraction import Amount, Qualifier

log = logging.getLogger(__name__)

_S = r"[^\S\n]"  # horizontal white space: an amount never spans a line break
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # 1,028 / 5,000.50
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?!\d)"  # 1.028.000
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?!\d)"  # 20 000 (Russian grouping)
    r"|\d+(?:[.,]\d+)?(?!\d)"  # 9.9 / 1,5
)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_TICKER_CHANGE = re.compile(_S + r"+[+\-−]\d")  # "76.09 -0.88": a quote and its change
_ABBREVIATION_DOT = r"(?:\.(?=(?-i:" + _S + r"*[a-zа-яё\d,;:)$€£¥₽])))?"
_WORD = re.compile(r"\w+\.?")
_CLAUSE_END = re.compile(r"[.!?;:]\s")


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class Lexicon:
    """``data/currencies.yaml``, keyed by lower-cased, space-normalised spelling (codes by upper case)."""

    symbols: dict[str, str]
    codes: dict[str, str]
    words: dict[str, str]
    ambiguous: frozenset[str]
    scales: dict[str, int]
    letter_scales: frozenset[str]
    number_words: dict[str, Decimal]
    percent: tuple[str, ...]
    qualifiers: dict[str, Qualifier]
    post_approx: tuple[str, ...]
    plus: tuple[str, ...]
    range_open: dict[str, tuple[str, ...]]
    months: frozenset[str]
    change_from: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the currency lexicon once per process."""
    path = resources.files("dealgraph.extract").joinpath("data", "currencies.yaml")
    data = cast(dict[str, Any], yaml.safe_load(path.read_text(encoding="utf-8")))
    words = {_key(w): iso for iso, forms in data["words"].items() for w in forms}
    scales = {_key(str(w)): int(factor) for factor, forms in data["scales"].items() for w in forms}
    qualifiers: dict[str, Qualifier] = {_key(w): "approx" for w in data["qualifiers"]["approx"]}
    qualifiers.update({_key(w): "up_to" for w in data["qualifiers"]["up_to"]})
    return Lexicon(
        symbols={k.lower(): v for k, v in data["symbols"].items()},
        codes={str(k): str(v) for k, v in data["codes"].items()},
        words=words,
        ambiguous=frozenset(_key(w) for w in data["ambiguous"]),
        scales=scales,
        letter_scales=frozenset(_key(w) for w in data["letter_scales"]),
        number_words={_key(k): Decimal(str(v)) for k, v in data["number_words"].items()},
        percent=tuple(data["percent"]),
        qualifiers=qualifiers,
        post_approx=tuple(data["post_approx"]),
        plus=tuple(data["plus"]),
        range_open={_key(k): tuple(v) for k, v in data["range_open"].items()},
        months=frozenset(data["months"]),
        change_from=frozenset(_key(w) for w in data["change_from"]),
    )


def _word_re(word: str) -> str:
    """A lexicon entry as a pattern: any run of spaces between its parts, a word boundary after a letter.

    The final dot of an abbreviation ("млрд.", "руб.") is part of it only when the sentence goes on after
    it; at the end of a sentence the dot is the full stop.
    """
    if len(word) > 1 and word.endswith("."):
        return _word_re(word[:-1]) + _ABBREVIATION_DOT
    body = (_S + "+").join(re.escape(part) for part in word.split())
    return body + r"(?!\w)" if word[-1].isalnum() else body


def _alt(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """Alternatives, longest first, so that "US dollars" wins over "dollars"."""
    return "(?:" + "|".join(_word_re(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lex = lexicon()
    symbols = _alt(list(lex.symbols))
    codes = "(?-i:" + "|".join(sorted(lex.codes, key=len, reverse=True)) + r")(?![\w/])"
    prefix = f"(?:{symbols}{_S}?|(?<![\\w/]){codes}{_S}?)"
    word_scales = [w for w in lex.scales if w not in lex.letter_scales]
    number_word = f"{_alt(list(lex.number_words))}(?={_S}+{_alt(word_scales)})"
    number = f"(?:{_DIGITS}|{number_word})"
    percent = f"{_S}?{_alt(lex.percent)}"
    closers = _alt({c for cs in lex.range_open.values() for c in cs})
    currency = f"{_alt(list(lex.words))}|{codes}|{symbols}(?!{_S}?\\d)"

    def scale(n: int) -> str:
        return f"(?:(?:-|{_S})?(?P<scw{n}>{_alt(word_scales)})|(?P<scl{n}>{_alt(list(lex.letter_scales))}))"

    plus = f"(?:{_alt(lex.plus)}(?!{_S}*\\d))"
    separator = f"(?(open){_S}+{closers}{_S}+|(?:[-–—]|{_S}+[-–]{_S}+|{_S}+(?:to|до){_S}+))"
    return re.compile(
        r"(?<![\w.,/+\-−±])"
        f"(?:(?P<qual>{_alt(list(lex.qualifiers))}){_S}+)?"
        f"(?:(?P<open>{_alt(list(lex.range_open))}){_S}+)?"
        f"(?P<pre1>{prefix})?(?P<num1>{number})(?P<plus1>{plus})?{scale(1)}?(?P<plus2>{plus})?(?P<pc1>{percent})?"
        f"(?:(?P<sep>{separator})(?P<pre2>{prefix})?(?P<num2>{number}){scale(2)}?)?"
        f"(?:(?P<pct>{percent})|(?:-|{_S})?(?P<cur>{currency}))?"
        f"(?P<post>{_S}+{_alt(lex.post_approx)})?",
        re.IGNORECASE,
    )


def parse_number(text: str, decimal_comma: bool = False) -> Decimal | None:
    """A written number as a Decimal: "1,028" is 1028, "1.028" is 1.028, "1,5" is 1.5, "20 000" is 20000.

    With ``decimal_comma`` (Russian text) a single comma is always the decimal point: "1,028 млрд" is 1.028.
    """
    text = "".join(text.split())
    if decimal_comma and text.count(",") == 1:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS_COMMA.fullmatch(text):
        text = text.replace(",", "")
    elif _THOUSANDS_DOT.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class _Part:
    """One number of a match with its scale factor, before currency is settled."""

    start: int
    end: int
    number: Decimal
    scale: int | None


class _Reader:
    """Turns one match of the pattern into amounts; ``resume`` is where the scan goes on."""

    def __init__(self, match: re.Match[str], text: str, lex: Lexicon) -> None:
        self.m = match
        self.text = text
        self.lex = lex
        cues = (match.group(g) or "" for g in ("scw1", "scw2", "cur", "pct", "pc1", "qual", "open"))
        self.decimal_comma = any(_CYRILLIC.search(cue) for cue in cues)

    def _number(self, group: str) -> Decimal | None:
        raw = self.m.group(group)
        word = self.lex.number_words.get(_key(raw))
        return word if word is not None else parse_number(raw, self.decimal_comma)

    def _scale(self, n: int) -> int | None:
        word = self.m.group(f"scw{n}") or self.m.group(f"scl{n}")
        return self.lex.scales[_key(word)] if word else None

    def _prefix(self, group: str) -> str | None:
        raw = (self.m.group(group) or "").strip()
        return self.lex.codes.get(raw) or self.lex.symbols.get(raw.lower()) if raw else None

    def _suffix(self, scaled: bool) -> str | None:
        raw = self.m.group("cur")
        if not raw:
            return None
        key = _key(raw)
        if key in self.lex.ambiguous and not scaled:
            return None
        return self.lex.words.get(key) or self.lex.codes.get(raw) or self.lex.symbols.get(raw.lower())

    def _part(self, n: int) -> _Part | None:
        m = self.m
        number = self._number(f"num{n}")
        if number is None:
            return None
        start = m.start(f"pre{n}") if m.group(f"pre{n}") else m.start(f"num{n}")
        groups = ("num1", "scw1", "scl1", "plus1", "plus2", "pc1") if n == 1 else ("num2", "scw2", "scl2")
        ends = [m.end(g) for g in groups if m.group(g)]
        return _Part(start, max(ends), number, self._scale(n))

    def qualifier(self, whole: bool = True) -> Qualifier:
        """The qualifier before the amount, else "approx" for a "-plus" or (on the whole match) "or more"."""
        if self.m.group("qual"):
            return self.lex.qualifiers[_key(self.m.group("qual"))]
        more = (whole and self.m.group("post")) or self.m.group("plus1") or self.m.group("plus2")
        return "approx" if more else "exact"

    def read(self) -> tuple[list[Amount], int]:
        m = self.m
        first = self._part(1)
        if first is None:
            return [], m.start() + 1
        if self._is_day():
            return [], first.end
        second = self._part(2) if m.group("num2") else None
        scaled = (second.scale if second else first.scale) is not None
        currency = self._suffix(scaled) or self._prefix("pre2") or self._prefix("pre1")
        percent = bool(m.group("pct") or m.group("pc1"))
        if second is not None:
            return self._range(first, second, currency, percent)
        if (currency is None) != percent:  # an amount has a currency or is a percentage, not both
            return [], m.start() + 1
        start = m.start("qual") if m.group("qual") else first.start
        if self._ticker(m.end()):
            return [], m.end()
        value = first.number * (first.scale or 1)
        return [self._amount(start, m.end(), value, currency, percent, self.qualifier())], m.end()

    def _range(
        self, first: _Part, second: _Part, currency: str | None, percent: bool
    ) -> tuple[list[Amount], int]:
        m = self.m
        own_currency = self._prefix("pre1")
        own_percent = bool(m.group("pc1"))
        low = first.number * (first.scale or second.scale or 1)
        high = second.number * (second.scale or 1)
        mixed = (currency is not None and percent) or (own_percent and not m.group("pct"))
        clash = own_currency is not None and self._prefix("pre2") not in (None, own_currency)
        if self._is_change():
            start = m.start("qual") if m.group("qual") else first.start
            amounts = [
                self._amount(start, first.end, low, currency, percent, self.qualifier(False)),
                self._amount(second.start, m.end(), high, currency, percent, "exact"),
            ]
            return ([] if currency is None and not percent else amounts), m.end()
        if mixed or clash or low >= high or (currency is None and not percent) or self._ticker(m.end()):
            # Not a range: keep the first number if it is an amount on its own, rescan after it.
            if (own_currency is None) == (not own_percent) or self._ticker(first.end):
                return [], m.start() + 1
            start = m.start("qual") if m.group("qual") else first.start
            value = first.number * (first.scale or 1)
            amount = self._amount(start, first.end, value, own_currency, own_percent, self.qualifier(False))
            return [amount], first.end
        start = m.start("qual") if m.group("qual") else m.start("open") if m.group("open") else first.start
        amount = self._amount(start, m.end(), None, currency, percent, self.qualifier(), low, high)
        return [amount], m.end()

    def _words_before(self, count: int, clause: bool = True) -> list[str]:
        """The last ``count`` words before the match (within its clause, unless told otherwise)."""
        start = self.m.start()
        window = self.text[max(0, start - 60) : start]
        if clause:
            window = _CLAUSE_END.split(window)[-1]
        return _WORD.findall(window)[-count:]

    def _is_day(self) -> bool:
        """A bare number right after a month name is a day: "July 14 to 46 percent"."""
        if self.m.group("qual") or self.m.group("pre1") or self.m.group("open"):
            return False
        return any(word in self.lex.months for word in self._words_before(1, clause=False))

    def _is_change(self) -> bool:
        """A "from" just before "X to Y" ("from the current $7.25 to $12"): two amounts, not a range."""
        if self.m.group("open") or _key(self.m.group("sep")) not in {"to", "до"}:
            return False
        return any(_key(word) in self.lex.change_from for word in self._words_before(3))

    def _ticker(self, end: int) -> bool:
        return _TICKER_CHANGE.match(self.text, end) is not None

    def _amount(
        self,
        start: int,
        end: int,
        value: Decimal | None,
        currency: str | None,
        percent: bool,
        qualifier: Qualifier,
        low: Decimal | None = None,
        high: Decimal | None = None,
    ) -> Amount:
        return Amount(
            start=start,
            end=end,
            text=self.text[start:end],
            value=_finite(value),
            currency=None if percent else currency,
            unit="percent" if percent else None,
            qualifier=qualifier,
            min=_finite(low),
            max=_finite(high),
        )


def _finite(number: Decimal | None) -> float | None:
    """The number as a float, or None (value unknown) past a float's range: 309 digits make ``inf``,
    which strict JSON cannot carry and no deal is worth."""
    if number is None:
        return None
    value = float(number)
    return value if math.isfinite(value) else None


def find_amounts(text: str) -> list[Amount]:
    """Every money amount and percentage in ``text``, in order, with spans into ``text``."""
    pattern = _pattern()
    lex = lexicon()
    found: list[Amount] = []
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        amounts, pos = _Reader(match, text, lex).read()
        found.extend(amounts)
    return found
