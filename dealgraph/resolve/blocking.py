"""Blocking keys for canonical entities: which stored entities a new one is compared with.

Keys are per type: every name token of three letters or more, transliterated to ASCII ("Дмитриев" →
"dmitriev"), plus its first four letters (so that "Dmitriyev" meets "Dmitriev" and "Whitkof" meets
"Whitkoff"), and the initials of multi-word names ("Russian Direct Investment Fund" → "rdif"), so an
acronym meets its expansion, and the metaphone code of each word (rigour), so that "Whitkof" meets
"Witkoff" whatever their first letters. Legal-form and stop words are not keys.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text.phonetics import metaphone

from dealgraph.names.text import fold
from dealgraph.resolve.translit import to_latin

STOP = {
    "the", "of", "and", "for", "in", "on", "de", "la", "le", "van", "von", "bin", "al",
    "inc", "ltd", "llc", "plc", "corp", "co", "group", "ag", "sa", "se", "jsc", "pjsc", "company",
    "bank", "fund", "state", "national", "international", "republic",
}  # fmt: skip


@lru_cache(maxsize=100_000)
def latin(text: str) -> str:
    return fold(to_latin(text))


def tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9]+", latin(name)) if t]


def acronym(name: str) -> str | None:
    words = [w for w in tokens(name) if w not in {"the", "of", "and", "for"}]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def block_keys(type_: str, names: list[str]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        toks = tokens(name)
        for tok in toks:
            if len(tok) >= 3 and tok not in STOP:
                keys.add(f"{type_}:{tok}")
                keys.add(f"{type_}:{tok[:4]}~")
                if tok.isalpha():
                    keys.add(f"{type_}:#{metaphone(tok)}")
        initials = acronym(name)
        if initials and len(initials) >= 2:
            keys.add(f"{type_}:{initials}")
        if len(toks) == 1 and 2 <= len(toks[0]) <= 6:
            keys.add(f"{type_}:{toks[0]}")  # an acronym itself
    return keys
