"""Named entities in Russian text with natasha: people, organisations and places, with normal forms.

natasha's news models (segmenter, NER, morphology and syntax over the ``NewsEmbedding`` navec vectors)
ship inside its wheels, so nothing is fetched at run time. They take about a second to load, so the
extractor is built on first use and kept for the process (``russian_ner()``); importing this module loads
nothing.

Each entity carries natasha's normal form: the nominative of the phrase, agreed by morphology
("Кирилла Дмитриева" -> "Кирилл Дмитриев", "Роснефти" -> "Роснефть"). For a person the name parts come
from natasha's ``NamesExtractor`` when it can read them.

``RussianNer.parse`` gives the whole parse (tokens with lemmas, UD syntax, entity spans) for the
Russian event layer (``extract/events/ru/``); it keeps the last parse, so an article is parsed
once for its entities and its events.

Organisations are normalised over natasha's syntax parse, which inflects the head and keeps its
dependents ("Банка России" -> "Банк России", not "Банк Россия"), so the pipeline runs the syntax parser too.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from dealgraph.exc import ConfigError
from dealgraph.extract.russian_gazetteer import morph_vocab

log = logging.getLogger(__name__)

RuType = Literal["Person", "Organization", "Location"]
_TYPES: dict[str, RuType] = {"PER": "Person", "ORG": "Organization", "LOC": "Location"}


@dataclass(frozen=True)
class RuEntity:
    """One entity mention: its span in the text, its type and its normal (nominative) form."""

    start: int
    end: int
    text: str
    type: RuType
    normal: str
    first: str | None = None  # a person's name parts, when natasha can tell them
    middle: str | None = None
    last: str | None = None


class RussianNer:
    """natasha's news pipeline: segment, morphology and syntax (for normal forms), then entities."""

    def __init__(self) -> None:
        try:
            from natasha import (
                NamesExtractor,
                NewsEmbedding,
                NewsMorphTagger,
                NewsNERTagger,
                NewsSyntaxParser,
                Segmenter,
            )
        except ImportError as error:
            raise ConfigError(f"natasha is not installed: Russian NER needs it ({error})") from error
        began = time.perf_counter()
        embedding = NewsEmbedding()
        self._segmenter: Any = Segmenter()
        self._morph_vocab: Any = morph_vocab()
        self._morph: Any = NewsMorphTagger(embedding)
        self._ner: Any = NewsNERTagger(embedding)
        self._syntax: Any = NewsSyntaxParser(embedding)
        self._names: Any = NamesExtractor(self._morph_vocab)
        self._last: tuple[str, Any] | None = None  # one-entry cache: (text, Doc) of the last parse
        log.info("natasha models loaded in %.2f s", time.perf_counter() - began)

    def parse(self, text: str) -> Any:
        """natasha's Doc of ``text``: sentences and tokens with morphology, lemmas, UD syntax and
        NER spans. The last parse is kept, so the entities and the events of one article parse it once."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        from natasha import Doc
        from natasha.doc import DocSent, DocToken

        doc = Doc(text)
        doc.tokens = [DocToken(t.start, t.stop, t.text) for t in self._segmenter.tokenize(text)]
        doc.sents = [DocSent(start, stop, text[start:stop]) for start, stop in self._sentences(text)]
        doc.envelop_sent_tokens()
        doc.tag_morph(self._morph)
        doc.parse_syntax(self._syntax)
        doc.tag_ner(self._ner)
        for token in doc.tokens:
            token.lemmatize(self._morph_vocab)
        self._last = (text, doc)
        return doc

    def _sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans: razdel's sentences within each line. A line break ends a sentence (a
        headline, a photo credit, a dateline are lines of their own), which razdel does not know."""
        spans: list[tuple[int, int]] = []
        at = 0
        for line in text.split("\n"):
            spans.extend((at + s.start, at + s.stop) for s in self._segmenter.sentenize(line))
            at += len(line) + 1
        return spans

    def __call__(self, text: str) -> list[RuEntity]:
        doc = self.parse(text)
        return [entity for span in doc.spans if (entity := self._entity(span, text)) is not None]

    def _entity(self, span: Any, text: str) -> RuEntity | None:
        kind = _TYPES.get(str(span.type))
        if kind is None:
            return None
        start, end = int(span.start), int(span.stop)
        span.normalize(self._morph_vocab)
        normal = str(span.normal or span.text)
        first = middle = last = None
        if kind == "Person":
            span.extract_fact(self._names)
            parts: dict[str, str] = dict(span.fact.as_dict) if span.fact is not None else {}
            first, middle, last = parts.get("first"), parts.get("middle"), parts.get("last")
        return RuEntity(start, end, text[start:end], kind, normal, first, middle, last)


@lru_cache(maxsize=1)
def russian_ner() -> RussianNer:
    """The process-wide extractor, built on first use."""
    return RussianNer()


def find_entities_ru(text: str) -> list[RuEntity]:
    """People, organisations and places in Russian ``text``, in order, with spans and normal forms."""
    return russian_ner()(text)
