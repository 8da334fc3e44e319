"""Russian deal events over natasha's UD parse: triggers by lemma, roles from slots, ROLE from titles.

For each sentence, a verb whose lemma a type lists (with its required object or context), a noun it
lists, or a noun modified by one of its adjectives is a trigger. Its slots (``args.slots_of``) fill the
type's roles in the order ``events_ru.yaml`` gives, each role taking only the entity types the shared
definition gives it; coordinated subjects of a symmetric type become agent and counterpart. An event
needs an agent and one more role. A noun trigger that is the object of a verb trigger of the same type
("ввести санкции") is that verb's event.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any, Literal

from dealgraph.extract.events.ru.args import Resolver, slots_of, subjects
from dealgraph.extract.events.ru.lexicon import RuEventType, RuLexicon, RuModality, ru_lexicon, ru_modality
from dealgraph.extract.events.ru.modality import Attribution, anchor_of, modality
from dealgraph.extract.events.ru.tree import EntityIndex, Sentence, Tok, sentences
from dealgraph.model import Amount, Entity, Event, EventArg

EXTRACTOR = "dealgraph-events-ru/1"
VERBAL = {"VERB", "AUX"}
ROLE_TARGETS = {"Organization", "Country"}
PLACE_ROLES = ("place",)


def _attributed(event: Event, speaker: str) -> Event:
    return replace(
        event, source=speaker, modality="reported" if event.modality == "asserted" else event.modality
    )


class RussianEventExtractor:
    def __init__(self, lexicon: RuLexicon | None = None, cues: RuModality | None = None) -> None:
        self.lex = lexicon or ru_lexicon()
        self.cues = cues or ru_modality()
        self.symmetric = frozenset(kind.name for kind in self.lex.types if kind.kind.symmetric)
        self.trigger_verbs = frozenset(v for kind in self.lex.types for v in kind.verbs)
        # verbs whose subject takes part in the nominal event they govern
        self.hosts = self.lex.support | self.cues.cues

    def extract(self, doc: Any, entities: Sequence[Entity], amounts: Sequence[Amount] = ()) -> list[Event]:
        """Events of an article from natasha's parse of its text (``RussianNer.parse``)."""
        return self.from_sentences(sentences(doc), entities, amounts)

    def from_sentences(
        self, sents: Sequence[Sentence], entities: Sequence[Entity], amounts: Sequence[Amount] = ()
    ) -> list[Event]:
        index = EntityIndex(entities)
        kept: dict[tuple[str, tuple[tuple[str, str], ...]], Event] = {}
        previous: list[Event] = []
        for sent in sents:
            resolver = Resolver(sent, index, self.lex)
            speaker = Attribution(sent, resolver, self.cues).back_reference()
            if speaker is not None:  # "Об этом сообщил X": the sentence before is X's
                for event in previous:
                    kept[self._identity(event)] = _attributed(event, speaker)
            found = [*self._roles(sent, resolver), *self._events(sent, resolver, amounts)]
            previous = [e for e in found if e.type != "ROLE" and e.source is None]
            for event in found:
                key = self._identity(event)
                # one event per article: a verb stating it is preferred to a noun mentioning it
                if key not in kept or event.confidence > kept[key].confidence:
                    kept[key] = event
        return sorted(kept.values(), key=lambda e: (e.evidence_start, e.type))

    def _identity(self, event: Event) -> tuple[str, tuple[tuple[str, str], ...]]:
        symmetric = event.type in self.symmetric
        return (
            event.type,
            tuple(
                sorted(
                    ("party" if symmetric and a.role in {"agent", "counterpart"} else a.role, str(a.entity))
                    for a in event.args
                    if a.entity
                )
            ),
        )

    # -- triggers ------------------------------------------------------------------------------

    def _triggers(self, sent: Sentence) -> Iterator[tuple[RuEventType, Tok, bool]]:
        for tok in sent.toks:
            for kind in self.lex.types:
                if tok.pos in VERBAL and tok.lemma in kind.verbs and self._sense(sent, tok, kind):
                    yield kind, tok, False
                elif tok.pos in {"NOUN", "PROPN"} and (
                    tok.lemma in kind.nouns
                    or tok.lemma in kind.located
                    or any(a.lemma in kind.adjectives for a in sent.children(tok, "amod"))
                ):
                    head = sent.head(tok)
                    if (
                        head is not None
                        and head.lemma in kind.verbs
                        and head.pos in VERBAL
                        and self._sense(sent, head, kind)
                    ):
                        continue  # "ввели санкции": the verb's event
                    yield kind, tok, True

    @staticmethod
    def _sense(sent: Sentence, verb: Tok, kind: RuEventType) -> bool:
        spec = kind.verbs[verb.lemma]
        if spec.objects:
            objects = sent.children(verb, "obj", "nsubj:pass")
            if verb.rel.startswith("acl") and (noun := sent.head(verb)) is not None:
                objects.append(noun)
            objects += [c for o in objects for c in sent.children(o, "conj")]
            if not any(o.lemma in spec.objects for o in objects):
                return False
        if spec.context:
            near = [k for kid in sent.children(verb) for k in [kid, *sent.children(kid)]]
            if not any(k.lemma in spec.context for k in near):
                return False
        return True

    def _events(self, sent: Sentence, resolver: Resolver, amounts: Sequence[Amount]) -> Iterator[Event]:
        attribution = Attribution(sent, resolver, self.cues)
        for kind, trigger, nominal in self._triggers(sent):
            event = self._event(sent, resolver, attribution, kind, trigger, nominal, amounts)
            if event is not None:
                yield event

    def _event(
        self,
        sent: Sentence,
        resolver: Resolver,
        attribution: Attribution,
        kind: RuEventType,
        trigger: Tok,
        nominal: bool,
        amounts: Sequence[Amount],
    ) -> Event | None:
        support = self.hosts | kind.receivers
        slots = slots_of(sent, trigger, nominal, kind.receivers, self.lex.complements, support)
        table = dict(kind.slots)
        if not nominal:
            table.update(dict(kind.verbs[trigger.lemma].slots))
        filled: dict[str, list[str]] = {}
        filled_by: dict[str, str] = {}  # role -> the slot that filled it
        used: set[str] = {trigger_key} if (trigger_key := resolver.index.at(trigger)) else set()
        for slot, roles in table.items():
            for head in slots.get(slot, []):
                keys = [k for k in resolver.keys(head) if k not in used]
                if slot == "prep:между" and len(keys) >= 2 and "agent" not in filled and "agent" in roles:
                    filled["agent"], filled_by["agent"] = keys[:1], "prep:между:agent"
                    used.add(keys[0])
                    keys = keys[1:]
                    roles = tuple(r for r in roles if r != "agent")
                for key in keys:
                    role = self._role(kind, roles, resolver.index.types.get(key), filled_by, slot)
                    if role is not None:
                        filled.setdefault(role, []).append(key)
                        filled_by[role] = slot
                        used.add(key)
        symmetric = kind.kind.symmetric
        if symmetric and len(filled.get("agent", [])) > 1 and "counterpart" not in filled:
            filled["counterpart"] = filled["agent"][1:]
            filled["agent"] = filled["agent"][:1]
        if "agent" not in filled or len(filled) < 2:
            return None
        if nominal and trigger.lemma in kind.located and not any(r in filled for r in PLACE_ROLES):
            return None  # talks are a meeting only where they are held: "переговоры на Аляске"
        args = [EventArg(role, entity=key) for role, keys in filled.items() for key in keys]
        if kind.kind.amount:
            inside = [n for n, a in enumerate(amounts) if sent.start <= a.start < sent.end and a.currency]
            if inside:
                args.append(EventArg("amount", amount=inside[0]))
        anchor = anchor_of(sent, trigger, nominal)
        source = attribution.source(anchor)
        polarity: Literal["impose", "lift"] | None = None
        if kind.lift:
            lifted = trigger.lemma in kind.lift or (
                nominal and (h := sent.head(trigger)) is not None and h.lemma in kind.lift
            )
            polarity = "lift" if lifted else "impose"
        return Event(
            type=kind.name,
            args=tuple(args),
            modality=modality(sent, trigger, anchor, source, self.cues, self.trigger_verbs),
            evidence_start=sent.start,
            evidence_end=sent.end,
            source=source,
            polarity=polarity,
            trigger=trigger.text,
            extractor=EXTRACTOR,
            confidence=0.6 if nominal else 0.7,
        )

    @staticmethod
    def _role(
        kind: RuEventType, roles: tuple[str, ...], etype: str | None, filled_by: dict[str, str], slot: str
    ) -> str | None:
        """The first of ``roles`` that takes this entity type and is free, or filled from this same
        slot (a list: "с Китаем и Индией")."""
        for role in roles:
            if etype in kind.kind.role_types.get(role, frozenset()) and filled_by.get(role, slot) == slot:
                return role
        return None

    # -- ROLE ----------------------------------------------------------------------------------

    def _role_event(self, sent: Sentence, person: str, target: str, title: str, trigger: Tok) -> Event:
        return Event(
            type="ROLE",
            args=(
                EventArg("agent", entity=person),
                EventArg("target", entity=target),
                EventArg("title", text=title),
            ),
            modality="asserted",
            evidence_start=sent.start,
            evidence_end=sent.end,
            trigger=trigger.text,
            extractor=EXTRACTOR,
            confidence=0.7,
        )

    def _verb_roles(self, sent: Sentence, resolver: Resolver) -> Iterator[Event]:
        """ "X основал компанию Y", "X возглавляет Y": a position taken or held, said by a verb."""
        index = resolver.index
        for verb in sent.toks:
            title = self.lex.role_verbs.get(verb.lemma)
            if (
                title is None
                or verb.pos not in VERBAL
                or any(k.lemma in self.cues.negators for k in sent.children(verb))
            ):
                continue
            people = [
                k for s in subjects(sent, verb) for k in resolver.keys(s) if index.types.get(k) == "Person"
            ]
            held = [
                k
                for o in [*sent.children(verb, "obj"), *sent.children(verb, "iobj")]
                + [o for o in sent.children(verb, "obl") if sent.prep(o) is None and o.feat("Case") == "Ins"]
                for k in resolver.keys(o)
                if index.types.get(k) in ROLE_TARGETS
            ]
            for person in people:
                for target in held:
                    yield self._role_event(sent, person, target, title, verb)

    def _roles(self, sent: Sentence, resolver: Resolver) -> Iterator[Event]:
        yield from self._verb_roles(sent, resolver)
        index, titles = resolver.index, self.lex.titles
        for tok in sent.toks:
            person = index.at(tok)
            if person is None or index.types.get(person) != "Person" or tok.rel == "flat:name":
                continue
            head = sent.head(tok)
            title: Tok | None = None
            if tok.rel == "appos" and head is not None and head.lemma in titles:
                title = head
                while (
                    title.rel == "nmod"
                    and sent.prep(title) is None
                    and (up := sent.head(title)) is not None
                    and up.lemma in titles
                ):
                    title = up  # "спецпосланника президента США Стива Уиткоффа": the envoy's title
            else:
                title = next((k for k in sent.children(tok, "appos") if k.lemma in titles), None)
            if title is None:
                continue
            target = self._holder(sent, resolver, title, tok)
            if target is None or target == person:
                continue
            left = min(
                [
                    title.start,
                    *(a.start for a in sent.children(title, "amod") if a.lemma in self.lex.title_modifiers),
                ]
            )
            ends = [t.end for t in sent.subtree(title) if t.end <= tok.start and t.pos != "PUNCT"]
            words = [
                t.text for t in sent.toks if left <= t.start and t.end <= (max(ends) if ends else title.end)
            ]
            text = " ".join(words) if words else title.text
            yield self._role_event(sent, person, target, text, title)

    def _ministry(self, sent: Sentence, resolver: Resolver, title: Tok, skip: set[int]) -> str | None:
        """ "министр финансов X" -> the article's "Министерство финансов ...", when it names one."""
        for tok in sent.subtree(title):
            if tok.i in skip or tok.lemma not in self.lex.ministers:
                continue
            for field in sent.children(tok, "nmod"):
                if sent.prep(field) is not None or resolver.index.at(field) is not None:
                    continue
                words = [
                    t
                    for t in sent.subtree(field)
                    if t.pos in {"ADJ", "NOUN"} and resolver.index.at(t) is None
                ]
                words.sort(key=lambda t: t.i)
                if words and sent.text:
                    phrase = sent.text[words[0].start - sent.start : words[-1].end - sent.start]
                    found = resolver.index.organisation_named(phrase)
                    if found is not None:
                        return found
        return None

    def _holder(self, sent: Sentence, resolver: Resolver, title: Tok, person: Tok) -> str | None:
        """The organisation or state of a title: a name in its bare genitives (through nested titles
        and nouns: "директор департамента МИД РФ"), or a demonym adjective ("российский министр")."""
        name = resolver.index.at(person)
        skip = {t.i for t in sent.subtree(person) if resolver.index.at(t) == name}
        ministry = self._ministry(sent, resolver, title, skip)
        if ministry is not None:
            return ministry
        queue = [title]
        while queue:
            tok = queue.pop(0)
            for kid in sent.children(tok, "nmod", "amod", "flat", "parataxis"):
                if kid.i in skip or (kid.rel.startswith("nmod") and sent.prep(kid) is not None):
                    continue
                for key in resolver.keys(kid, conjuncts=False):
                    if resolver.index.types.get(key) in ROLE_TARGETS:
                        return key
                if kid.pos in {"NOUN", "PROPN"}:
                    queue.append(kid)
        return None
