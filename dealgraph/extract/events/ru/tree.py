"""A plain dependency tree of one Russian sentence, and which in-article entity each token stands for.

The rules read ``Sentence``s, not natasha's objects, so tests can build trees from words, heads and
labels (``Sentence.build``) and a parser upgrade tells a rule change from a parse change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dealgraph.model import Entity


@dataclass(frozen=True)
class Tok:
    i: int  # index in the sentence
    text: str
    lemma: str
    pos: str
    rel: str  # UD relation to the head
    head: int  # index of the head, -1 for the root
    start: int  # character offsets in the article
    end: int
    feats: tuple[tuple[str, str], ...] = ()

    def feat(self, name: str) -> str | None:
        return dict(self.feats).get(name)


@dataclass
class Sentence:
    toks: list[Tok]
    start: int
    end: int
    text: str = ""  # the sentence's text (from ``start``)
    kids: dict[int, list[Tok]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for t in self.toks:
            if t.head >= 0:
                self.kids.setdefault(t.head, []).append(t)

    def children(self, tok: Tok, *rels: str) -> list[Tok]:
        kids = self.kids.get(tok.i, [])
        return [k for k in kids if not rels or k.rel in rels or k.rel.split(":")[0] in rels]

    def head(self, tok: Tok) -> Tok | None:
        return self.toks[tok.head] if tok.head >= 0 else None

    def subtree(self, tok: Tok) -> Iterator[Tok]:
        yield tok
        for kid in self.kids.get(tok.i, []):
            if kid.i != tok.i:
                yield from self.subtree(kid)

    def prep(self, tok: Tok) -> str | None:
        """The case preposition of a nominal ("с США" -> "с"; "в отношении X" -> "в_отношение")."""
        for kid in self.children(tok, "case"):
            if kid.pos == "ADP":
                fixed = [f.lemma.lower() for f in self.children(kid, "fixed")]
                return "_".join([kid.lemma.lower(), *fixed])
        return None

    @classmethod
    def build(cls, words: Sequence[tuple[str, str, str, str, int]], offset: int = 0) -> Sentence:
        """A sentence from (text, lemma, pos, rel, head) rows, heads 1-based (0 the root) as in CoNLL-U;
        tokens are separated by one space from ``offset``. Case goes in ``feats`` through the lemma
        row's optional "|Case=..." suffix on pos ("NOUN|Case=Gen")."""
        toks, at = [], offset
        for i, (text, lemma, pos, rel, head) in enumerate(words):
            pos, _, feats = pos.partition("|")
            pairs = tuple(tuple(f.split("=", 1)) for f in feats.split(",") if "=" in f)
            toks.append(Tok(i, text, lemma, pos, rel, head - 1, at, at + len(text), pairs))  # type: ignore[arg-type]
            at += len(text) + 1
        return cls(toks, offset, at - 1, " ".join(w[0] for w in words))


def _crossing(toks: Sequence[Tok], dep: Tok, head: int) -> bool:
    """Whether the arc head -> dep crosses another arc (a non-projective attachment)."""
    low, high = sorted((dep.i, head))
    return any(not low <= t.head <= high for t in toks[low + 1 : high])


def repaired(toks: list[Tok]) -> list[Tok]:
    """Two frequent parse errors, mended: a case-marked phrase attached across other arcs goes to the
    nearest noun or verb before it ("ведут переговоры с США о ..., рассказал X на встрече": "с США" is
    the talks', not the meeting's); a second subject after a verb that has one before it is its object
    ("Минфин внес ЛУКОЙЛ в список")."""
    toks = _acyclic(toks)
    colon = next((t.i for t in toks[1:8] if t.text == ":"), None)
    if colon is not None:  # a headline's speaker: "Глава X Y: Россия и Индия обсуждают ..."
        for n, tok in enumerate(toks):
            if tok.head >= 0 and (n < colon) != (tok.head < colon) and n != colon:
                toks[n] = replace(tok, head=-1, rel="root")
    for n, tok in enumerate(toks):
        if tok.rel.split(":")[0] not in {"nmod", "obl"} or tok.head < 0 or not _crossing(toks, tok, tok.head):
            continue
        if not any(k.head == n and k.rel == "case" for k in toks):
            continue
        inside = _subtree(toks, n)
        for j in range(min(inside) - 1, -1, -1):
            cand = toks[j]
            if cand.pos in {"NOUN", "PROPN", "VERB"} and j not in inside and not _crossing(toks, tok, j):
                rel = "obl" if cand.pos == "VERB" else "nmod"
                toks[n] = replace(tok, head=j, rel=rel)
                break
    for verb in toks:
        subjects = [t for t in toks if t.head == verb.i and t.rel == "nsubj"]
        if len(subjects) > 1 and subjects[0].i < verb.i:
            for late in subjects[1:]:
                if late.i > verb.i:
                    toks[late.i] = replace(late, rel="obj")
    return toks


def _acyclic(toks: list[Tok]) -> list[Tok]:
    """The parser can attach a word to itself or close a cycle: such a word goes to the nearest noun
    or verb before it that does not depend on it, or becomes a root."""
    toks = list(toks)
    for n in range(len(toks)):
        seen, at = {n}, toks[n].head
        while at >= 0 and at not in seen:
            seen.add(at)
            at = toks[at].head
        if at != n:
            continue  # no cycle, or one above this word (mended at one of its own words)
        below = _subtree(toks, n)
        left = [t.i for t in toks[:n] if t.pos in {"NOUN", "PROPN", "VERB"} and t.i not in below]
        toks[n] = replace(toks[n], head=left[-1] if left else -1, rel=toks[n].rel if left else "root")
    return toks


def _subtree(toks: Sequence[Tok], root: int) -> set[int]:
    found, grew = {root}, True
    while grew:
        more = {t.i for t in toks if t.head in found and t.i not in found and t.head != t.i}
        grew = bool(more)
        found |= more
    return found


def sentences(doc: Any) -> list[Sentence]:
    """natasha's Doc (segmented, tagged, parsed, lemmatised) as plain sentences."""
    result = []
    for sent in doc.sents:
        ids = {str(t.id): n for n, t in enumerate(sent.tokens)}
        toks = [
            Tok(
                n,
                str(t.text),
                str(t.lemma or t.text).lower(),
                str(t.pos),
                str(t.rel),
                ids.get(str(t.head_id), -1),
                int(t.start),
                int(t.stop),
                tuple((str(k), str(v)) for k, v in dict(t.feats or {}).items()),
            )
            for n, t in enumerate(sent.tokens)
        ]
        result.append(Sentence(repaired(toks), int(sent.start), int(sent.stop), str(sent.text)))
    return result


class EntityIndex:
    """In-article entities by character offset, by gazetteer ref, and by type."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.spans = sorted((m.start, m.end, e.key) for e in entities for m in e.mentions)
        self.types = {e.key: e.type for e in entities}
        self.by_ref = {e.ref: e.key for e in entities if e.ref}
        self.persons = sorted((m.start, e.key) for e in entities if e.type == "Person" for m in e.mentions)
        self.texts = [
            (m.text.lower(), e.key) for e in entities if e.type == "Organization" for m in e.mentions
        ]
        self.states = sorted((m.start, e.key) for e in entities if e.type == "Country" for m in e.mentions)

    def at(self, tok: Tok) -> str | None:
        """The entity one of whose mentions covers the token."""
        for start, end, key in self.spans:
            if start <= tok.start < end or (tok.start <= start < tok.end):
                return key
            if start > tok.end:
                break
        return None

    def last_states(self, before: int, count: int = 2) -> list[str]:
        """The last ``count`` different states named before this offset ("обе стороны": the two)."""
        found: list[str] = []
        for _, key in reversed([s for s in self.states if s[0] < before]):
            if key not in found:
                found.append(key)
            if len(found) == count:
                return found[::-1]
        return []

    def organisation_named(self, words: str) -> str | None:
        """The organisation one of whose mentions holds these words ("финансов" in "Министерство
        финансов РФ")."""
        words = words.lower()
        return next((key for text, key in self.texts if f" {words}" in f" {text} "), None)

    def last_person(self, before: int) -> str | None:
        """The person mentioned last before this character offset ("он" in "— сообщил он")."""
        found = None
        for start, key in self.persons:
            if start >= before:
                break
            found = key
        return found
