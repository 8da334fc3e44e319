"""Bytes to text: BOMs, UTF-8, declared charsets, detection, and what counts as binary or empty.

The sentences are written for these tests, in the languages whose legacy encodings get confused.
"""

from __future__ import annotations

import pytest

from dealgraph.exc import ItemError
from dealgraph.ingest.decode import codec_name, decode_bytes, meta_charset

CZECH = "Ministr zahraničí řekl, že jednání v Ženevě o zmrazených aktivech pokračují a že rozhodnutí nepadlo."
GERMAN = "Die Gespräche über die eingefrorenen Vermögenswerte wurden am Dienstag in Genf fortgesetzt."
ENGLISH = "The company’s chief executive said the café chain would return “when sanctions allow” — for €2bn."
TURKISH = "Dışişleri bakanı, Cenevre'deki görüşmelerin yapıcı geçtiğini ve henüz karar alınmadığını söyledi."
GREEK = "Ο υπουργός Εξωτερικών δήλωσε ότι οι συνομιλίες στη Γενεύη για τις κυρώσεις ήταν εποικοδομητικές."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (CZECH, "cp1250"),  # Central European: must not be taken for cp1252
        (GERMAN, "cp1252"),
        (ENGLISH, "cp1252"),  # typographic quotes and the euro sign only
        (TURKISH, "cp1254"),
        (GREEK, "iso8859-7"),
    ],
)
def test_detected_encodings(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "x") == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_byte_order_marks(encoding: str) -> None:
    assert decode_bytes(GERMAN.encode(encoding), "x") == GERMAN


def test_declared_charset_decides_when_it_fits() -> None:
    data = "Кафе".encode("cp1251") + b" " + GERMAN.encode("ascii", errors="ignore")
    assert decode_bytes(data, "x", declared="windows-1251").startswith("Кафе ")
    # A declaration the bytes contradict is ignored: UTF-8 that is valid wins over a wrong label.
    assert decode_bytes(CZECH.encode("utf-8"), "x", declared="iso-8859-1") == CZECH


def test_charset_labels() -> None:
    assert codec_name("Windows-1251") == "cp1251"
    assert codec_name("ISO-8859-1") == "cp1252"  # as browsers read it
    assert codec_name("no-such-charset") is None
    assert meta_charset(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    ) == ("koi8-r")
    assert meta_charset(b"<html><head><title>none</title>") is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        ("\u00a0 \n".encode(), "empty"),
        (b"GIF89a\x01\x00\x01\x00\x00\xff\x00,", "binary file"),
        (bytes([0x1B, 0x07, 0x08, 0x0E]) * 100 + b"text", "binary file"),
        (b"\xff\xfe" + b"\x00\xd8" * 10, "binary file"),  # a UTF-16 BOM before an unpaired surrogate
    ],
)
def test_rejected(data: bytes, reason: str) -> None:
    with pytest.raises(ItemError, match=reason) as caught:
        decode_bytes(data, "some/file.txt")
    assert caught.value.source == "some/file.txt"


@pytest.mark.parametrize(
    "label", ["rot13", "base64", "hex", "zlib", "undefined", "unicode_escape", "\x00", "idna"]
)
def test_only_character_encodings_are_honoured(label: str) -> None:
    """Issue 13, defect 2: a label naming a transform or no encoding at all raised LookupError,
    UnicodeError or ValueError out of ingest; it is ignored and the bytes are detected."""
    assert codec_name(label) is None
    french = "Le ministre a évoqué les avoirs gelés à Euroclear, à Bruxelles, lundi dernier."
    assert decode_bytes(french.encode("cp1252"), "x", declared=label) == french
