"""The optional features and the pip extras that install them.

The core (ingest, store on SQLite, API, web UI, screening, exports) needs only the packages in
pyproject's ``dependencies``. Three features need more, installed with an extra, and import it only
where they are used, so that a missing one stops that feature with one line naming the extra (a
``MissingExtra``, which the CLI prints as its one-line error) instead of an ImportError at start-up:

- ``dask``: the Dask engine (``--engine dask``), in ``pipeline/distributed.py``;
- ``postgres``: a ``postgresql://`` store (psycopg), in ``store/db.py``;
- ``pdf``: PDF briefs with WeasyPrint, in ``reports/render.py`` (headless Chromium when it is missing).
"""

from __future__ import annotations

import importlib

from dealgraph.exc import MissingExtra


def missing(extra: str, feature: str, module: str, otherwise: str = "") -> MissingExtra:
    """The error for ``feature`` used without ``module``, which ``dealgraph[extra]`` installs;
    ``otherwise`` names another way, if there is one."""
    alternative = f", or {otherwise}" if otherwise else ""
    return MissingExtra(
        f"{feature} needs {module}, which is not installed: install dealgraph[{extra}] "
        f"(pip install 'dealgraph[{extra}]'){alternative}"
    )


def require(extra: str, feature: str, *modules: str) -> None:
    """Import ``modules`` (Python caches them) or raise ``missing`` for the first one absent."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as error:
            raise missing(extra, feature, module) from error
