"""Claims: one record per reported deal fact across outlets.

Extraction gives events per article; readers want facts: "the EU proposed a reparations loan" once,
with who says it, who repeats it and who denies it. A claim groups the events of different articles
that report the same fact (``keys.py``: what makes two reports the same fact; ``grouping.py``: the
incremental global step after resolution); ``provenance.py`` derives each report's chain (outlet ←
named source), the independent origins and the claim's status; ``outlets.py`` knows the outlets;
``judgements.py`` lets a human merge and split claims, kept in the judgement log.
"""
