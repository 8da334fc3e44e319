"""Who owns SQL (ARCHITECTURE.md, "Who writes which tables"): the interfaces never use SQLAlchemy, and
every table is written only by the package that owns it, as ``OWNERS`` says.

Read from the source: each ``insert``/``update``/``delete`` statement's table is found by evaluating its
argument in the module (``schema.entities``, ``rt.entity_links``, a module-level alias) or, for a local
name, the expressions assigned to it there. A statement whose table cannot be told fails the test too.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Table

import dealgraph.store
from dealgraph.store.schema import metadata

for _info in pkgutil.iter_modules(dealgraph.store.__path__):  # every table module, so metadata has all
    importlib.import_module(f"dealgraph.store.{_info.name}")

ROOT = Path(__file__).resolve().parents[1]
INTERFACES = ("cli", "api", "web", "reports")
DML = {"insert", "update", "delete"}

# The one map of ownership: each table, the package whose modules may write it.
STORE, RESOLVE = "dealgraph.store", "dealgraph.resolve"
SCREEN, CLAIMS, ALERTS = "dealgraph.screen", "dealgraph.claims", "dealgraph.alerts"
OWNERS = {
    **dict.fromkeys(
        ("articles", "mentions", "amounts", "article_entities", "events", "event_args", "signatures"),
        STORE,
    ),
    **dict.fromkeys(("article_signatures", "duplicates", "ingest_errors", "schema_version"), STORE),
    **dict.fromkeys(("watch_feeds", "watch_entries"), STORE),
    **dict.fromkeys(("entities", "judgements", "entity_merges", "entity_names", "entity_blocks"), RESOLVE),
    "entity_links": RESOLVE,
    **dict.fromkeys(("list_snapshots", "list_entries", "list_names", "list_members"), SCREEN),
    "list_intervals": SCREEN,
    **dict.fromkeys(("entity_hits", "screened"), SCREEN),
    **dict.fromkeys(("claims", "claim_events", "claim_parties"), CLAIMS),
    **dict.fromkeys(("watchlist", "alerts", "alert_claim_state"), ALERTS),
}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted((ROOT / "dealgraph").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def _imports_sqlalchemy(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sqlalchemy" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            return True
    return False


def _dml_names(tree: ast.AST) -> set[str]:
    """The local names of SQLAlchemy's insert/update/delete in a module (``from sqlalchemy import ...``)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy"
        for alias in node.names
        if alias.name in DML
    }


def _assigned(tree: ast.AST) -> dict[str, list[ast.expr]]:
    """Every expression assigned to each plain name in a function (or module), tuple assignments paired
    up; a ``for`` loop's name is given the list of what it takes (``for table, column in REFERENCES``:
    ``table`` is ``[item[0] for item in REFERENCES]``)."""
    found: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.For):
            loop = ast.unparse(node.iter)
            targets = node.target.elts if isinstance(node.target, ast.Tuple) else [node.target]
            for i, name in enumerate(targets):
                item = f"item[{i}]" if isinstance(node.target, ast.Tuple) else "item"
                if isinstance(name, ast.Name):
                    taken = ast.parse(f"[{item} for item in ({loop})]", mode="eval").body
                    found.setdefault(name.id, []).append(taken)
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs: list[tuple[ast.expr, ast.expr]] = [(target, node.value)]
            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                pairs = list(zip(target.elts, node.value.elts, strict=False))
            for name, value in pairs:
                if isinstance(name, ast.Name):
                    found.setdefault(name.id, []).append(value)
    return found


def _tables(
    expr: ast.expr, module: ModuleType, assigned: dict[str, list[ast.expr]], depth: int = 0
) -> set[Any]:
    """The tables an expression may be: a Table object, or None when it cannot be told."""
    try:
        value = eval(compile(ast.Expression(expr), "<dml>", "eval"), vars(module))  # our own source
    except Exception:
        value = None
    if isinstance(value, Table):
        return {value}
    if isinstance(value, list) and value and all(isinstance(v, Table) for v in value):
        return set(value)
    if isinstance(expr, ast.Name) and expr.id in assigned and depth < 5:
        return set().union(*(_tables(e, module, assigned, depth + 1) for e in assigned[expr.id]))
    return {None}


def writes() -> Iterator[tuple[str, str | None, int]]:
    """(module, table name or None when it cannot be told, line) for every DML statement in dealgraph."""
    for name, path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        dml = _dml_names(tree)
        if not dml:
            continue
        module = importlib.import_module(name)
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for function in functions:  # a name's assignments are looked up in the function that writes
            assigned = _assigned(function)
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in dml:
                    for table in _tables(node.args[0], module, assigned) if node.args else {None}:
                        yield name, table.name if isinstance(table, Table) else None, node.lineno


def test_interfaces_do_not_use_sqlalchemy() -> None:
    offenders = [
        name
        for name, path in modules()
        if name.split(".")[1:2] and name.split(".")[1] in INTERFACES
        if _imports_sqlalchemy(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == [], f"interface modules with SQL of their own (read through the store): {offenders}"


def test_every_table_has_one_owner() -> None:
    assert sorted(set(metadata.tables) - set(OWNERS)) == []
    assert sorted(set(OWNERS) - set(metadata.tables)) == []


def test_tables_are_written_only_by_their_owner() -> None:
    wrong = [
        f"{module}:{line} writes {table or 'a table it does not name'}"
        for module, table, line in writes()
        if table is None or not (module == OWNERS[table] or module.startswith(OWNERS[table] + "."))
    ]
    assert wrong == []


def test_the_check_tells_the_tables_a_loop_writes() -> None:
    renamed = {table for module, table, _ in writes() if module == "dealgraph.resolve.rename"}
    assert renamed == {"entities", "entity_links", "entity_names", "entity_blocks", "entity_merges"}
