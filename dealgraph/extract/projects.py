"""Named projects that NER does not know: a project head noun with a named modifier.

"the US-Russia joint Mars exploration mission", "a joint mission to Mars", "an undersea tunnel across
the Bering Strait": the head is a project noun (mission, tunnel, pipeline, ...), and the phrase is named
either by a capitalised pre-modifier or by a prepositional object that is a name. The mention runs from the
first capitalised modifier (or, without one, the first word after the determiner) through the head and
its named object. Plural heads ("joint projects") are generic and not taken. Demonym adjectives alone
("Russian energy project") do not make a name. A scheme the text names in quotes is one too ("a
“solidarity loan”", the "price cap"): two to five words ending in a scheme noun (loan, plan, package
...). So is a plan named by its number of points ("the 12-point plan").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dealgraph.extract.candidates import Candidate, headline_lines

PROJECT_HEADS = {
    "mission", "tunnel", "pipeline", "bridge", "corridor", "railway", "railroad", "canal",
    "project", "programme", "program", "plant", "terminal", "mine", "refinery", "spaceport",
    "cosmodrome", "megaproject",
}  # fmt: skip
PLACE_PREPS = {"to", "across", "under", "through", "on", "in"}
MODIFIER_POS = {"NOUN", "PROPN", "ADJ"}


def _is_named(token: Token, adjectives: frozenset[str]) -> bool:
    return token.text[:1].isupper() and token.is_alpha and token.text not in adjectives


LINEAR_PREPS = {"to", "across", "under", "through", "between"}


def _linear_place(doc: Doc, i: int) -> int | None:
    """The end of "to [the] Name Name" starting at token i, if that is what follows."""
    if i >= len(doc) or doc[i].lower_ not in LINEAR_PREPS:
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    k = j
    while k < len(doc) and doc[k].tag_ in {"NNP", "NNPS"}:
        k += 1
    return k if k > j else None


def in_headline(doc: Doc, token_index: int) -> bool:
    char = doc[token_index].idx
    return any(a <= char < b for a, b in headline_lines(doc))


def find_projects(
    doc: Doc, taken: set[int], adjectives: frozenset[str], taken_names: frozenset[int] = frozenset()
) -> list[Candidate]:
    found: list[Candidate] = []
    for head in doc:
        if head.lower_ not in PROJECT_HEADS or head.tag_ in {"NNS", "NNPS"} or head.i in taken:
            continue
        # the run of modifiers immediately before the head (nouns, names, adjectives, "US-Russia")
        start = head.i
        while start > 0:
            prev = doc[start - 1]
            if prev.text == "-" and start > 1 and doc[start - 2].is_alpha:
                start -= 1
                continue
            if prev.pos_ not in MODIFIER_POS or prev.tag_ == "POS" or prev.lower_ in PROJECT_HEADS:
                break
            start -= 1
        named_left = [t for t in doc[start : head.i] if _is_named(t, adjectives)]
        end = head.i + 1
        pp_named = False
        # a name before the head already names the project: a "to" phrase after it is where it goes or
        # whom it is offered to ("a joint Mars mission to the United States"), not part of the name
        for child in head.rights if not named_left else []:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS and child.i == head.i + 1:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].tag_ in {"NNP", "NNPS"}:
                    obj = objects[0]
                    span_end = max(t.i for t in obj.subtree if t.tag_ in {"NNP", "NNPS"} or t.i <= obj.i) + 1
                    end = max(end, span_end)
                    pp_named = True
        if not pp_named and not named_left:
            linear = _linear_place(doc, head.i + 1)  # "a joint mission to Mars" however it is parsed
            if linear is not None:
                end, pp_named = max(end, linear), True
        if not named_left and not pp_named:
            continue
        if named_left and doc[start].text[:1].islower():
            start = named_left[0].i
        if in_headline(doc, start):
            # headline case capitalises verbs too ("... to Advance US-Russia Joint Mars Mission"):
            # there, the name starts at the first word known as a name
            while start < head.i and start not in taken_names and doc[start].text != "-":
                start += 1
        found.append(Candidate(start, end, "Project", "project-rule"))
    return found + _quoted_schemes(doc, taken) + _numbered_plans(doc, taken)


PLAN_HEADS = {"plan", "proposal", "formula", "framework", "roadmap"}


def _numbered_plans(doc: Doc, taken: set[int]) -> list[Candidate]:
    """A plan named by its number of points: "the 12-point plan", "a six-point peace proposal"."""
    found: list[Candidate] = []
    for tok in doc:
        if tok.lower_ != "point" or tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 2].pos_ != "NUM":
            continue
        end = tok.i + 1
        while (
            end < len(doc)
            and end - tok.i <= 2
            and doc[end].lower_ not in PLAN_HEADS
            and doc[end].pos_ == "NOUN"
        ):
            end += 1  # "12-point peace plan"
        if (
            end < len(doc)
            and doc[end].lower_ in PLAN_HEADS
            and not any(i in taken for i in range(tok.i - 2, end + 1))
        ):
            found.append(Candidate(tok.i - 2, end + 1, "Project", "project-rule"))
    return found


# heads of a scheme that a text names by putting it in quotes: a "solidarity loan", the "price cap"
SCHEME_HEADS = {
    "loan", "loans", "plan", "deal", "package", "fund", "mechanism", "initiative", "scheme", "cap",
    "agreement", "pact", "accord", "facility", "programme", "program", "bond", "bonds", "tax", "levy",
}  # fmt: skip
QUOTES = {'"', "“", "”", "«", "»", "„"}


def _quoted_schemes(doc: Doc, taken: set[int]) -> list[Candidate]:
    """A scheme named in quotes: two to five words ending in a scheme noun ("a 'solidarity loan' for
    Chile"), its modifiers nouns, named twice in the article or introduced as "so-called"; a leading
    determiner and trailing punctuation inside the quotes are not the name."""
    found: list[Candidate] = []
    opened: int | None = None
    for tok in doc:
        if tok.text not in QUOTES:
            continue
        if opened is None or tok.text in {"“", "«", "„"}:
            opened = tok.i
            continue
        opened_at, start, end = opened, opened + 1, tok.i
        opened = None
        while start < end and doc[start].pos_ == "DET":
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        words = doc[start:end]
        if not 2 <= len(words) <= 5 or words[-1].lower_ not in SCHEME_HEADS:
            continue
        # a name, not a figure of speech ("a 'big deal'"): noun modifiers, and named again or "so-called"
        if any(t.pos_ == "ADJ" for t in words[:-1]):
            continue
        so_called = opened_at > 0 and doc[opened_at - 1].lower_ in {"so-called", "called", "dubbed"}
        if not so_called and doc.text.lower().count(words.text.lower()) < 2:
            continue
        if any(t.i in taken or not (t.is_alpha or t.text == "-" or t.like_num) for t in words):
            continue
        found.append(Candidate(start, end, "Project", "project-rule"))
    return found
