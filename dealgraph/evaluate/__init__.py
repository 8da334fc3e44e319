"""Scoring extraction against gold, with the metrics that ``shared/eval/GUIDELINES.md`` defines."""

from dealgraph.evaluate.metrics import score

__all__ = ["score"]
