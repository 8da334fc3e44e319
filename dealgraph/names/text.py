"""Name text that every stage reads alike: one fold, and one test of each script.

``fold`` is the key names are compared by, within an article (coreference, ``extract/coref.py``) and
across articles (the resolver's exact keys and blocking tokens): "The Kremlin's" and "kremlin" fold alike,
"Müller" and "Muller" too. The shared scorer's folding (``evaluate/matching.norm``) keeps possessives, as
the annotation guidelines say, so it is another function.

Two tests of Cyrillic, for two questions: ``CYRILLIC``, the whole Unicode block, asks whether a name is
written in another script than Latin (the resolver's display names and transliteration, the other-script
name the store shows; Ukrainian "Київ" is Cyrillic); ``RUSSIAN``, the Russian alphabet, asks whether a
word is one for Russian morphology (the Russian gazetteer's lemmas, the change of script between two
names in Russian text).
"""

from __future__ import annotations

import re
import unicodedata

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
RUSSIAN = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


def fold(text: str) -> str:
    """A name as keys compare it: accents dropped, case folded, a possessive "'s" and punctuation gone,
    a leading "the" dropped ("The Kremlin's" → "kremlin")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` has a character of the Cyrillic block (Russian, Ukrainian, Serbian...)."""
    return CYRILLIC.search(text) is not None


def is_latin(name: str) -> bool:
    """Whether a name is in Latin script: a Latin letter and nothing Cyrillic."""
    return LATIN.search(name) is not None and not has_cyrillic(name)


__all__ = ["CYRILLIC", "LATIN", "RUSSIAN", "fold", "has_cyrillic", "is_latin"]
