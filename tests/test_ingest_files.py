"""Ingest of local files and directories: each bad file is an ItemError with its reason; the rest go on.

The texts below are written for these tests; the seed articles come from ``../shared/data``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dealgraph.exc import ItemError
from dealgraph.ingest import iter_items
from dealgraph.model import RawItem
from tests.conftest import EXAMPLES, SEEDS, need

RUSSIAN = (
    "Москва, 14 марта. Министр финансов заявил, что вопрос о замороженных российских активах "
    "будет обсуждаться на следующей встрече. По его словам, решений пока не принято, а депозитарий "
    "продолжает блокировать средства. Ранее глава фонда сообщил о возможном возвращении "
    "американских компаний на российский рынок."
)
FRENCH = (
    "Genève, le 14 mars. Les ministres se sont réunis à huis clos pour discuter des avoirs gelés. "
    "« Nous espérons un accord d'ici l'été », a déclaré le porte-parole, ajoutant que la Commission "
    "européenne étudiait plusieurs options et qu'aucune décision n'était prise."
)
SPANISH = (
    "El ministro español afirmó que la reunión en Riad fue productiva y que habrá más "
    "conversaciones en las próximas semanas sobre las sanciones económicas y los activos congelados."
)


def items(*targets: Path | str, max_bytes: int = 10 * 1024 * 1024) -> list[RawItem | ItemError]:
    return list(iter_items([str(target) for target in targets], max_bytes=max_bytes))


def only(result: list[RawItem | ItemError]) -> RawItem | ItemError:
    assert len(result) == 1, result
    return result[0]


def test_text_file_is_an_item_with_its_stem_as_id(tmp_path: Path) -> None:
    path = tmp_path / "2025-02-18-talks.txt"
    path.write_text("Delegations met in Riyadh.\n\nThey agreed to restore embassy staff.\n", encoding="utf-8")
    item = only(items(path))
    assert isinstance(item, RawItem)
    assert item.doc_id == "2025-02-18-talks"
    assert item.content_type == "text"
    assert item.source == str(path)
    assert item.content.startswith("Delegations met in Riyadh.")


def test_utf8_with_bom_loses_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"))
    item = only(items(path))
    assert isinstance(item, RawItem)
    assert item.content == RUSSIAN


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r"), (FRENCH, "latin-1"), (SPANISH, "latin-1"), (FRENCH, "cp1252")],
)
def test_legacy_encodings_decode_correctly(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    item = only(items(path))
    assert isinstance(item, RawItem), item
    assert item.content == text


def test_html_file_declaring_its_charset_in_meta(tmp_path: Path) -> None:
    # "Café" decodes as cp1252 and as cp1251 ("Cafй"); the declaration decides.
    page = '<html><head><meta charset="windows-1251"><title>Кафе</title></head><body><p>Кафе и санкции</p>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    item = only(items(path))
    assert isinstance(item, RawItem)
    assert item.content_type == "html"
    assert "Кафе и санкции" in item.content


def test_malformed_html_is_still_delivered(tmp_path: Path) -> None:
    path = tmp_path / "broken.htm"
    path.write_text(
        "<html><body><div><p>Talks resumed in Istanbul<p>Embassies <b>to reopen", encoding="utf-8"
    )
    item = only(items(path))
    assert isinstance(item, RawItem)
    assert item.content_type == "html"
    assert "Embassies <b>to reopen" in item.content


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_files_are_errors(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    error = only(items(path))
    assert isinstance(error, ItemError)
    assert error.source == str(path)
    assert "empty" in error.reason


def test_binary_files_are_errors(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    (tmp_path / "a-image.txt").write_bytes(png)
    # No NUL byte, but mostly control characters.
    (tmp_path / "b-controls.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 200)
    result = items(tmp_path)
    assert [type(item) for item in result] == [ItemError, ItemError]
    assert all(isinstance(item, ItemError) and "binary file" in item.reason for item in result)


def test_file_over_the_cap_is_rejected_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: instant, and takes no disk space
        handle.truncate(50 * 1024 * 1024)
    error = only(items(path))
    assert isinstance(error, ItemError)
    assert "50.0 MB" in error.reason and str(50 * 1024 * 1024) in error.reason
    assert "10.0 MB" in error.reason and str(10 * 1024 * 1024) in error.reason


def test_cap_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    assert isinstance(only(items(path, max_bytes=1000)), ItemError)
    assert isinstance(only(items(path, max_bytes=2000)), RawItem)


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "a" / "one.html").write_text("<p>First article text.</p>", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Third article text.", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01hidden")
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    result = items(tmp_path)
    sources = [Path(item.source).relative_to(tmp_path).as_posix() for item in result]
    assert sources == ["a/one.html", "b/two.txt", "c.txt", "notes.pdf"]
    assert [type(item) for item in result] == [RawItem, RawItem, RawItem, ItemError]
    unsupported = result[-1]
    assert isinstance(unsupported, ItemError) and "unsupported file type .pdf" in unsupported.reason


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text("not read", encoding="utf-8")
    error = only(items(tmp_path))
    assert isinstance(error, ItemError) and error.source == str(tmp_path) and "no files" in error.reason


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text("Good one.", encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text("Good two.", encoding="utf-8")
    missing = tmp_path / "nowhere" / "4.txt"
    result = items(tmp_path, missing, "ftp://example.org/file.txt")
    kinds = [(type(item).__name__, Path(item.source).name) for item in result]
    assert kinds == [
        ("RawItem", "1.txt"),
        ("ItemError", "2.txt"),
        ("RawItem", "3.txt"),
        ("ItemError", "4.txt"),
        ("ItemError", "file.txt"),
    ]
    assert isinstance(result[3], ItemError) and "no such file" in result[3].reason
    assert isinstance(result[4], ItemError) and "unsupported URL scheme" in result[4].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    error = only(items(path))
    assert isinstance(error, ItemError) and "cannot read" in error.reason


def test_seed_articles_are_read_as_they_are() -> None:
    seeds = need(SEEDS)
    result = items(seeds)
    paths = sorted(seeds.glob("*.txt"))
    assert [item.source for item in result] == [str(path) for path in paths]
    for item, path in zip(result, paths, strict=True):
        assert isinstance(item, RawItem)
        assert item.doc_id == path.stem
        assert item.content == path.read_text(encoding="utf-8")


def test_seed_articles_in_legacy_encodings_round_trip(tmp_path: Path) -> None:
    """Real articles re-encoded as an old Windows newsroom would have saved them."""
    checked = 0
    for path in sorted(need(SEEDS).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        try:
            data = text.encode("cp1252")
        except UnicodeEncodeError:
            continue
        if data.isascii():
            continue
        copy = tmp_path / path.name
        copy.write_bytes(data)
        item = only(items(copy))
        assert isinstance(item, RawItem) and item.content == text, path.name
        checked += 1
    if not checked:
        pytest.skip("no seed article is non-ASCII and encodable in cp1252")


def test_example_articles_all_load() -> None:
    result = items(EXAMPLES)
    assert result and all(isinstance(item, RawItem) for item in result), result


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"Plain words about a deal.\n", "text"), (b"  <html><body><p>A deal.</p></body></html>", "html")],
)
def test_stdin_is_one_document_of_its_kind_with_an_id_from_its_content(data: bytes, kind: str) -> None:
    import io

    from dealgraph.ingest.stdin import StdinSource

    (item,) = StdinSource(1000, io.BytesIO(data)).items()
    assert isinstance(item, RawItem)
    assert (item.source, item.content_type, item.doc_id) == ("<stdin>", kind, None)


def test_stdin_json_lines_and_the_size_cap() -> None:
    import io

    from dealgraph.ingest.stdin import StdinSource

    lines = b'{"id": "a", "text": "One."}\n\n{"id": "b", "text": "Two."}\n'
    found = list(StdinSource(1000, io.BytesIO(lines)).items())
    assert [i.doc_id for i in found if isinstance(i, RawItem)] == ["a", "b"]
    (error,) = StdinSource(10, io.BytesIO(b"x" * 11)).items()
    assert isinstance(error, ItemError) and "over the size cap" in error.reason
