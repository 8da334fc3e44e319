"""The language of a cleaned text (ISO 639-1), with py3langid.

py3langid's full model knows 140 labels, some of them ISO 639-3 codes (``ary``, ``yue``) and some rare
enough that a short text with names in it lands there by accident. It is restricted here to the
languages a news archive is likely to hold, all with two-letter codes; the model is loaded once, on
first use, as a private instance (``py3langid.set_languages`` would change a module-wide default).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

NEWS_LANGUAGES = (
    "af",
    "ar",
    "az",
    "be",
    "bg",
    "bn",
    "bs",
    "ca",
    "cs",
    "cy",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "eu",
    "fa",
    "fi",
    "fr",
    "ga",
    "gl",
    "he",
    "hi",
    "hr",
    "hu",
    "hy",
    "id",
    "is",
    "it",
    "ja",
    "ka",
    "kk",
    "ko",
    "ky",
    "lt",
    "lv",
    "mk",
    "mn",
    "ms",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sk",
    "sl",
    "sq",
    "sr",
    "sv",
    "sw",
    "th",
    "tr",
    "uk",
    "ur",
    "uz",
    "vi",
    "zh",
)
# Enough text to decide; longer texts cost time and change nothing.
_SAMPLE = 2000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(NEWS_LANGUAGES)
    return identifier


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language (the most probable of ``NEWS_LANGUAGES``)."""
    label, _ = _identifier().classify(text[:_SAMPLE])
    return str(label)
