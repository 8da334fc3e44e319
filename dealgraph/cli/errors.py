"""The one place where an error becomes what a script sees: one line on stderr and an exit code.

Scripts rely on three things: data only on stdout, a non-zero exit code when something went wrong, and
one readable line on stderr saying what, never a traceback (``--verbose`` adds the traceback to the log).
Exit codes: 1 the operation failed (a store that cannot be opened, a missing entity, a bad input file),
2 the command line is wrong (an unknown option, a filter value that cannot match anything).
"""

from __future__ import annotations

import logging
from typing import Any

import typer
from rich.markup import escape

# Typer carries its own copy of click: its context and usage errors are only public under these names
from typer._click.core import Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from dealgraph.cli.context import err_console, state
from dealgraph.exc import DealgraphError
from dealgraph.store.db import store_failure

log = logging.getLogger(__name__)

FAILED = 1
USAGE = 2


def first_line(text: str) -> str:
    """The first non-blank line: drivers (psycopg, sqlite3) explain over several lines."""
    return next((line.strip() for line in text.splitlines() if line.strip()), text.strip())


def describe(error: BaseException) -> tuple[str, int]:
    """The one-line message and exit code for an error that ends a command."""
    if isinstance(error, UsageError):
        where = f" (see {error.ctx.command_path} --help)" if error.ctx else ""
        return first_line(error.format_message()) + where, USAGE
    if isinstance(error, DealgraphError):
        return first_line(str(error)), FAILED
    failure = store_failure(error)
    if failure is not None and failure[0] == "unusable":  # OperationalError and its kin: the driver's reason
        return f"cannot use the store at {state.shown_url()}: {first_line(failure[1])}", FAILED
    if failure is not None:  # a URL SQLAlchemy cannot parse, or an unknown backend
        return f"not a store URL or path: {state.shown_url()} ({first_line(failure[1])})", USAGE
    if isinstance(error, OSError):
        return first_line(str(error)), FAILED
    return f"unexpected {type(error).__name__}: {first_line(str(error))} (--verbose shows where)", FAILED


def report(error: BaseException) -> int:
    """Print ``error`` as one line on stderr and return its exit code."""
    message, code = describe(error)
    # one line whatever the terminal's width: rich would wrap a long reason over several
    err_console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True, highlight=False)
    return code


def fail(error: DealgraphError) -> None:
    """End the command with ``error``'s one line and its exit code."""
    raise typer.Exit(code=report(error))


class ScriptableGroup(TyperGroup):
    """The top-level group: whatever a command raises ends as ``report``'s one line, never a traceback."""

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, NoArgsIsHelpError):
            raise
        except BrokenPipeError:  # `dealgraph events --json | head -1`: the reader has all it wants
            raise
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as error:  # the one place every error is turned into one line
            if state.verbose:
                log.exception("%s", type(error).__name__)
            raise typer.Exit(report(error)) from None
