"""Bad input through the whole pipeline: every bad item gets an error record with its reason, the
batch goes on, and the good items are stored (files made here; URLs served by a local HTTP server)."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

RUSSIAN = "Глава Российского фонда прямых инвестиций встретился с американскими инвесторами в Москве."
FRENCH = "Le ministre français de l'Économie a évoqué à Bruxelles les avoirs russes gelés à Euroclear."
GOOD = "Rosneft and Novatek discussed new gas projects with Chinese investors in Beijing on Monday."
ROW = "Gazprom said on Tuesday that exports to Turkey through the TurkStream pipeline rose in the spring."
HTML = "Lukoil agreed to sell its stake in a Bulgarian refinery to a group of European buyers last week."


PAGE = (
    "<html><head><title>Gas talks</title></head><body><article><h1>Gas talks</h1>"
    f"<p>{GOOD}</p><p>{GOOD}</p></article></body></html>"
)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/ok.html": (200, "text/html", PAGE),
            "/missing": (404, "text/plain", "not found"),
            "/broken": (500, "text/plain", "server error"),
            "/feed.xml": (200, "application/rss+xml", FEED.replace("PORT", str(self.server.server_port))),
        }  # fmt: skip
        status, kind, body = routes.get(self.path, (404, "text/plain", "no"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test desk</title>
<item><title>Gas talks</title><link>http://127.0.0.1:PORT/ok.html</link><guid>1</guid></item>
<item><title>Gone</title><link>http://127.0.0.1:PORT/missing</link><guid>2</guid></item>
<item><title>No link</title><guid isPermaLink="false">3</guid></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, server: str, extractor: Any) -> tuple[Any, Any]:
    from dealgraph.pipeline.run import ingest
    from dealgraph.settings import Settings
    from dealgraph.store.store import open_store

    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with open(folder / "huge.txt", "wb") as handle:  # 50 MB, sparse
        handle.truncate(50 * 1024 * 1024)
    (folder / "russian-cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (folder / "french-latin1.txt").write_bytes(FRENCH.encode("latin-1"))
    malformed = f"<html><body><div><p>{HTML} <b>unclosed <p>{HTML}"
    (folder / "malformed.html").write_text(malformed, encoding="utf-8")
    (folder / "rows.jsonl").write_text(f'{{"id": "row1", "text": "{ROW}"}}\n{{not json}}\n', encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'bad.db'}")
    settings = Settings.load()
    targets = [
        str(folder),
        f"{server}/missing",
        f"{server}/broken",
        f"http://127.0.0.1:{closed_port()}/nothing",
        f"{server}/feed.xml",
    ]
    return store, ingest(targets, store, settings=settings, extractor=extractor)


def reasons(store: Any) -> dict[str, str]:
    from dealgraph.store.reader import list_errors

    return {e.source: e.reason for e in list_errors(store)}


def test_each_bad_item_has_a_reason(report: tuple[Any, Any], server: str) -> None:
    store, _ = report
    errors = reasons(store)
    by_name = {source.rsplit("/", 1)[-1]: reason for source, reason in errors.items()}
    assert "empty" in by_name["empty.txt"].lower()
    assert "binary" in by_name["binary.txt"].lower()
    assert "cap" in by_name["huge.txt"].lower()
    assert any(source.endswith("rows.jsonl#2") for source in errors)
    assert "404" in errors[f"{server}/missing"]
    assert "500" in errors[f"{server}/broken"]
    assert any("nothing" in source for source in errors)
    assert any("entry" in source for source in errors), errors  # the feed item without a link


def test_good_items_are_stored(report: tuple[Any, Any]) -> None:
    from dealgraph.store.reader import iter_articles

    store, result = report
    articles = {a.id: a for a in iter_articles(store)}
    assert "row1" in articles
    assert articles["russian-cp1251"].text.startswith("Глава Российского")
    assert articles["russian-cp1251"].lang == "ru"
    assert "Économie" in articles["french-latin1"].text
    assert "Lukoil" in articles["malformed"].text
    assert any("Rosneft" in a.text for a in articles.values())  # fetched from the feed
    assert len(result.stored) == len(articles)


def test_errors_command_lists_them(report: tuple[Any, Any]) -> None:
    from typer.testing import CliRunner

    from dealgraph.cli.main import app

    store, _ = report
    out = CliRunner().invoke(app, ["--db", store.engine.url.render_as_string(hide_password=False), "errors"])
    assert out.exit_code == 0
    assert "binary" in out.output.lower() and "404" in out.output
