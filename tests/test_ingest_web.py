"""Ingest of URLs and RSS/Atom feeds, against a real HTTP server on 127.0.0.1 (no mocks).

The pages and feeds served here are written for these tests.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from dealgraph.exc import ItemError
from dealgraph.ingest import iter_items, parse_feed
from dealgraph.model import RawItem

ARTICLE = (
    "<!doctype html><html><head><title>Talks in Riyadh</title></head><body>"
    "<article><h1>Talks in Riyadh</h1><p>Delegations agreed to restore embassy staff.</p></article>"
    "</body></html>"
)
RUSSIAN_PAGE = (
    "<html><body><p>Переговоры в Эр-Рияде завершились соглашением о работе посольств.</p></body></html>"
)


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    chunks: int = 1  # sent in this many writes, without a Content-Length
    delay: float = 0.0  # seconds before answering


Routes = dict[str, Callable[[str], Reply]]


class Server:
    """A threaded HTTP server answering from a route table; ``url(path)`` gives an address on it."""

    def __init__(self, routes: Routes) -> None:
        self.routes = routes
        self.hits: list[str] = []
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(self.path)
                route = server.routes.get(self.path)
                reply = route(self.path) if route else Reply(404, b"not here")
                time.sleep(reply.delay)
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers:
                    self.send_header(name, value)
                if reply.chunks == 1:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                size = max(1, len(reply.body) // reply.chunks)
                try:
                    for start in range(0, len(reply.body), size):
                        self.wfile.write(reply.body[start : start + size])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading, as it should for an oversized body

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    instance = Server({})
    instance.thread.start()
    yield instance
    instance.httpd.shutdown()
    instance.httpd.server_close()


def fixed(reply: Reply) -> Callable[[str], Reply]:
    return lambda _path: reply


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(*urls: str, max_bytes: int = 10 * 1024 * 1024, timeout: float = 20.0) -> list[RawItem | ItemError]:
    return list(iter_items(list(urls), max_bytes=max_bytes, timeout=timeout))


def rss(items: list[str], title: str = "Example Wire") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://wire.test/</link><description>news</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


@pytest.mark.parametrize("charset", ["base64", "hex", "zlib", "undefined", "rot13"])
def test_a_charset_that_is_no_text_encoding_is_ignored(server: Server, tmp_path: Path, charset: str) -> None:
    """Issue 13, defect 2: the label from the server or the page's ``<meta>`` raised out of ingest."""
    page = ARTICLE.replace("restore embassy staff", "restore the embassies' staff in Pétersbourg")
    data = page.replace("<head>", f'<head><meta charset="{charset}">').encode("cp1252")
    server.routes["/c"] = fixed(Reply(body=data, content_type=f"text/html; charset={charset}"))
    server.routes["/ok"] = fixed(Reply(body=ARTICLE.encode()))
    (tmp_path / "page.html").write_bytes(data)
    fetched, after, local = fetch(server.url("/c"), server.url("/ok"), str(tmp_path / "page.html"))
    assert isinstance(fetched, RawItem) and "Pétersbourg" in fetched.content
    assert isinstance(after, RawItem)
    assert isinstance(local, RawItem) and "Pétersbourg" in local.content


def test_html_page_is_an_item(server: Server) -> None:
    server.routes["/a"] = fixed(Reply(body=ARTICLE.encode()))
    (item,) = fetch(server.url("/a"))
    assert isinstance(item, RawItem)
    assert (item.source, item.url, item.content_type) == (server.url("/a"), server.url("/a"), "html")
    assert item.content == ARTICLE


def test_plain_text_and_charset_from_the_header(server: Server) -> None:
    text = "Переговоры завершились соглашением."
    server.routes["/t"] = fixed(
        Reply(body=text.encode("cp1251"), content_type="text/plain; charset=windows-1251")
    )
    server.routes["/r"] = fixed(
        Reply(body=RUSSIAN_PAGE.encode("koi8-r"), content_type="text/html; charset=KOI8-R")
    )
    plain, page = fetch(server.url("/t"), server.url("/r"))
    assert isinstance(plain, RawItem) and (plain.content_type, plain.content) == ("text", text)
    assert isinstance(page, RawItem) and page.content == RUSSIAN_PAGE


@pytest.mark.parametrize(
    ("status", "phrase"), [(404, "Not Found"), (500, "Internal Server Error"), (403, "Forbidden")]
)
def test_http_errors(server: Server, status: int, phrase: str) -> None:
    server.routes["/e"] = fixed(Reply(status, b"<html>oops</html>"))
    (error,) = fetch(server.url("/e"))
    assert isinstance(error, ItemError)
    assert error.source == server.url("/e")
    assert error.reason == f"HTTP {status} {phrase}"


def test_unreachable_url() -> None:
    url = f"http://127.0.0.1:{closed_port()}/article"
    (error,) = fetch(url)
    assert isinstance(error, ItemError) and error.source == url
    assert error.reason.startswith("cannot fetch:")


def test_redirect_is_followed_and_the_final_url_kept(server: Server) -> None:
    server.routes["/old"] = fixed(Reply(301, b"", headers=(("Location", "/moved"),)))
    server.routes["/moved"] = fixed(Reply(302, b"", headers=(("Location", "/a"),)))
    server.routes["/a"] = fixed(Reply(body=ARTICLE.encode()))
    (item,) = fetch(server.url("/old"))
    assert isinstance(item, RawItem)
    assert item.source == server.url("/old") and item.url == server.url("/a")
    assert server.hits == ["/old", "/moved", "/a"]


def test_redirect_loop_is_bounded(server: Server) -> None:
    server.routes["/loop"] = fixed(Reply(302, b"", headers=(("Location", "/loop"),)))
    (error,) = fetch(server.url("/loop"))
    assert isinstance(error, ItemError) and error.reason == "too many redirects"
    assert 2 <= len(server.hits) <= 10


def test_wrong_content_type(server: Server) -> None:
    server.routes["/logo.png"] = fixed(Reply(body=b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"))
    (error,) = fetch(server.url("/logo.png"))
    assert isinstance(error, ItemError) and "unsupported content type 'image/png'" in error.reason


def test_binary_body_with_a_text_type(server: Server) -> None:
    server.routes["/fake"] = fixed(Reply(body=bytes(range(256)) * 8, content_type="text/html"))
    (error,) = fetch(server.url("/fake"))
    assert isinstance(error, ItemError) and "binary file" in error.reason


def test_oversized_response_by_length_and_by_stream(server: Server) -> None:
    body = b"<html><body>" + b"<p>frozen assets</p>" * 3000 + b"</body></html>"
    server.routes["/declared"] = fixed(Reply(body=body))
    server.routes["/streamed"] = fixed(Reply(body=body, chunks=20))  # no Content-Length
    declared, streamed = fetch(server.url("/declared"), server.url("/streamed"), max_bytes=20_000)
    assert isinstance(declared, ItemError)
    assert f"({len(body)} bytes)" in declared.reason and "(20000 bytes)" in declared.reason
    assert isinstance(streamed, ItemError) and "over the size cap" in streamed.reason
    # The same pages under a larger cap are fine.
    assert all(isinstance(item, RawItem) for item in fetch(server.url("/streamed"), max_bytes=len(body)))


def test_slow_server_times_out(server: Server) -> None:
    server.routes["/slow"] = fixed(Reply(body=ARTICLE.encode(), delay=2.0))
    started = time.monotonic()
    (error,) = fetch(server.url("/slow"), timeout=0.3)
    assert isinstance(error, ItemError) and "timed out" in error.reason
    assert time.monotonic() - started < 1.5


def test_feed_with_a_broken_item(server: Server) -> None:
    server.routes["/one"] = fixed(Reply(body=ARTICLE.encode()))
    feed = rss(
        [
            "<item><title>Talks in Riyadh</title><link>/one</link><guid>g-1</guid>"
            "<pubDate>Tue, 18 Feb 2025 09:30:00 +0300</pubDate></item>",
            f"<item><title>Gone</title><link>{server.url('/gone')}</link><guid>g-2</guid></item>",
            "<item><title>No link at all</title><description>teaser</description></item>",
        ]
    )
    server.routes["/feed"] = fixed(Reply(body=feed, content_type="application/rss+xml"))
    result = fetch(server.url("/feed"))
    assert [type(item) for item in result] == [RawItem, ItemError, ItemError]
    article, gone, linkless = result
    assert isinstance(article, RawItem)
    assert article.source == server.url("/one") and article.content == ARTICLE
    assert (article.title, article.outlet) == ("Talks in Riyadh", "Example Wire")
    assert article.published == "2025-02-18T06:30:00+00:00"
    assert isinstance(gone, ItemError) and (gone.source, gone.reason) == (
        server.url("/gone"),
        "HTTP 404 Not Found",
    )
    assert isinstance(linkless, ItemError) and linkless.source == server.url("/feed") + "#entry-3"
    assert "'No link at all'" in linkless.reason and "no http(s) link" in linkless.reason


def test_feed_without_entries_is_reported(server: Server) -> None:
    server.routes["/empty"] = fixed(Reply(body=rss([]), content_type="application/rss+xml; charset=utf-8"))
    (error,) = fetch(server.url("/empty"))
    assert isinstance(error, ItemError) and error.reason == "feed has no entries"


def test_feed_is_known_by_its_content_when_mislabelled(server: Server) -> None:
    atom = (
        '<?xml version="1.0"?><!-- generated --><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
        f'<entry><title>Istanbul</title><link href="{server.url("/a")}"/><id>urn:x:1</id>'
        "<updated>2025-02-27T10:00:00Z</updated></entry></feed>"
    ).encode()
    server.routes["/a"] = fixed(Reply(body=ARTICLE.encode()))
    server.routes["/atom-as-xml"] = fixed(Reply(body=atom, content_type="text/xml"))
    server.routes["/atom-as-html"] = fixed(Reply(body=atom, content_type="text/html"))
    server.routes["/not-a-feed"] = fixed(
        Reply(body=b"<?xml version='1.0'?><config/>", content_type="application/xml")
    )
    first, second, other = fetch(
        server.url("/atom-as-xml"), server.url("/atom-as-html"), server.url("/not-a-feed")
    )
    for item in (first, second):
        assert isinstance(item, RawItem)
        assert (item.title, item.outlet, item.published) == ("Istanbul", "Desk", "2025-02-27T10:00:00+00:00")
    assert isinstance(other, ItemError) and "not an RSS/Atom feed" in other.reason


def test_local_feed_file(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = fixed(Reply(body=ARTICLE.encode()))
    path = tmp_path / "saved.rss"
    path.write_bytes(rss([f"<item><title>Saved</title><link>{server.url('/a')}</link></item>"]))
    (item,) = list(iter_items([str(path)]))
    assert isinstance(item, RawItem) and item.source == server.url("/a") and item.title == "Saved"


def test_given_client_is_used_and_left_open(server: Server) -> None:
    server.routes["/a"] = fixed(Reply(body=ARTICLE.encode()))
    with httpx.Client(headers={"User-Agent": "test-agent"}) as client:
        (item,) = list(iter_items([server.url("/a")], client=client))
        assert isinstance(item, RawItem)
        assert not client.is_closed


def test_parse_feed_entries() -> None:
    feed = rss(
        [
            "<item><title> First </title><link>/news/1</link><guid>urn:1</guid>"
            "<pubDate>Thu, 20 Mar 2025 12:00:00 GMT</pubDate></item>",
            "<item><title>Second</title><link>mailto:desk@wire.test</link>"
            "<pubDate>not a date</pubDate></item>",
        ]
    )
    first, second = parse_feed(feed, "https://wire.test/rss")
    assert (first.link, first.title, first.guid) == ("https://wire.test/news/1", "First", "urn:1")
    assert first.published == "2025-03-20T12:00:00+00:00" and first.outlet == "Example Wire"
    assert (second.link, second.published) == (None, None)
    with pytest.raises(ItemError, match="not an RSS/Atom feed"):
        parse_feed(b"<html><body>hello</body></html>", "https://wire.test/page")


@pytest.fixture
def trickling() -> Iterator[str]:
    """A server that sends its response headers one byte every 0.2 s (about 20 s in all), as a hostile
    server would to hold a client past its per-read timeout."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(4096)
                head = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Pad: " + b"x" * 60 + b"\r\n\r\nhello"
                )
                try:
                    for byte in head:
                        if stop.is_set():
                            break
                        conn.sendall(bytes([byte]))
                        time.sleep(0.2)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    stop.set()
    thread.join(timeout=5)
    listener.close()


def test_the_time_limit_holds_while_headers_arrive(trickling: str) -> None:
    """Issue 13, defect 7: headers sent a byte at a time held `ingest URL` for 113 s against 5 s."""
    started = time.monotonic()
    (item,) = fetch(trickling, timeout=2.0)
    elapsed = time.monotonic() - started
    assert isinstance(item, ItemError) and "timed out" in item.reason
    assert elapsed < 4.0, elapsed
