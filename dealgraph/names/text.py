"""Name text that every stage reads alike.

``fold`` is the key names are compared by, within an article (coreference, ``extract/coref.py``) and
across articles (the resolver's exact keys and blocking tokens): "The Kremlin's" and "kremlin" fold alike,
"Müller" and "Muller" too. The shared scorer's folding (``evaluate/matching.norm``) keeps possessives, as
the annotation guidelines say, so it is another function.
"""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """A name as keys compare it: accents dropped, case folded, a possessive "'s" and punctuation gone,
    a leading "the" dropped ("The Kremlin's" → "kremlin")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


__all__ = ["fold"]
