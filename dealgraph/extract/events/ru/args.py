"""Which in-article entities a Russian noun phrase stands for, and a trigger's syntactic slots.

A phrase stands for the entity one of whose mentions covers its head, and also for the entities of
the phrases coordinated with it ("Россия и США", "между X и Y"). A proxy noun stands for whoever its
bare genitive, demonym adjective or apposed name names ("российская сторона", "активы Банка России");
a title stands for the person apposed to it ("с главой РФПИ Кириллом Дмитриевым"); a group noun for
the two states named last before it ("консультации сторон", "обе страны"); a relative pronoun
for the noun its clause modifies ("завод, который находится под санкциями").
"""

from __future__ import annotations

from dealgraph.extract.events.ru.lexicon import RuLexicon
from dealgraph.extract.events.ru.tree import EntityIndex, Sentence, Tok

RELATIVE = {"который", "которая", "которое", "которые"}
NOUNS = {"NOUN", "PROPN"}
# a nominal trigger in a circumstance of a noun phrase is that noun's: "президент после встречи с X"
CIRCUMSTANCE = {"после", "до", "перед", "в_время", "в_ход", "накануне", "по_итог"}


def _bare(sent: Sentence, tok: Tok, case: str) -> bool:
    return sent.prep(tok) is None and tok.feat("Case") == case


class Resolver:
    def __init__(self, sent: Sentence, index: EntityIndex, lex: RuLexicon) -> None:
        self.sent, self.index, self.lex = sent, index, lex

    def keys(self, tok: Tok, conjuncts: bool = True, title_org: bool = False) -> list[str]:
        """Entity keys of the phrase headed by ``tok`` (and of its conjuncts), in order, no repeats."""
        found = self._one(tok, title_org, depth=0)
        if conjuncts:
            for kid in self.sent.children(tok, "conj"):
                found.extend(self.keys(kid, True, title_org))
        return list(dict.fromkeys(found))

    def _one(self, tok: Tok, title_org: bool, depth: int) -> list[str]:
        key = self.index.at(tok)
        if key is not None:
            return [key]
        if depth > 3:
            return []
        sent, lemma = self.sent, tok.lemma
        if tok.pos == "ADJ":
            ref = self.lex.demonyms.get(lemma)
            return [self.index.by_ref[ref]] if ref is not None and ref in self.index.by_ref else []
        if lemma in RELATIVE:
            clause = sent.head(tok)
            if clause is not None and clause.rel.startswith("acl"):
                noun = sent.head(clause)
                return self._one(noun, title_org, depth + 1) if noun is not None else []
            return []
        if lemma in self.lex.titles:
            person = self.person_of_title(tok)
            if person is not None:
                return [person]
            if not title_org:
                return []
            return self.holder(tok)
        if lemma in self.lex.groups:
            needed = self.lex.groups[lemma]  # "обе страны" is a genitive singular after its numeral
            numeral = any(k.lemma in needed for k in sent.children(tok, "nummod", "det", "amod"))
            if numeral or (not needed and tok.feat("Number") == "Plur"):
                # "консультации сторон", "между двумя странами": the two states named before
                return self.holder(tok, depth) or self.index.last_states(tok.start)
        if lemma in self.lex.proxies:
            return self.holder(tok, depth)
        return []

    def person_of_title(self, title: Tok) -> str | None:
        """The person apposed to a title, directly or to a title it governs ("спецпосланника
        президента США Стива Уиткоффа": the appositive attaches to the nearer title)."""
        for kid in self.sent.children(title, "appos", "flat"):
            key = self.index.at(kid)
            if key is not None and self.index.types.get(key) == "Person":
                return key
        for kid in self.sent.children(title, "nmod"):
            if kid.lemma in self.lex.titles and self.sent.prep(kid) is None:
                found = self.person_of_title(kid)
                if found is not None:
                    return found
        return None

    def holder(self, tok: Tok, depth: int = 0) -> list[str]:
        """Who a proxy noun stands for: its apposed name, its bare genitive, its demonym adjective."""
        sent = self.sent
        for kid in sent.children(tok, "appos", "flat"):
            key = self.index.at(kid)
            if key is not None:
                return [key]
        for kid in sent.children(tok, "nmod"):
            if _bare(sent, kid, "Gen"):
                found = self._one(kid, True, depth + 1)
                if found:
                    return found
        for kid in sent.children(tok, "amod"):
            ref = self.lex.demonyms.get(kid.lemma)
            if ref is not None and ref in self.index.by_ref:
                return [self.index.by_ref[ref]]
        return []


def owners(sent: Sentence, noun: Tok, inner: Tok | None = None) -> list[Tok]:
    """Whose a noun of intention or decision is: its bare genitive (not ``inner``, the event it
    governs), else the subject of the verb it is the object of ("решение Еврокомиссии ...", "ЕС
    принял решение ...", "Еврокомиссия объявила о планах заморозки ...")."""
    found = [k for k in sent.children(noun, "nmod") if _bare(sent, k, "Gen") and k is not inner]
    if found:
        return found
    verb = sent.head(noun)
    if verb is not None and verb.pos in {"VERB", "AUX"} and noun.rel in {"obj", "obl"}:
        return [k for k in sent.children(verb, "nsubj") if k.rel != "nsubj:pass"]
    return []


def subjects(sent: Sentence, verb: Tok) -> list[Tok]:
    """The verb's subject; a verb without one takes the subject of the verb it depends on as an
    infinitive or a conjunct ("начали вести переговоры", "подал иск и потребовал"), or the bare
    genitive of the noun it complements ("решение комиссии заблокировать активы")."""
    seen = 0
    while seen < 4:
        found = sent.children(verb, "nsubj")
        found = [t for t in found if t.rel != "nsubj:pass"]
        if found:
            return found
        head = sent.head(verb)
        if head is None:
            return []
        if head.pos in NOUNS and verb.rel in {"acl", "nmod", "xcomp"}:
            return owners(sent, head)
        if verb.rel not in {"xcomp", "conj"}:
            return []
        verb, seen = head, seen + 1
    return []


def _dependents(sent: Sentence, tok: Tok, slots: dict[str, list[Tok]], skip: int = -1) -> None:
    for kid in sent.children(tok):
        if kid.i == skip:
            continue
        rel = kid.rel.split(":")[0]
        if rel == "amod" and kid.pos == "ADJ":  # "американские санкции": the state, like a genitive
            slots.setdefault("gen", []).append(kid)
        elif kid.rel == "nsubj:pass":
            slots.setdefault("passive_subj", []).append(kid)
        elif kid.rel == "obj":
            slots.setdefault("obj", []).append(kid)
        elif kid.rel == "iobj":
            slots.setdefault("dative", []).append(kid)
        elif rel in {"obl", "nmod"}:
            prep = sent.prep(kid)
            if prep is not None:
                slots.setdefault(f"prep:{prep}", []).append(kid)
            elif kid.feat("Case") == "Dat" and rel == "obl":
                slots.setdefault("dative", []).append(kid)
            elif kid.feat("Case") == "Ins":
                slots.setdefault("instr", []).append(kid)
            elif kid.feat("Case") == "Gen" and rel == "nmod":
                slots.setdefault("gen", []).append(kid)


def slots_of(
    sent: Sentence,
    trigger: Tok,
    nominal: bool,
    receivers: frozenset[str] = frozenset(),
    complements: frozenset[str] = frozenset(),
    support: frozenset[str] = frozenset(),
) -> dict[str, list[Tok]]:
    """Slot -> phrase heads for a trigger. A nominal trigger that is the object, subject or oblique of
    a verb of ``support`` ("провели переговоры", "переговоры прошли в X", "рассчитывает на диалог")
    takes that verb's dependents too (its subject as ``host_subj``, or ``receiver_subj`` for a verb of
    receiving); any other verb's dependents are its own ("Песков прокомментировал переговоры с X").
    A verb's object's prepositional phrases count as the verb's ("купить долю в X")."""
    slots: dict[str, list[Tok]] = {}
    _dependents(sent, trigger, slots)
    if not nominal:
        for kid in sent.children(trigger):
            if kid.pos == "PROPN" and kid.rel.split(":")[0] in {"obl", "obj", "nsubj"}:
                for place in sent.children(kid, "nmod"):  # "встретился с X в Пекине": the meeting's place
                    if place.feat("Case") == "Loc" and (prep := sent.prep(place)) is not None:
                        slots.setdefault(f"prep:{prep}", []).append(place)
        slots["subj"] = subjects(sent, trigger)
        if trigger.rel.startswith("acl"):  # a participle describes its noun: "активы, замороженные в X"
            noun = sent.head(trigger)
            if noun is not None:
                passive = trigger.feat("Voice") == "Pass"
                slots.setdefault("passive_subj" if passive else "subj", []).append(noun)
        for obj in slots.get("obj", []):
            inner: dict[str, list[Tok]] = {}
            _dependents(sent, obj, inner)
            for slot, heads in inner.items():
                if slot.startswith("prep:"):
                    slots.setdefault(slot, []).extend(heads)
        return slots
    phrase = trigger  # "о выходе из проекта и уходе из России": the conjunct's place in the clause
    while phrase.rel == "conj" and (first := sent.head(phrase)) is not None and first.pos in NOUNS:
        phrase = first
    host = sent.head(phrase)
    if host is None:
        return slots
    if host.pos in NOUNS and phrase.rel == "nmod" and sent.prep(phrase) in CIRCUMSTANCE:
        slots["host_subj"] = [host]
        return slots
    if host.pos in NOUNS and host.lemma in complements and phrase.rel == "nmod":
        slots["owner"] = owners(sent, host, phrase)  # "планы Еврокомиссии о заморозке активов"
        return slots
    if host.pos in NOUNS and phrase.rel == "nmod" and _bare(sent, phrase, "Gen"):
        # "от ужесточения санкций": the noun the trigger complements stands in the clause for it
        up = sent.head(host)
        if up is not None and up.pos in {"VERB", "AUX"} and host.rel in {"obj", "obl"}:
            phrase, host = host, up
    if (
        host.pos in {"VERB", "AUX"}
        and phrase.rel in {"obj", "obl", "nsubj", "nsubj:pass"}
        and host.lemma in support
    ):
        hosted: dict[str, list[Tok]] = {}
        _dependents(sent, host, hosted, skip=phrase.i)
        for slot, heads in hosted.items():
            if slot.startswith("prep:") or slot == "dative":
                slots.setdefault(slot, []).extend(heads)
        if phrase.rel in {"obj", "obl"}:
            name = "receiver_subj" if host.lemma in receivers else "host_subj"
            slots[name] = subjects(sent, host)
            prep = sent.prep(phrase)
            if prep is not None and name == "host_subj":  # "X находится под санкциями": host_subj:под
                slots[f"host_subj:{prep}"] = slots[name]
    return slots
