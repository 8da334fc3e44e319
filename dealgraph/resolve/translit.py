"""Russian (and other Cyrillic) names in Latin letters, the way English-language news spells them.

ICU and normality transliterate, but not as the news does: ICU's ``Russian-Latin/BGN`` writes "ye"
after a vowel ("Dmitriyev", "Moiseyev"), and the scholarly ``Cyrillic-Latin`` that normality's
``ascii_text`` uses loses the digraphs once accents are folded ("Ушаков" → "Usakov", "Юрий" → "Urij").
Ids and search keys want the common press spelling ("Dmitriev", "Ushakov", "Yuri"), which is this
table: the simplified BGN/PCGN spelling, with "е" always "e" and the soft and hard signs dropped.
Anything that is not Cyrillic goes through normality's ``ascii_text``.

Name matching (logic-v2) and screening's blocking keys transliterate with rigour instead, which spells
otherwise ("Юрий Ушаков" → "yury ushakov", "Хабаров" → "habarov", "Аксёнов" → "aksyonov"). The two
never meet: this table makes the resolver's ids, blocking keys and name search on both sides, and
rigour both sides of every logic-v2 score and screening key.
"""

from __future__ import annotations

from functools import lru_cache

from normality import ascii_text

from dealgraph.names.text import has_cyrillic

_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g",
}  # fmt: skip


def _letter(char: str) -> str:
    low = char.lower()
    if low not in _TABLE:
        return char
    out = _TABLE[low]
    return out.capitalize() if char != low and out else out


@lru_cache(maxsize=100_000)
def to_latin(text: str) -> str:
    """``text`` in ASCII Latin letters: Cyrillic by the press table above, the rest by normality."""
    if has_cyrillic(text):
        text = "".join(_letter(c) for c in text)
    return ascii_text(text) or text


__all__ = ["to_latin"]
