"""dealgraph: who offers what to whom, for how much, says who, and is any party sanctioned.

The public API: ``ingest`` runs sources through the pipeline into a ``Store``; the stages meet only
through the types in ``dealgraph.model``.
"""

from dealgraph.exc import DealgraphError, ItemError
from dealgraph.version import __version__

__all__ = ["DealgraphError", "ItemError", "__version__", "ingest", "open_store"]


def __getattr__(name: str) -> object:
    # The pipeline pulls in spaCy and SQLAlchemy: import them only when asked for, so that
    # `import dealgraph` stays cheap (no work at import time).
    if name == "ingest":
        from dealgraph.pipeline.run import ingest

        return ingest
    if name == "open_store":
        from dealgraph.store.store import open_store

        return open_store
    raise AttributeError(name)
