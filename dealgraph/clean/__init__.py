"""The clean stage: raw items to articles (main text, site furniture removed, language, publication
date), and near-duplicate signatures.

Public entry points: ``clean_item`` (one ``RawItem`` to one ``Article``, or an ``ItemError``) and, in
``dealgraph.clean.dedupe``, the MinHash functions the pipeline uses to link syndicated copies.
"""

from dealgraph.clean.item import clean_item

__all__ = ["clean_item"]
