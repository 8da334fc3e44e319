"""Export writers: one function per format, each streaming to a text handle."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any, TextIO

from dealgraph.export.eval_format import eval_records
from dealgraph.export.ftm import ftm_entities
from dealgraph.export.gexf import write_gexf
from dealgraph.store.claim_reads import ClaimRecord, event_claims, iter_claim_records
from dealgraph.store.reader import AmountView, ArgView, iter_articles
from dealgraph.store.store import Store


def json_line(record: dict[str, Any]) -> str:
    """One record as one line of JSON, as every JSON-lines export writes it."""
    return json.dumps(record, ensure_ascii=False, default=str) + "\n"


def _dump(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Each record as one JSON line; the number written."""
    n = 0
    for record in records:
        out.write(json_line(record))
        n += 1
    return n


def write_eval(store: Store, out: TextIO) -> int:
    return _dump(eval_records(store), out)


def write_jsonl(store: Store, out: TextIO) -> int:
    """Everything, with spans: one article per line, its text, furniture, entities, amounts, events."""
    return _dump(_article_records(store), out)


def _article_records(store: Store) -> Iterator[dict[str, Any]]:
    claims = event_claims(store)
    for article in iter_articles(store):
        yield {
            "id": article.id, "source": article.source, "title": article.title, "url": article.url,
            "outlet": article.outlet, "published": article.published, "published_how": article.published_how,
            "lang": article.lang, "text": article.text, "removed": [asdict(r) for r in article.removed],
            "entities": [
                {"key": e.key, "id": e.entity_id, "name": e.name, "type": e.type,
                 "aliases": list(e.aliases),
                 "mentions": [{"start": m.start, "end": m.end, "text": m.text, "origin": m.origin}
                              for m in e.mentions]}
                for e in article.entities
            ],
            "amounts": [a.__dict__ for a in article.amounts],
            "events": [
                {"id": ev.id, "claim": claims.get(ev.id), "type": ev.type, "modality": ev.modality,
                 "polarity": ev.polarity, "source": ev.source_id, "trigger": ev.trigger,
                 "when": ev.event_date,
                 "evidence": {"start": ev.evidence_start, "end": ev.evidence_end, "text": ev.evidence},
                 "extractor": ev.extractor, "confidence": ev.confidence,
                 "args": [a.__dict__ for a in ev.args]}
                for ev in article.events
            ],
        }  # fmt: skip


def ftm_lines(store: Store) -> Iterator[str]:
    """The FollowTheMoney export's lines as ``write_ftm`` writes them, each made when it is asked for
    (what the API's ``/v1/export/ftm`` streams)."""
    return map(json_line, ftm_entities(store))


def write_ftm(store: Store, out: TextIO) -> int:
    return _dump(ftm_entities(store), out)


CSV_COLUMNS = ["article", "published", "event", "claim", "type", "modality", "polarity", "source", "when",
               "agent_id", "agent", "role", "other_id", "other", "amount", "amount_value", "amount_min",
               "amount_max", "amount_currency", "amount_unit", "evidence"]  # fmt: skip


def write_csv(store: Store, out: TextIO) -> int:
    """One row per agent and other argument of each event (an event with two agents and a target is two
    rows; one without a second argument one row): the deal table analysts sort and filter, with the
    canonical ids beside the names and the event's amount as value and currency."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    claims = event_claims(store)
    n = 0
    for article in iter_articles(store):
        amounts = {a.idx: a for a in article.amounts}
        for ev in article.events:
            amount = next((amounts.get(a.amount_idx) for a in ev.args if a.amount_idx is not None), None)
            agents: list[ArgView | None] = [a for a in ev.args if a.role == "agent"]
            others: list[ArgView | None] = [a for a in ev.args if a.role not in {"agent", "amount"}]
            for agent in agents or [None]:
                for arg in others or [None]:
                    writer.writerow([
                        article.id, article.published or "", ev.id, claims.get(ev.id, ""), ev.type,
                        ev.modality, ev.polarity or "", ev.source_name or "", ev.event_date or "",
                        *_party(agent), arg.role if arg else "", *_party(arg), *_amount(amount), ev.evidence,
                    ])  # fmt: skip
                    n += 1
    return n


def _party(arg: ArgView | None) -> tuple[str, str]:
    """An argument as (canonical id, name or text)."""
    if arg is None:
        return "", ""
    return arg.entity_id or "", arg.name or arg.text or ""


def _amount(a: AmountView | None) -> tuple[str, ...]:
    if a is None:
        return ("",) * 6
    return tuple("" if v is None else str(v) for v in (a.text, a.value, a.min, a.max, a.currency, a.unit))


def claim_record(record: ClaimRecord) -> dict[str, Any]:
    """One claim as an export record: what it is, who is in it, how often and how independently told."""
    c = record.claim
    return {
        "id": c.id, "type": c.type, "polarity": c.polarity,
        "parties": [{"id": p.entity_id, "name": p.name, "role": p.role} for p in c.parties],
        "reports": c.reports, "origins": c.origins, "disputed": c.disputed,
        "single_source": c.origins == 1,
        "modalities": list(c.modalities),
        "first_report": record.first_report, "last_report": record.last_report,
    }  # fmt: skip


def write_claims(store: Store, out: TextIO) -> int:
    """One claim per JSON line (the events name theirs in ``jsonl``, ``csv`` and ``eval``)."""
    return _dump((claim_record(r) for r in iter_claim_records(store)), out)


def write_claims_csv(store: Store, out: TextIO) -> int:
    """One row per claim; parties as ``role:id`` joined by ``;``."""
    writer = csv.writer(out)
    columns = ["id", "type", "polarity", "parties", "reports", "origins", "disputed", "single_source",
               "modalities", "first_report", "last_report"]  # fmt: skip
    writer.writerow(columns)
    n = 0
    for r in iter_claim_records(store):
        record = claim_record(r)
        record["parties"] = ";".join(f"{p['role']}:{p['id']}" for p in record["parties"])
        record["modalities"] = ",".join(record["modalities"])
        writer.writerow(["" if record[c] is None else record[c] for c in columns])
        n += 1
    return n


FORMATS: dict[str, Callable[[Store, TextIO], int]] = {
    "eval": write_eval, "jsonl": write_jsonl, "ftm": write_ftm, "csv": write_csv, "gexf": write_gexf,
    "claims": write_claims, "claims-csv": write_claims_csv,
}  # fmt: skip


def export(store: Store, fmt: str, out: TextIO) -> int:
    """Write the store in one of ``FORMATS``; return the number of records written."""
    return FORMATS[fmt](store, out)
