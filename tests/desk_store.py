"""A small hand-made store for the analyst's desk tests (API, web, reports).

The articles are written for these tests; entities, amounts and events are placed on them by span, as
the extractor would, and saved through ``Store.save`` with the foundation's exact resolver. That keeps
the desk tests fast and independent of the NLP models; the end-to-end tests use ``examples/articles``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dealgraph.model import (
    Amount,
    Article,
    Entity,
    Event,
    EventArg,
    Extraction,
    Mention,
    Modality,
    RemovedLine,
)
from dealgraph.model.article import content_hash
from dealgraph.resolve.canonical import resolve_exact
from dealgraph.screen import history
from dealgraph.screen.hits import save_hits
from dealgraph.screen.records import ListEntry, ScreeningHit
from dealgraph.store.store import Store, open_store

SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned';</script>"


@dataclass
class Draft:
    """An article under construction: entities and events are placed by the text they cover."""

    id: str
    title: str
    text: str
    published: date | None
    removed: tuple[RemovedLine, ...] = ()
    url: str | None = None
    entities: dict[str, Entity] = field(default_factory=dict)
    amounts: list[Amount] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def span(self, phrase: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(phrase, start + 1)
        return start, start + len(phrase)

    def entity(self, name: str, type_: str, *forms: str, ref: str | None = None) -> str:
        key = f"e{len(self.entities)}"
        mentions = []
        for form in forms or (name,):
            start = -1
            while (start := self.text.find(form, start + 1)) >= 0:
                mentions.append(Mention(start, start + len(form), form, type_, "ner"))  # type: ignore[arg-type]
        self.entities[key] = Entity(key, name, type_, tuple(sorted(mentions, key=lambda m: m.start)), ref)  # type: ignore[arg-type]
        return key

    def amount(self, phrase: str, value: float, currency: str) -> int:
        start, end = self.span(phrase)
        self.amounts.append(Amount(start, end, phrase, value, currency))
        return len(self.amounts) - 1

    def event(
        self,
        type_: str,
        sentence: str,
        modality: Modality = "asserted",
        source: str | None = None,
        **roles: str | int,
    ) -> None:
        start, end = self.span(sentence)
        args = tuple(
            EventArg(role, amount=value) if isinstance(value, int) else EventArg(role, entity=value)
            for role, value in roles.items()
        )
        self.events.append(
            Event(
                type_,
                args,
                modality,
                start,
                end,
                source=source,
                trigger=type_.lower(),
                extractor="test",
                confidence=0.9,
            )
        )

    def save(self, store: Store) -> None:
        article = Article(
            id=self.id,
            source=f"test:{self.id}",
            text=self.text,
            raw=self.text,
            content_hash=content_hash(self.text),
            lang="en",
            published=self.published,
            published_how="metadata",
            title=self.title,
            url=self.url,
            outlet="desk test wire",
            removed=self.removed,
        )
        extraction = Extraction(
            self.id, tuple(self.entities.values()), tuple(self.amounts), tuple(self.events)
        )
        store.save(article, extraction, resolve_exact, bands=[], signature=())


def drafts() -> list[Draft]:
    a = Draft(
        "desk-1",
        "Fund chief offers Arctic stake to Washington",
        "Fund chief offers Arctic stake to Washington\n\n"
        "Kirill Dmitriev, who heads the Russian Direct Investment Fund, offered American companies a stake "
        "in the Arctic LNG 2 project worth $5 billion. Steve Witkoff said the offer would be studied. "
        "Dmitriev met Witkoff in Riyadh on Tuesday.",
        date(2025, 2, 18),
        removed=(
            RemovedLine("Share this article", "share-line", 0),
            RemovedLine("USD/RUB 88.1", "ticker", 20),
        ),
    )
    dmitriev = a.entity("Kirill Dmitriev", "Person", "Kirill Dmitriev", "Dmitriev")
    rdif = a.entity("Russian Direct Investment Fund", "Organization")
    us = a.entity("United States", "Country", "Washington", "American", ref="country:US")
    arctic = a.entity("Arctic LNG 2", "Project")
    witkoff = a.entity("Steve Witkoff", "Person", "Steve Witkoff", "Witkoff")
    riyadh = a.entity("Riyadh", "Location")
    usd = a.amount("$5 billion", 5e9, "USD")
    a.event(
        "PROPOSE",
        "Kirill Dmitriev, who heads the Russian Direct Investment Fund, offered American companies a stake "
        "in the Arctic LNG 2 project worth $5 billion.",
        agent=dmitriev,
        recipient=us,
        project=arctic,
        amount=usd,
    )
    a.event(
        "MEET",
        "Dmitriev met Witkoff in Riyadh on Tuesday.",
        agent=dmitriev,
        counterpart=witkoff,
        place=riyadh,
    )
    a.event("ROLE", "Kirill Dmitriev, who heads the Russian Direct Investment Fund", agent=dmitriev, org=rdif)

    b = Draft(
        "desk-2",
        "Talks on Arctic gas stall, sources say",
        "Talks on Arctic gas stall, sources say\n\n"
        "Negotiations between Kirill Dmitriev and Steve Witkoff over Arctic LNG 2 have stalled, according to "
        "Reuters. The Russian Direct Investment Fund may invest €2 billion if sanctions are lifted. "
        "Reader comment: " + SCRIPT,
        date(2025, 3, 3),
    )
    dmitriev = b.entity("Kirill Dmitriev", "Person")
    witkoff = b.entity("Steve Witkoff", "Person")
    arctic = b.entity("Arctic LNG 2", "Project")
    reuters = b.entity("Reuters", "Organization")
    rdif = b.entity("Russian Direct Investment Fund", "Organization")
    eur = b.amount("€2 billion", 2e9, "EUR")
    b.event(
        "NEGOTIATE",
        "Negotiations between Kirill Dmitriev and Steve Witkoff over Arctic LNG 2 have stalled, "
        "according to Reuters.",
        modality="reported",
        source=reuters,
        agent=dmitriev,
        counterpart=witkoff,
        project=arctic,
    )
    b.event(
        "INVEST",
        "The Russian Direct Investment Fund may invest €2 billion if sanctions are lifted.",
        modality="hedged",
        agent=rdif,
        project=arctic,
        amount=eur,
    )

    c = Draft(
        "desk-3",
        "Treasury names fund in new sanctions",
        "Treasury names fund in new sanctions\n\n"
        "The United States Treasury imposed sanctions on the Russian Direct Investment Fund "
        "and Kirill Dmitriev. "
        "Officials in Moscow called the measures unlawful.",
        date(2022, 3, 1),
    )
    treasury = c.entity("United States Treasury", "Organization")
    rdif = c.entity("Russian Direct Investment Fund", "Organization")
    dmitriev = c.entity("Kirill Dmitriev", "Person")
    c.entity("Moscow", "Location")
    c.event(
        "SANCTION",
        "The United States Treasury imposed sanctions on the Russian Direct Investment Fund and "
        "Kirill Dmitriev.",
        agent=treasury,
        target=rdif,
    )
    c.events.append(
        Event(
            "SANCTION",
            (EventArg("agent", entity=treasury), EventArg("target", entity=dmitriev)),
            "asserted",
            *c.span(
                "The United States Treasury imposed sanctions on the Russian Direct Investment Fund and "
                "Kirill Dmitriev."
            ),
            trigger="sanction",
            extractor="test",
            confidence=0.9,
        )
    )
    return [a, b, c]


def undated_draft(url: str | None = "https://www.reuters.com/world/fund-chief-meet-envoy") -> Draft:
    """An article with no date and a URL: a planned meeting (for undated groups and citations)."""
    d = Draft(
        "desk-undated",
        "Fund chief to meet envoy again",
        "Fund chief to meet envoy again\n\nKirill Dmitriev will meet Steve Witkoff again, aides said.",
        None,
        url=url,
    )
    dmitriev = d.entity("Kirill Dmitriev", "Person")
    witkoff = d.entity("Steve Witkoff", "Person")
    d.event(
        "MEET",
        "Kirill Dmitriev will meet Steve Witkoff again, aides said.",
        "planned",
        agent=dmitriev,
        counterpart=witkoff,
    )
    return d


def build(url: str) -> Store:
    store = open_store(url)
    for draft in drafts():
        draft.save(store)
    return store


# A listed shipping group and its chairman, for the sanctions pages (browser, pages, review).
TANKERS = ListEntry("test_list", "T-5", "Organization", "POLAR TANKER GROUP", (), ("RU-1",))
VORONOV = ListEntry("test_list", "T-6", "Person", "VORONOV, Oleg Petrovich", (), ("RU-1",))
CHARTER = "Polar Tanker Group will charter two ice-class carriers to Arctic LNG 2, according to Interfax."


def charter_draft() -> Draft:
    """An invented article: a listed shipping group, its chairman (a possible match), a named source."""
    d = Draft(
        "desk-charter",
        "Tanker group to serve Arctic gas plant",
        "Tanker group to serve Arctic gas plant\n\n"
        f"{CHARTER} "
        "Its chairman, Oleg Voronow, met Kirill Dmitriev in Murmansk on Monday.",
        date(2025, 4, 2),
    )
    tankers = d.entity("Polar Tanker Group", "Organization")
    arctic = d.entity("Arctic LNG 2", "Project")
    interfax = d.entity("Interfax", "Organization")
    voronow = d.entity("Oleg Voronow", "Person")
    dmitriev = d.entity("Kirill Dmitriev", "Person")
    d.entity("Murmansk", "Location")
    d.event("AGREE", CHARTER, "reported", source=interfax, agent=tankers, project=arctic)
    d.event(
        "MEET",
        "Its chairman, Oleg Voronow, met Kirill Dmitriev in Murmansk on Monday.",
        agent=voronow,
        counterpart=dmitriev,
    )
    return d


def _hit(entry: ListEntry, query: str, score: float, grade: str) -> ScreeningHit:
    return ScreeningHit(
        query, entry.dataset, entry.entry_id, entry.schema, entry.name, entry.name, score, "test",
        entry.programs, listed_from=date(2022, 3, 1), grade=grade,
    )  # fmt: skip


def sanctions_store(path: Any) -> Store:
    """The desk articles and the charter article in a new store at ``path``, with the test list loaded:
    Polar Tanker Group an exact hit (listed), Oleg Voronow a possible one (to review)."""
    store = open_store(f"sqlite:///{path}")
    for draft in [*drafts(), charter_draft()]:
        draft.save(store)
    with store.begin() as conn:
        history.save_snapshot(conn, "test_list", date(2022, 3, 1), [TANKERS, VORONOV])
        save_hits(conn, "polar-tanker-group", [_hit(TANKERS, "Polar Tanker Group", 1.0, "exact")])
        save_hits(conn, "oleg-voronow", [_hit(VORONOV, "Oleg Voronow", 0.85, "possible")])
    return store
