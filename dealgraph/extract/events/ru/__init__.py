"""Russian deal events over natasha's Universal Dependencies parse (``events_ru.yaml``, ``modality_ru.yaml``)."""

from dealgraph.extract.events.ru.extract import EXTRACTOR, RussianEventExtractor

__all__ = ["EXTRACTOR", "RussianEventExtractor"]
