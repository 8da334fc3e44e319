"""``/health``: whether the server and its store answer (one cheap read: the store's schema version)."""

from __future__ import annotations

from fastapi import APIRouter

from dealgraph.api import models as m
from dealgraph.api.deps import StoreDep
from dealgraph.store.migrations import current_version
from dealgraph.version import __version__

router = APIRouter(prefix="/health", tags=["status"])


@router.get("", response_model=m.HealthOut, summary="The server and its store answer")
def get_health(store: StoreDep) -> m.HealthOut:
    with store.read() as conn:
        schema = current_version(conn)
    return m.HealthOut(status="ok", version=__version__, schema_version=schema)
