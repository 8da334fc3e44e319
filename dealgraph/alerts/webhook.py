"""Posting new alerts to a configured webhook (``DEALGRAPH_ALERT_WEBHOOK``): one JSON POST per check,
``{"alerts": [...]}``. The answer is recorded on each alert (the status code, or ``failed: why``); a
failure never stops the ingest or list load that raised them."""

from __future__ import annotations

import logging
from typing import Any

import httpx
from sqlalchemy import update

from dealgraph.store.alert_reads import AlertView
from dealgraph.store.alert_tables import alerts
from dealgraph.store.store import Store

log = logging.getLogger(__name__)


def payload(new: list[AlertView]) -> dict[str, Any]:
    return {
        "alerts": [
            {"id": a.id, "kind": a.kind, "item": a.item_id, "title": a.title, "detail": a.detail,
             "link": a.link, "created": a.created_at.isoformat()}
            for a in new
        ]
    }  # fmt: skip


def deliver(store: Store, new: list[AlertView], url: str, timeout: float) -> str:
    """POST the alerts; record and return what happened."""
    try:
        response = httpx.post(url, json=payload(new), timeout=timeout)
        outcome = str(response.status_code) if response.is_success else f"failed: HTTP {response.status_code}"
    except httpx.HTTPError as error:  # every transport error, timeout and bad URL alike
        outcome = f"failed: {type(error).__name__}: {error}"[:500]
    if outcome.startswith("failed"):
        log.warning("alert webhook %s: %s", url, outcome)
    with store.begin() as conn:
        conn.execute(update(alerts).where(alerts.c.id.in_([a.id for a in new])).values(delivery=outcome))
    return outcome
