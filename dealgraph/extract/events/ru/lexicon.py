"""The Russian event and modality lexicons (``extract/data/events_ru.yaml``, ``modality_ru.yaml``).

Event types, their roles, role entity types, symmetry and the amount role come from the English
definitions (``events.lexicon.event_types()``); the Russian files add words and slot mappings only.
Loading checks them: an unknown key, event type, slot or role is a ``ConfigError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from dealgraph.exc import ConfigError
from dealgraph.extract.events.lexicon import EventType, event_types, package_data

SLOTS = frozenset(
    {"subj", "passive_subj", "obj", "dative", "instr", "gen", "host_subj", "receiver_subj", "owner"}
)
_PREP = re.compile(r"^prep:[а-яё]+(_[а-яё]+)*$")
_HOST_PREP = re.compile(r"^host_subj:[а-яё]+(_[а-яё]+)*$")
TOP_KEYS = frozenset(
    {
        "demonyms",
        "proxies",
        "titles",
        "title_modifiers",
        "role_verbs",
        "complements",
        "groups",
        "ministers",
        "support",
        "events",
    }
)
TYPE_KEYS = frozenset({"verbs", "nouns", "adjectives", "located", "receivers", "polarity_lift", "slots"})
VERB_KEYS = frozenset({"object", "context", "slots"})
MODALITY_KEYS = {
    "denied": frozenset({"negators", "verbs"}),
    "hedged": frozenset({"adverbs", "verbs", "nouns"}),
    "planned": frozenset({"verbs", "adjectives", "nouns", "modifiers", "future"}),
    "reported": frozenset({"verbs", "nouns", "pronouns"}),
}


@dataclass(frozen=True)
class RuVerb:
    lemma: str
    objects: frozenset[str] = frozenset()  # a required object (or passive subject) lemma
    context: frozenset[str] = frozenset()  # one of these lemmas must depend on the verb
    slots: tuple[tuple[str, tuple[str, ...]], ...] = ()  # slot overrides for this verb


@dataclass(frozen=True)
class RuEventType:
    kind: EventType  # the shared definition: name, roles, role types, symmetric, amount
    verbs: dict[str, RuVerb]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    lift: frozenset[str]
    slots: tuple[tuple[str, tuple[str, ...]], ...]  # in order of preference
    located: frozenset[str] = frozenset()  # nouns that are triggers only with a place filled
    receivers: frozenset[str] = frozenset()  # verbs whose subject receives the nominal trigger

    @property
    def name(self) -> str:
        return self.kind.name


@dataclass(frozen=True)
class RuLexicon:
    types: tuple[RuEventType, ...]
    demonyms: dict[str, str]  # adjective lemma -> gazetteer ref
    proxies: frozenset[str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    role_verbs: dict[str, str]  # verb lemma -> the title it gives ("основать" -> "founder")
    complements: frozenset[str] = frozenset()  # nouns whose genitive is the agent of what they govern
    groups: dict[str, frozenset[str]] = field(default_factory=dict)  # plural noun -> required numeral
    ministers: frozenset[str] = frozenset()  # titles held in "the ministry of" their genitive
    support: frozenset[str] = frozenset()  # verbs whose subject takes part in the event they govern


@dataclass(frozen=True)
class RuModality:
    negators: frozenset[str]
    deny_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_nouns: frozenset[str]
    plan_verbs: frozenset[str]
    plan_adjectives: frozenset[str]
    plan_nouns: frozenset[str]
    plan_modifiers: frozenset[str]
    future: bool
    report_verbs: frozenset[str]
    report_nouns: frozenset[str]
    pronouns: frozenset[str]

    @property
    def cues(self) -> frozenset[str]:
        """Words that take the event they govern into their clause's modality."""
        return (
            self.deny_verbs | self.hedge_verbs | self.hedge_nouns | self.plan_verbs | self.plan_adjectives
        ) | self.plan_nouns


def _keys(where: str, value: object, allowed: frozenset[str]) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
    unknown = sorted(set(map(str, value)) - allowed)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )
    return cast(dict[str, Any], value)


def _mapping(where: str, value: object) -> dict[str, Any]:
    """A mapping whose keys are words (any word is allowed)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
    return cast(dict[str, Any], value)


def _words(where: str, value: object) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected a list of words")
    return frozenset(str(v).lower() for v in cast(list[object], value))


def _slots(where: str, value: object, kind: EventType) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping of slot -> roles")
    result = []
    for slot, roles in cast(dict[str, Any], value).items():
        if slot not in SLOTS and not _PREP.match(str(slot)) and not _HOST_PREP.match(str(slot)):
            raise ConfigError(
                f"{where}: unknown slot {slot!r} "
                f"(slots: {', '.join(sorted(SLOTS))}, prep:WORD, host_subj:WORD)"
            )
        if not isinstance(roles, list):
            raise ConfigError(f"{where}.{slot}: expected a list of roles")
        for role in roles:
            if role not in kind.role_types:
                raise ConfigError(f"{where}.{slot}: {kind.name} has no role {role!r}")
        result.append((str(slot), tuple(str(r) for r in roles)))
    return tuple(result)


def parse_lexicon(data: dict[str, Any], shared: tuple[EventType, ...]) -> RuLexicon:
    """The Russian lexicon from its YAML data, checked against the shared event types."""
    top = _keys("events_ru", data, TOP_KEYS)
    by_name = {t.name: t for t in shared}
    demonyms = _mapping("events_ru.demonyms", top.get("demonyms"))
    for adjective, ref in demonyms.items():
        if not isinstance(ref, str) or ":" not in ref:
            raise ConfigError(f"events_ru.demonyms.{adjective}: expected a gazetteer ref like country:ru")
    events = _keys("events_ru.events", top.get("events"), frozenset(by_name))
    types = []
    for name, spec in events.items():
        where = f"events_ru.events.{name}"
        spec = _keys(where, spec, TYPE_KEYS)
        kind = by_name[name]
        if "slots" not in spec:
            raise ConfigError(f"{where}: no slots")
        verbs = {}
        for lemma, opts in _mapping(f"{where}.verbs", spec.get("verbs")).items():
            vw = f"{where}.verbs.{lemma}"
            opts = _keys(vw, opts, VERB_KEYS)
            verb_slots = _slots(f"{vw}.slots", opts["slots"], kind) if "slots" in opts else ()
            verbs[str(lemma).lower()] = RuVerb(
                str(lemma).lower(),
                _words(f"{vw}.object", opts.get("object")),
                _words(f"{vw}.context", opts.get("context")),
                verb_slots,
            )
        types.append(
            RuEventType(
                kind=kind,
                verbs=verbs,
                nouns=_words(f"{where}.nouns", spec.get("nouns")),
                adjectives=_words(f"{where}.adjectives", spec.get("adjectives")),
                lift=_words(f"{where}.polarity_lift", spec.get("polarity_lift")),
                slots=_slots(f"{where}.slots", spec["slots"], kind),
                located=_words(f"{where}.located", spec.get("located")),
                receivers=_words(f"{where}.receivers", spec.get("receivers")),
            )
        )
    return RuLexicon(
        types=tuple(types),
        demonyms={str(k).lower(): str(v) for k, v in demonyms.items()},
        proxies=_words("events_ru.proxies", top.get("proxies")),
        titles=_words("events_ru.titles", top.get("titles")),
        title_modifiers=_words("events_ru.title_modifiers", top.get("title_modifiers")),
        complements=_words("events_ru.complements", top.get("complements")),
        groups={
            str(k).lower(): _words(f"events_ru.groups.{k}", v)
            for k, v in _mapping("events_ru.groups", top.get("groups")).items()
        },
        ministers=_words("events_ru.ministers", top.get("ministers")),
        support=_words("events_ru.support", top.get("support")),
        role_verbs={
            str(k).lower(): str(v) for k, v in _mapping("events_ru.role_verbs", top.get("role_verbs")).items()
        },
    )


def parse_modality(data: dict[str, Any]) -> RuModality:
    """The Russian modality and source cues from their YAML data, every key checked."""
    top = _keys("modality_ru", data, frozenset(MODALITY_KEYS))
    parts = {name: _keys(f"modality_ru.{name}", top.get(name), keys) for name, keys in MODALITY_KEYS.items()}
    den, hed, pla, rep = parts["denied"], parts["hedged"], parts["planned"], parts["reported"]
    return RuModality(
        negators=_words("denied.negators", den.get("negators")),
        deny_verbs=_words("denied.verbs", den.get("verbs")),
        hedge_adverbs=_words("hedged.adverbs", hed.get("adverbs")),
        hedge_verbs=_words("hedged.verbs", hed.get("verbs")),
        hedge_nouns=_words("hedged.nouns", hed.get("nouns")),
        plan_verbs=_words("planned.verbs", pla.get("verbs")),
        plan_adjectives=_words("planned.adjectives", pla.get("adjectives")),
        plan_nouns=_words("planned.nouns", pla.get("nouns")),
        plan_modifiers=_words("planned.modifiers", pla.get("modifiers")),
        future=bool(pla.get("future", False)),
        report_verbs=_words("reported.verbs", rep.get("verbs")),
        report_nouns=_words("reported.nouns", rep.get("nouns")),
        pronouns=_words("reported.pronouns", rep.get("pronouns")),
    )


@lru_cache(maxsize=1)
def ru_lexicon() -> RuLexicon:
    return parse_lexicon(package_data("events_ru.yaml"), event_types())


@lru_cache(maxsize=1)
def ru_modality() -> RuModality:
    return parse_modality(package_data("modality_ru.yaml"))
