"""The event extractor: triggers from the lexicon, roles from syntactic slots, modality and source.

Precision first: an event is kept only when at least two roles are filled with entities of the types
the lexicon accepts, and a trigger inside a name ("the Russian Direct Investment Fund") is no trigger.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from dealgraph.extract.events.learned import NONE, RoleModel, features, parties
from dealgraph.extract.events.lexicon import EventType, VerbTrigger, event_types, modality_lexicon
from dealgraph.extract.events.modality import Attributions, modality_of, own_modality, presupposed
from dealgraph.extract.events.roles import RoleFinder
from dealgraph.extract.events.slots import LIGHT_VERBS, complement_clause, slots_for
from dealgraph.extract.events.tokens import RELATION_NOUNS, EntityIndex, aside
from dealgraph.extract.events.when import event_time
from dealgraph.extract.gazetteer import Leader
from dealgraph.model import Amount, Entity, Event, EventArg

# bumped whenever the rules change what is extracted; event ids do not depend on it (store.stable_event_id)
EXTRACTOR = "dealgraph-events/0.4"
LEARNED = "roles-lr"
CLAUSE_END = re.compile(r"[.;!?]")


class EventExtractor:
    def __init__(
        self,
        adjective_refs: dict[str, str],
        titles: frozenset[str],
        role_model: RoleModel | None = None,
        leaders: Sequence[Leader] = (),
        venues: frozenset[str] = frozenset(),
        kinds: dict[str, str] | None = None,
    ) -> None:
        self.leaders = tuple(leaders)
        self.venues = venues
        self.kinds = kinds or {}
        self.types = event_types()
        self.role_model = role_model
        self.lex = modality_lexicon()
        self.adjective_refs = adjective_refs
        # a title's head word: a one-word title, or the last word of a longer one that is itself a title
        # ("special envoy" → "envoy"), never a mere last word ("secretary of state" → not "state")
        single = {t for t in titles if " " not in t}
        heads = single | {t.split()[-1] for t in titles if t.split()[-1] in single}
        self.roles = RoleFinder(frozenset(heads))
        self.verbs: dict[str, list[EventType]] = {}
        self.nouns: dict[str, list[EventType]] = {}
        self.adjectives: dict[str, list[EventType]] = {}
        self.complement_nouns: dict[str, list[EventType]] = {}
        for kind in self.types:
            for adjective in kind.adjectives:
                self.adjectives.setdefault(adjective, []).append(kind)
            for lemma in kind.verbs:
                self.verbs.setdefault(lemma, []).append(kind)
            for noun in kind.nouns:
                self.nouns.setdefault(noun, []).append(kind)
            for noun in kind.complements:
                self.complement_nouns.setdefault(noun, []).append(kind)

    def extract(
        self, doc: Doc, entities: Sequence[Entity], amounts: Sequence[Amount], published: str | None
    ) -> list[Event]:
        index = self.index(doc, entities)
        attributions = Attributions(doc, self.lex, index)
        roles = list(self.roles.find(doc, index))
        # "we" in what a person says is the organisation the person is named with (else the state)
        for person, target, *_ in sorted(roles, key=lambda r: index.types.get(r[1]) != "Organization"):
            index.employers.setdefault(person, target)
        found: list[Event] = []
        for tok in doc:
            if tok.i in index.token_entity:
                continue
            for kind, nominal, obj in self._triggers(tok, index):
                event = self._event(kind, tok, nominal, obj, index, attributions, amounts, published)
                if event is not None:
                    found.append(event)
        events: list[Event] = []
        seen: set[tuple[object, ...]] = set()
        for event in _join_visits(found):  # the same event repeated in one article is one event
            key = (event.type, tuple(sorted((a.role, a.entity or "") for a in event.args)))
            if key not in seen:
                seen.add(key)
                events.append(event)
        for person, target, title, anchor, stated in roles:
            key = ("ROLE", (("agent", person), ("target", target)))
            if key in seen:
                continue
            seen.add(key)
            # a title or an apposition is the article's own voice; only "X is the CEO of Y" can be reported
            source = attributions.direct(anchor) if stated else None
            sent = anchor.sent
            events.append(
                Event(
                    type="ROLE",
                    args=(
                        EventArg("agent", entity=person),
                        EventArg("target", entity=target),
                        EventArg("title", text=title),
                    ),
                    modality="reported" if source else "asserted",
                    evidence_start=sent.start_char,
                    evidence_end=sent.end_char,
                    source=source,
                    trigger=title,
                    when=None,
                    extractor=EXTRACTOR,
                    confidence=0.7,
                )
            )
        return events

    def index(self, doc: Doc, entities: Sequence[Entity]) -> EntityIndex:
        """The article's entity index as the event rules read it (also for training the classifier)."""
        return EntityIndex(
            doc,
            entities,
            self.adjective_refs,
            self.roles.heads,
            self.lex.report_verbs,
            self.leaders,
            self.venues,
            self.kinds,
        )

    def _triggers(self, tok: Token, index: EntityIndex) -> list[tuple[EventType, bool, Token | None]]:
        lemma = tok.lemma_.lower()
        found: list[tuple[EventType, bool, Token | None]] = []
        if tok.pos_ in {"VERB", "AUX"} or (tok.tag_ == "VBN" and tok.dep_ == "amod"):
            for kind in self.verbs.get(lemma, []):
                trigger = kind.verbs[lemma]
                if not trigger.clause and any(c.dep_ == "ccomp" for c in tok.children):
                    continue  # "suggested that X would ...": implies, proposes nothing
                if trigger.context and not any(t.lemma_.lower() in trigger.context for t in tok.subtree):
                    continue  # "challenges X on Y" without a court or a lawsuit: no legal sense
                obj = None
                if trigger.objects:
                    # what is acted on: the object, the passive subject, or the noun a participle modifies
                    # ("the seized tankers", "$5 billion trapped in X")
                    candidates = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
                    # "most of X's reserves were frozen": the quantity stands for what it is of
                    candidates += [
                        o
                        for c in candidates
                        if c.lower_ in QUANTIFIERS
                        for p in c.children
                        if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children
                        if o.dep_ == "pobj"
                    ]
                    if tok.tag_ == "VBN" and tok.dep_ in {"amod", "acl"}:
                        candidates.append(tok.head)
                    if tok.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in tok.children):
                        candidates.append(tok.head)  # "the lawsuit the Bank of Chile filed against X"
                    obj = next((c for c in candidates if c.lemma_.lower() in trigger.objects), None)
                    # a named project is an asset too ("seized the Acme pipeline project"): then it is
                    # an ordinary object, no required one
                    # the name must be the object itself, not a maker's name on a model ("his Boeing 727")
                    named = any(
                        index.types.get(k) in trigger.object_types
                        for c in candidates
                        if c.i in index.token_entity and not any(m.dep_ == "nummod" for m in c.children)
                        for k in index.resolve(c)
                    )
                    if obj is None and not named:
                        continue
                if trigger.particles and not any(c.lower_ in trigger.particles for c in tok.children):
                    continue
                if trigger.xcomp and not any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in trigger.xcomp for c in tok.children
                ):
                    continue  # "asked X to leave" requests no deal, "asked X whether ..." is a question
                if trigger.not_object and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in trigger.not_object for c in tok.children
                ):
                    continue  # "offered his congratulations": no deal is offered
                if trigger.deal and not _deal_complement(tok, trigger, index):
                    continue  # "agrees with X", "agreed that ...": agreement in opinion, no deal
                found.append((kind, False, obj))
        elif tok.pos_ in {"NOUN", "PROPN"}:
            kinds = self.nouns.get(lemma, []) + (
                self.nouns.get(tok.lower_, []) if tok.lower_ != lemma else []
            )
            for child in tok.children:
                if child.dep_ == "amod" and not child.text[:1].isupper():
                    # "joint projects"; a capitalised one is part of a name ("Joint Base X") or a headline
                    kinds += [k for k in self.adjectives.get(child.lower_, []) if lemma not in k.not_nouns]
            for kind in self.complement_nouns.get(lemma, []):
                clause = complement_clause(tok)
                if clause is not None and clause.lemma_.lower() in kind.complements[lemma]:
                    kinds.append(kind)
            for kind in kinds:
                if (kind, True, None) not in found:
                    found.append((kind, True, None))
        elif tok.pos_ == "ADJ" and tok.dep_ in {"acomp", "amod"}:
            # "X is ready to cooperate with Y", "willing to restore ties with Y": a stance read like the
            # noun of it ("readiness to cooperate")
            clause = complement_clause(tok)
            if clause is not None:
                found += [
                    (kind, True, None)
                    for kind in self.complement_nouns.get(lemma, [])
                    if _relation_clause(clause, kind.complements[lemma])
                ]
        return found

    def _event(
        self,
        kind: EventType,
        trigger: Token,
        nominal: bool,
        obj: Token | None,
        index: EntityIndex,
        attributions: Attributions,
        amounts: Sequence[Amount],
        published: str | None,
    ) -> Event | None:
        attitude = nominal and trigger.lemma_.lower() in kind.complements
        slots = slots_for(trigger, nominal, obj, kind.object_preps, attitude)
        filled: dict[str, list[str]] = {}
        used: set[str] = set()
        table = dict(kind.slots)
        if not nominal and trigger.lemma_.lower() in kind.verbs:
            verb = kind.verbs[trigger.lemma_.lower()]
            table.update(verb.slots)
            # "froze $280 billion in reserves of X": a preposition's object that is an asset the verb
            # needs is what is acted on, not a place or a holder
            for slot in [k for k in slots if k.startswith("prep:")] if verb.objects else []:
                assets = [h for h in slots[slot] if h.lemma_.lower() in verb.objects]
                if assets:
                    slots[slot] = [h for h in slots[slot] if h not in assets]
                    slots.setdefault("obj", []).extend(assets)
            # "a loan funded by frozen Chilean assets": what pays is the means, its owner no agent
            slots["subj"] = [h for h in slots.get("subj", []) if h.lemma_.lower() not in verb.not_subject]
        if kind.name == "MEET" and _family_visit(trigger, table, slots):
            return None  # "traveling to Cairo to visit her daughter X": a family visit, no meeting of parties
        # "a Belarusian sanctions bill against Belarus, Cuba and Laos": a modifier that the trigger's own
        # phrase names as the target is the target, not the agent
        named_targets = (
            {
                key
                for slot, roles in table.items()
                if slot.startswith("prep:") and roles[:1] == ("target",)
                for head in slots.get(slot, [])
                for key in index.resolve(head)
            }
            if nominal and slots.get("compound")
            else set()
        )
        for slot, roles in table.items():
            for head in slots.get(slot, []):
                for tok in _same_paragraph(trigger, head):
                    bound = _relative_head(tok, trigger) if slot == "subj" else None
                    found = index.resolve(tok) if bound is None else index.resolve(bound, conjuncts=False)
                    if not found and tok.lower_ in {"we", "us", "our"}:
                        found = index.speaking_for(attributions.source(trigger))
                    if slot == "compound":
                        found = [k for k in found if k not in named_targets]
                    if slot == "prep:between" and len(found) == 1:
                        found = [*found, *_between_parties(tok, found[0], index)]
                    if "place" in roles and "place" not in filled:
                        # "at Joint Base X in Anchorage, Alaska": the places that say where the place is
                        found = [*found, *(k for t in _nested_places(tok) for k in index.resolve(t))]
                    keys = [k for k in dict.fromkeys(found) if k not in used]
                    self._assign(kind, roles, keys, filled, used, index, slot)
        by_rules = set(filled)
        # the classifier completes events the rules found (an agent and another role); it never makes
        # one alone: on PolNeAR the events it made alone were right one time in three
        complete = "agent" in filled and len(filled) >= 2
        learned = complete and self._learned_roles(kind, trigger, nominal, index, filled, used)
        if "holder" in kind.role_types and "agent" not in filled and "holder" in filled:
            # "assets blocked at Euroclear": who holds them frozen is who freezes them here
            filled["agent"] = filled.pop("holder")[:1]
        if kind.symmetric and "agent" in filled and len(filled["agent"]) > 1 and "counterpart" not in filled:
            filled["counterpart"] = filled["agent"][1:]
            filled["agent"] = filled["agent"][:1]
        # two different roles: coordinated agents alone ("X and Y proposed", "X and Y opposed the plan")
        # have no one to propose to or oppose
        sense = kind.verbs.get(trigger.lemma_.lower()) if not nominal else None
        without_agent = sense.agentless if sense is not None else frozenset()
        owned = obj is not None and any(c.lower_ in {"its", "their"} for c in obj.children)
        if without_agent and owned and "target" not in filled and "seller" in filled:
            filled["target"] = filled["seller"][:1]  # "X sold its business": what is sold is X's
        stands_alone = bool(without_agent) and without_agent <= set(filled)
        if ("agent" not in filled and not stands_alone) or len(filled) < 2:
            return None
        if not self._complete(kind, trigger, nominal, filled, index, by_rules):
            return None
        if (
            not kind.background
            and not nominal
            and trigger.tag_ == "VBG"
            and trigger.dep_ in {"relcl", "acl"}
            and "counterpart" not in filled
        ):
            return None  # "X, who was visiting Y", "tourists visiting Y": a circumstance, not an event
        args = [EventArg(role, entity=key) for role, keys in filled.items() for key in keys]
        if kind.amount:
            amount = self._amount(trigger, amounts)
            if amount is not None:
                args.append(EventArg("amount", amount=amount))
        anchor = trigger
        if attitude and trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB":
            # "X stated an interest in working with Y": stating it is the proposal, not a report of one
            anchor = trigger.head
        if nominal and presupposed(trigger):
            source, modality = None, own_modality(trigger, self.lex)
        elif not nominal and aside(trigger):
            source, modality = None, modality_of(anchor, False, None, self.lex)
        else:
            source = attributions.source(anchor)
            modality = modality_of(anchor, nominal and anchor is trigger, source, self.lex)
        polarity = None
        if kind.lift:
            lifted = trigger.lemma_.lower() in kind.lift or any(
                a.lemma_.lower() in kind.lift
                for a in [
                    trigger.head,
                    *trigger.children,
                    *([trigger.head.head] if trigger.head.lower_ == "of" else []),
                ]
                if a.i != trigger.i
            )
            polarity = "lift" if lifted else "impose"
        start, end = _clause(trigger)
        return Event(
            type=kind.name,
            args=tuple(args),
            modality=modality,  # type: ignore[arg-type]
            evidence_start=start,
            evidence_end=end,
            source=source,
            polarity=polarity,  # type: ignore[arg-type]
            trigger=trigger.text,
            when=event_time(trigger, published),
            extractor=f"{EXTRACTOR}+{LEARNED}" if learned else EXTRACTOR,
            confidence=(0.6 if nominal else 0.7) - (0.1 if learned else 0.0),
        )

    @staticmethod
    def _complete(
        kind: EventType,
        trigger: Token,
        nominal: bool,
        filled: dict[str, list[str]],
        index: EntityIndex,
        by_rules: set[str],
    ) -> bool:
        """The type's and the verb's required roles are filled, and a person as target comes with the
        action opposed."""
        lemma = trigger.lemma_.lower()
        for role, exempt in kind.requires.items():
            if role not in filled and lemma not in exempt and trigger.lower_ not in exempt:
                return False  # "hosted a gathering at the hotel": a meeting with no one
            if role not in filled and not any(
                index.types.get(k) == "Country" for k in filled.get("place", [])
            ):
                # a trip that meets no one is a visit to a state ("his sixth visit to Russia"), not a
                # campaign stop or a private trip to a city or a region ("visiting Richmond, Virginia")
                return False
            if role not in filled and any(c.lower_ in PRIVATE for c in trigger.children):
                return False  # "a private visit to Avignon, France"
        if not nominal and lemma in kind.verbs and not kind.verbs[lemma].requires <= set(filled):
            return False
        if nominal and not kind.noun_requires.get(lemma, frozenset()) <= by_rules:
            return False  # "talks" are a meeting only where they are held
        if kind.person_target_needs and any(index.types.get(k) == "Person" for k in filled.get("target", [])):
            people = {k for k in filled["target"] if index.types.get(k) == "Person"}
            phrase = [trigger, *trigger.children, *(g for c in trigger.children for g in c.children)]
            reasons = [
                t
                for t in phrase
                if t.dep_ in {"prep", "pcomp"}
                and t.lower_ in kind.person_target_needs
                # the preposition that attaches the person ("criticism of X") names no action
                and not any(set(index.resolve(o)) & people for o in t.children if o.dep_ == "pobj")
            ]
            if not reasons:
                filled["target"] = [k for k in filled["target"] if index.types.get(k) != "Person"]
                if not filled["target"]:
                    return False
        return True

    def _learned_roles(
        self,
        kind: EventType,
        trigger: Token,
        nominal: bool,
        index: EntityIndex,
        filled: dict[str, list[str]],
        used: set[str],
    ) -> bool:
        """Roles the classifier gives to parties of the sentence that the slots left unbound; whether it
        gave any. The rules' roles stand; the classifier fills what they did not."""
        if self.role_model is None:
            return False
        added = False
        for party in parties(trigger, index):
            if party.key in used or _across_paragraphs(trigger, party.token):
                continue
            role, probability = self.role_model.predict(features(trigger, kind.name, nominal, party, index))
            if role == NONE or probability < self.role_model.threshold:
                continue
            if index.types.get(party.key) not in kind.role_types.get(role, frozenset()):
                continue
            if role in filled and role not in {"counterpart", "target", "recipient"}:
                continue  # one agent, one project, one place
            if role == "agent" and nominal:
                continue  # who holds a nominal event is the grammar's call ("X opposed the seizure")
            filled.setdefault(role, []).append(party.key)
            used.add(party.key)
            added = True
        return added

    @staticmethod
    def _assign(
        kind: EventType,
        roles: tuple[str, ...],
        keys: list[str],
        filled: dict[str, list[str]],
        used: set[str],
        index: EntityIndex,
        slot: str,
    ) -> None:
        if slot == "prep:between" and len(keys) >= 2:
            filled.setdefault("agent", []).append(keys[0])
            used.add(keys[0])
            keys = keys[1:]
            roles = tuple(r for r in roles if r != "agent")
        here: set[str] = set()  # roles this head filled: "in Moscow and Washington" gives two places
        for key in keys:
            for role in roles:
                venue = role == "place" and key in index.venues
                if index.types.get(key) not in kind.role_types.get(role, frozenset()) and not venue:
                    continue
                repeatable = (
                    role in {"agent", "counterpart", "target", "recipient"}
                    or slot in {"subj", "poss"}
                    or (role == "place" and role in here)
                )
                if role in filled and not repeatable:
                    continue
                # one phrase's list gives several agents ("sanctions from A, B and C"), other phrases none
                other_phrase = "agent" not in here and slot not in {"subj", "prep:between"}
                if role == "agent" and "agent" in filled and other_phrase:
                    continue
                filled.setdefault(role, []).append(key)
                used.add(key)
                here.add(role)
                break

    @staticmethod
    def _amount(trigger: Token, amounts: Sequence[Amount]) -> int | None:
        sent = trigger.sent
        best: tuple[int, int] | None = None
        for i, amount in enumerate(amounts):
            if sent.start_char <= amount.start < sent.end_char:
                distance = abs(amount.start - trigger.idx)
                if best is None or distance < best[0]:
                    best = (distance, i)
        return best[1] if best else None


DEAL_PREPS = {"on", "to", "upon", "over"}
PRIVATE = {"private", "personal", "family", "campaign", "holiday", "vacation"}
FAMILY = {
    "daughter", "son", "wife", "husband", "brother", "sister", "mother", "father", "parent", "family",
    "child", "grandchild", "grandson", "granddaughter", "grandmother", "grandfather", "relative", "cousin",
    "uncle", "aunt", "nephew", "niece", "fiancee", "fiance", "girlfriend", "boyfriend", "widow",
}  # fmt: skip
QUANTIFIERS = {"most", "all", "part", "half", "some", "much", "majority", "bulk", "share", "portion", "rest"}


NO_DEAL_INFINITIVES = {
    "meet", "talk", "speak", "discuss", "continue", "disagree", "differ", "cancel", "postpone", "delay",
    "withdraw", "table", "drop", "hold", "keep", "stay", "remain", "wait",
}  # fmt: skip


def _deal_complement(verb: Token, trigger: VerbTrigger, index: EntityIndex) -> bool:
    """Whether a verb such as "agree" has a deal-like complement: an infinitive ("agreed to build"), or
    one of the trigger's deal nouns (or a name of its object types) as the object, the passive subject,
    the object of "on/to/upon/over" (also "with X on Y"), or the noun the participle modifies ("the
    agreed price"). "X agrees with Y", "X agreed that ..." and "agree on the need for ..." have none."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            # "agreed to meet again", "agree to cancel the meeting": a date or a procedure, no deal
            return child.lemma_.lower() not in NO_DEAL_INFINITIVES
    heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if verb.tag_ == "VBN" and verb.dep_ in {"amod", "acl"}:
        heads.append(verb.head)
    preps = [c for c in verb.children if c.dep_ == "prep"]
    # "agreed with Y on the terms": the parser may hang "on" under the partner
    preps += [
        p for c in preps if c.lower_ == "with" for o in c.children for p in o.children if p.dep_ == "prep"
    ]
    heads += [o for p in preps if p.lower_ in DEAL_PREPS for o in p.children if o.dep_ == "pobj"]
    for head in heads:
        for tok in [head, *head.conjuncts]:
            if tok.lemma_.lower() in trigger.deal or tok.lower_ in trigger.deal:
                return True
            if any(index.types.get(k) in trigger.object_types for k in index.resolve(tok)):
                return True
    return False


def _family_visit(trigger: Token, table: dict[str, tuple[str, ...]], slots: dict[str, list[Token]]) -> bool:
    """Whether the one met, or the one a trip is made to see ("travelled to Cairo to visit her
    daughter"), is family."""
    heads = [h for slot, roles in table.items() if "counterpart" in roles for h in slots.get(slot, [])]
    purposes = [c for c in trigger.children if c.dep_ in {"xcomp", "advcl"} and c.pos_ == "VERB"]
    heads += [o for verb in purposes for o in verb.children if o.dep_ == "dobj"]
    heads += [o for verb in purposes for p in verb.children if p.dep_ == "prep" for o in p.children]
    return any(h.lemma_.lower() in FAMILY for h in heads)


def _relation_clause(clause: Token, verbs: frozenset[str]) -> bool:
    """A complement clause that works with someone: a listed verb ("cooperate"), or a verb of developing a
    relation with the relation as its object ("restore cooperation", "expand ties")."""
    lemma = clause.lemma_.lower()
    if lemma not in verbs:
        return False
    if lemma in LIGHT_VERBS:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in RELATION_NOUNS for c in clause.children)
    return True


def _join_visits(events: list[Event]) -> list[Event]:
    """ "X visited Washington to meet with Y": one meeting, in Washington. A visit with a place and no one
    met, and a meeting of the same agent in the same sentence with someone and no place, are one event."""

    def roles(event: Event, role: str) -> list[str]:
        return [a.entity for a in event.args if a.role == role and a.entity]

    dropped: set[int] = set()
    joined = list(events)
    for i, visit in enumerate(events):
        if visit.type != "MEET" or roles(visit, "counterpart") or not roles(visit, "place"):
            continue
        for j, meet in enumerate(joined):
            same = meet.evidence_start == visit.evidence_start and roles(meet, "agent") == roles(
                visit, "agent"
            )
            if (
                j != i
                and meet.type == "MEET"
                and same
                and roles(meet, "counterpart")
                and not roles(meet, "place")
            ):
                places = tuple(a for a in visit.args if a.role == "place")
                joined[j] = replace(meet, args=(*meet.args, *places))
                dropped.add(i)
                break
    return [e for i, e in enumerate(joined) if i not in dropped]


def _between_parties(tok: Token, one: str, index: EntityIndex) -> list[str]:
    """ "between former US President A and Russian President B": the parser may hang A inside B's phrase
    (a modifier of B, with B's title coordinated to it); "between" needs two, so the other names of B's
    kind in the phrase are the other party (not its title's states: a person pairs with a person)."""
    kind = index.types.get(one)
    found = [
        k
        for t in tok.subtree
        if t.i != tok.i and t.dep_ not in {"compound", "amod"}  # "House and Senate Republicans": modifiers
        for k in [index.direct(t, titles=False)]
        if k is not None and k != one and index.types.get(k) == kind
    ]
    return list(dict.fromkeys(found))


def _nested_places(tok: Token) -> list[Token]:
    """Names that place a place: its apposition ("Anchorage, Alaska") and the object of its "in" ("Joint
    Base X in Anchorage"), two levels down."""
    found: list[Token] = []
    frontier = [tok]
    for _ in range(2):
        step = []
        for t in frontier:
            step += [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            step += [
                o
                for p in t.children
                if p.dep_ == "prep" and p.lower_ == "in"
                for o in p.children
                if o.dep_ == "pobj"
            ]
        found += step
        frontier = step
    return found


PARAGRAPH_END = re.compile(r"\n\s*\n|[.!?\"”»]\s*\n")


def _across_paragraphs(a: Token, b: Token) -> bool:
    """Whether a paragraph break lies between two tokens: a line break, or in text wrapped at a fixed
    width (``nlp.hard_wrapped``) a blank line or a line that ends a sentence."""
    start, end = sorted((a.idx, b.idx))
    between = (a.doc.user_data.get("wrapped_text") or a.doc.text)[start:end]
    if a.doc.user_data.get("hard_wrapped"):
        return PARAGRAPH_END.search(between) is not None
    return "\n" in between


def _same_paragraph(trigger: Token, head: Token) -> list[Token]:
    """A slot's head, unless a line break parts it from the trigger: a headline or caption the parser ran
    into the next paragraph is no clause of it. Then the name in apposition to that head on the trigger's
    side stands in ("Photo: AP <newline> The Kremlin wants ...": the Kremlin)."""
    if not _across_paragraphs(trigger, head):
        return [head]
    return [c for c in head.children if c.dep_ == "appos" and not _across_paragraphs(trigger, c)]


def _relative_head(head: Token, trigger: Token) -> Token | None:
    """The one noun a relative clause on ``head`` that holds the trigger binds to, unless the clause is
    plural: the nearest of the coordinated nouns before it ("A and B, who has opposed C": B only)."""
    for clause in head.children:
        if clause.dep_ != "relcl" or not (clause.i == trigger.i or clause.is_ancestor(trigger)):
            continue
        verbs = [clause, *(c for c in clause.children if c.dep_ in {"aux", "auxpass"})]
        if any(v.tag_ == "VBP" or v.lower_ == "were" for v in verbs):
            return None
        nouns = [t for t in [head, *head.conjuncts] if t.i < clause.i]
        return max(nouns, key=lambda t: t.i) if nouns else head
    return None


def _clause(trigger: Token) -> tuple[int, int]:
    sent = trigger.sent
    return sent.start_char, sent.end_char
