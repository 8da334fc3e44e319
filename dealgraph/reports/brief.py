"""What a briefing report says, before any format: parties, events, amounts and their citations.

A brief is scoped to an entity, a project (an entity of type Project), or every deal event since a
date. Each statement carries a citation number; each citation is one article and one sentence, shown
by outlet, title, date and URL (``brief_reads.article_sources``). Events are in time order with the
undated ones last; ROLE events (who holds which post) are kept apart from the deal events, in
``roles``. The sanctions status names the list snapshots checked (``brief_reads.loaded_snapshots``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from dealgraph.claims.outlets import domain_of, outlets
from dealgraph.exc import InputError, NotFound
from dealgraph.reports.claims import CiteFn, ClaimRow, claim_rows
from dealgraph.screen.grades import SCREENED_TYPES, listed_since
from dealgraph.store import deal_views, reader, views
from dealgraph.store.brief_reads import SnapshotView, article_sources, country_programmes, loaded_snapshots
from dealgraph.store.reader import EventView
from dealgraph.store.store import Store

MAX_EVENTS = 400


@dataclass(frozen=True)
class Citation:
    n: int
    article_id: str
    title: str | None
    published: date | None
    sentence: str
    event_id: str
    outlet: str = "unknown outlet"
    url: str | None = None  # an http(s) address of the article, when one is stored
    where: str | None = None  # where it was read from, when there is no URL (a file path)


@dataclass(frozen=True)
class PartyRow:
    entity_id: str
    name: str
    type: str
    events: int
    status: str  # readable sanctions status
    listed: bool
    cite: int  # the first event that names the party


@dataclass(frozen=True)
class EventRow:
    day: str
    type: str
    modality: str
    polarity: str | None
    parties: tuple[tuple[str, str], ...]  # (role, name)
    source: str | None
    amount: str | None
    usd: float | None
    cite: int


@dataclass(frozen=True)
class RoleRow:
    """Who is who: a person (agent), the post (title) and the organisation or country (target)."""

    day: str
    holder: str
    post: str | None
    of: str | None
    modality: str
    cite: int


@dataclass(frozen=True)
class AmountRow:
    project: str
    type: str
    amount: str
    usd: float | None
    cite: int


@dataclass
class Brief:
    title: str
    scope: str
    generated: date
    focus: str | None  # the entity id at the centre, if any
    parties: list[PartyRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
    amounts: list[AmountRow] = field(default_factory=list)
    claims: list[ClaimRow] = field(default_factory=list)  # the facts its events report, across outlets
    citations: list[Citation] = field(default_factory=list)
    edges: list[tuple[str, str, str, int]] = field(default_factory=list)  # (agent, other, type, articles)
    snapshots: list[SnapshotView] = field(default_factory=list)  # the list snapshots checked

    @property
    def screening(self) -> bool:
        """Whether the parties were checked against any list (each ingest and list load screens)."""
        return bool(self.snapshots)


def _entity(store: Store, id_or_name: str) -> str:
    ids = reader.find_entity_ids(store, id_or_name)
    if not ids:
        raise NotFound(f"no entity {id_or_name!r}")
    return views.canonical_id(store, ids[0])


UNDATED = "undated"


def _day(ev: EventView) -> str:
    return ev.event_date or (ev.published.isoformat() if ev.published else UNDATED)


def time_order(ev: EventView) -> tuple[bool, str, str, str]:
    """Oldest first, the undated last."""
    day = _day(ev)
    return (day == UNDATED, day, ev.article_id, ev.id)


def _status(store: Store, kind: str, name: str, hits: list[views.HitView], on: date) -> tuple[str, bool]:
    if kind == "Country":
        programmes = country_programmes(store, name)[:3]
        named = ", ".join(f"{p.dataset} {p.program} ({p.entries} entries)" for p in programmes)
        return "not screened (a country is not a listed party)" + (
            f"; programmes: {named}" if named else ""
        ), False
    if kind not in SCREENED_TYPES:
        return "not screened", False
    live = [h for h in hits if not h.dismissed]
    if not live:
        return "not found on the loaded lists", False
    parts = []
    listed = False
    for h in live:
        listed = listed or h.listed_at(on)
        review = "" if h.status == "listed" else "to review: possible match, "
        since = listed_since(h.listed_on, h.listed_from, h.listed_until)
        parts.append(f"{review}{h.dataset} {h.entry_id} ({h.name}), {since}")
    return "; ".join(parts), listed


def build_brief(
    store: Store,
    entity: str | None = None,
    project: str | None = None,
    since: date | None = None,
    today: date | None = None,
) -> Brief:
    """Collect the brief's content from the store. Exactly one of entity/project, or since alone."""
    if entity and project:
        raise InputError("give --entity or --project, not both")
    if not (entity or project or since):
        raise InputError("give --entity, --project or --since")
    today = today or date.today()
    wanted = entity or project
    focus = _entity(store, wanted) if wanted else None
    if focus is not None:
        name, kind = views.entity_names(store, [focus])[focus]
        if project and kind != "Project":
            raise InputError(f"{name} is a {kind}, not a Project")
        events = sorted(
            reader.list_events(store, entity_id=focus, since=since, limit=MAX_EVENTS), key=time_order
        )
        title = f"Brief: {name}" if entity else f"Brief: project {name}"
        scope = f"events naming {name} ({kind})" + (f" since {since}" if since else "")
    else:
        events = sorted(
            (ev for kind in deal_views.deal_events(store, since=since, limit=MAX_EVENTS) for ev in kind),
            key=time_order,
        )
        title = f"Brief: deal events since {since}"
        scope = "proposals, negotiations, agreements and investments" + f" since {since}"
    brief = Brief(title, scope, today, focus)
    _fill(store, brief, events)
    brief.claims = claim_rows(store, [e.id for e in events], _citer(brief))
    brief.citations = _sourced(store, brief.citations)
    return brief


def _sourced(store: Store, citations: list[Citation]) -> list[Citation]:
    """Each citation with its article's outlet (``claims/data/outlets.yaml``, else as stored), URL and
    source; the title and date as stored."""
    sources = article_sources(store, {c.article_id for c in citations})
    known = outlets()
    result = []
    for c in citations:
        s = sources.get(c.article_id)
        if s is None:
            result.append(c)
            continue
        url = s.url if domain_of(s.url) else (s.source if domain_of(s.source) else None)
        outlet = known.of_article(s.outlet, s.url, s.source).name
        where = None if url else s.source
        result.append(replace(c, title=s.title, published=s.published, outlet=outlet, url=url, where=where))
    return result


def _citer(brief: Brief) -> CiteFn:
    """Cite a report: the number the brief gave its event already, else a new citation."""
    cited = {c.event_id: c.n for c in brief.citations}

    def cite(event_id: str, article_id: str, title: str | None, published: date | None, sentence: str) -> int:
        if event_id not in cited:
            cited[event_id] = len(brief.citations) + 1
            brief.citations.append(
                Citation(cited[event_id], article_id, title, published, sentence, event_id)
            )
        return cited[event_id]

    return cite


def _fill(store: Store, brief: Brief, events: list[EventView]) -> None:
    titles = views.article_titles(store, {e.article_id for e in events})
    amounts = views.amounts_for(
        store, [(e.article_id, a.amount_idx) for e in events for a in e.args if a.amount_idx is not None]
    )
    ids = {a.entity_id for e in events for a in e.args if a.entity_id}
    hits = views.hits_for(store, ids)
    brief.snapshots = loaded_snapshots(store)
    first_cite: dict[str, int] = {}
    counts: dict[str, int] = {}
    edges: dict[tuple[str, str, str], set[str]] = {}
    for ev in events:
        n = len(brief.citations) + 1
        title, published = titles.get(ev.article_id, (None, None))
        brief.citations.append(Citation(n, ev.article_id, title, published, ev.evidence, ev.id))
        for a in ev.args:
            if a.entity_id:
                first_cite.setdefault(a.entity_id, n)
                counts[a.entity_id] = counts.get(a.entity_id, 0) + 1
        if ev.type == "ROLE":
            brief.roles.append(_role(ev, n))
            continue
        amount = next(
            (amounts.get((ev.article_id, a.amount_idx)) for a in ev.args if a.amount_idx is not None), None
        )
        usd = deal_views.to_usd(amount)
        parties = tuple((a.role, a.name or a.entity_id or "") for a in ev.args if a.entity_id)
        brief.events.append(
            EventRow(
                _day(ev),
                ev.type,
                ev.modality,
                ev.polarity,
                parties,
                ev.source_name,
                amount["text"] if amount else None,
                usd,
                n,
            )
        )
        project = next((a.name for a in ev.args if a.role == "project" and a.name), None)
        if amount is not None:
            brief.amounts.append(
                AmountRow(project or deal_views.NO_PROJECT, ev.type, str(amount["text"]), usd, n)
            )
        agent = next((a.entity_id for a in ev.args if a.role == "agent" and a.entity_id), None)
        for a in ev.args:
            if a.entity_id and agent and a.entity_id != agent and a.role != "agent":
                edges.setdefault((agent, a.entity_id, ev.type), set()).add(ev.article_id)
    names = views.entity_names(store, ids)
    for entity_id in sorted(ids, key=lambda i: (-counts[i], names.get(i, (i, ""))[0])):
        name, kind = names.get(entity_id, (entity_id, ""))
        status, listed = _status(store, kind, name, hits.get(entity_id, []), brief.generated)
        brief.parties.append(
            PartyRow(entity_id, name, kind, counts[entity_id], status, listed, first_cite[entity_id])
        )
    brief.amounts.sort(key=lambda r: (r.project == deal_views.NO_PROJECT, r.project, -(r.usd or 0.0)))
    brief.edges = [
        (names.get(s, (s, ""))[0], names.get(t, (t, ""))[0], k, len(a)) for (s, t, k), a in edges.items()
    ]


def _role(ev: EventView, cite: int) -> RoleRow:
    def named(role: str) -> str | None:
        return next((a.name or a.text for a in ev.args if a.role == role and (a.name or a.text)), None)

    of = named("target") or named("org")
    return RoleRow(_day(ev), named("agent") or "", named("title"), of, ev.modality, cite)


def lists_checked(brief: Brief) -> str:
    """The list snapshots the parties were checked against, by dataset and date, or that there are none."""
    if not brief.snapshots:
        return (
            "No sanctions list snapshots are loaded, so no party was checked: sanctions status is not known."
        )
    shown = "; ".join(f"{s.dataset} as of {s.as_of} ({s.entries:,} entries)" for s in brief.snapshots)
    return f"Parties were checked against {len(brief.snapshots)} list snapshot(s): {shown}."


def cite_line(c: Citation) -> str:
    """Outlet, title, date and address of a citation, as plain text."""
    title = f"“{c.title}”" if c.title else "untitled article"
    return f"{c.outlet}, {title}, {c.published or 'undated'}, {c.url or 'no URL; read from ' + str(c.where)}"
