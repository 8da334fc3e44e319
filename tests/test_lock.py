"""requirements/lock.txt, which `make` installs from with --require-hashes, pins every dependency that
pyproject.toml names (core and every extra) at a version pyproject allows, each with its hashes, and
pulls in no GPU stack. After a change to pyproject's dependencies, `make lock` brings it up to date."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
LOCK = (ROOT / "requirements" / "lock.txt").read_text("utf-8")
# `name==version` and the `--hash=sha256:...` lines under it (none, for a pin that lacks them)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})*)", re.M)


def pins() -> dict[str, tuple[Version, int]]:
    """Each locked package's canonical name: its version and how many hashes it has."""
    return {
        canonicalize_name(name): (Version(version), hashes.count("--hash="))
        for name, version, hashes in PIN.findall(LOCK)
    }


def declared() -> list[Requirement]:
    """pyproject's requirements, core and every extra."""
    requirements = [
        *PROJECT["dependencies"],
        *(r for extra in PROJECT["optional-dependencies"].values() for r in extra),
    ]
    return [Requirement(r) for r in requirements]


def test_the_lock_is_read() -> None:
    locked = pins()
    lines = [line for line in LOCK.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(locked) == len(lines) > 100  # every pin line is parsed, none skipped


def test_every_declared_dependency_is_pinned_at_an_allowed_version() -> None:
    locked = pins()
    missing = [str(r) for r in declared() if canonicalize_name(r.name) not in locked]
    assert missing == [], "not in requirements/lock.txt (run make lock)"
    outside = [
        f"{r} locked at {locked[canonicalize_name(r.name)][0]}"
        for r in declared()
        if not r.specifier.contains(locked[canonicalize_name(r.name)][0], prereleases=True)
    ]
    assert outside == [], "pyproject.toml no longer allows the locked version (run make lock)"


def test_the_extras_of_a_declared_dependency_are_locked_too() -> None:
    """``dask[distributed]`` and ``psycopg[binary]``: the lock strips the extras, so their packages must
    be pinned by name."""
    assert {"distributed", "psycopg-binary"} <= set(pins())


def test_every_pin_has_a_hash_and_no_gpu_stack_comes_in() -> None:
    locked = pins()
    assert all(count >= 1 for _, count in locked.values())
    assert not [
        name for name in locked if name in {"torch", "triton"} or name.startswith(("nvidia-", "cuda-"))
    ]


def test_dev_installs_every_extra() -> None:
    extras = PROJECT["optional-dependencies"]
    assert set(extras) == {"dask", "postgres", "pdf", "dev"}
    for extra in ("dask", "postgres", "pdf"):
        assert set(extras[extra]) <= set(extras["dev"]), f"dev lacks the {extra} extra's requirements"
