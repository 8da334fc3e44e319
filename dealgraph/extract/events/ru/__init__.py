"""Russian deal events over natasha's Universal Dependencies parse.

Lexicons: ``extract/data/events_ru.yaml`` and ``modality_ru.yaml``.
"""

from dealgraph.extract.events.ru.extract import EXTRACTOR, RussianEventExtractor

__all__ = ["EXTRACTOR", "RussianEventExtractor"]
