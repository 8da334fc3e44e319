"""Nothing lost, whatever arrives: 20 bad files, 30 bad lines and 20 bad URLs, each between two good
items in a batch of its own, through ``dealgraph.pipeline.run.ingest`` (issue 13).

    PYTHONPATH=. python scripts/bench_bad_input.py [--only files|lines|urls|long]

For every case: how many of its items were stored (or linked as already stored/near-duplicate), how
many were recorded as errors, how many were lost (neither), and whether the batch aborted (ingest
raised). Then the 100-article batch with one over-long text at line 50. URLs are served from a local
HTTP server on 127.0.0.1; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DEALGRAPH_SHARED", ROOT / ".." / "shared"))
POLNEAR = SHARED / "data" / "corpus" / "polnear" / "polnear-train.jsonl"
LONG = ("Rosneft said exports rose in the spring. " * 25_200)[:1_030_000]


def stories() -> Iterator[str]:
    """Distinct real news texts (PolNeAR), so that good items are never near-duplicates."""
    for line in POLNEAR.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        yield row["title"] + "\n\n" + row["text"][:1500]


@dataclass
class Outcome:
    """``items`` = the good items plus the bad ones. A good item is lost when it is not stored; a bad
    one when it is neither stored nor recorded (errors beyond one per bad item, such as the pieces of a
    misread row, do not make up for a lost good item)."""

    case: str
    items: int
    goods: int = 2
    stored: int = 0
    errors: int = 0
    good_stored: int = 0
    aborted: str = ""

    @property
    def lost(self) -> int:
        bad = self.items - self.goods
        accounted = (self.stored - self.good_stored) + self.errors
        return (self.goods - self.good_stored) + max(0, bad - accounted)


def title(text: str) -> str:
    return text.split("\n", 1)[0]


def run_case(
    case: str, items: int, targets: list[str], extractor: Any, goods: list[str], timeout: float = 2.0
) -> Outcome:
    from dealgraph.pipeline.run import ingest
    from dealgraph.settings import Settings
    from dealgraph.store.reader import iter_articles, list_errors
    from dealgraph.store.store import open_store

    outcome = Outcome(case, items, len(goods))
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.db")
        settings = replace(Settings.load(), max_bytes=2 * 1024 * 1024, http_timeout=timeout)
        try:
            report = ingest(targets, store, settings=settings, extractor=extractor, screen=False)
            outcome.stored = len(report.stored) + len(report.unchanged) + len(report.duplicates)
            outcome.errors = len(report.errors)
        except Exception as error:  # what the bench is here to find
            outcome.aborted = f"{type(error).__name__}: {str(error)[:80]}"
            outcome.stored = store.count("articles")
            outcome.errors = len(list_errors(store))
        texts = [a.text for a in iter_articles(store)]
        outcome.good_stored = sum(1 for good in goods if any(title(good) in text for text in texts))
        store.engine.dispose()
    return outcome


# -- bad files -------------------------------------------------------------------------------------------


def bad_files(folder: Path) -> dict[str, Callable[[Path], None]]:
    page = "<html><head>{head}</head><body><article><p>{text}</p></article></body></html>"
    french = "Le ministre a évoqué à Bruxelles les avoirs russes gelés à Euroclear, a-t-il dit lundi."

    def write(name: str, data: bytes | str) -> Callable[[Path], None]:
        def make(where: Path) -> None:
            target = where / name
            target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

        return make

    def sparse(where: Path) -> None:
        with open(where / "huge.txt", "wb") as handle:
            handle.truncate(50 * 1024 * 1024)

    def dangling(where: Path) -> None:
        (where / "dangling.txt").symlink_to(where / "nowhere.txt")

    return {
        "empty .txt": write("empty.txt", b""),
        "whitespace only": write("blank.txt", b" \n\t\n  "),
        "binary bytes as .txt": write("binary.txt", bytes(range(256)) * 64),
        "NUL bytes in text": write("nul.txt", b"Rosneft\x00said\x00exports\x00rose."),
        "50 MB sparse file (over cap)": sparse,
        "1.03 M-char text (over spaCy max_length)": write("long.txt", LONG),
        "PNG named .txt": write("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
        "UTF-16 without BOM": write("utf16.txt", french.encode("utf-16-le")),
        "cp1251 Russian": write("ru.txt", "Глава РФПИ встретился с инвесторами в Москве.".encode("cp1251")),
        "latin-1 French": write("fr.txt", french.encode("latin-1")),
        '<meta charset="rot13"> + cp1252 byte': write(
            "rot13.html", page.format(head='<meta charset="rot13">', text=french).encode("cp1252")
        ),
        '<meta charset="base64">': write(
            "b64.html", page.format(head='<meta charset="base64">', text=french).encode("cp1252")
        ),
        "malformed HTML": write("malformed.html", f"<html><body><div><p>{french} <b>unclosed <p>{french}"),
        "HTML with only a script": write(
            "script.html", "<html><body><script>var a = 1;</script></body></html>"
        ),
        "only site furniture": write("menu.txt", "Home\nNews\nWorld\nSport\nShare\nSubscribe\n"),
        "unsupported type (.pdf)": write("doc.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        "dangling symlink": dangling,
        "empty .jsonl": write("empty.jsonl", b"\n\n"),
        "CSV without a text column": write("notext.csv", "id,title\n1,A\n"),
        "broken RSS feed file": write("feed.xml", '<?xml version="1.0"?><rss><channel><item><title>x'),
    }


def run_files(extractor: Any, texts: Iterator[str]) -> list[Outcome]:
    results = []
    for case, make in bad_files(Path()).items():
        with tempfile.TemporaryDirectory() as folder:
            where = Path(folder)
            goods = [next(texts), next(texts)]
            (where / "a-good.txt").write_text(goods[0], encoding="utf-8")
            make(where)
            (where / "z-good.txt").write_text(goods[1], encoding="utf-8")
            results.append(run_case(case, 3, [folder], extractor, goods))
    return results


# -- bad lines -------------------------------------------------------------------------------------------

JSONL_LINES: dict[str, bytes] = {
    "lone surrogate in text": b'{"id": "bad", "text": "Arctic LNG 2 \\ud800 stake"}',
    "lone surrogate in id": b'{"id": "\\udfff", "text": "A story about the Euroclear reserves and the EU."}',
    "nesting 2,000 deep": b'{"text": "x", "e": ' + b"[" * 2000 + b"]" * 2000 + b"}",
    "integer of 4,301 digits": b'{"text": "x", "n": ' + b"7" * 4301 + b"}",
    "NaN as text": b'{"id": "nan", "text": NaN}',
    "1.5e308 as text": b'{"id": "big", "text": 1.5e308}',
    "Infinity as text": b'{"id": "inf", "text": Infinity}',
    "text is a list": b'{"text": ["a", "b"]}',
    "text is an object": b'{"text": {"a": 1}}',
    "no text field": b'{"id": "x", "title": "Only a title"}',
    "empty text": b'{"id": "x", "text": "   "}',
    "not JSON": b"{not json",
    "JSON array": b'["text", "x"]',
    "JSON string": b'"just a string"',
    "null": b"null",
    "invalid UTF-8 byte": b'{"text": "caf\xe9 talks in Riyadh were said to go well."}',
    "line over the cap (16 MB)": b'{"text": "' + b"a" * (16 * 1024 * 1024 + 10) + b'"}',
    "NUL-filled text": b'{"text": "\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000"}',
    "HTML that is only a script": b'{"html": "<script>alert(1)</script>"}',
    "truncated line": b'{"id": "cut", "text": "The talks in Riyadh',
}
CSV_ROWS: dict[str, bytes] = {
    "unclosed quote": b'9,Bad,"a quote left open',
    "stray quote mid-field": b'9,Bad,"x"y"',
    "too few fields": b"9,Bad",
    "too many fields": b'9,Bad,"a","b"',
    "invalid UTF-8 byte": b'9,Bad,"caf\xe9 in Riyadh, talks went well."',
    "empty text cell": b'9,Bad,""',
    "NUL in a cell": b"9,Bad,\x00\x00\x00\x00",
    "lone quote": b'"',
    "control characters": b"9,Bad,\x01\x02\x03\x04\x05\x06\x07",
    "row over the cap": b'9,Bad,"' + b"b" * (16 * 1024 * 1024 + 10) + b'"',
}


def run_lines(extractor: Any, texts: Iterator[str]) -> list[Outcome]:
    results = []
    for case, bad in JSONL_LINES.items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "rows.jsonl"
            goods = [next(texts), next(texts)]
            good = [json.dumps({"id": f"g{i}", "text": text}).encode() for i, text in enumerate(goods)]
            path.write_bytes(b"\n".join([good[0], bad, good[1]]) + b"\n")
            results.append(run_case(f"JSONL: {case}", 3, [str(path)], extractor, goods))
    for case, bad in CSV_ROWS.items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "rows.csv"
            goods = [next(texts), next(texts)]
            good = [csv_row([str(i), "Good", text]) for i, text in enumerate(goods)]
            path.write_bytes(b"\n".join([b"id,title,text", good[0], bad, good[1]]) + b"\n")
            results.append(run_case(f"CSV: {case}", 3, [str(path)], extractor, goods))
    return results


def csv_row(cells: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue().encode("utf-8")


# -- bad URLs --------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    trickle: float = 0.0  # seconds between bytes of the whole response
    length: bool = True


ROUTES: dict[str, Answer] = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        answer = ROUTES.get(self.path.split("?")[0], Answer(404, b"not here", "text/plain"))
        head = [f"HTTP/1.1 {answer.status} X", f"Content-Type: {answer.content_type}", "Connection: close"]
        if answer.length:
            head.append(f"Content-Length: {len(answer.body)}")
        head += [f"{k}: {v}" for k, v in answer.headers]
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + answer.body
        try:
            if answer.trickle:
                for byte in data:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(answer.trickle)
            else:
                self.wfile.write(data)
        except OSError:
            pass
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bad_urls(base: str) -> dict[str, str | Answer]:
    french = "Le ministre a évoqué à Bruxelles les avoirs russes gelés à Euroclear, a-t-il dit lundi."
    page = f"<html><body><article><p>{french}</p></article></body></html>".encode("cp1252")
    rss = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Bad</title><link>http://bad..host.example/x</link><guid>1</guid></item>"
        f"<item><title>Gone</title><link>{base}/nothing-here</link><guid>2</guid></item></channel></rss>"
    ).encode()
    return {
        "404": Answer(404, b"not found", "text/plain"),
        "500": Answer(500, b"server error", "text/plain"),
        "redirect loop": Answer(302, b"", "text/plain", (("Location", "/bad"),)),
        "connection refused": f"http://127.0.0.1:{closed_port()}/x",
        "host a..b (IDNA error)": "http://bad..host.example/x",
        "64-letter host label": "http://" + "a" * 64 + ".example/x",
        "emoji host (IDNA)": "http://xn--ls8h.la/",
        "charset=base64": Answer(body=page, content_type="text/html; charset=base64"),
        "charset=zlib": Answer(body=page, content_type="text/html; charset=zlib"),
        "charset=undefined": Answer(body=page, content_type="text/html; charset=undefined"),
        "image/png": Answer(body=b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"),
        "empty body": Answer(body=b""),
        "binary body as text/html": Answer(body=bytes(range(256)) * 16),
        "Content-Length over the cap": Answer(body=b"x" * (3 * 1024 * 1024)),
        "chunked body over the cap": Answer(body=b"<p>" + b"y" * (3 * 1024 * 1024), length=False),
        "headers 1 byte / 0.3 s (2 s limit)": Answer(body=page, trickle=0.3),
        "XML that is not a feed": Answer(
            body=b"<?xml version='1.0'?><root/>", content_type="application/xml"
        ),
        "feed with two bad entries": Answer(body=rss, content_type="application/rss+xml"),
        "gzip garbage": Answer(body=b"not gzip at all", headers=(("Content-Encoding", "gzip"),)),
        "malformed URL": "http://[::1/x",
    }


def run_urls(extractor: Any, texts: Iterator[str]) -> list[Outcome]:
    results = []
    with server() as base:
        for n, (case, bad) in enumerate(bad_urls(base).items()):
            good = [f"/good-{n}-{i}" for i in range(2)]
            goods = [next(texts), next(texts)]
            for path, text in zip(good, goods, strict=True):
                paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
                ROUTES[path] = Answer(
                    body=f"<html><body><article>{paragraphs}</article></body></html>".encode()
                )
            if isinstance(bad, Answer):
                ROUTES["/bad"] = bad
                target = f"{base}/bad"
            else:
                target = bad
            items = 4 if case.startswith("feed") else 3  # a feed's two entries are two items
            targets = [f"{base}{good[0]}", target, f"{base}{good[1]}"]
            results.append(run_case(f"URL: {case}", items, targets, extractor, goods))
    return results


def run_long(extractor: Any) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        texts = stories()
        goods = []
        for i in range(100):
            text = LONG if i == 50 else next(texts)
            goods += [] if i == 50 else [text]
            Path(folder, f"a{i:03d}.txt").write_text(text, encoding="utf-8")
        return run_case("100 articles, a 1.03 M-char text at 50", 100, [folder], extractor, goods)


def table(results: list[Outcome]) -> str:
    lines = [
        "| case | items | stored (good of them) | recorded error | lost | batch aborted |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        aborted = r.aborted.replace("|", "/") or "no"
        lines.append(
            f"| {r.case} | {r.items} | {r.stored} ({r.good_stored}) | {r.errors} | {r.lost} | {aborted} |"
        )
    lost, aborted_count = sum(r.lost for r in results), sum(1 for r in results if r.aborted)
    lines.append(f"| **{len(results)} cases** | {sum(r.items for r in results)} | "
                 f"{sum(r.stored for r in results)} ({sum(r.good_stored for r in results)}) | "
                 f"{sum(r.errors for r in results)} | **{lost}** | **{aborted_count}** |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", choices=["files", "lines", "urls", "long"])
    options = parser.parse_args()
    from dealgraph.extract.extractor import Extractor

    extractor = Extractor()
    texts = stories()
    import dealgraph

    print(f"dealgraph from {Path(dealgraph.__file__).parent}")
    runs: dict[str, Callable[[], list[Outcome]]] = {
        "files": lambda: run_files(extractor, texts),
        "lines": lambda: run_lines(extractor, texts),
        "urls": lambda: run_urls(extractor, texts),
        "long": lambda: [run_long(extractor)],
    }
    for name, run in runs.items():
        if options.only and name != options.only:
            continue
        started = time.perf_counter()
        results = run()
        print(f"\n### {name} ({time.perf_counter() - started:.0f} s)\n")
        print(table(results), flush=True)


if __name__ == "__main__":
    main()
