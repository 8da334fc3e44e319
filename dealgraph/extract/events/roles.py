"""ROLE events: a person holds a position in an organisation or a state.

Four general shapes:
- a title before the name: "U.S. President Donald Trump", "former White House communications director
  Anthony Scaramucci", "Head of the Russian Direct Investment Fund Kirill Dmitriev";
- an apposition after it: "Neil Chapman, a senior executive at ExxonMobil", "Erik Prince, founder of ...";
- a copula or appointment: "X is the CEO of Y", "he was appointed the Kremlin's special envoy for trade";
- founding: "Y was founded by X", "X set up Y" (the title is "founder").
The target is the organisation or state named in the title (a name, a demonym adjective: "Russian
President", a possessor: "the Kremlin's envoy", or an "of/at/for" object).

A title before the name or in apposition is the article's own description of the person, even inside
someone's reported words; only the third shape is a statement that a reporting verb can govern.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from dealgraph.extract.events.tokens import ORG_DESCRIPTIONS, EntityIndex, in_quotes

TARGET_TYPES = {"Organization", "Country"}
APPOINT = {"appoint", "name", "make", "elect", "nominate", "become", "be", "serve", "remain", "work"}
DROP = {"DET", "PUNCT", "CCONJ"}
# prepositions inside a title before a name: "special envoy for investment X", "ambassador to the UN X"
TITLE_PREPS = {"for", "on", "with", "to", "in"}


FOUND_VERBS = {"found", "co-found", "cofound", "set"}
# phrases after a title that say where it is held ("head of X", "an executive at Y")
HOLDER_PREPS = {"of", "at", "in", "with", "from"}
# the object of these is what a position is about, not where it is held: "an expert on X at Y" is at Y
TOPIC_PREPS = {"on", "about", "regarding", "concerning", "over"}


def _birthplace(tok: Token) -> bool:
    """A name in a "-born" compound ("a Chilean-born pastor"): a birthplace, no employer."""
    doc = tok.doc
    after = [t.lower_ for t in doc[tok.i + 1 : tok.i + 3]]
    return (
        tok.head.lower_ in {"born", "-born"} or after[:1] in (["born"], ["-born"]) or after == ["-", "born"]
    )


def _names_holder(tok: Token, head: Token, finder: RoleFinder) -> bool:
    """Whether a name in a title phrase is where the position is held: before the title ("the
    Kremlin's envoy", "White House director"), the object of "of/at" ("head of X"), or a modifier of a
    title noun there ("representative of the Russian President") — not a modifier of some other noun
    ("founder of the U.S. company Blackwater" is not held in the U.S.), not a topic ("an expert on X"),
    not a birthplace ("a Chilean-born pastor")."""
    if _birthplace(tok):
        return False
    if tok.i < head.i:
        return True
    if tok.dep_ == "pobj":
        return tok.head.lower_ not in TOPIC_PREPS
    parent = tok.head
    while parent.dep_ in {"compound", "flat"} and parent.head.i != parent.i:
        parent = parent.head
    if parent.dep_ == "pobj" and parent.head.lower_ in TOPIC_PREPS:
        return False
    if parent.dep_ == "pobj" and (
        finder.is_title(parent) or (tok.dep_ in {"compound", "flat"} and parent.i == tok.i)
    ):
        return True
    return parent.dep_ == "pobj" and tok.dep_ in {"compound", "flat"} and parent.pos_ == "PROPN"


def _names_a_holder(prep: Token, index: EntityIndex) -> bool:
    """An "of/at/in" phrase after a title that names where it is held ("of the polling firm X", "at
    Harvard"), not a part of the title itself ("chief of staff", "head of policy")."""
    if prep.lower_ not in HOLDER_PREPS:
        return False
    return any(
        t.i in index.token_entity or t.pos_ == "PROPN" or t.lower_ in ORG_DESCRIPTIONS for t in prep.subtree
    )


def _named_after_kind(head: Token, index: EntityIndex) -> str | None:
    """ "the CEO of the fast-food chain X": the organisation named right after the kind of business that
    is the object of the title's "of" (the parser often hangs the name elsewhere)."""
    for t in head.subtree:
        if (
            t.dep_ == "pobj"
            and t.head.lower_ == "of"
            and t.lower_ in ORG_DESCRIPTIONS
            and t.i + 1 < len(t.doc)
        ):
            key = index.token_entity.get(t.i + 1)
            if key is not None and index.types.get(key) == "Organization":
                return key
    return None


class RoleFinder:
    def __init__(self, title_heads: frozenset[str]) -> None:
        self.heads = title_heads

    def is_title(self, tok: Token) -> bool:
        return tok.lower_ in self.heads or tok.lemma_.lower() in self.heads

    def find(self, doc: Doc, index: EntityIndex) -> Iterator[tuple[str, str, str, Token, bool]]:
        """(person key, target key, title text, anchor token, stated) for each role found; ``stated``
        when a clause says it ("X is the CEO of Y"), not a title or an apposition."""
        seen: set[tuple[str, str]] = set()
        for tok in doc:
            person = index.token_entity.get(tok.i)
            if person is None and tok.lower_ in {"he", "she"} and tok.dep_ in {"nsubj", "nsubjpass"}:
                person = index.direct(tok)  # "he was appointed the Kremlin's envoy"
            if person is None or index.types.get(person) != "Person":
                continue
            if tok.i + 1 < len(doc) and index.token_entity.get(tok.i + 1) == person:
                continue  # act once per mention, on its last token
            for target, title, anchor, stated in self._around(doc, tok, person, index):
                if (person, target) not in seen and target != person:
                    seen.add((person, target))
                    yield person, target, title, anchor, stated

    def _around(
        self, doc: Doc, tok: Token, person: str, index: EntityIndex
    ) -> Iterator[tuple[str, str, Token, bool]]:
        start = tok.i
        while start > 0 and index.token_entity.get(start - 1) == person:
            start -= 1
        # 1. a title run right before the name, unless the name is the object of a preposition there
        # ("the head of Sikh Americans for Trump": Trump heads nothing)
        if start == 0 or doc[start - 1].pos_ != "ADP":
            for pre in self._title_run(doc, start - 1, index, person):
                yield (*pre, False)
        # 2. an apposition after it: ", a senior executive at X"
        for child in doc[start : tok.i + 1]:
            for appos in (c for c in child.children if c.dep_ == "appos"):
                found = self._title_phrase(appos, index, person)
                if found is not None:
                    yield (*found, False)
        # 4. founding: "Y was founded by X (and Z)", "X founded Y"
        found = self._founded(tok, index, person)
        if found is not None:
            yield (*found, True)
        # 3. copula or appointment: "X is the CEO of Y", "X was appointed the Kremlin's envoy"
        head = tok.head if tok.dep_ in {"nsubj", "nsubjpass"} else None
        if head is not None and head.lemma_ in APPOINT:
            for child in head.children:
                if child.dep_ in {"attr", "oprd", "dobj"} and head.lemma_ != "work":
                    found = self._title_phrase(child, index, person)
                    if found is not None:
                        yield (*found, True)
                if child.dep_ == "prep" and child.lower_ == "as":
                    for obj in child.children:
                        found = self._title_phrase(obj, index, person)
                        if found is not None:
                            yield (*found, True)

    def _title_run(self, doc: Doc, end: int, index: EntityIndex, person: str) -> list[tuple[str, str, Token]]:
        """Scan left from just before the name over title words, names and "of". Every organisation or
        state named in the run is a target: "Russian Direct Investment Fund CEO and special presidential
        envoy X" holds both; "US Treasury Secretary X" is of the Treasury and of the United States."""
        i = end
        words: list[Token] = []
        targets: list[str] = []
        while i >= 0 and end - i < 16:
            t = doc[i]
            if t.text == ")" and i >= 2 and doc[i - 2].text == "(" and words:
                short = index.direct(doc[i - 1], titles=False)
                if short is not None and index.types.get(short) in TARGET_TYPES:
                    i -= 3  # "the Russian Direct Investment Fund (RDIF) CEO": the name's short form
                    continue
            if t.text == ")":
                # "the head of Codelco (Chile's state copper company) X": a gloss on the organisation
                opening = next((j for j in range(i - 1, max(-1, i - 12), -1) if doc[j].text == "("), None)
                before = doc[opening - 1] if opening is not None and opening > 0 else None
                glossed = before is not None and index.types.get(index.direct(before, titles=False) or "")
                if before is not None and glossed in TARGET_TYPES:
                    i = before.i
                    continue
            if t.lower_ == "and" and i > 0 and self.is_title(doc[i - 1]) and any(map(self.is_title, words)):
                words.append(t)  # "RDIF CEO and special presidential envoy X": two titles, one person
                i -= 1
                continue
            key = index.direct(t, titles=False)
            if key is not None and key != person and index.types.get(key) in TARGET_TYPES:
                if key not in targets:
                    targets.append(key)
            elif key is not None:
                break
            elif t.is_title or t.is_lower or t.text in {"of", "-"} or self.is_title(t):  # "CEO"
                # "envoy for investment and economic cooperation X": a preposition, or a list in its
                # object, inside the title
                listed = t.lower_ == "and" and any(w.lower_ in TITLE_PREPS for w in doc[max(0, i - 4) : i])
                inner = (t.lower_ in TITLE_PREPS or listed) and self._title_before(doc, i)
                if (
                    t.pos_ in {"VERB", "AUX", "PRON", "ADP", "SCONJ", "CCONJ"}
                    and t.lower_ != "of"
                    and not inner
                ) or (t.is_punct and t.text != "-"):
                    break
                if inner:
                    targets.clear()  # "Russia's ambassador in Washington X": a posting, not an employer
                if t.pos_ == "DET" and not (
                    i + 1 <= end and index.direct(doc[i + 1], titles=False) is not None
                ):
                    break  # "head of the Fund X": a determiner only before a name
            else:
                break
            words.append(t)
            i -= 1
        words.reverse()
        if not targets and person in index.offices:
            # "President Vladimir Putin": a bare head title of a known head of state names the office of
            # that person's state (when the article names the state)
            state, offices = index.offices[person]
            cut = max((k + 1 for k, w in enumerate(words) if w.lower_ in TITLE_PREPS), default=0)
            # the title next to the name: "advisor to President X" is President X's
            near = words[cut:]
            bare = " ".join(w.lower_ for w in near if w.lower_ not in {"former", "then", "late"})
            if bare in offices:
                return [(state, " ".join(w.text for w in near), next(w for w in near if self.is_title(w)))]
        if not any(self.is_title(w) for w in words) or not targets:
            return []
        kept = [
            w
            for w in words
            if (index.direct(w, titles=False) is None or w.lower_ == "of") and w.tag_ != "POS"
        ]
        while kept and (kept[-1].lower_ in TITLE_PREPS | {"of"}):
            kept.pop()  # "Ambassador in [Washington]": the title ends before its place
        title = " ".join(w.text for w in kept).strip().removeprefix("of ").strip()
        anchor = next(w for w in words if self.is_title(w))
        return [(target, title, anchor) for target in targets]

    @staticmethod
    def _founded(tok: Token, index: EntityIndex, person: str) -> tuple[str, str, Token] | None:
        """The organisation a person founded: the passive subject of "founded by" the person (or a list
        with the person in it), or the object of the person's "founded"."""
        head = tok
        while head.dep_ in {"conj", "appos"} and head.head.i != head.i:
            head = head.head
        verb, relation = None, ""
        if head.dep_ == "pobj" and head.head.dep_ == "agent":
            verb, relation = head.head.head, "nsubjpass"
        elif head.dep_ == "nsubj":
            verb, relation = head.head, "dobj"
        if verb is None or verb.lemma_ not in FOUND_VERBS or in_quotes(verb):
            return None  # "Trump's claim that Obama 'founded ISIS'": someone's words
        if verb.lemma_ == "set" and not any(c.lower_ == "up" for c in verb.children):
            return None  # "set up X", not "set a deadline"
        for child in verb.children:
            key = index.direct(child, titles=False) if child.dep_ == relation else None
            if key is not None and key != person and index.types.get(key) == "Organization":
                return key, "founder", verb
        return None

    def _title_before(self, doc: Doc, i: int) -> bool:
        """Whether a title word comes shortly before position ``i`` in the same phrase: then a preposition
        at ``i`` is inside the title ("special envoy for economic cooperation with foreign countries X")."""
        for t in reversed(doc[max(0, i - 6) : i]):
            if t.pos_ in {"VERB", "AUX"} or (t.is_punct and t.text != "-"):
                return False
            if self.is_title(t):
                return True
        return False

    def _title_phrase(self, head: Token, index: EntityIndex, person: str) -> tuple[str, str, Token] | None:
        """A noun phrase naming a position: its title words, and the organisation it is held in."""
        if not self.is_title(head) and not any(self.is_title(c) for c in head.lefts):
            return None
        target: str | None = None
        title_tokens: list[Token] = []
        # what the title says of its holder ends where a clause or a list on it starts ("a former adviser
        # who supported X", "a member of Y and the head of Z"), and a place or employer phrase after it is
        # the target's, not the title's words ("co-founder of the polling firm X")
        outside = {
            t.i
            for c in head.children
            if c.i > head.i
            and (c.dep_ in {"cc", "conj", "relcl", "acl"} or (c.dep_ == "prep" and _names_a_holder(c, index)))
            for t in c.subtree
        }
        for t in head.subtree:
            if t.i > head.i and t.dep_ in {"cc", "conj", "relcl", "acl", "punct"} and t.head.i == head.i:
                break
            if t.i in outside and index.direct(t, titles=False) is None:
                continue
            key = index.direct(t, titles=False)
            if key is not None and key != person and index.types.get(key) in TARGET_TYPES:
                if _names_holder(t, head, self):
                    target = target or key
                continue
            if t.pos_ in DROP or t.tag_ == "POS" or key is not None:
                continue
            if t.i > head.i and t.dep_ == "prep" and _names_a_holder(t, index):
                continue
            if t.i > head.i and any(
                a.dep_ == "pobj" and index.direct(a, titles=False) is not None for a in t.ancestors
            ):
                continue
            title_tokens.append(t)
        if target is None:
            target = _named_after_kind(head, index)
        if target is None:
            return None
        title = " ".join(t.text for t in sorted(title_tokens, key=lambda t: t.i))
        return target, title, head
