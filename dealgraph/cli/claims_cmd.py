"""`dealgraph claims`, `dealgraph claim-merge` and `dealgraph claim-split`: reported facts across
outlets, who says them, who repeats them, who denies them."""

from __future__ import annotations

from typing import Any

import typer

from dealgraph.cli import choices
from dealgraph.cli.context import console, state
from dealgraph.cli.output import emit, json_lines, json_option, limit_option, no_limit


def _summary_record(claim: Any) -> dict[str, Any]:
    return {
        "id": claim.id,
        "type": claim.type,
        "polarity": claim.polarity,
        "parties": [{"id": p.entity_id, "name": p.name, "role": p.role} for p in claim.parties],
        "dates": [claim.date_min, claim.date_max],
        "reports": claim.reports,
        "origins": claim.origins,
        "single_source": claim.origins == 1,
        "disputed": claim.disputed,
        "modalities": list(claim.modalities),
    }


def detail_record(detail: Any) -> dict[str, Any]:
    """A claim with its status and every report's chain, as JSON-ready data."""
    record = _summary_record(detail.claim)
    record["why_disputed"] = detail.status.why_disputed
    record["independent_origins"] = list(detail.status.origins)
    record["history"] = [
        {
            "modality": h.modality,
            "first": h.published.isoformat() if h.published else None,
            "article": h.article_id,
        }
        for h in detail.status.history
    ]
    record["reports"] = [
        {
            "event": link.event_id,
            "article": link.article_id,
            "outlet": {"id": link.outlet.id, "name": link.outlet.name, "kind": link.outlet.kind},
            "source": {"id": link.source_id, "name": link.source_name} if link.source_id else None,
            "published": link.published.isoformat() if link.published else None,
            "modality": link.modality,
            "chain": link.chain,
            "origin": link.origin,
            "copy_of": link.copy_of,
        }
        for link in detail.links
    ]
    return record


def _parties(claim: Any) -> str:
    return ", ".join(p.name if p.role == "party" else f"{p.role}={p.name}" for p in claim.parties)


def claims(
    claim_id: str = typer.Argument(None, help="A claim id: show it with every report's chain."),
    entity: str = typer.Option(None, "--entity", help="An entity id or name taking part in the claim."),
    project: str = typer.Option(None, "--project", help="A project id or name the claim is about."),
    disputed: bool = typer.Option(False, "--disputed", help="Only claims some reports deny."),
    single_source: bool = typer.Option(False, "--single-source", help="Only claims with one origin."),
    limit: int = limit_option(100),
    as_json: bool = json_option(),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Regroup every event from scratch (recovery), keeping human judgements."
    ),
) -> None:
    """Reported deal facts across outlets: reports, independent origins, modalities, disputes."""
    from dealgraph.claims.provenance import claim_detail
    from dealgraph.store.claim_reads import list_claims

    store = state.store()
    if rebuild:
        from dealgraph.claims.rebuild import rebuild_claims

        report = rebuild_claims(store)
        state.say(f"regrouped {report.events} events into {report.claims} claims")
        return
    if claim_id:
        _show(claim_detail(store, claim_id), as_json)
        return
    rows = list_claims(
        store,
        choices.entity_ids(entity)[0] if entity else None,
        choices.entity_ids(project)[0] if project else None,
        disputed,
        single_source,
        limit=no_limit(limit),
    )
    columns = ("claim", "type", "parties", "dates", "reports", "origins", "modalities", "disputed")
    emit(
        columns,
        [
            (
                claim.id, claim.type, _parties(claim),
                " – ".join(sorted({d for d in (claim.date_min, claim.date_max) if d})),
                claim.reports, claim.origins, ", ".join(claim.modalities), "yes" if claim.disputed else "",
            )
            for claim in rows
        ],
        as_json=as_json,
        records=[_summary_record(claim) for claim in rows] if as_json else None,
    )  # fmt: skip
    if limit and len(rows) == limit:
        state.say(f"showing the first {limit} claims (--limit N for more, --limit 0 for all)")


def _show(detail: Any, as_json: bool) -> None:
    if as_json:
        json_lines([detail_record(detail)])
        return
    claim, status = detail.claim, detail.status
    console.print(f"[bold]{claim.id}[/bold]  {claim.type}  {_parties(claim)}", highlight=False)
    origins = len(status.origins)
    console.print(
        f"{claim.reports} report(s), {origins} independent origin(s)"
        + (" — single source" if status.single_source else "")
        + (f" — [red]disputed[/red]: {status.why_disputed}" if status.disputed else ""),
        highlight=False,
    )
    for h in status.history:
        console.print(f"  {h.modality}: first {h.published or 'undated'} ({h.article_id})", highlight=False)
    for link in detail.links:
        when = link.published.isoformat() if link.published else "undated"
        console.print(
            f"  {when}  {link.chain}  [dim]{link.modality} {link.article_id}[/dim]", highlight=False
        )


_USER = typer.Option(None, help="Who decides (kept in the judgement log); the login name by default.")


def claim_merge(
    a: str = typer.Argument(..., help="A claim id."),
    b: str = typer.Argument(..., help="Another claim id reporting the same fact."),
    user: str | None = _USER,
) -> None:
    """Judge two claims one fact: the less reported one points to the other, in the judgement log."""
    from dealgraph.claims.judgements import merge

    kept = merge(state.store(), a, b, user or state.user())
    print(kept)  # the id on stdout, for scripts
    state.say(f"merged into {kept}")


def claim_split(
    claim_id: str = typer.Argument(..., help="A claim id."),
    event_id: str = typer.Argument(..., help="The event of that claim that reports another fact."),
    user: str | None = _USER,
) -> None:
    """Judge one report not that fact: it gets a claim of its own, in the judgement log."""
    from dealgraph.claims.judgements import split

    new = split(state.store(), claim_id, event_id, user or state.user())
    print(new)  # the id on stdout, for scripts
    state.say(f"split into {new}")


def register(app: typer.Typer) -> None:
    app.command()(claims)
    app.command("claim-merge")(claim_merge)
    app.command("claim-split")(claim_split)
