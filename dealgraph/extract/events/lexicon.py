"""The event and modality lexicons, loaded from ``extract/data/events.yaml`` and ``modality.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, cast

import yaml

from dealgraph.exc import ConfigError
from dealgraph.model.extraction import ENTITY_TYPES


@dataclass(frozen=True)
class VerbTrigger:
    lemma: str
    objects: frozenset[str] = frozenset()  # a required direct object lemma ("impose" + "sanctions")
    particles: frozenset[str] = frozenset()  # a required particle ("pull" + "out")
    slots: tuple[tuple[str, tuple[str, ...]], ...] = ()  # slot overrides for this verb
    # the required object may instead be a name of one of these entity types ("seized Baltika")
    object_types: frozenset[str] = frozenset()
    # a word one of which the verb's clause must hold for this sense ("challenge ... in court")
    context: frozenset[str] = frozenset()
    # no trigger with a complement clause: "suggested that X would ..." implies, it proposes nothing
    clause: bool = True
    # the verb is a trigger only with a deal-like complement: one of these nouns (or a name of
    # ``object_types``) as its object, passive subject or the object of "on/to/upon/over", or an infinitive
    # ("agreed a truce", "agreed on the terms", "agreed to build"); "agrees with X", "agreed that ..."
    # and "agree on the need for ..." are agreement in opinion
    deal: frozenset[str] = frozenset()
    # no trigger with one of these objects: "offered his congratulations" offers no deal
    not_object: frozenset[str] = frozenset()
    # roles this verb's event must fill: "travelled together" is no visit without a destination
    requires: frozenset[str] = frozenset()
    # a trigger only with an infinitive complement of one of these verbs: "asked X to lift sanctions"
    # proposes a deal, "asked X to leave" does not
    xcomp: frozenset[str] = frozenset()
    # no subject with one of these lemmas is the agent: "a loan funded by frozen assets" (the means)
    not_subject: frozenset[str] = frozenset()
    # the event stands without an agent when these roles are filled: "X sold its stake in Y" (to a buyer
    # the text does not name) is a sale of Y by X
    agentless: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventType:
    name: str
    verbs: dict[str, VerbTrigger]
    nouns: frozenset[str]
    adjectives: frozenset[str]  # a noun modified by one of these is a nominal trigger ("joint projects")
    slots: dict[str, tuple[str, ...]]  # slot -> roles in order of preference
    role_types: dict[str, frozenset[str]]  # role -> accepted entity types
    symmetric: bool = False
    amount: bool = False
    object_preps: bool = False
    lift: frozenset[str] = frozenset()
    # nouns that trigger only with a complement clause of one of these verbs ("interest in working with")
    complements: dict[str, frozenset[str]] = field(default_factory=dict)
    # a progressive participle modifying a noun ("who was visiting X", "tourists visiting X") describes
    # that noun; with ``background`` false it is no event unless a counterpart is named
    background: bool = True
    # roles the event must fill unless its trigger is one of the listed words: a meeting needs a
    # counterpart; only a visit or a trip is an event with its traveller and a place alone
    requires: dict[str, frozenset[str]] = field(default_factory=dict)
    # a person as target needs a reason phrase on the trigger (GUIDELINES §5: criticism of a person is
    # OPPOSE only when it opposes an action): "criticised X for ...", "accused X of ..."
    person_target_needs: frozenset[str] = frozenset()
    # nominal triggers that are this type only with these roles filled: talks are a meeting where
    # they are held somewhere ("talks in Istanbul"), not by phone
    noun_requires: dict[str, frozenset[str]] = field(default_factory=dict)
    # nouns an adjective trigger does not make this type: a joint press conference is no joint project
    not_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Modality:
    negators: frozenset[str]
    deny_verbs: frozenset[str]
    deny_phrases: tuple[str, ...]
    withhold_verbs: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_phrases: tuple[str, ...]
    plan_modals: frozenset[str]
    plan_verbs: frozenset[str]
    plan_nouns: frozenset[str]
    plan_adverbs: frozenset[str]
    plan_phrases: tuple[str, ...]
    future_modals: frozenset[str]
    future_verbs: frozenset[str]
    future_words: frozenset[str]
    report_verbs: frozenset[str]
    report_phrases: tuple[str, ...]
    back_reference: tuple[re.Pattern[str], ...] = field(default=())
    occur_verbs: frozenset[str] = frozenset()
    conditionals: frozenset[str] = frozenset()
    inverted: frozenset[str] = frozenset()
    plan_adjectives: frozenset[str] = frozenset()
    wishes: frozenset[str] = frozenset()


def package_data(name: str) -> dict[str, Any]:
    text = resources.files("dealgraph.extract").joinpath("data", name).read_text(encoding="utf-8")
    return cast(dict[str, Any], yaml.safe_load(text))


def _set(value: object) -> frozenset[str]:
    return frozenset(str(v) for v in cast(list[object], value or []))


TYPE_KEYS = {
    "verbs", "nouns", "adjectives", "slots", "roles", "symmetric", "amount", "object_preps",
    "polarity_lift", "complements", "background", "requires", "person_target_needs", "noun_requires",
    "not_nouns",
}  # fmt: skip
VERB_KEYS = {
    "object",
    "particle",
    "slots",
    "object_types",
    "context",
    "clause",
    "deal",
    "not_object",
    "requires",
    "xcomp",
    "agentless",
    "not_subject",
}
SLOTS = {
    "subj", "passive_subj", "obj", "dative", "poss", "compound", "hyphen", "under", "obj_mod", "purpose",
    "topic",
}  # fmt: skip
SLOT_PREFIXES = ("prep:", "clause:")


def _check_slot(where: str, slot: str, roles: object, known_roles: set[str]) -> None:
    if slot not in SLOTS and not (slot.startswith(SLOT_PREFIXES) and slot.split(":", 1)[1]):
        raise ConfigError(f"{where}: unknown slot {slot!r} (known: {sorted(SLOTS)}, prep:WORD, clause:WORD)")
    if not isinstance(roles, list):
        raise ConfigError(f"{where}: slot {slot!r} must list roles")
    for role in roles:
        if role not in known_roles:
            raise ConfigError(f"{where}: slot {slot!r} names role {role!r}, not one of {sorted(known_roles)}")


def validate_events(data: dict[str, Any]) -> None:
    """Check the events file's shape: a typo ("symetric", "prep_with", a role no type declares) is an
    error when the file loads, not a rule that silently never fires."""
    if not isinstance(data.get("types"), dict):
        raise ConfigError("events.yaml: a 'types' map of role groups is required")
    for group, kinds in data["types"].items():
        unknown = set(kinds or []) - set(ENTITY_TYPES)
        if unknown:
            raise ConfigError(
                f"events.yaml: role group {group!r} names unknown entity types {sorted(unknown)}"
            )
    for name, spec in data.items():
        if name == "types":
            continue
        where = f"events.yaml: {name}"
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: must be a map")
        unknown = set(spec) - TYPE_KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown keys {sorted(unknown)} (known: {sorted(TYPE_KEYS)})")
        roles = spec.get("roles")
        if not isinstance(roles, dict) or not roles:
            raise ConfigError(f"{where}: 'roles' (role -> group) is required")
        for role, group in roles.items():
            if group not in data["types"]:
                raise ConfigError(f"{where}: role {role!r} names unknown group {group!r}")
        if not isinstance(spec.get("slots"), dict):
            raise ConfigError(f"{where}: 'slots' is required")
        for slot, slot_roles in spec["slots"].items():
            _check_slot(where, slot, slot_roles, set(roles))
        for lemma, opts in (spec.get("verbs") or {}).items():
            unknown = set(opts or {}) - VERB_KEYS
            if unknown:
                raise ConfigError(f"{where}: verb {lemma!r} has unknown keys {sorted(unknown)}")
            for slot, slot_roles in ((opts or {}).get("slots") or {}).items():
                _check_slot(f"{where}: verb {lemma!r}", slot, slot_roles, set(roles))


@lru_cache(maxsize=1)
def event_types() -> tuple[EventType, ...]:
    data = package_data("events.yaml")
    validate_events(data)
    groups = {k: _set(v) for k, v in data.pop("types").items()}
    result = []
    for name, spec in data.items():
        verbs = {
            lemma: VerbTrigger(
                lemma,
                _set((opts or {}).get("object")),
                _set((opts or {}).get("particle")),
                tuple((k, tuple(v)) for k, v in ((opts or {}).get("slots") or {}).items()),
                _set((opts or {}).get("object_types")),
                _set((opts or {}).get("context")),
                bool((opts or {}).get("clause", True)),
                _set((opts or {}).get("deal")),
                _set((opts or {}).get("not_object")),
                _set((opts or {}).get("requires")),
                _set((opts or {}).get("xcomp")),
                not_subject=_set((opts or {}).get("not_subject")),
                agentless=_set((opts or {}).get("agentless")),
            )
            for lemma, opts in (spec.get("verbs") or {}).items()
        }
        result.append(
            EventType(
                name=name,
                verbs=verbs,
                nouns=_set(spec.get("nouns")),
                adjectives=_set(spec.get("adjectives")),
                slots={slot: tuple(roles) for slot, roles in spec["slots"].items()},
                role_types={role: groups[group] for role, group in spec["roles"].items()},
                symmetric=bool(spec.get("symmetric")),
                amount=bool(spec.get("amount")),
                object_preps=bool(spec.get("object_preps")),
                lift=_set(spec.get("polarity_lift")),
                complements={k: _set(v) for k, v in (spec.get("complements") or {}).items()},
                background=bool(spec.get("background", True)),
                requires={k: _set(v) for k, v in (spec.get("requires") or {}).items()},
                person_target_needs=_set(spec.get("person_target_needs")),
                not_nouns=_set(spec.get("not_nouns")),
                noun_requires={k: _set(v) for k, v in (spec.get("noun_requires") or {}).items()},
            )
        )
    return tuple(result)


MODALITY_KEYS = {
    "denied": {"negators", "verbs", "phrases", "withhold", "occur"},
    "hedged": {"modals", "adverbs", "adjectives", "verbs", "conditionals", "inverted", "phrases"},
    "planned": {"modals", "verbs", "nouns", "adverbs", "adjectives", "phrases", "future", "wishes"},
    "reported": {"verbs", "phrases", "back_reference"},
}


def validate_modality(data: dict[str, Any]) -> None:
    """Check the modality file's sections and keys, so that a misspelt cue list is an error."""
    unknown = set(data) - set(MODALITY_KEYS)
    if unknown:
        raise ConfigError(f"modality.yaml: unknown sections {sorted(unknown)}")
    for section, keys in MODALITY_KEYS.items():
        if not isinstance(data.get(section), dict):
            raise ConfigError(f"modality.yaml: section {section!r} is required")
        extra = set(data[section]) - keys
        if extra:
            raise ConfigError(f"modality.yaml: {section} has unknown keys {sorted(extra)}")
    extra = set(data["planned"].get("future") or {}) - {"modals", "verbs", "words"}
    if extra:
        raise ConfigError(f"modality.yaml: planned.future has unknown keys {sorted(extra)}")


@lru_cache(maxsize=1)
def modality_lexicon() -> Modality:
    d = package_data("modality.yaml")
    validate_modality(d)
    den, hed, pla, rep = d["denied"], d["hedged"], d["planned"], d["reported"]
    return Modality(
        negators=_set(den["negators"]),
        deny_verbs=_set(den["verbs"]),
        deny_phrases=tuple(den["phrases"]),
        withhold_verbs=_set(den["withhold"]),
        hedge_modals=_set(hed["modals"]),
        hedge_adverbs=_set(hed["adverbs"]),
        hedge_adjectives=_set(hed["adjectives"]),
        hedge_verbs=_set(hed["verbs"]),
        hedge_phrases=tuple(hed["phrases"]),
        plan_modals=_set(pla["modals"]),
        plan_verbs=_set(pla["verbs"]),
        plan_nouns=_set(pla["nouns"]),
        plan_adverbs=_set(pla["adverbs"]),
        plan_phrases=tuple(pla["phrases"]),
        future_modals=_set(pla["future"]["modals"]),
        future_verbs=_set(pla["future"]["verbs"]),
        future_words=_set(pla["future"]["words"]),
        report_verbs=_set(rep["verbs"]),
        report_phrases=tuple(rep["phrases"]),
        back_reference=tuple(re.compile(p, re.IGNORECASE) for p in rep["back_reference"]),
        occur_verbs=_set(den.get("occur")),
        conditionals=_set(hed.get("conditionals")),
        inverted=_set(hed.get("inverted")),
        plan_adjectives=_set(pla.get("adjectives")),
        wishes=_set(pla.get("wishes")),
    )
