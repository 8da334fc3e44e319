"""What one line of a plain-text scrape looks like: furniture (and which kind), prose, or neither.

A line gets up to two verdicts: ``anywhere`` (furniture wherever it stands: a currency ticker, "Read
also: ...", a share bar) and ``edge`` (furniture only before the first or after the last line of body
text: a lone date, "Information", "Original: example.com/..."). ``furniture.py`` decides by position
which verdict applies. Words come from ``data/furniture.yaml``; shapes (tickers, counters, dates,
links, breadcrumbs) are regular expressions here, since no library classifies scraped lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast

import yaml

from dealgraph.clean.dates import is_date_line, is_time_line

_BULLETS = "•·▪▫►▸▶◦○●■□–—―-*>|→←↑↓▲▼△▽✓✔"
_LEAD = re.compile(rf"^[\s{re.escape(_BULLETS)}]+")
_TICKER_LEAD = re.compile(r"^[\s•·▪►▸*|]+")
_TRAIL = re.compile(r"[\s.:;,!?…»›>→\-–—|]*(?:\(\d+\)|\d+)?[\s.:;,!?…»›>→\-–—|]*$")
SENTENCE_END = re.compile(r"[.!?…。！？](?:\s*[\"'»”’)\]」』])*$")
_WORD = re.compile(r"\w+")
# Scripts written without spaces: a run of these letters counts as one word per two characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")

_CURRENCY = "$€£¥₽₴₸₺₹"
_CODES = r"(?:USD|EUR|GBP|JPY|CNY|RUB|UAH|CHF|KZT|TRY|INR|BTC|ETH|BRENT|WTI|MOEX|IMOEX|RTS|RTSI)"
_TICKER_TOKEN = re.compile(
    rf"^(?:[{_CURRENCY}]|{_CODES}(?:/{_CODES})?|[▲▼↑↓△▽]"
    rf"|(?P<sign>[+\-−–])?[{_CURRENCY}]?\d[\d.,]*(?P<pct>%)?[{_CURRENCY}]?)$"
)
_COUNTER_WORDS = (
    r"(?:views?|reads?|shares?|likes?|comments?|просмотр\w*|прочтени\w*|коммент\w*|переглядів|перегляди"
    r"|коментар\w*)"
)
_COUNTER = re.compile(
    rf"^(?:\W*\d[\d\s.,]*\s*(?:[kKmM]|тыс\.?|к)?\s*{_COUNTER_WORDS}\W*"
    rf"|\W*{_COUNTER_WORDS}\s*:?\s*\d[\d\s.,]*\s*(?:[kKmM]|тыс\.?|к)?\W*)$",
    re.IGNORECASE,
)
_NUMBER_ONLY = re.compile(r"^\W*\d[\d\s.,]*\s*(?:[kKmM]|тыс\.?|к)?\W*$")
_WEATHER = re.compile(r"°|℃|℉|\b(?:weather|погода)\b", re.IGNORECASE)
_LINK = re.compile(
    r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,10}/\S*"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ru|ua|info|io|cn|uk|de|fr|eu|su|рф))$"
)
_HAS_LINK = re.compile(
    r"https?://|www\.|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,10}/\S*|\b[\w-]+\.(?:com|org|net|ru|ua|cn)\b"
)
_HASHTAGS = re.compile(r"^(?:#[\w-]+[\s,;]*)+$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|&copy;|copyright\s*(?:©|\(c\)|\d{4}))", re.IGNORECASE)
SHORT_WORDS = 12  # lines longer than this are never menus, tickers, dates or links
_BREADCRUMB_SEP = re.compile(r"\s+[>/]\s+|\s*[»→]\s*")
_LABEL = re.compile(r"^(?P<label>[^:]{1,40}?)\s*:\s*(?P<value>.*)$")
_FOOTNOTE = re.compile(r"^(?P<stars>\*{1,4})\s?(?=[\w\"«“])(?P<rest>[^*]*)$")
_STARS = re.compile(r"\*+")
_MARKED = re.compile(r"[\w\"»”')]\s?$")


@dataclass(frozen=True)
class Vocabulary:
    """The furniture words of ``data/furniture.yaml``, normalised for whole-line lookup."""

    anywhere: dict[str, str]  # normalised line -> reason
    edge: dict[str, str]
    labels_anywhere: dict[str, str]  # normalised label -> reason
    labels_edge: dict[str, str]
    phrases: tuple[str, ...]
    footnote_topics: tuple[str, ...]
    social: frozenset[str]


def normalise(line: str) -> str:
    """A line as looked up in the vocabulary: lower case, without bullets, end punctuation or counts."""
    line = _LEAD.sub("", line)
    line = _TRAIL.sub("", line)
    return " ".join(line.casefold().replace("ё", "е").split())


def _table(groups: dict[str, list[Any]]) -> dict[str, str]:
    return {normalise(str(word)): reason for reason, words in groups.items() for word in words}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    text = resources.files("dealgraph.clean").joinpath("data", "furniture.yaml").read_text(encoding="utf-8")
    data = cast(dict[str, Any], yaml.safe_load(text))
    return Vocabulary(
        anywhere=_table(data["anywhere"]),
        edge=_table(data["edge"]),
        labels_anywhere=_table(data["labels"]["anywhere"]),
        labels_edge=_table(data["labels"]["edge"]),
        phrases=tuple(normalise(str(p)) for p in data["phrases"]),
        footnote_topics=tuple(str(t).casefold() for t in data["footnote_topics"]),
        social=frozenset(normalise(str(s)) for s in data["social"]),
    )


def inline_markers(text: str) -> frozenset[int]:
    """Lengths of the asterisk markers a text sets after words ("Moscow Times***", "DW *")."""
    found = set()
    for stars in _STARS.finditer(text):
        if len(stars.group()) <= 4 and _MARKED.search(text, max(0, stars.start() - 2), stars.start()):
            found.add(len(stars.group()))
    return frozenset(found)


def word_count(line: str) -> int:
    """Words in ``line``; in Chinese, Japanese, Korean and Thai, every two letters count as one."""
    words = _WORD.findall(line)
    if not _UNSPACED.search(line):
        return len(words)
    return len(words) + sum(len(_UNSPACED.findall(w)) // 2 for w in words if _UNSPACED.search(w))


def is_prose(line: str) -> bool:
    """A line of running text: a sentence (four words or more, ending like one) or a long line."""
    words = word_count(line)
    return (words >= 4 and bool(SENTENCE_END.search(line.strip()))) or words >= 10


def opens_body(line: str) -> bool:
    """A line that can open an article's body: a sentence, or a line too long for a headline."""
    words = word_count(line)
    return (words >= 4 and bool(SENTENCE_END.search(line.strip()))) or words >= 20


@dataclass(frozen=True)
class Verdict:
    """Why a line is furniture: ``anywhere`` holds in the body too, ``edge`` only around it."""

    anywhere: str | None = None
    edge: str | None = None

    @property
    def reason(self) -> str | None:
        return self.anywhere or self.edge


def _is_ticker(line: str) -> bool:
    tokens = _TICKER_LEAD.sub("", line).split()
    if not tokens or len(tokens) > 8:
        return False
    numbers = signed = symbols = 0
    for token in tokens:
        found = _TICKER_TOKEN.match(token)
        if not found:
            return False
        if token[0].isdigit() or found["sign"] or found["pct"] or (len(token) > 1 and token[1:2].isdigit()):
            numbers += 1
            signed += bool(found["sign"])
        else:
            symbols += 1
    return numbers >= 1 and (signed >= 1 or symbols >= 1)


def _is_breadcrumb(line: str) -> bool:
    """``Home > World > Europe``: three or more short named parts (not a table row of numbers)."""
    parts = _BREADCRUMB_SEP.split(line.strip())
    return len(parts) >= 3 and all(
        0 < word_count(p) <= 4 and re.search(r"[^\W\d_]", p) and not SENTENCE_END.search(p) for p in parts
    )


def _is_menu_bar(line: str, vocab: Vocabulary) -> bool:
    """``Home | News | Contacts``: every part a furniture word."""
    parts = [normalise(p) for p in re.split(r"\s*[|•·]\s*", line) if normalise(p)]
    known = vocab.anywhere.keys() | vocab.edge.keys() | vocab.social
    return len(parts) >= 2 and all(p in known for p in parts)


def _label_verdict(line: str, vocab: Vocabulary) -> Verdict | None:
    found = _LABEL.match(line.strip())
    if not found:
        return None
    label = normalise(found["label"])
    if label in vocab.labels_anywhere:
        return Verdict(anywhere=vocab.labels_anywhere[label])
    reason = vocab.labels_edge.get(label)
    if reason == "source" and not _HAS_LINK.search(found["value"]):
        return None
    return Verdict(edge=reason) if reason else None


def _footnote_verdict(line: str, vocab: Vocabulary, markers: frozenset[int]) -> Verdict | None:
    found = _FOOTNOTE.match(line.strip())
    if not found:
        return None
    rest = found["rest"].casefold()
    if len(found["stars"]) in markers or any(topic in rest for topic in vocab.footnote_topics):
        return Verdict(anywhere="footnote")
    return Verdict(edge="footnote")


def _any_length_verdict(
    line: str, key: str, words: int, vocab: Vocabulary, markers: frozenset[int]
) -> Verdict:
    """Verdicts that can fall on a line of any length: copyright, footnotes, labels, disclaimers."""
    if _COPYRIGHT.match(line):
        return Verdict(anywhere="copyright")
    verdict = _footnote_verdict(line, vocab, markers) or _label_verdict(line, vocab)
    if verdict:
        return verdict
    if "©" in line and words <= 15:
        return Verdict(edge="copyright")
    if words <= 40 and any(p in key for p in vocab.phrases):
        return Verdict(edge="disclaimer")
    return Verdict()


def _short_line_verdict(line: str, key: str, words: int, vocab: Vocabulary) -> Verdict | None:
    """Verdicts on the shape of a short line: tickers, counters, links, dates, menu words."""
    if key in vocab.anywhere:
        return Verdict(anywhere=vocab.anywhere[key])
    if _is_ticker(line):
        return Verdict(anywhere="ticker")
    if _COUNTER.match(line):
        return Verdict(anywhere="counter")
    if _HASHTAGS.match(line):
        return Verdict(anywhere="tags")
    tokens = [normalise(t) for t in re.split(r"[\s|,•·/]+", line)]
    tokens = [t for t in tokens if t]
    if tokens and all(t in vocab.social for t in tokens):
        return Verdict(anywhere="share") if len(tokens) >= 2 else Verdict(edge="share")
    if _LINK.match(line):
        return Verdict(anywhere="link")
    if words <= 6 and _WEATHER.search(line) and re.search(r"\d", line):
        return Verdict(anywhere="weather")
    if is_date_line(line):
        return Verdict(edge="date")
    if is_time_line(line) or _NUMBER_ONLY.match(line):
        return Verdict(edge="time" if ":" in line else "counter")
    if key in vocab.edge:
        return Verdict(edge=vocab.edge[key])
    if _is_breadcrumb(line):
        return Verdict(edge="breadcrumb")
    if ("|" in line or "•" in line or "·" in line) and _is_menu_bar(line, vocab):
        return Verdict(edge="nav")
    return None


def classify(line: str, vocab: Vocabulary, markers: frozenset[int] = frozenset()) -> Verdict:
    """The furniture verdict on one non-blank line (``markers``: see ``inline_markers``)."""
    stripped = line.strip()
    if not re.search(r"[^\W_]", stripped):
        return Verdict(anywhere="symbols")
    key = normalise(stripped)
    words = word_count(stripped)
    if words <= SHORT_WORDS:
        verdict = _short_line_verdict(stripped, key, words, vocab)
        if verdict:
            return verdict
    return _any_length_verdict(stripped, key, words, vocab, markers)
