"""The alerts step after an ingest (both engines) or a list load: raise the alerts the watchlist calls
for, and post them to the webhook when one is configured. Alerting never fails the run that called it:
an error is logged and returned as the outcome instead."""

from __future__ import annotations

import logging

from dealgraph.alerts.detect import check_alerts
from dealgraph.alerts.webhook import deliver
from dealgraph.settings import Settings
from dealgraph.store.alert_reads import list_alerts
from dealgraph.store.store import Store

log = logging.getLogger(__name__)


def raise_alerts(store: Store, settings: Settings) -> int:
    """The number of new alerts (0 when checking failed, which is logged)."""
    try:
        new = check_alerts(store)
        if new and settings.alert_webhook:
            raised = [a for a in list_alerts(store, limit=None, since_id=min(new) - 1) if a.id in set(new)]
            deliver(store, raised, settings.alert_webhook, settings.http_timeout)
        return len(new)
    except Exception as error:  # an alert must never cost the ingest that stored the articles
        log.error("alerts: %s: %s", type(error).__name__, error)
        return 0
