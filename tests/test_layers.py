"""Import direction between the interfaces: ``dealgraph.api`` never imports ``dealgraph.web`` (the web UI
sits on the API's app; ``dealgraph.server`` puts the two together). Read from the source, so an import
inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ["dealgraph", "web"]


def imported(path: Path) -> set[str]:
    """Every module a file imports, relative imports made absolute."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def test_api_never_imports_web() -> None:
    files = sorted((ROOT / "dealgraph" / "api").rglob("*.py"))
    assert files
    wrong = {
        str(path.relative_to(ROOT)): sorted(n for n in imported(path) if n.split(".")[:2] == WEB)
        for path in files
    }
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_check_reads_imports_inside_functions() -> None:
    path = ROOT / "dealgraph" / "api" / "app.py"
    assert "dealgraph.api.docs" in imported(path)  # the import inside create_app is read too
