"""Scoring the HTML path against pages with a known article body (the article-extraction benchmark).

The score is bag-of-tokens: lower-cased word tokens (``\\w+``, Unicode) of the cleaned body and of
the expected ``articleBody``, overlap counted with multiplicity; precision = overlap / predicted tokens,
recall = overlap / expected tokens. Pages are scored one by one and the means are taken over pages
(macro average), so a long page does not outweigh a short one. The headline that ``clean_item``
prepends is not part of the body being scored: the benchmark's ``articleBody`` has no headline.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dealgraph.exc import InputError, ItemError
from dealgraph.model import Article, RawItem

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class TokenScore:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Page:
    """One benchmark page: its key (the file's hash), its HTML, its URL and the expected body."""

    key: str
    html: str
    url: str | None
    expected: str


@dataclass(frozen=True)
class BenchmarkResult:
    """Macro-averaged scores over ``pages`` pages; ``failed`` lists pages that gave no article."""

    pages: int
    precision: float
    recall: float
    f1: float
    per_page: dict[str, TokenScore]
    failed: tuple[str, ...]


def token_counts(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def token_f1(predicted: str, expected: str) -> TokenScore:
    """Bag-of-tokens precision, recall and F1 of ``predicted`` against ``expected``."""
    got, want = token_counts(predicted), token_counts(expected)
    overlap = sum((got & want).values())
    if not overlap:
        empty = not got and not want
        return TokenScore(float(empty), float(empty), float(empty))
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return TokenScore(precision, recall, 2 * precision * recall / (precision + recall))


def body_of(article: Article) -> str:
    """The article's text without the headline that cleaning put in front of it."""
    if article.title and article.text.startswith(article.title + "\n\n"):
        return article.text[len(article.title) + 2 :]
    return article.text


def _decode(data: bytes) -> str:
    from trafilatura.utils import decode_file

    return str(decode_file(data))


def load_benchmark(directory: Path) -> list[Page]:
    """The pages of the benchmark folder (``*.html.gz`` and ``ground-truth.json``), in key order."""
    truth_file = directory / "ground-truth.json"
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{truth_file}: cannot read the ground truth: {error}") from error
    pages = []
    for key in sorted(truth):
        path = directory / f"{key}.html.gz"
        if not path.exists():
            raise InputError(f"{path}: missing page for ground-truth key {key}")
        html = _decode(gzip.decompress(path.read_bytes()))
        pages.append(Page(key, html, truth[key].get("url"), truth[key]["articleBody"]))
    return pages


def score_benchmark(pages: Iterable[Page], clean: Callable[[RawItem], Article]) -> BenchmarkResult:
    """Run ``clean`` over every page as an HTML item and score its body; a page that raises
    ``ItemError`` scores zero and is listed in ``failed``."""
    per_page: dict[str, TokenScore] = {}
    failed: list[str] = []
    for page in pages:
        item = RawItem(source=page.key, content=page.html, content_type="html", doc_id=page.key, url=page.url)
        try:
            predicted = body_of(clean(item))
        except ItemError:
            failed.append(page.key)
            predicted = ""
        per_page[page.key] = token_f1(predicted, page.expected)
    count = len(per_page) or 1
    return BenchmarkResult(
        pages=len(per_page),
        precision=sum(s.precision for s in per_page.values()) / count,
        recall=sum(s.recall for s in per_page.values()) / count,
        f1=sum(s.f1 for s in per_page.values()) / count,
        per_page=per_page,
        failed=tuple(failed),
    )
