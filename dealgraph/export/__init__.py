"""Exports of the store: eval (the scorer's format), JSON lines, FollowTheMoney, GEXF and CSV, each event
with its claim; and the claims themselves, as JSON lines or CSV."""

from dealgraph.export.writers import FORMATS, export, ftm_lines

__all__ = ["FORMATS", "export", "ftm_lines"]
