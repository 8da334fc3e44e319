"""Outlets: who published an article, and whether a named source is itself an outlet.

Independence of a claim's reports is counted by outlet ("several articles of one outlet are one
origin"; "UNN citing Bloomberg and Bloomberg itself are one origin"), so the outlet list is data
(``data/outlets.yaml``), written from public facts and checked when it loads. An article whose outlet
is not listed gets an ``unknown`` outlet named by its domain or its outlet field: nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast
from urllib.parse import urlsplit

import yaml

from dealgraph.exc import ConfigError

KINDS = ("wire", "state", "independent")
KEYS = {"id", "name", "aliases", "domains", "country", "kind", "note"}
REQUIRED = ("id", "name", "domains", "country", "kind")


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    kind: str  # wire | state | independent | unknown
    country: str | None = None
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


def fold(name: str) -> str:
    """Case-, accent- and punctuation-blind form of a name, without a leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _outlet(where: str, spec: Any) -> Outlet:
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: an outlet is a mapping, not {spec!r}")
    unknown = set(spec) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)} (known: {sorted(KEYS)})")
    missing = [k for k in REQUIRED if not spec.get(k)]
    if missing:
        raise ConfigError(f"{where}: missing {missing}")
    if spec["kind"] not in KINDS:
        raise ConfigError(f"{where}: kind {spec['kind']!r} is not one of {KINDS}")
    country = str(spec["country"])
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ConfigError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    domains = tuple(str(d).lower() for d in cast(list[object], spec["domains"]))
    for domain in domains:
        if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
            raise ConfigError(f"{where}: {domain!r} is not a bare domain")
    aliases = tuple(str(a) for a in cast(list[object], spec.get("aliases") or []))
    return Outlet(str(spec["id"]), str(spec["name"]), str(spec["kind"]), country, domains, aliases)


class Outlets:
    """The outlet list, with lookups by domain and by name."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.by_id: dict[str, Outlet] = {}
        self.by_domain: dict[str, Outlet] = {}
        self.by_name: dict[str, Outlet] = {}
        for outlet in outlets:
            if outlet.id in self.by_id:
                raise ConfigError(f"outlets: id {outlet.id!r} twice")
            self.by_id[outlet.id] = outlet
            for domain in outlet.domains:
                if domain in self.by_domain:
                    raise ConfigError(
                        f"outlets: domain {domain!r} in {self.by_domain[domain].id} and {outlet.id}"
                    )
                self.by_domain[domain] = outlet
            for name in {fold(n) for n in (outlet.name, *outlet.aliases)}:
                if name in self.by_name:
                    raise ConfigError(f"outlets: name {name!r} in {self.by_name[name].id} and {outlet.id}")
                self.by_name[name] = outlet

    def named(self, name: str | None) -> Outlet | None:
        """The listed outlet with this name or alias ("The Financial Times", "ТАСС"), if any."""
        return self.by_name.get(fold(name)) if name else None

    def at(self, url: str | None) -> Outlet | None:
        """The listed outlet whose domain (or a parent domain of it) the URL is on, if any."""
        host = domain_of(url)
        while host and "." in host:
            if host in self.by_domain:
                return self.by_domain[host]
            host = host.split(".", 1)[1]
        return None

    def of_article(self, outlet: str | None, url: str | None, source: str | None = None) -> Outlet:
        """An article's outlet: from its outlet field, else its URL's domain (or its source's, when the
        source is a URL); an unlisted one is ``unknown``, named by what was given."""
        found = self.named(outlet) or self.at(url) or self.at(source)
        if found is not None:
            return found
        if outlet and outlet.strip():
            return Outlet(f"name:{fold(outlet)}", outlet.strip(), "unknown")
        host = domain_of(url) or domain_of(source)
        if host:
            return Outlet(f"domain:{host}", host, "unknown")
        return Outlet("unknown", "unknown outlet", "unknown")


def domain_of(url: str | None) -> str | None:
    """The host of an http(s) URL without ``www.``; None for anything else (a path, ``x.jsonl#3``)."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def parse(data: Any) -> Outlets:
    if not isinstance(data, dict) or set(data) != {"outlets"} or not isinstance(data["outlets"], list):
        raise ConfigError("outlets.yaml: expected one key, outlets, holding a list")
    return Outlets([_outlet(f"outlets.yaml #{i + 1}", spec) for i, spec in enumerate(data["outlets"])])


@lru_cache(maxsize=1)
def outlets() -> Outlets:
    """The packaged outlet list, loaded and checked once."""
    text = resources.files("dealgraph.claims").joinpath("data", "outlets.yaml").read_text(encoding="utf-8")
    return parse(yaml.safe_load(text))
