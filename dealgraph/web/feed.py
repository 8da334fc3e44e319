"""``/alerts.atom``: the alerts about watched items as an Atom feed (RFC 4287), newest first, for a feed
reader. Built with ElementTree, so every text is escaped; links point into the desk's pages."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from dealgraph.api.deps import StoreDep
from dealgraph.store.alert_reads import AlertView, list_alerts

ATOM = "http://www.w3.org/2005/Atom"
router = APIRouter(include_in_schema=False)


def _stamp(when: datetime) -> str:
    return when.replace(tzinfo=UTC).isoformat(timespec="seconds")


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    node.text = text
    return node


def atom(items: list[AlertView], base: str, self_url: str) -> bytes:
    """The feed document for these alerts (newest first)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", "urn:dealgraph:alerts")
    _text(feed, "title", "dealgraph alerts")
    _text(feed, "updated", _stamp(items[0].created_at if items else datetime(1970, 1, 1)))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "dealgraph")
    for a in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:dealgraph:alert:{a.id}")
        _text(entry, "title", a.title)
        _text(entry, "updated", _stamp(a.created_at))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"href": base.rstrip("/") + a.link})
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": a.kind})
        _text(entry, "summary", a.detail)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


@router.get("/alerts.atom")
def alerts_feed(request: Request, store: StoreDep, limit: int = Query(100, ge=1, le=1000)) -> Response:
    body = atom(list_alerts(store, limit=limit), str(request.base_url), str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")
