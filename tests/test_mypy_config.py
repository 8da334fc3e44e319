"""pyproject.toml's mypy override lets imports of untyped libraries pass: it must name only libraries
that ship no type information, or it hides nothing but its own mistake."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_untyped_override_names_only_libraries_without_py_typed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [override] = [o for o in config["tool"]["mypy"]["overrides"] if o.get("ignore_missing_imports")]
    typed = []
    for pattern in override["module"]:
        name = pattern.removesuffix(".*")
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue  # not installed here (a model package), or a single module, which cannot be typed
        if any((Path(p) / "py.typed").exists() for p in spec.submodule_search_locations):
            typed.append(name)
    assert typed == [], f"these ship py.typed: take them out of the override: {typed}"
