"""Response models of ``/claims`` (pydantic), with examples for the OpenAPI page; kept apart from
``models.py`` so that neither grows past a page or two."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from dealgraph.api.models import Out


class ClaimPartyOut(Out):
    entity_id: str = Field(examples=["kirill-dmitriev"])
    name: str = Field(examples=["Kirill Dmitriev"])
    role: str = Field(examples=["party"], description="party, project or place")


class ClaimItem(Out):
    """A reported deal fact: how often and how independently it is reported, and whether it is denied."""

    id: str = Field(examples=["c3f9a0b1c2d3e4f5"])
    type: str = Field(examples=["PROPOSE"])
    polarity: str | None = None
    parties: list[ClaimPartyOut]
    date_min: str | None = Field(examples=["2025-04-22"])
    date_max: str | None = Field(examples=["2025-04-30"])
    reports: int = Field(examples=[3], description="events (stored articles) that report it")
    origins: int = Field(examples=[2], description="independent origins")
    single_source: bool
    disputed: bool
    modalities: list[str] = Field(examples=[["reported", "denied"]])


class FirstSeenOut(Out):
    modality: str = Field(examples=["denied"])
    published: date | None = Field(examples=["2025-04-30"])
    article_id: str = Field(examples=["brief-2025-04-denial"])


class OutletOut(Out):
    id: str = Field(examples=["unn"])
    name: str = Field(examples=["UNN"])
    kind: str = Field(examples=["independent"], description="wire, state, independent or unknown")
    country: str | None = Field(default=None, examples=["UA"])


class ClaimReportOut(Out):
    """One published report: a stored article's event, or a syndicated copy of that article."""

    event_id: str
    article_id: str
    outlet: OutletOut
    source_id: str | None = Field(default=None, examples=["bloomberg"])
    source_name: str | None = Field(default=None, examples=["Bloomberg"])
    published: date | None
    modality: str = Field(examples=["reported"])
    chain: str = Field(examples=["UNN ← Bloomberg"])
    origin: str = Field(examples=["outlet:bloomberg"])
    copy_of: str | None = Field(default=None, description="the stored article a syndicated copy repeats")


class ClaimOut(ClaimItem):
    independent_origins: list[str] = Field(examples=[["outlet:bloomberg", "source:dmitry-peskov"]])
    why_disputed: str | None = None
    history: list[FirstSeenOut]
    links: list[ClaimReportOut]
