"""Candidate entity mentions from spaCy's NER and the gazetteer, with overlaps settled.

Rules, each general:
- spaCy labels map onto the five types: PERSON → Person, ORG → Organization, GPE → Country when the
  gazetteer knows the name as a state (its name, abbreviation, capital or demonym noun) else Location,
  LOC/FAC → Location. NORP (demonym adjectives: "Russian officials") is never an entity; plural demonym
  nouns ("Americans") come from the gazetteer as the state they denote.
- A gazetteer match wins over an NER span it covers or equals (the gazetteer knows the type); an NER
  span wins over a shorter gazetteer match inside it ("Riyadh Future Investment Initiative" is not
  Riyadh) when it is a longer proper name.
- Ambiguous gazetteer forms ("Apple", "Gap", "X") count only where the parser tags them proper nouns
  or NER saw an entity there.
- Leading determiners and trailing possessives are trimmed: the mention is the name.
- Lines in headline case (most words capitalised) mislead the small model: there, an NER span counts
  only if the same text is also found in the body, or the gazetteer knows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dealgraph.extract.matcher import GazetteerMatcher
from dealgraph.model import EntityType

LABELS: dict[str, EntityType] = {  # spaCy label → dealgraph type
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
}
TRIM_LEFT = {"the", "a", "an"}
ACRONYM_DEF = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,6})\(([A-Z]{2,6}s?)\)")
# Nouns that, right before a name, say it is a person's: "Trump's friend Gentry Beach".
PERSON_CUES = {
    "friend", "son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "son-in-law",
    "ally", "associate", "aide", "businessman", "businesswoman", "billionaire", "banker", "investor",
    "lawyer", "journalist", "oligarch", "entrepreneur", "tycoon", "financier", "mr", "mrs", "ms", "dr",
}  # fmt: skip
ORG_HEADS = {"Airport", "Bank", "Fund", "Group", "Corporation", "Company", "Agency", "Ministry", "Inc", "Ltd"}
POSSESSIVE = {"'s", "’s", "ʼs", "'", "’", "ʼ"}  # ʼ: the modifier letter some outlets write
# lower-case particles inside personal names: "Ursula von der Leyen", "Vincent van Gogh"
NAME_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "la",
    "le",
    "bin",
    "ibn",
    "al",
    "ter",
}
# the titles that take a portfolio before them ("energy secretary"), unlike "committee chairman"
PORTFOLIO_HEADS = {"minister", "secretary"}
# modifiers of a title that are no portfolio: "deputy minister", "prime minister"
TITLE_MODIFIERS = {
    "deputy",
    "vice",
    "first",
    "acting",
    "prime",
    "chief",
    "senior",
    "general",
    "special",
    "former",
}


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    type: EntityType
    origin: str
    ref: str | None = None
    ner_label: str | None = None

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


def trim(span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in TRIM_LEFT or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        if doc[end - 1].text in {".", ")"} and end - start > 1 and "." in doc[start:end].text[:-1]:
            break  # "U.S." and "Inc." keep their dot
        end -= 1
    return start, end


def headline_lines(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of lines set in headline case (most content words capitalised)."""
    ranges = []
    offset = 0
    for line in doc.text.split("\n"):
        words = [w for w in line.split() if w[:1].isalpha()]
        if len(words) >= 4:
            caps = sum(1 for w in words if w[0].isupper())
            if caps / len(words) >= 0.75 and not line.rstrip().endswith((".", "?", "!", "»", '"')):
                ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges


VENUES = {"summit", "talks", "meeting", "meetings", "conference", "forum", "court", "office", "headquarters",
          "airport", "region", "suburb", "hotel", "residence", "format", "process"}  # fmt: skip


def _venue_modifier(doc: Doc, end: int) -> bool:
    last = doc[end - 1]
    return last.dep_ in {"compound", "amod", "nmod"} and last.head.i >= end and last.head.lower_ in VENUES


def _listed_with(
    doc: Doc, start: int, end: int, ner_types: dict[tuple[int, int], EntityType], kind: str
) -> bool:
    """Whether the name stands in a coordination with another name NER gives the same type."""
    tok = doc[end - 1]
    if tok.tag_ not in {"NNP", "NNPS"}:
        return False
    kinds_at = {s: t for (s, _), t in ner_types.items()}
    related = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
    for other in related:
        span_start = other.left_edge.i if other.dep_ != "conj" else other.i
        if kinds_at.get(span_start) == kind or kinds_at.get(other.i) == kind:
            return True
    return False


def _retype(doc: Doc, start: int, end: int, label: str, titles: frozenset[str]) -> EntityType:
    """Fix the small model's commonest confusions from the name's own head word and its context."""
    if doc[end - 1].text in ORG_HEADS and label in {"FAC", "GPE", "LOC", "PERSON"}:
        return "Organization"
    if label != "PERSON" and end - start in (2, 3) and all(t.is_title for t in doc[start:end]):
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and (prev.lower_.rstrip(".") in PERSON_CUES or prev.lower_ in titles):
            return "Person"
    return LABELS[label]


# after a leader's name, the leader's government or campaign (an organisation, not the person)
GOVERNMENTS = {"administration", "team", "government", "cabinet", "campaign"}


def _in_ranges(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= char < b for a, b in ranges)


def _split(doc: Doc, span: Span) -> list[Span]:
    """NER sometimes runs two names together: "Rosatom, Rosneft", "Joe Biden's Trump". Split at commas,
    and inside person names at a possessive."""
    parts: list[Span] = []
    start = span.start
    for tok in span:
        if tok.text in {",", ";"} or (
            span.label_ == "PERSON" and tok.text in POSSESSIVE and tok.i < span.end - 1
        ):
            if tok.i > start:
                parts.append(Span(doc, start, tok.i, label=span.label_))
            start = tok.i + 1
    if start < span.end:
        parts.append(Span(doc, start, span.end, label=span.label_))
    return parts


def lowercase_acronyms(doc: Doc) -> set[str]:
    """Acronyms the text defines for common nouns: "artificial intelligence (AI)" makes AI no name."""
    found = set()
    for match in ACRONYM_DEF.finditer(doc.text):
        acronym = match.group(2)
        letters = acronym[:-1] if acronym.endswith("s") else acronym
        words = match.group(1).split()[-(len(letters) + 2) :]
        while words and not words[0][0].islower():
            words = words[1:]  # "Energy and artificial intelligence (AI)": the lower-case run
        if words and _initials_in(letters.lower(), [w[0] for w in words]):
            found.add(acronym)
            found.add(letters)
    return found


def _initials_in(letters: str, initials: list[str]) -> bool:
    """The acronym's letters as initials, in order, ending at the last word ("small modular nuclear
    reactors" for SMR)."""
    if not initials or initials[-1] != letters[-1]:
        return False
    it = iter(initials)
    return all(any(c == x for x in it) for c in letters)


def _split_person(doc: Doc, cand: Candidate, surnames: set[str], singles: set[str]) -> list[Candidate]:
    """ "Trump Whitkoff": NER ran two people together. Split when the first word is another person's
    surname in this article and the rest is found alone elsewhere in it."""
    if cand.ner_label != "PERSON" or cand.end - cand.start != 2:
        return [cand]
    first, rest = doc[cand.start].text, doc[cand.start + 1 : cand.end].text
    if first in surnames and rest in singles:
        return [Candidate(cand.start, cand.start + 1, "Person", "ner", None, "PERSON"),
                Candidate(cand.start + 1, cand.end, "Person", "ner", None, "PERSON")]  # fmt: skip
    return [cand]


def find_candidates(
    doc: Doc,
    matcher: GazetteerMatcher,
    adjectives: frozenset[str] = frozenset(),
    titles: frozenset[str] = frozenset(),
    title_phrases: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """``titles``: single title words ("president", "ceo"); ``title_phrases``: all titles, multi-word ones
    too ("foreign minister", "secretary of state"), which tell a portfolio word from a name."""
    ents = _join_particles(doc, [e for e in doc.ents if e.label_ in LABELS])
    ner_spans = [p for e in ents for p in _split(doc, e)]
    portfolios = _portfolios(title_phrases, titles)
    common = lowercase_acronyms(doc)
    ner_types = {(e.start, e.end): LABELS[e.label_] for e in doc.ents if e.label_ in LABELS}
    gaz: list[Candidate] = []
    for hit in matcher(doc):
        agreed = ner_types.get((hit.start, hit.end)) == hit.entry.type
        if (
            hit.ambiguous
            and not agreed
            and not _listed_with(doc, hit.start, hit.end, ner_types, hit.entry.type)
        ):
            continue  # "Mars", "Gap", "X": only where NER agrees, or in a list of names of the same kind
        kind = hit.entry.type
        if doc[hit.start : hit.end].text in hit.entry.capitals and _venue_modifier(doc, hit.end):
            # "the Brussels summit": the city as a place, not the state
            gaz.append(Candidate(hit.start, hit.end, "Location", "gazetteer", None))
            continue
        gaz.append(Candidate(hit.start, hit.end, kind, "gazetteer", hit.entry.ref))
    gaz = _longest_first(gaz)

    heads = headline_lines(doc)
    body_texts = {doc[e.start : e.end].text for e in ner_spans if not _in_ranges(e.start_char, heads)}
    ner: list[Candidate] = []
    for ent in ner_spans:
        start, end = trim(ent)
        title_words = 0
        while start < end - 1 and doc[start].lower_ in titles:
            start += 1  # "Chancellor Olaf Scholz": the title is not the name, but says it is a person's
            title_words += 1
        if ent.label_ != "PERSON":
            start, end = _title_tail(doc, start, end, titles, title_phrases, portfolios)
        if start >= end:
            continue
        text = doc[start:end].text
        if _in_ranges(ent.start_char, heads) and text not in body_texts:
            continue
        if not any(t.is_alpha and t.text[0].isupper() for t in doc[start:end]):
            continue  # lower-case "the company" is not a name
        if text in adjectives or text in common or (ent.label_ == "PERSON" and len(text) < 3):
            continue  # "Ukrainian", "AI" defined as "artificial intelligence (AI)", "Ed."
        kind = "Person" if title_words else _retype(doc, start, end, ent.label_, titles)
        ner.append(Candidate(start, end, kind, "ner", None, ent.label_))
    persons = [doc[c.start : c.end].text for c in ner if c.type == "Person"]
    surnames = {p.split()[-1] for p in persons if len(p.split()) > 1}
    singles = {p for p in persons if len(p.split()) == 1} | {
        doc[i].text
        for i in range(len(doc))
        if doc[i].tag_ == "NNP"
        and (i == 0 or doc[i - 1].tag_ != "NNP")
        and (i + 1 == len(doc) or doc[i + 1].tag_ != "NNP")
    }
    ner = [part for c in ner for part in _split_person(doc, c, surnames, singles)]
    person_words = surnames | {p for p in persons if len(p.split()) == 1}
    for c in ner:
        if c.type == "Person" or (c.end - c.start == 1 and doc[c.start].text in person_words):
            after = doc[c.end] if c.end < len(doc) else None
            if after is not None and after.lower_ in GOVERNMENTS and after.is_lower:
                # "the Trump administration", "the Biden team": a government named after its leader
                c.end, c.type = c.end + 1, "Organization"
    gaz_tokens = {i: g.type for g in gaz for i in range(g.start, g.end)}
    for c in ner:
        if c.type == "Person" and any(gaz_tokens.get(i) == "Country" for i in range(c.start, c.end)):
            c.type = "Organization"  # "Raven Russia": a company named after a country, not a person
    return [c for c in _merge(gaz, ner, doc) if not is_modifier(doc, c)]


def _join_particles(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name cut at a lower-case particle ("Ursula von der" + "Leyen" as a place): the name
    runs on over the capitalised words after the particle, and the span those words were given goes."""
    taken: set[int] = set()
    joined: list[Span] = []
    for ent in ents:
        end = ent.end
        if ent.label_ == "PERSON" and doc[end - 1].lower_ in NAME_PARTICLES and doc[end - 1].is_lower:
            while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                end += 1
        if end > ent.end:
            joined.append(Span(doc, ent.start, end, label=ent.label_))
            taken.update(range(ent.end, end))
        else:
            joined.append(ent)
    return [e for e in joined if e.label_ == "PERSON" or not any(i in taken for i in range(e.start, e.end))]


def _portfolios(title_phrases: frozenset[str], titles: frozenset[str]) -> frozenset[str]:
    """Words that make a title of a title word after them ("foreign" of "foreign minister", "energy" of
    "energy minister"): then "Energy Secretary" is a title too, not an organisation and a title."""
    found = set()
    for phrase in title_phrases:
        words = phrase.split()
        if len(words) == 2 and words[1] in PORTFOLIO_HEADS and words[0] not in titles | TITLE_MODIFIERS:
            found.add(words[0])
    return frozenset(found)


def _title_tail(
    doc: Doc,
    start: int,
    end: int,
    titles: frozenset[str],
    phrases: frozenset[str],
    portfolios: frozenset[str],
) -> tuple[int, int]:
    """An organisation span that swallowed the title of the person named after it: "Kremlin Spokesman
    Dmitry Peskov" (Kremlin), "U.S. Energy Secretary Chris Wright" (U.S.), "Defense Minister Andrei
    Belousov" (no organisation), "Secretary of State Marco Rubio" (no organisation)."""
    after = doc[end] if end < len(doc) else None
    if after is None:
        return start, end
    if after.is_title or after.is_upper:
        while end - start > 1 and doc[end - 1].lower_ in titles:
            end -= 1
    if doc[end - 1].lower_ in portfolios or doc[end - 1].lower_ in titles:
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.lower_ in titles:
            while end > start and (doc[end - 1].lower_ in portfolios or doc[end - 1].lower_ in titles):
                end -= 1
    completes = start >= 2 and doc[start - 1].lower_ == "of"
    if completes and f"{doc[start - 2].lower_} of {doc[start:end].text.lower()}" in phrases:
        end = start  # the whole span is the end of a title
    return start, end


def _longest_first(cands: list[Candidate]) -> list[Candidate]:
    """Drop gazetteer matches nested in or overlapping a longer one."""
    kept: list[Candidate] = []
    taken: set[int] = set()
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if any(i in taken for i in range(cand.start, cand.end)):
            continue
        kept.append(cand)
        taken.update(range(cand.start, cand.end))
    return kept


def is_modifier(doc: Doc, cand: Candidate) -> bool:
    """ "a Kyiv-born banker", "a US-led coalition": the name is part of an adjective, not a mention."""
    return (
        cand.end + 1 < len(doc)
        and doc[cand.end].text == "-"
        and doc[cand.end + 1].is_lower
        and doc[cand.end + 1].text.endswith(
            (
                "born",
                "based",
                "led",
                "backed",
                "owned",
                "made",
                "linked",
                "controlled",
                "style",
                "friendly",
                "leaning",
            )
        )
    )


def _merge(gaz: list[Candidate], ner: list[Candidate], doc: Doc) -> list[Candidate]:
    result: list[Candidate] = []
    used_gaz: set[int] = set()
    for cand in ner:
        inside = [i for i, g in enumerate(gaz) if g.start < cand.end and cand.start < g.end]
        if not inside:
            result.append(cand)
            continue
        covering = [i for i in inside if gaz[i].start <= cand.start and cand.end <= gaz[i].end]
        if covering:
            continue  # the gazetteer match stands for it
        longer_name = all(
            cand.start <= gaz[i].start and gaz[i].end <= cand.end for i in inside
        ) and cand.ner_label in {"ORG", "FAC", "PERSON", "LOC"}
        extra = [
            t for t in doc[cand.start : cand.end] if not any(gaz[i].start <= t.i < gaz[i].end for i in inside)
        ]
        if longer_name and any(t.is_alpha and t.text[0].isupper() for t in extra):
            result.append(cand)
            used_gaz.update(inside)
    result.extend(g for i, g in enumerate(gaz) if i not in used_gaz)
    return sorted(result, key=lambda c: c.start)
