"""Modality and source of an event, from the trigger's clause and the article's attributions.

Precedence: denied (negated, refuted, or the complement of a withholding verb: "declined to meet"),
planned when the event's own clause states a future ("will meet", "next week", "plans to sign"), even
when a source reports it, reported (attributed to a named source), hedged, planned (wishes and
intentions), asserted. The source is whoever the article attributes the statement to, whatever the
modality: the subject of a reporting verb whose clause holds the trigger ("Dmitriev said that ..."; the
object when the subject is anonymous: "a source ... told TASS"), "according to X" and its kin attached
to the trigger's clause or one above it, or a back-reference sentence that attributes the paragraph
before it ("This is reported by X with reference to Y": Y). A reporting verb in a coordinated clause
("X said A and accused Y") or past a sentence end governs nothing of the trigger.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dealgraph.extract.events.lexicon import Modality
from dealgraph.extract.events.tokens import EntityIndex


@dataclass(frozen=True)
class Attribution:
    source: str | None  # entity key
    hedge: bool = False


def governors(tok: Token, lex: Modality) -> list[Token]:
    """The trigger and the heads above it, up to (not including) a reporting verb or the head noun of a
    relative clause."""
    chain = [tok]
    # a relative clause has its own modality ("the lawsuit X filed seeks damages": filed, not sought)
    while chain[-1].head.i != chain[-1].i and len(chain) < 8 and chain[-1].dep_ != "relcl":
        head = chain[-1].head
        if head.lemma_ in lex.report_verbs and chain[-1].dep_ in {"ccomp", "parataxis", "advcl"}:
            break
        chain.append(head)
    return chain


def _reporter(tok: Token, lex: Modality, index: EntityIndex) -> str | None:
    """The source named by a reporting verb that governs the trigger's clause."""
    node = tok
    for _ in range(10):
        head = node.head
        if head.i == node.i:
            break
        if (
            head.lemma_ in lex.report_verbs
            and head.pos_ in {"VERB", "AUX"}
            and (node.dep_ in {"ccomp", "parataxis", "advcl", "dobj"} or _second_complement(node))
            and not _line_break(tok, head)
            and not _sentence_end(tok, head)
        ):
            key = _speaker(head, index)
            if key is not None:
                return key
        node = head
    # "..., Peskov said" parsed with the reporting verb under the main clause
    for child in node.subtree if node.is_sent_start or node.dep_ == "ROOT" else ():
        # '"...", said X' parsed as a coordinated clause: a reporting verb after the trigger that reports
        # nothing of its own (no clause, no object) reports what came before
        bare = child.dep_ == "conj" and not any(
            c.dep_ in {"ccomp", "dobj", "xcomp", "parataxis"} for c in child.children
        )
        if (
            child.lemma_ in lex.report_verbs
            and (child.dep_ in {"parataxis", "ccomp"} or bare)
            and child.i > tok.i
            and not _line_break(tok, child)
            and not _sentence_end(tok, child)
        ):
            key = _speaker(child, index)
            if key is not None:
                return key
    return None


def _second_complement(node: Token) -> bool:
    """ "X said that A and that B": a coordinated clause marked "that" is a second complement of the
    reporting verb; "X said A and accused Y" coordinates a clause of X's own, which reports nothing."""
    return node.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)


# a full stop after a lower-case word or a number, then a capital: not "U.S. Senator", "Sen. X", "Inc. Chief"
SENTENCE_END = re.compile(r"\b(?:[a-z]{2,}|\d+)[.!?][\"'”’)]*\s+[\"'“‘(]*[A-Z]")


def _sentence_end(a: Token, b: Token) -> bool:
    """A full stop between the trigger and a reporting verb the parser ran into one sentence."""
    start, end = sorted((a.idx, b.idx))
    return SENTENCE_END.search(a.doc.text[start:end]) is not None


def _line_break(a: Token, b: Token) -> bool:
    """A reporting verb on another line (a headline or caption the parser ran on) governs nothing here."""
    start, end = sorted((a.idx, b.idx))
    return "\n" in a.doc.text[start:end]


def _speaker(verb: Token, index: EntityIndex) -> str | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            keys = index.resolve(child)
            if keys:
                return keys[0]
            for sub in child.subtree:  # "Kremlin spokesman Dmitry Peskov", "a source in the court's ..."
                key = index.direct(sub)
                named = key is not None and index.types.get(key) in {"Person", "Organization"}
                if named and (sub.head.i == child.i or sub.dep_ in {"compound", "appos"}):
                    return key
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"}:  # "a source ... told TASS"
            keys = index.resolve(child)
            if keys:
                return keys[0]
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in {"by", "in"}):
            for obj in child.children:
                keys = index.resolve(obj)
                if keys:
                    return keys[0]
    return None


def _clause_verb(tok: Token, end: int) -> Token:
    """The verb a phrase starting at ``tok`` and ending at char ``end`` hangs on (the root when none)."""
    node = tok
    while (node.pos_ not in {"VERB", "AUX"} or tok.idx <= node.idx < end) and node.head.i != node.i:
        node = node.head
    return node


def _phrase_source(sent: Span, lex: Modality, index: EntityIndex, trigger: Token | None = None) -> str | None:
    """The name after "according to" and its kin; with a ``trigger``, only a phrase attached to the
    trigger's clause or a clause above it ("A met B, while C, according to X, signed D": not the
    meeting)."""
    text = sent.text.lower()
    for phrase in lex.report_phrases:
        pos = text.find(phrase)
        if pos < 0:
            continue
        if trigger is not None:
            first = next((t for t in sent if t.idx >= sent.start_char + pos), None)
            if first is not None:
                verb = _clause_verb(first, sent.start_char + pos + len(phrase))
                if verb.i != trigger.i and verb not in list(trigger.ancestors):
                    continue
        char = sent.start_char + pos + len(phrase)
        for tok in sent:
            if tok.idx >= char:
                key = index.direct(tok)
                if key is not None:
                    return key
                if tok.text in {".", ";"}:
                    break
    return None


class Attributions:
    """Sources per sentence, including back-references to earlier sentences of the paragraph."""

    def __init__(self, doc: Doc, lex: Modality, index: EntityIndex) -> None:
        self.lex = lex
        self.index = index
        self.by_sentence: dict[int, str] = {}
        sents = list(doc.sents)
        for i, sent in enumerate(sents):
            if not any(p.search(sent.text.strip()) for p in lex.back_reference):
                continue
            source = _phrase_source(sent, lex, index) or self._by_agent(sent)
            if source is None:
                continue
            # A back-reference inside a paragraph covers that paragraph's earlier sentences; one that is a
            # paragraph of its own covers up to three sentences before it.
            own_paragraph = _starts_paragraph(doc, sent)
            for j in range(i - 1, max(-1, i - 4), -1):
                if any(p.search(sents[j].text.strip()) for p in lex.back_reference):
                    break
                self.by_sentence.setdefault(sents[j].start, source)
                if not own_paragraph and _starts_paragraph(doc, sents[j]):
                    break

    def _by_agent(self, sent: Span) -> str | None:
        for tok in sent:
            if tok.dep_ == "agent" or (tok.dep_ == "prep" and tok.lower_ == "by"):
                for obj in tok.subtree:
                    key = self.index.direct(obj)
                    if key is not None:
                        return key
        return None

    def direct(self, trigger: Token) -> str | None:
        """A source named in the trigger's own sentence."""
        return _reporter(trigger, self.lex, self.index) or _phrase_source(
            trigger.sent, self.lex, self.index, trigger
        )

    def source(self, trigger: Token) -> str | None:
        return self.direct(trigger) or self.by_sentence.get(trigger.sent.start)


def _starts_paragraph(doc: Doc, sent: Span) -> bool:
    return sent.start_char == 0 or "\n" in doc.text[max(0, sent.start_char - 3) : sent.start_char]


def _neither(verbs: list[Token]) -> bool:
    """ "Neither X nor Y signed the deal": a subject with "neither" denies what its verb says (not a nominal
    event it takes part in: "neither X nor Y attended the Russia-Ukraine talks" says the talks were held)."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and any(g.lower_ == "neither" for g in c.children)
        for v in verbs
        for c in v.children
    )


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(r"\b" + re.escape(p) + r"\b", text) for p in phrases)


def modality_of(trigger: Token, nominal: bool, source: str | None, lex: Modality) -> str:
    chain = governors(trigger, lex)
    children = [c for g in chain for c in g.children]
    before = trigger.doc.text[trigger.sent.start_char : trigger.idx].lower()
    if _conditional(trigger, lex):
        return "hedged"
    if any(c.dep_ == "neg" for c in trigger.children) or (
        nominal and any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children)
    ):
        return "denied"
    if any(g.lemma_ in lex.deny_verbs for g in chain[1:]) or _has_phrase(
        before + trigger.lower_, lex.deny_phrases
    ):
        return "denied"
    if (
        len(chain) > 1
        and chain[1].pos_ in {"VERB", "AUX"}
        and any(c.dep_ == "neg" for c in chain[1].children)
        and _negation_reaches(trigger, chain[1], lex)
    ):
        return "denied"
    if _withheld(trigger, lex) or (not nominal and _neither(chain[:1])):
        return "denied"
    if source is not None and _future(trigger, lex):
        return "planned"
    hedged = (
        any(c.lower_ in lex.hedge_modals and c.dep_ == "aux" for c in children)
        or any(c.lower_ in lex.hedge_adverbs for c in children)
        or any(c.lower_ in lex.hedge_adjectives for c in trigger.children)
        or any(g.lemma_ in lex.hedge_verbs for g in chain[1:])
        or _has_phrase(before + " " + trigger.lower_, lex.hedge_phrases)
        or any(c.lower_ in lex.hedge_adverbs for c in trigger.sent)
    )
    planned = (
        any(c.lower_ in lex.plan_modals and c.dep_ == "aux" for c in children)
        or any(g.lemma_.lower() in lex.plan_verbs for g in chain[1:])
        or any(g.lower_ in lex.plan_nouns for g in chain[1:])
        or _has_phrase(before, lex.plan_phrases)
        or _scheduled(trigger, lex)
    )
    # what a source says may happen or is intended is hedged or planned, with the source kept (§5)
    wish = any(g.lemma_.lower() in lex.wishes or g.lower_ in lex.wishes for g in chain[1:])
    if hedged:
        return "hedged"
    if planned and not (wish and source is not None):
        return "planned"
    return "reported" if source is not None else "asserted"


# how a trigger hangs on a negated head that negates the trigger too: "did not sign the deal", "did not
# want to meet", "it was not a meeting", "the deal was not signed"
NEGATED_LINKS = {"xcomp", "dobj", "attr", "oprd", "nsubjpass"}


def _negation_reaches(trigger: Token, head: Token, lex: Modality) -> bool:
    """Whether the negation of the trigger's head denies the trigger. A negated predicate about the event
    ("the meeting was not political", "the talks did not produce results") denies it only when it says the
    event did not occur ("the meeting did not take place"). A clause beside the trigger ("did not comment
    when they met") negates nothing of it."""
    if trigger.dep_ in NEGATED_LINKS:
        return True
    if trigger.dep_ == "conj":  # "did not meet X or sign a deal": a conjunct sharing the subject
        return not any(c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children)
    if trigger.dep_ == "nsubj":
        return head.lemma_.lower() in lex.occur_verbs or any(
            f"{head.lemma_.lower()} {c.lower_}" in lex.occur_verbs for c in head.children
        )
    return False


def _conditional(trigger: Token, lex: Modality) -> bool:
    """The trigger is in a conditional or counterfactual clause: one marked "if/unless" ("if X had met
    Y, ...", "unless X signs the deal"), or one opened by an inverted auxiliary ("had X met Y, ...",
    "were X to sign"), at any depth below the main clause; a relative clause inside it is presupposed."""
    node = trigger
    for _ in range(12):
        if any(c.dep_ == "mark" and c.lower_ in lex.conditionals for c in node.children):
            return True
        if node.dep_ in {"advcl", "ccomp"} and _inverted(node, lex):
            return True
        if node.dep_ in {"relcl", "acl"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _inverted(clause: Token, lex: Modality) -> bool:
    """A clause opened by an auxiliary before its subject, with no conjunction: "had X met Y"."""
    if any(c.dep_ == "mark" for c in clause.children):
        return False
    first = clause.left_edge
    opener = first.i == clause.i or (first.head.i == clause.i and first.dep_ in {"aux", "auxpass"})
    return (
        opener
        and first.lower_ in lex.inverted
        and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i > first.i for c in clause.children)
    )


def _scheduled(trigger: Token, lex: Modality) -> bool:
    """A scheduled event not yet held: a nominal trigger modified by "planned/scheduled/upcoming ...", or
    a trigger under "was/is to" ("who was to travel to X on Wednesday": a future seen from the past)."""
    if any(c.dep_ == "amod" and c.lower_ in lex.plan_adjectives for c in trigger.children):
        return True
    chain = own_clause(trigger)
    for lower, upper in itertools.pairwise(chain):
        if (
            lower.dep_ == "xcomp"
            and upper.lemma_ == "be"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in lower.children)
        ):
            return True
    return False


PRESUPPOSING = {"at", "during", "after", "before", "following", "ahead", "since", "amid"}


def presupposed(trigger: Token) -> bool:
    """A nominal event named in an adjunct of another clause ("progress may have been made at the talks in
    X", "Y said during the meeting"): the clause asserts something about the time or place of the event,
    not the event; its modality is its own (an "upcoming" summit is planned) and nobody is its source."""
    head = trigger.head
    return trigger.dep_ == "pobj" and head.lower_ in PRESUPPOSING and head.head.pos_ in {"VERB", "AUX"}


def own_modality(trigger: Token, lex: Modality) -> str:
    """The modality of a presupposed event from its own words ("the upcoming summit", "no meeting"), or
    denied when the clause says its subject was not there ("X was not at the summit")."""
    if any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children):
        return "denied"
    verb = trigger.head.head
    if trigger.head.lower_ == "at" and any(c.dep_ == "neg" for c in verb.children) and verb.lemma_ == "be":
        return "denied"
    if any(c.lower_ in lex.plan_adjectives or c.lower_ in lex.future_words for c in trigger.children):
        return "planned"
    if any(c.lower_ in lex.hedge_adjectives for c in trigger.children):
        return "hedged"
    return "asserted"


def _withheld(trigger: Token, lex: Modality) -> bool:
    """The infinitive or gerund complement of a withholding verb did not happen: "declined to criticize",
    "avoided directly criticizing", "has yet to meet"."""
    node = trigger
    for _ in range(4):
        head = node.head
        # also through the plan or offer it completes: "withdrew its offer to buy X"
        offer = node.dep_ == "acl" and head.dep_ == "dobj"
        if head.i == node.i or (node.dep_ not in {"xcomp", "pcomp", "dobj"} and not offer):
            return False
        if node.dep_ == "dobj" and node.i == trigger.i:
            return False  # the trigger's own object relation says nothing of it
        if head.lemma_.lower() in lex.withhold_verbs:
            return True
        if head.lemma_ == "have" and any(c.lower_ == "yet" for c in head.children):
            return True
        node = head
    return False


# links inside one clause: a purpose infinitive ("meeting next week to talk") belongs to the clause too
CLAUSE_LINKS = {"xcomp", "aux", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "pcomp", "compound"}


def own_clause(trigger: Token) -> list[Token]:
    """The trigger and the heads above it within its own clause (not past a relative, adverbial or
    complement clause, except an infinitive of purpose)."""
    chain = [trigger]
    node = trigger
    while node.head.i != node.i and len(chain) < 8:
        purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ not in CLAUSE_LINKS and not purpose:
            break
        node = node.head
        chain.append(node)
    return chain


def _future(trigger: Token, lex: Modality) -> bool:
    """The event's own clause is in the future: "will meet", "are meeting next week", "plans to sign",
    "is going to visit", "is scheduled to". A wish ("wants to", "hopes to") is no future of this kind."""
    if _scheduled(trigger, lex):
        return True
    chain = own_clause(trigger)
    members = {t.i for t in chain}
    for tok in chain:
        if any(c.dep_ == "aux" and c.lower_ in lex.future_modals for c in tok.children):
            return True
        if tok.i != trigger.i and (
            tok.lemma_.lower() in lex.future_verbs or (tok.lemma_ == "go" and tok.tag_ == "VBG")
        ):
            return True
    for tok in trigger.sent:
        if tok.lower_ not in lex.future_words or tok.ent_type_ != "DATE":
            continue
        # "next week" on a verb of the clause, or "in the coming days"
        node = tok.head
        for _ in range(3):
            if node.i in members:
                return True
            if node.head.i == node.i:
                break
            node = node.head
    return False
