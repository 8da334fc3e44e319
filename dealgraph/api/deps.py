"""Request dependencies: the store and settings the app was made with, paging, and the write token."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from dealgraph.settings import Settings
from dealgraph.store.store import Store

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int

    def next_offset(self, got: int) -> int | None:
        """Pages are read one row long: a page that came back full has more behind it."""
        return self.offset + self.limit if got > self.limit else None


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0,
) -> Paging:
    return Paging(limit, offset)


StoreDep = Annotated[Store, Depends(get_store)]
PagingDep = Annotated[Paging, Depends(paging)]
_bearer = HTTPBearer(auto_error=False, description="the server's API token (DEALGRAPH_API_TOKEN)")


def require_token(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Writes need ``Authorization: Bearer <token>``: 401 without one, 403 with a wrong one, and 403 for
    everyone when the server has no token configured (writes are then off). ``guards.WriteGate`` makes
    the same check before the body is read."""
    given = f"{credentials.scheme} {credentials.credentials}" if credentials else ""
    check_token(settings.api_token, given)


def check_token(token: str | None, authorization: str) -> None:
    """The write-token check on an ``Authorization`` header's value; raises ``HTTPException``."""
    if not token:
        raise HTTPException(403, "writes are disabled: the server has no API token configured")
    scheme, _, given = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong token")


WriteAuth = Depends(require_token)
