"""The README documents every setting and every command (datasette's ``tests/test_docs.py`` habit): a
new ``Settings`` field, environment variable or CLI command fails here until the README names it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from dealgraph.cli.main import app
from dealgraph.settings import PREFIX, Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# the settings helpers' calls: env_str("DB", ...), env_int("MAX_BYTES", ...), env_opt("API_TOKEN")
ENV_CALL = re.compile(r"\benv_(?:str|int|opt)\(\s*\"([A-Z0-9_]+)\"")


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[str]:
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield " ".join(path)
        return
    for name, sub in subcommands.items():
        if not sub.hidden:
            yield from _commands(sub, (*path, name))


def _environment() -> set[str]:
    fields = {field.name.upper() for field in dataclasses.fields(Settings)}
    calls = {
        name
        for path in (ROOT / "dealgraph").rglob("*.py")
        for name in ENV_CALL.findall(path.read_text("utf-8"))
    }
    return fields | calls


def test_the_commands_are_found() -> None:
    commands = set(_commands(get_command(app)))
    assert {"ingest", "serve", "lists load"} <= commands


@pytest.mark.parametrize("command", sorted(_commands(get_command(app))))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"dealgraph {command}" in README, f"README.md does not mention `dealgraph {command}`"


def test_the_settings_are_found() -> None:
    assert {"DB", "API_TOKEN", "LEARNED_ROLES"} <= _environment()


@pytest.mark.parametrize("name", sorted(_environment()))
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert PREFIX + name in README, f"README.md does not mention {PREFIX + name}"
