"""Response and request models of the REST API (pydantic), with examples for the OpenAPI page.

They mirror the store's read views (``store.reader``, ``store.views``): a model that is an ``Out`` is
built from a view by ``Model.model_validate(view)``, reading the attributes of the same names (and its
nested models from the view's nested views).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, computed_field

from dealgraph.screen import grades

if TYPE_CHECKING:
    from dealgraph.api.deps import Paging

T = TypeVar("T")
R = TypeVar("R")


class Page(BaseModel, Generic[T]):
    """One page of a longer list. Ask for the next with ``offset=next_offset`` (null: no more)."""

    items: list[T]
    limit: int = Field(examples=[50])
    offset: int = Field(examples=[0])
    next_offset: int | None = Field(default=None, examples=[50])

    @classmethod
    def of(cls, rows: Sequence[R], page: Paging, convert: Callable[[R], T]) -> Page[T]:
        """The page of ``rows`` read with one more than ``page.limit`` (so a next page shows)."""
        return cls(
            items=[convert(r) for r in rows[: page.limit]],
            limit=page.limit,
            offset=page.offset,
            next_offset=page.next_offset(len(rows)),
        )

    @classmethod
    def window(cls, rows: Sequence[R], page: Paging, convert: Callable[[R], T]) -> Page[T]:
        """The page of ``rows`` read whole (a list grouped or merged in Python, not paged in SQL)."""
        return cls.of(rows[page.offset : page.offset + page.limit + 1], page, convert)


class Out(BaseModel):
    """A response model that can be read from a store view's attributes."""

    model_config = ConfigDict(from_attributes=True)


class ProblemItem(BaseModel):
    """One invalid field of a request."""

    loc: list[str | int] = Field(examples=[["query", "limit"]])
    msg: str = Field(examples=["Input should be less than or equal to 200"])
    type: str = Field(examples=["less_than_equal"])


class Problem(BaseModel):
    """An error answer, as RFC 9457 has it (``application/problem+json``), with dealgraph's name for
    the error in ``error`` and, for an invalid request (422), each invalid field in ``errors``."""

    type: str = Field("about:blank", examples=["about:blank"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["no entity 'kirill-dmitriev-9'"])
    error: str = Field(examples=["NotFound"])
    errors: list[ProblemItem] | None = None


class ArticleItem(Out):
    id: str = Field(examples=["2025-02-18-riyadh-talks"])
    title: str | None = Field(examples=["US and Russian officials meet in Riyadh"])
    published: date | None = Field(examples=["2025-02-18"])
    outlet: str | None = Field(examples=["dealgraph example wire"])
    lang: str = Field(examples=["en"])


class MentionOut(Out):
    start: int = Field(examples=[120])
    end: int = Field(examples=[135])
    text: str = Field(examples=["Kirill Dmitriev"])
    origin: str = Field(examples=["ner"])


class ArticleEntityOut(Out):
    key: str = Field(examples=["e0"])
    entity_id: str = Field(examples=["kirill-dmitriev"])
    name: str = Field(examples=["Kirill Dmitriev"])
    type: str = Field(examples=["Person"])
    aliases: list[str] = Field(examples=[["RDIF"]])
    mentions: list[MentionOut]


class AmountOut(Out):
    idx: int = Field(examples=[0])
    start: int = Field(examples=[300])
    end: int = Field(examples=[311])
    text: str = Field(examples=["$65 billion"])
    value: float | None = Field(examples=[6.5e10])
    min: float | None = None
    max: float | None = None
    currency: str | None = Field(examples=["USD"])
    unit: str | None = None
    qualifier: str = Field(examples=["approx"])


class ArgOut(Out):
    role: str = Field(examples=["agent"])
    entity_id: str | None = Field(examples=["kirill-dmitriev"])
    name: str | None = Field(examples=["Kirill Dmitriev"])
    entity_key: str | None = Field(default=None, examples=["e0"])
    amount_idx: int | None = None
    text: str | None = None


class EventOut(Out):
    id: str = Field(examples=["brief-2025-04-tunnel:0"])
    article_id: str = Field(examples=["brief-2025-04-tunnel"])
    type: str = Field(examples=["PROPOSE"])
    modality: str = Field(examples=["asserted"])
    polarity: str | None = None
    source_id: str | None = Field(default=None, examples=["tass"])
    source_name: str | None = Field(default=None, examples=["TASS"])
    trigger: str = Field(examples=["proposed"])
    evidence: str = Field(
        examples=["Kirill Dmitriev proposed building a rail tunnel under the Bering Strait."]
    )
    evidence_start: int
    evidence_end: int
    event_date: str | None = Field(examples=["2025-04-22"])
    published: date | None = Field(examples=["2025-04-22"])
    confidence: float = Field(examples=[0.8])
    extractor: str = Field(examples=["rules-1"])
    args: list[ArgOut]


class RemovedOut(Out):
    text: str = Field(examples=["Share this article"])
    reason: str = Field(examples=["share-line"])
    offset: int = Field(examples=[0])


class ArticleOut(ArticleItem):
    source: str = Field(examples=["examples/articles/2025-02-18-riyadh-talks.txt"])
    url: str | None = None
    published_how: str | None = Field(default=None, examples=["date-line"])
    text: str
    removed: list[RemovedOut]
    entities: list[ArticleEntityOut]
    amounts: list[AmountOut]
    events: list[EventOut]


class EntityItem(Out):
    id: str = Field(examples=["kirill-dmitriev"])
    name: str = Field(examples=["Kirill Dmitriev"])
    type: str = Field(examples=["Person"])
    articles: int = Field(examples=[4])
    mentions: int = Field(examples=[9])


class HitOut(Out):
    """A sanctions-list entry that an entity's names matched."""

    id: str = Field(examples=["us_ofac_sdn:27216"], validation_alias=AliasChoices("id", "key"))
    dataset: str = Field(examples=["us_ofac_sdn"])
    entry_id: str = Field(examples=["27216"])
    name: str = Field(examples=["DMITRIEV, Kirill Aleksandrovich"])
    matched_name: str | None = Field(default=None, examples=["Kirill DMITRIEV"])
    score: float | None = Field(default=None, examples=[0.94])
    explanation: str | None = None
    programs: list[str] = Field(examples=[["RUSSIA-EO14024"]])
    listed_on: date | None = None
    listed_from: date | None = Field(default=None, examples=["2022-03-01"])
    listed_until: date | None = None
    relation: str = Field(default="listed", description="listed, or linked: a party the entry is linked to")
    dismissed: bool = False
    confirmed: bool = Field(default=False, description="a reviewer confirmed it: listed whatever its grade")
    grade: str | None = Field(
        default=None,
        examples=["exact"],
        description="exact, strong or possible; null for a hit stored before grades",
    )

    @computed_field(  # type: ignore[prop-decorator]  # pydantic's documented use on a property
        examples=["listed"],
        description="how the desk shows it: listed (exact, strong or confirmed), to review (possible) or "
        "dismissed",
    )
    @property
    def status(self) -> str:
        return grades.status(self)


class NameCountOut(Out):
    name: str = Field(examples=["Dmitriev"])
    count: int = Field(examples=[5])


class EntityArticleOut(Out):
    article_id: str
    title: str | None
    published: date | None
    mentions: int
    forms: list[str]


class TimelineItem(Out):
    date: str | None = Field(examples=["2025-04-22"])
    event_id: str
    article_id: str
    type: str = Field(examples=["PROPOSE"])
    modality: str = Field(examples=["planned"])
    evidence: str


class EntityOut(BaseModel):
    id: str = Field(examples=["kirill-dmitriev"])
    name: str = Field(examples=["Kirill Dmitriev"])
    other_script: str | None = Field(
        None, examples=["Кирилл Дмитриев"], description="the name in the other script (Latin or Cyrillic)"
    )
    type: str = Field(examples=["Person"])
    ref: str | None = None
    names: list[NameCountOut]
    article_count: int = Field(description="articles that name the entity")
    mention_count: int = Field(
        description="times its names were seen (the resolver's name counts, top 50 forms)"
    )
    merged_from: list[str] = Field(examples=[["kirill-dmitriyev"]])
    hits: list[HitOut]
    articles: Page[EntityArticleOut]
    events: Page[EventOut]
    timeline: list[TimelineItem]


class EvidenceOut(Out):
    """One event behind an edge: its sentence, how it is told, who says so, and when."""

    article_id: str
    event_id: str
    sentence: str = Field(examples=["Dmitriev met Witkoff in Riyadh on Tuesday."])
    modality: str = Field(examples=["reported"])
    source_id: str | None = Field(default=None, examples=["reuters"], description="null: the article itself")
    source_name: str | None = Field(default=None, examples=["Reuters"])
    event_date: str | None = Field(default=None, examples=["2025-02-18"], description="the event's own date")
    published: date | None = Field(default=None, examples=["2025-02-18"], description="the article's date")


class NodeOut(BaseModel):
    id: str = Field(examples=["kirill-dmitriev"])
    name: str = Field(examples=["Kirill Dmitriev"])
    type: str = Field(examples=["Person"])
    hop: int = Field(examples=[0])
    hits: list[HitOut] = Field(default_factory=list)


class EdgeOut(Out):
    source: str = Field(examples=["kirill-dmitriev"])
    target: str = Field(examples=["steve-witkoff"])
    label: str = Field(examples=["MEET"])
    weight: int = Field(examples=[3], description="number of articles reporting it")
    evidence: list[EvidenceOut]


class GraphOut(BaseModel):
    root: str
    depth: int
    truncated: bool = Field(description="true when nodes were left out to stay under max_nodes")
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class SearchHitOut(Out):
    article_id: str
    title: str | None
    published: date | None
    snippet: str = Field(
        examples=["…talks between [Dmitriev] and Witkoff…"], description="matches in [brackets]"
    )


class ScreenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[str] = Field(min_length=1, max_length=100, examples=[["Kirill Dmitriev", "Jane Doe"]])
    as_of: date | None = Field(default=None, examples=["2022-02-26"])
    schema_: str | None = Field(default=None, alias="schema", examples=["Person"])


class ScreenResult(BaseModel):
    name: str
    hits: list[HitOut]


class DocumentIn(BaseModel):
    """One article to ingest: plain text or HTML, with what is known about it."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(default=None, max_length=200, examples=["wire-2025-05-01"])
    text: str | None = Field(default=None, examples=["Kirill Dmitriev met Steve Witkoff in Riyadh."])
    html: str | None = None
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40, examples=["2025-05-01"])
    outlet: str | None = Field(default=None, max_length=200)


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[DocumentIn] = Field(min_length=1, max_length=200)


class IngestOut(BaseModel):
    stored: list[str]
    unchanged: list[str]
    duplicates: list[list[str]]
    errors: list[dict[str, str]]


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    other: str = Field(max_length=120, examples=["kirill-dmitriyev"])
    user: str = Field(default="api", max_length=120)


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article_id: str = Field(max_length=200)
    key: str = Field(max_length=20, examples=["e3"])
    user: str = Field(default="api", max_length=120)


class ReviewIn(BaseModel):
    """A reviewer's decision on a screening hit: why, and whether it takes an earlier one back."""

    model_config = ConfigDict(extra="forbid")
    user: str = Field(default="api", max_length=120)
    reason: str | None = Field(default=None, max_length=2000, examples=["a namesake: other birth date"])
    undo: bool = Field(default=False, description="take back an earlier decision of this kind")


class JudgementOut(BaseModel):
    action: str = Field(examples=["merge"])
    entity_id: str = Field(examples=["kirill-dmitriev"], description="the id that results")
    judgement_id: int | None = None


def dump(obj: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict (shallow), for building models."""
    return dict(obj.__dict__)


class PartyOut(Out):
    role: str = Field(examples=["agent"])
    entity_id: str = Field(examples=["kirill-dmitriev"])
    name: str = Field(examples=["Kirill Dmitriev"])
    listed: bool = Field(
        description="on a loaded sanctions list on the event's day (its own date, else the article's)"
    )
    programmes: list[str] = Field(
        default_factory=list, examples=[["RUSSIA-EO14024"]], description="the programmes it was listed under"
    )
    hits: list[HitOut]


class DealEventOut(Out):
    event: EventOut
    parties: list[PartyOut]
    listed_party: bool = Field(default=False, description="a party other than the agent was listed that day")
    amount: dict[str, Any] | None = Field(
        default=None, examples=[{"text": "$65 billion", "value": 6.5e10, "currency": "USD"}]
    )
    usd: float | None = Field(default=None, examples=[6.5e10], description="the amount in US dollars (≈)")


class DealGroupOut(Out):
    project_id: str | None = Field(examples=["arctic-lng-2"])
    project: str = Field(examples=["Arctic LNG 2"])
    largest_usd: float | None = Field(default=None, examples=[5e9])
    events: list[DealEventOut]


class EntityHitOut(HitOut):
    """A screening hit with the stored entity whose names matched it."""

    entity_id: str = Field(examples=["kirill-dmitriev"])


class SnapshotOut(Out):
    """A loaded sanctions list snapshot."""

    dataset: str = Field(examples=["us_ofac_sdn"])
    as_of: date = Field(examples=["2025-01-15"])
    entries: int = Field(examples=[17512])


class HealthOut(BaseModel):
    status: str = Field(examples=["ok"])
    version: str = Field(examples=["0.1.0"])
    schema_version: int = Field(examples=[10], description="the store's migration")
