"""Deal events over spaCy's dependency parse: triggers and argument patterns from data files."""

from dealgraph.extract.events.extract import EventExtractor

__all__ = ["EventExtractor"]
