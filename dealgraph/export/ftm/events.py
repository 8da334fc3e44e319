"""Events as FtM statements: the schema that says what the event says, else an ``Event``.

- ROLE: a person's title at an organisation. ``Employment`` at a ``Company``, ``Membership`` of another
  ``Organization``; at a ``PublicBody`` or a state, an ``Occupancy`` of a ``Position`` (the title at
  that body, or the title with the state as the position's ``country``), as OpenSanctions models
  public office.
- INVEST: a stake (a percentage) or an investment without a sum in a ``Company`` is an ``Ownership``;
  a sum of money paid to a person or organisation (the seller, else the target) a ``Payment``; an
  investment in a ``Project`` a ``ProjectParticipant`` (investor), with a ``Payment`` to its seller
  when a sum is given.
- Any event with a project: each person or organisation in it a ``ProjectParticipant`` of the project,
  its role the event type and role.
- Everything else, and every event the above cannot hold (a state as investor or target), an ``Event``:
  its agents the ``organizer`` (for symmetric types, where agent and counterpart may swap, they are
  ``involved`` like the rest), the other parties ``involved``, states as ``country`` values, places as
  ``location``. An event is one entity however many parties it has, so co-agents are never linked to
  each other; FtM's binary ``UnknownLink`` is not needed.

Each carries its evidence sentence (``description``), modality and named source (``summary``), the
event's date (``date``, ``startDate`` when the text gives one, else the article's date), the article as
``proof``, and the extractor and version as its statements' origin.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealgraph.export.ftm.documents import ArticleParties
from dealgraph.export.ftm.statements import Statements
from dealgraph.export.ids import export_id, hashed_id
from dealgraph.store.reader import AmountView, EventView

LEGAL = {"Person", "Organization", "Company", "PublicBody"}


@dataclass(frozen=True)
class Parties:
    """An event's arguments split by what they are in the export."""

    by_role: dict[str, list[str]]  # role -> FtM ids of persons and organisations
    projects: list[str]
    countries: list[str]
    places: list[str]
    title: str | None
    amount: AmountView | None


def _split(ev: EventView, p: ArticleParties, amounts: dict[int, AmountView]) -> Parties:
    by_role: dict[str, list[str]] = {}
    projects, countries, places = [], [], []
    title, amount = None, None
    for arg in ev.args:
        key = arg.entity_key
        if arg.role == "title":
            title = title or arg.text
        elif arg.amount_idx is not None:
            amount = amount or amounts.get(arg.amount_idx)
        elif key in p.countries:
            countries.append(p.countries[key])
        elif key in p.places:
            places.append(p.places[key])
        elif key in p.entities and p.schemata[key] == "Project":
            projects.append(p.entities[key])
        elif key in p.entities:
            by_role.setdefault(arg.role, []).append(p.entities[key])
    return Parties(by_role, projects, countries, places, title, amount)


class EventWriter:
    """Writes one article's events into ``out``."""

    def __init__(self, out: Statements, parties: ArticleParties, symmetric: frozenset[str]) -> None:
        self.out, self.p, self.symmetric = out, parties, symmetric
        self.amount: AmountView | None = None  # the amount of the event being written

    def schema_of(self, ftm_id: str) -> str:
        return next(s for k, s in self.p.schemata.items() if self.p.entities[k] == ftm_id)

    def link(self, ev: EventView, schema: str, *parts: str, **props: str | list[str] | None) -> str:
        """One relation or event entity with the event's common properties and ``props``."""
        link = self.out.make(hashed_id(schema, ev.id, *parts), schema)
        day, origin = ev.published, ev.extractor
        common: dict[str, str | list[str] | None] = {
            "proof": self.p.doc,
            "description": ev.evidence,
            "summary": _summary(ev, self.amount),
            "date": ev.event_date or (ev.published.isoformat() if ev.published else None),
            "startDate": ev.event_date,
        }
        for prop, value in {**common, **props}.items():
            for v in value if isinstance(value, list) else [value]:
                self.out.add(link, prop, v, day, origin)
        return link

    def write(self, ev: EventView, amounts: dict[int, AmountView]) -> None:
        parts = _split(ev, self.p, amounts)
        self.amount = parts.amount
        agents = [a for a in parts.by_role.get("agent", []) if self.schema_of(a) in LEGAL]
        for project in parts.projects:
            for role, ids in parts.by_role.items():
                for party in ids:
                    self.link(ev, "ProjectParticipant", project, party, participant=party, project=project,
                              role=f"{ev.type} {role}".lower())  # fmt: skip
        if ev.type == "ROLE" and self._role(ev, agents, parts):
            return
        if ev.type == "INVEST" and agents and self._invest(ev, agents, parts):
            return
        self._event(ev, parts)

    def _role(self, ev: EventView, agents: list[str], parts: Parties) -> bool:
        people = [a for a in agents if self.schema_of(a) == "Person"]
        target = next(iter(parts.by_role.get("target", [])), None)
        title = parts.title or "official"
        if not people or (target is None and not parts.countries):
            return False
        kind = self.schema_of(target) if target else None
        for person in people:
            if kind == "Company" and target:
                self.link(ev, "Employment", person, employee=person, employer=target, role=title)
            elif kind == "Organization" and target:
                self.link(ev, "Membership", person, member=person, organization=target, role=title)
            else:
                post = self._position(title, target, parts.countries[0] if not target else None, ev)
                self.link(ev, "Occupancy", person, holder=person, post=post)
        return True

    def _position(self, title: str, body: str | None, country: str | None, ev: EventView) -> str:
        """A public office: the title at a public body, or the title of a state."""
        keys = [k for k, v in self.p.entities.items() if v == body]
        keys += [k for k, v in self.p.countries.items() if v == country and not body]
        where = self.p.names[keys[0]] if keys else None
        name = f"{title}, {where}" if where else title
        post = self.out.make(export_id("position", f"{title.lower()}-{body or country}"), "Position")
        self.out.add(post, "name", name, ev.published, ev.extractor)
        self.out.add(post, "organization", body, ev.published, ev.extractor)
        self.out.add(post, "country", country, ev.published, ev.extractor)
        return post

    def _invest(self, ev: EventView, agents: list[str], parts: Parties) -> bool:
        amount = parts.amount
        money = amount if amount and amount.currency and amount.value is not None else None
        share = amount if amount and amount.unit == "percent" and amount.value is not None else None
        targets = parts.by_role.get("target", [])
        sellers = parts.by_role.get("seller", [])
        wrote = False
        for agent in agents:
            for target in targets:
                kind = self.schema_of(target)
                if kind == "Company" and not money:
                    self.link(ev, "Ownership", agent, target, owner=agent, asset=target, role="investor",
                              percentage=_number(share.value) if share else None)  # fmt: skip
                    wrote = True
            payee = next(iter(sellers), None) or next(
                (t for t in targets if self.schema_of(t) in LEGAL), None
            )
            if money and payee and payee != agent:
                self.link(ev, "Payment", agent, payee, payer=agent, beneficiary=payee,
                          amount=_number(money.value), currency=money.currency, purpose=money.text,
                          project=parts.projects or None)  # fmt: skip
                wrote = True
        return wrote or bool(parts.projects and not targets)

    def _event(self, ev: EventView, parts: Parties) -> None:
        symmetric = ev.type in self.symmetric
        organizers = [] if symmetric else parts.by_role.get("agent", [])
        involved = [i for r, ids in parts.by_role.items() for i in ids if r != "agent" or symmetric]
        names = [self.p.names[k] for k in self.p.entities if self.p.entities[k] in organizers + involved]
        label = f"{ev.type.title()}: {', '.join(dict.fromkeys(names)) or ev.trigger}"
        self.link(ev, "Event", name=label[:200], organizer=organizers, involved=involved,
                  country=parts.countries, location=parts.places)  # fmt: skip


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if value == int(value) else str(value)


def _summary(ev: EventView, amount: AmountView | None) -> str:
    parts = [f"{ev.type} event", f"modality: {ev.modality}"]
    if ev.polarity:
        parts.append(f"polarity: {ev.polarity}")
    if amount:
        parts.append(f"amount: {amount.text}")
    if ev.source_name:
        parts.append(f"source: {ev.source_name}")
    parts.append(f"confidence: {ev.confidence:.2f}")
    return "; ".join(parts)
