"""Screening hits as FtM: a reference to the listed entry with its score, never an asserted sanction.

A hit says a name in the news resembles a list entry, with a score and an explanation; it does not say
the party is sanctioned. So the entry is exported as the list has it (its schema, name, the name that
matched, its programmes) under an id of its own, and the hit as a ``Similar`` from our entity
(``candidate``) to it (``match``), the score as ``confidenceScore``, the explanation and the listing
interval as ``criteria``, the screening stage as ``matcher``: nomenklatura's and yente's way of saying
"may be the same". Dismissed hits are left out.
"""

from __future__ import annotations

from followthemoney import model

from dealgraph.export.ftm.statements import Statements
from dealgraph.export.ids import export_id, hashed_id
from dealgraph.screen.grades import listed_since
from dealgraph.screen.records import ScreeningHit
from dealgraph.version import __version__

MATCHER = f"dealgraph-screen/{__version__}"


def list_entry_id(hit: ScreeningHit) -> str:
    return export_id("list", f"{hit.dataset}-{hit.entry_id}")


def add_hit(out: Statements, candidate: str, hit: ScreeningHit) -> None:
    entry = list_entry_id(hit)
    schema = hit.schema if model.get(hit.schema) is not None else "LegalEntity"
    out.make(entry, schema)
    day = hit.listed_from
    for prop, value in (("name", hit.name), ("alias", hit.matched_name), ("publisher", hit.dataset)):
        if not (prop == "alias" and value == hit.name):
            out.add(entry, prop, value, day, MATCHER)
    for program in hit.programs:
        out.add(entry, "program", program, day, MATCHER)
    similar = out.make(hashed_id("similar", candidate, entry), "Similar")
    interval = listed_since(hit.listed_on, hit.listed_from, hit.listed_until)
    criteria = f"{hit.relation} entry {hit.key}, {interval}: {hit.explanation}"
    for prop, value in (("candidate", candidate), ("match", entry), ("confidenceScore", f"{hit.score:.3f}"),
                        ("criteria", criteria), ("matcher", MATCHER)):  # fmt: skip
        out.add(similar, prop, value, day, MATCHER)
