"""Gazetteer matching over a spaCy Doc: PhraseMatchers built once per pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from dealgraph.extract.gazetteer import Gazetteer, GazetteerEntry


@dataclass(frozen=True)
class GazetteerHit:
    start: int  # token indices
    end: int
    entry: GazetteerEntry
    ambiguous: bool


class GazetteerMatcher:
    """Finds known names: case-sensitive forms, ambiguous forms (kept apart so that callers can ask
    for context), and lower-cased country names ("russia is ready"), which machine translation and
    careless copy produce."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.entries: dict[str, GazetteerEntry] = {e.ref: e for e in gazetteer.entries}
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.ambiguous = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        make = nlp.make_doc
        for entry in gazetteer.entries:
            forms = [*entry.forms, *entry.ru]
            # "NVIDIA", "GAZPROM": house styles and machine translation write names in capitals
            shouted = [f.upper() for f in entry.forms if len(f) > 3 and f.upper() != f]
            self.exact.add(entry.ref, [make(f) for f in dict.fromkeys(forms + shouted)])
            variants = [f for f in entry.forms if f.startswith("The ")] if entry.lowercase_the else []
            if variants:  # "The Times" also as "the Times" inside a sentence
                self.exact.add(entry.ref, [make("the " + f[4:]) for f in variants])
            if entry.ambiguous_forms:
                self.ambiguous.add(entry.ref, [make(f) for f in entry.ambiguous_forms])
            if entry.type == "Country" and len(entry.name) > 4:
                self.lower.add(entry.ref, [make(entry.name.lower())])
            # Multi-word names also in lower case ("the russian direct investment fund"): three or more
            # words in a row are specific enough.
            long_forms = [f.lower() for f in entry.forms if len(f.split()) >= 3]
            if long_forms and entry.type != "Country":
                self.lower.add(entry.ref, [make(f) for f in dict.fromkeys(long_forms)])

    def __call__(self, doc: Doc) -> list[GazetteerHit]:
        hits: list[GazetteerHit] = []
        for match_id, start, end in self.exact(doc):
            hits.append(GazetteerHit(start, end, self.entries[doc.vocab.strings[match_id]], False))
        for match_id, start, end in self.ambiguous(doc):
            hits.append(GazetteerHit(start, end, self.entries[doc.vocab.strings[match_id]], True))
        for match_id, start, end in self.lower(doc):
            if any(t.is_lower for t in doc[start:end]):
                hits.append(GazetteerHit(start, end, self.entries[doc.vocab.strings[match_id]], False))
        return hits
