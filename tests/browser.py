"""What the browser tests share: a server for an app on a free 127.0.0.1 port, headless Chromium
(Debian's ``chromium`` driven by Playwright; the ``browser`` fixture in ``conftest.py``), and a page that
records console errors. Screenshots go to ``artifacts/screenshots/``."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from dealgraph.settings import node_modules

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread; yield its base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium, or a skip saying what to install."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def need_graph_lib() -> None:
    """Skip unless the graph library is where the app serves it from (``settings.node_modules``)."""
    if not (node_modules() / "cytoscape" / "dist" / "cytoscape.min.js").exists():
        pytest.skip("the graph library is not installed: run `npm ci --ignore-scripts` at the repo root")


def shoot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


class Page:
    """A browser page that records console errors and uncaught exceptions."""

    def __init__(self, browser: Any, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.base = base
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str, shot: str | None = None, status: int = 200) -> Any:
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        assert response is not None and response.status == status, (path, response and response.status)
        if shot:
            shoot(self.page, shot)
        return self.page

    def click_edge(self, selector: str) -> None:
        """Click the midpoint of the first graph edge matching a cytoscape selector."""
        x, y = self.page.evaluate(
            "(sel) => { const e = window.__graph.cy.edges(sel)[0].renderedMidpoint(); "
            "const b = document.getElementById('cy').getBoundingClientRect(); "
            "return [b.left + e.x, b.top + e.y]; }",
            selector,
        )
        self.page.mouse.click(x, y)
