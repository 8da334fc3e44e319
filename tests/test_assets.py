"""The browser libraries inside the package: ``scripts/vendor_assets.py`` copies from ``node_modules``
exactly the files the pages load, ``settings.node_modules()`` prefers that copy to the repository's
``node_modules``, the app serves the pages from it alone, and a wheel carries it."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from dealgraph import settings
from dealgraph.server import create_app
from dealgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
# the URL prefix each library is mounted at, and the folder of its npm package served there
MOUNTS = {"/vendor/cytoscape/": "cytoscape/dist/", "/vendor/swagger-ui/": "swagger-ui-dist/"}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vendor_assets", ROOT / "scripts" / "vendor_assets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


vendor_assets = _script()


def _loaded_by_the_pages() -> set[str]:
    """Every /vendor/ URL the templates and the API's /docs page name, as a path in node_modules."""
    sources = [
        *(ROOT / "dealgraph" / "web" / "templates").glob("*.html"),
        ROOT / "dealgraph" / "api" / "docs.py",
    ]
    urls = {url for path in sources for url in re.findall(r"/vendor/[\w./-]+", path.read_text("utf-8"))}
    return {
        MOUNTS[prefix] + url[len(prefix) :] for url in urls for prefix in MOUNTS if url.startswith(prefix)
    }


def test_the_vendored_files_are_the_ones_the_pages_load() -> None:
    loaded = _loaded_by_the_pages()
    assert loaded == {
        "cytoscape/dist/cytoscape.min.js",
        "swagger-ui-dist/swagger-ui-bundle.js",
        "swagger-ui-dist/swagger-ui.css",
    }
    copied = {f"{package}/{name}" for package, names in vendor_assets.ASSETS.items() for name in names}
    assert loaded <= copied
    # beyond them only licences and versions: no other code is shipped
    assert all(re.search(r"(LICENSE|NOTICE|package\.json|LICENSE\.txt)$", name) for name in copied - loaded)


def test_node_modules_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged, repo = tmp_path / "vendor", tmp_path / "node_modules"
    monkeypatch.setattr(settings, "PACKAGED_ASSETS", packaged)
    monkeypatch.setattr(settings, "REPO_NODE_MODULES", repo)
    monkeypatch.delenv("DEALGRAPH_NODE_MODULES", raising=False)
    assert settings.node_modules() == repo  # a checkout where vendor_assets has not run
    packaged.mkdir()
    assert settings.node_modules() == packaged  # an install or a wheel
    monkeypatch.setenv("DEALGRAPH_NODE_MODULES", str(tmp_path / "elsewhere"))
    assert settings.node_modules() == tmp_path / "elsewhere"  # the setting wins


@pytest.fixture(scope="module")
def vendored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (NODE_MODULES / "cytoscape").is_dir():
        pytest.skip("no node_modules: run npm ci")
    dest = tmp_path_factory.mktemp("assets") / "vendor"
    written = vendor_assets.vendor(NODE_MODULES, dest)
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()) == sorted(
        p.relative_to(dest).as_posix() for p in written
    )
    return dest


def test_the_pages_are_served_from_the_copy_alone(vendored: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEALGRAPH_NODE_MODULES", str(vendored))
    with TestClient(create_app(Settings("sqlite://", "-", 1000, 1.0, None))) as client:
        for path in _loaded_by_the_pages():
            prefix = next(p for p, folder in MOUNTS.items() if path.startswith(folder))
            response = client.get(prefix + path[len(MOUNTS[prefix]) :])
            assert response.status_code == 200, path
            assert response.content == (NODE_MODULES / path).read_bytes()
        docs = client.get("/docs").text
        assert "/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn.jsdelivr" not in docs
        # what npm installed beside them is not there
        assert client.get("/vendor/cytoscape/cytoscape.esm.mjs").status_code == 404
        assert client.get("/vendor/swagger-ui/index.html").status_code == 404


def test_a_missing_file_leaves_the_copy_as_it_was(vendored: Path, tmp_path: Path) -> None:
    broken = tmp_path / "node_modules"
    shutil.copytree(NODE_MODULES / "cytoscape", broken / "cytoscape")  # no swagger-ui-dist
    dest = tmp_path / "vendor"
    shutil.copytree(vendored, dest)
    before = sorted(p.relative_to(dest) for p in dest.rglob("*"))
    with pytest.raises(FileNotFoundError, match=r"swagger-ui-dist/swagger-ui-bundle\.js"):
        vendor_assets.vendor(broken, dest)
    assert sorted(p.relative_to(dest) for p in dest.rglob("*")) == before
    assert vendor_assets.main(["--from", str(broken), "--to", str(dest)]) == 1


@pytest.mark.slow
def test_a_wheel_carries_the_vendored_files(vendored: Path, tmp_path: Path) -> None:
    """The wheel built from a copy of the source (so the checkout gets no build/ folder) holds each
    vendored file; no node_modules is needed to serve the pages from an install of it."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "dealgraph", source / "dealgraph", ignore=shutil.ignore_patterns("__pycache__", "vendor")
    )
    shutil.copytree(vendored, source / "dealgraph" / "vendor")
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*build, "-w", str(tmp_path / "whl"), str(source)], check=True, capture_output=True, timeout=300
    )
    (wheel,) = (tmp_path / "whl").glob("dealgraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"dealgraph/vendor/{p.relative_to(vendored).as_posix()}" for p in vendored.rglob("*") if p.is_file()
    }
    assert len(expected) == sum(map(len, vendor_assets.ASSETS.values())) and expected <= names
    assert "dealgraph/web/templates/graph.html" in names
