"""Export ids: one id per article, canonical entity and list entry, shared by every export format, so
a GEXF node, a table row and a FollowTheMoney entity of one thing carry the same id.

FollowTheMoney accepts only ``[0-9a-zA-Z.-]`` ids that start and end with a letter or digit
(``registry.entity``); an id it rejects makes ``ftm aggregate`` drop the entity and every reference to
it. A store id that already fits is kept readable (``dg-vladimir-putin``); one that does not
(``000_152e16d5c3715fa4``) is slugged and given a short hash of the original, so two ids that slug
alike stay apart.
"""

from __future__ import annotations

import hashlib
import re

from followthemoney import registry

PREFIX = "dg"
_UNSAFE = re.compile(r"[^0-9a-zA-Z.-]+")


def export_id(kind: str, raw: str) -> str:
    """The FtM-valid id of a store record: ``kind`` is "" for canonical entities, else "article",
    "list", "position"...; the same (kind, raw) always gives the same id."""
    head = f"{PREFIX}-{kind}-" if kind else f"{PREFIX}-"
    candidate = head + raw
    if registry.entity.clean(candidate) == candidate:
        return candidate
    slug = _UNSAFE.sub("-", raw).strip("-.") or "x"
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]
    return f"{head}{slug}-{digest}"


def entity_id(canonical_id: str) -> str:
    return export_id("", canonical_id)


def article_id(article: str) -> str:
    return export_id("article", article)


def hashed_id(*parts: str) -> str:
    """An id for a record the store has no id of its own for (a mention, a link): a hash of what makes
    it that record, as followthemoney's ``make_id`` does."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
