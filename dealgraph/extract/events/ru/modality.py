"""Modality and source of a Russian event, from the cues in ``modality_ru.yaml``.

The anchor is the trigger verb, or the verb a nominal trigger is the object or subject of ("провели
переговоры"). Its governing chain runs up through infinitives, nouns it complements ("планы о
заморозке", "возможность работать") and verbs of abstention ("воздерживаются от санкций"), and stops at
a clause boundary. Cues on that chain decide, in order: denied ("не", "отказался"), hedged ("может",
"якобы"), planned ("планирует", "намерен", a future tense, "предстоящая встреча"), reported (a named
source), asserted.

The source is the innermost named speaker: the subject of a verb of saying whose complement holds the
event or which stands beside it in parataxis ("..., — сказал Путин", "как заявил X"), or the genitive
of "по данным / по словам X". "он"/"она" as the speaker is the person named last before.
"""

from __future__ import annotations

from dealgraph.extract.events.ru.args import Resolver, subjects
from dealgraph.extract.events.ru.lexicon import RuModality
from dealgraph.extract.events.ru.tree import Sentence, Tok
from dealgraph.model import Modality

# an infinitive always belongs to its governor's clause; a noun phrase only to a cue word's
# ("планы о заморозке", "воздерживаются от ужесточения санкций", "возможность работать")
CUE_RELS = {"obj", "obl", "nmod", "csubj", "acl", "amod", "nsubj"}
SPEAKERS = {"Person", "Organization", "Country"}


def anchor_of(sent: Sentence, trigger: Tok, nominal: bool) -> Tok:
    head = sent.head(trigger)
    if nominal and head is not None and head.pos in {"VERB", "AUX"} and trigger.rel in {"obj", "nsubj"}:
        return head
    return trigger


def chain(sent: Sentence, anchor: Tok, cues: frozenset[str]) -> list[Tok]:
    """The anchor and the words governing it within its clause."""
    found, tok = [anchor], anchor
    while len(found) < 5:
        head = sent.head(tok)
        if head is None or not (tok.rel == "xcomp" or (tok.rel in CUE_RELS and head.lemma in cues)):
            break
        found.append(head)
        tok = head
    return found


def modality(
    sent: Sentence,
    trigger: Tok,
    anchor: Tok,
    source: str | None,
    lex: RuModality,
    support: frozenset[str] = frozenset(),
) -> Modality:
    """The event's modality; a future tense counts on the trigger or on a verb of ``support`` (a
    lexicon verb: "проведут переговоры"), not on any verb a nominal trigger depends on ("суд
    продолжит рассматривать иск" does not plan the suit)."""
    words = chain(sent, anchor, lex.cues)
    if trigger not in words:
        words.insert(0, trigger)
    near = [k for w in words for k in sent.children(w)]
    lemmas = {w.lemma for w in words if w is not trigger}  # "отменить санкции" lifts, denies nothing
    if (
        any(k.lemma in lex.negators and k.rel in {"advmod", "discourse"} for k in near)
        or lemmas & lex.deny_verbs
    ):
        return "denied"
    adverbs = {k.lemma for k in near if k.rel in {"advmod", "parataxis", "discourse"}}
    if lemmas & (lex.hedge_verbs | lex.hedge_nouns) or adverbs & lex.hedge_adverbs:
        return "hedged"
    modifiers = {k.lemma for k in sent.children(trigger, "amod")}
    if lemmas & (lex.plan_verbs | lex.plan_adjectives | lex.plan_nouns) or modifiers & lex.plan_modifiers:
        return "planned"
    tensed = [
        w for w in words if w.pos in {"VERB", "AUX"} and (w is trigger or w.lemma in support | lex.cues)
    ]
    if lex.future and any(_future(sent, w) for w in tensed):
        return "planned"
    return "reported" if source is not None else "asserted"


def _future(sent: Sentence, verb: Tok) -> bool:
    """A future tense: a perfective non-past ("встретится") or "быть" with an infinitive ("будут
    работать"; natasha tags "будут" present)."""
    if verb.feat("Tense") == "Fut" or (verb.feat("Aspect") == "Perf" and verb.feat("Tense") == "Pres"):
        return True
    infinitive = verb.feat("VerbForm") == "Inf"
    return any(
        k.lemma == "быть" and (infinitive or k.feat("Tense") == "Fut") for k in sent.children(verb, "aux")
    )


class Attribution:
    def __init__(self, sent: Sentence, resolver: Resolver, lex: RuModality) -> None:
        self.sent, self.resolver, self.lex = sent, resolver, lex

    def source(self, anchor: Tok) -> str | None:
        sent = self.sent
        path, tok = [anchor], anchor
        while (head := sent.head(tok)) is not None and len(path) < 8:
            path.append(head)
            tok = head
        for step, tok in enumerate(path):
            came_from = path[step - 1] if step else None
            reported = came_from is not None and came_from.rel in {
                "ccomp",
                "parataxis",
                "obj",
                "xcomp",
                "obl",
            }
            if reported and tok.lemma in self.lex.report_verbs:
                speaker = self._speaker(tok)
                if speaker is not None:
                    return speaker
            for kid in sent.children(tok, "parataxis", "advcl", "conj"):
                if kid.lemma in self.lex.report_verbs and (came_from is None or kid.i != came_from.i):
                    if kid.rel == "conj" and kid.i < anchor.i:
                        continue
                    speaker = self._speaker(kid)
                    if speaker is not None:
                        return speaker
            for kid in sent.children(tok, "obl", "parataxis"):
                if kid.lemma in self.lex.report_nouns and sent.prep(kid) == "по":
                    for gen in sent.children(kid, "nmod"):
                        keys = self._named(self.resolver.keys(gen, conjuncts=False, title_org=True))
                        if keys:
                            return keys[0]
        headline = self._headline(anchor)
        if headline is not None:
            return headline
        for root in sent.toks:  # a second root: "X введет санкции, пишет Y" parsed as two clauses
            if root.head < 0 and root.i > anchor.i and root.lemma in self.lex.report_verbs:
                speaker = self._speaker(root)
                if speaker is not None:
                    return speaker
        return None

    def back_reference(self) -> str | None:
        """The speaker of a sentence that attributes the one before it: a verb of saying with "это"
        before it ("Об этом сообщил X", "Это стало бы ..., заявил X")."""
        for verb in self.sent.toks:
            if verb.lemma not in self.lex.report_verbs or verb.pos not in {"VERB", "AUX"}:
                continue
            if verb.head >= 0 and verb.rel not in {"parataxis", "conj"}:
                continue
            if any(t.lemma == "это" and t.i < verb.i for t in self.sent.toks):
                return self._speaker(verb)
        return None

    def _headline(self, anchor: Tok) -> str | None:
        """A headline's speaker before a colon: "WSJ: ...", "Глава РФПИ Дмитриев: ..."."""
        colon = next((t for t in self.sent.toks[:8] if t.text == ":"), None)
        if colon is None or anchor.i < colon.i:
            return None
        before = [self.resolver.index.at(t) for t in self.sent.toks[: colon.i]]
        keys = self._named([k for k in before if k is not None])
        return keys[-1] if keys and before[-1] == keys[-1] else None

    def _speaker(self, verb: Tok) -> str | None:
        found = subjects(self.sent, verb)
        if not found:  # "В Кремле заявили": an organisation speaking without a subject
            for place in self.sent.children(verb, "obl"):
                keys = self.resolver.keys(place, conjuncts=False)
                if (
                    self.sent.prep(place) == "в"
                    and keys
                    and self.resolver.index.types.get(keys[0]) == "Organization"
                ):
                    return keys[0]
        for subj in found:
            if subj.lemma in self.lex.pronouns:
                return self.resolver.index.last_person(subj.start)
            keys = self._named(self.resolver.keys(subj, conjuncts=False, title_org=True))
            if keys:
                return keys[0]
        return None

    def _named(self, keys: list[str]) -> list[str]:
        return [k for k in keys if self.resolver.index.types.get(k) in SPEAKERS]
