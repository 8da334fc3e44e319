"""Bytes to text: BOM, then strict UTF-8, then a declared charset, then detection; binary and empty input
rejected with a reason.

Detection is charset_normalizer's, restricted to the legacy encodings browsers support, with one step
added here: single-byte code pages often decode a text with equal "chaos", and charset_normalizer's
"coherence" then prefers the wrong one for Western text (French in cp1252 comes out as cp1250, turning
``à`` into ``ŕ``; English with one ``é`` comes out as a CJK code page). So we keep the candidates whose
decoded text is, by py3langid, in a language customarily written in that encoding (French in cp1252,
Czech in cp1250, Russian in cp1251 or KOI8-R), take the least chaotic of those, and break remaining
ties by how common the encoding was on the web.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

import charset_normalizer
import charset_normalizer.models
import py3langid

from dealgraph.exc import ItemError

log = logging.getLogger(__name__)

# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The legacy encodings web browsers decode (WHATWG Encoding Standard), by their Python codec names,
# less the Mac and DOS code pages: rare in news text, and charset_normalizer rates Mac Roman *less*
# chaotic than cp1252 for English with typographic quotes (’ read as í).
WEB_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u",
    "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
)  # fmt: skip
# Which legacy encodings each language was customarily written in (Windows ANSI code page of its locale
# first, then ISO/KOI/DOS alternatives). Languages not listed were written in the Western ones.
WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"})
_CENTRAL = frozenset({"cp1250", "iso8859_2", "iso8859_16"})
_CYRILLIC = frozenset({"cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic"})
_BALTIC = frozenset({"cp1257", "iso8859_13", "iso8859_4", "iso8859_10"})
_CJK_ZH = frozenset({"gb18030", "big5hkscs", "big5"})
_CJK_JA = frozenset({"cp932", "shift_jis", "euc_jp", "iso2022_jp"})
CUSTOMARY: dict[str, frozenset[str]] = {
    **dict.fromkeys(("cs", "sk", "pl", "hu", "sl", "hr", "bs", "ro", "sq"), _CENTRAL),
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn"), _CYRILLIC),
    **dict.fromkeys(("lt", "lv", "et"), _BALTIC),
    "el": frozenset({"cp1253", "iso8859_7"}),
    "tr": frozenset({"cp1254", "iso8859_9", "iso8859_3"}),
    "az": frozenset({"cp1254", "iso8859_9"}),
    "he": frozenset({"cp1255", "iso8859_8"}),
    **dict.fromkeys(("ar", "fa", "ur"), frozenset({"cp1256", "iso8859_6"})),
    "vi": frozenset({"cp1258"}),
    "th": frozenset({"cp874"}),
    "zh": _CJK_ZH,
    "ja": _CJK_JA,
    "ko": frozenset({"cp949", "euc_kr"}),
}
# The encodings a page or server may declare and have honoured: the Unicode ones and the legacy ones above.
DECLARABLE = frozenset(
    {"utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "latin_1"}
    | set(WEB_ENCODINGS)
    | WESTERN
    | {codec for codecs_ in CUSTOMARY.values() for codec in codecs_}
)
# Tie-break when several encodings remain plausible: the most common on the web first.
PREFERRED = ("cp1252", "cp1251", "koi8_r", "cp1250", "iso8859_15", "latin_1")
_SAMPLE_BYTES = 8192  # enough text for language identification
# As browsers do (WHATWG Encoding), a declared Latin-1 or ASCII is read as its superset cp1252.
_SUPERSETS = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}
# Share of control characters above which decoded "text" is taken for binary data.
MAX_CONTROL_SHARE = 0.05
_TIE = 0.01  # chaos differences up to this count as a tie
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_SNIFF_BYTES = 4096


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label (``"Windows-1251"`` -> ``"cp1251"``), or None if unknown or
    not a character encoding a page may declare. Python's codec registry also holds transforms
    (``base64``, ``zlib``, ``rot13``), escapes (``unicode_escape``) and ``undefined``, which raise or
    make nonsense of a page: a label from a page or a server is honoured only if it names one of the
    ``DECLARABLE`` encodings, else the bytes are detected."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError, TypeError):  # unknown; "\x00" in a label is a ValueError
        return None
    name = name.replace("-", "_")
    name = _SUPERSETS.get(name, name)
    return name if name in DECLARABLE else None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a ``<meta>`` tag near its start, if any."""
    found = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode ``data`` to text or raise ``ItemError`` ("empty", "binary file ...").

    Order: a byte-order mark; strict UTF-8; the ``declared`` charset (an HTTP header or HTML ``<meta>``)
    if it decodes strictly; charset detection. Text that still has many control characters is binary.
    """
    if not data.strip():
        raise ItemError(source, "empty")
    text = _decode(data, source, declared)
    if not text.strip():
        raise ItemError(source, "empty (whitespace only)")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise ItemError(source, "binary file (too many control characters)")
    return text


def _decode(data: bytes, source: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                reason = f"binary file (byte-order mark says {encoding}: {error.reason})"
                raise ItemError(source, reason) from None
    if b"\x00" in data:
        raise ItemError(source, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = codec_name(declared)
    if codec:
        try:
            return data.decode(codec)
        except UnicodeError:
            log.debug("%s: declared charset %s does not fit, detecting", source, declared)
    detected = detect_encoding(data)
    if detected is None:
        raise ItemError(source, "binary file (no text encoding fits)")
    log.debug("%s: detected %s", source, detected)
    return data.decode(detected, errors="replace")


def detect_encoding(data: bytes) -> str | None:
    """The most plausible encoding of non-UTF-8 ``data``, or None when no encoding makes it text.

    charset_normalizer proposes encodings with a "chaos" score. We keep those whose decoded text is in a
    language customarily written in that encoding (``CUSTOMARY``), or all of them if none is; take the
    least chaotic with their ties; and break ties by ``PREFERRED``.
    """
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(WEB_ENCODINGS)))
    if not matches:
        matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    candidates = _candidates(matches)
    languages: dict[str, str] = {}
    fitting = [(chaos, name) for chaos, name in candidates if _fits(data, name, languages)]
    pool = fitting or candidates
    least = pool[0][0]
    tied = [name for chaos, name in pool if chaos - least <= _TIE]
    return next((name for name in PREFERRED if name in tied), tied[0])


def _candidates(matches: list[charset_normalizer.models.CharsetMatch]) -> list[tuple[float, str]]:
    """(chaos, codec) for every proposed encoding and its aliases that decode identically, least first."""
    seen: set[str] = set()
    ranked: list[tuple[float, str]] = []
    for match in sorted(matches, key=lambda m: (m.chaos, -m.coherence)):
        for name in match.could_be_from_charset:
            codec = codec_name(name) or name
            if codec not in seen:
                seen.add(codec)
                ranked.append((match.chaos, codec))
    return ranked


def _fits(data: bytes, encoding: str, languages: dict[str, str]) -> bool:
    """Whether ``data`` read as ``encoding`` is in a language customarily written in that encoding.

    ``languages`` caches the language of each distinct decoded sample (many code pages agree on a text).
    """
    sample = data[:_SAMPLE_BYTES].decode(encoding, errors="replace")
    if sample not in languages:
        languages[sample] = py3langid.classify(sample)[0]
    return encoding in CUSTOMARY.get(languages[sample], WESTERN)


def _control_share(text: str) -> float:
    sample = text[:100_000]
    controls = sum(
        1 for char in sample if char not in "\t\n\r\f\v" and unicodedata.category(char) in ("Cc", "Cs")
    )
    return controls / len(sample)
