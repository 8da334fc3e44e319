"""Exports of the store: eval (the scorer's format), JSON lines, FollowTheMoney, GEXF and CSV."""

from dealgraph.export.writers import FORMATS, export

__all__ = ["FORMATS", "export"]
