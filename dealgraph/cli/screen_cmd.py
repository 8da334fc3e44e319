"""Sanctions lists and screening: `lists load`, `lists show`, `screen`, `hits`, `dismiss`, `undismiss`,
`confirm`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.markup import escape

from dealgraph.cli import choices
from dealgraph.cli.context import console, state
from dealgraph.cli.errors import fail
from dealgraph.cli.output import emit, json_option
from dealgraph.exc import DealgraphError, InputError
from dealgraph.screen.records import ScreeningHit

lists_app = typer.Typer(help="Sanctions list snapshots: load them, see what is loaded.", no_args_is_help=True)


@lists_app.command("load")
def load(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A list file."),
    fmt: str = typer.Option(..., "--format", help="ofac-sdn | eu-csv | uk-ods | ftm"),
    dataset: str = typer.Option(
        None, "--dataset", help="Dataset name (default: the format's; FtM: each entity's own datasets)."
    ),
    as_of: str = typer.Option(
        None, "--as-of", help="The snapshot's date (default: from the file name; FtM: its latest last_seen)."
    ),
    allow_shrink: bool = typer.Option(
        False,
        "--allow-shrink",
        help="Accept a snapshot that removes more than DEALGRAPH_MAX_LIST_SHRINK (5%) of the list before it.",
    ),
) -> None:
    """Load a list snapshot (all or nothing), then screen the store's entities against the lists.

    A file holding several datasets (an FtM collection) gives one snapshot of each, in one transaction."""
    from dealgraph.pipeline.lists import load_list

    try:
        day = choices.day(as_of, "--as-of")
        store = state.store(create=True)
        loaded = load_list(
            store, path, fmt, state.settings(), dataset=dataset, day=day, allow_shrink=allow_shrink
        )
    except DealgraphError as error:
        fail(error)
        return
    for stats in loaded.snapshots:
        state.say(
            f"{stats.dataset} as of {stats.as_of}: {stats.entries} entries "
            f"({stats.added} added, {stats.removed} removed since the snapshot before)"
        )
    state.say(f"screened {loaded.screening.screened} entities: {loaded.screening.with_hits} with hits")
    if loaded.alerts:
        state.say(f"{loaded.alerts} new alerts (dealgraph alerts)")


@lists_app.command("show")
def show(as_json: bool = json_option()) -> None:
    """The loaded snapshots."""
    from dealgraph.screen.history import loaded_snapshots

    with state.store().read() as conn:
        rows = [
            (s.dataset, str(s.as_of), s.entries, s.format, s.source, str(s.loaded_at)[:19])
            for s in loaded_snapshots(conn)
        ]
    emit(("dataset", "as of", "entries", "format", "source", "loaded"), rows, as_json=as_json)


def screen(
    name: str = typer.Argument(..., help="A name to screen."),
    as_of: str = typer.Option(None, "--as-of", help="The lists as they stood on this day (default: latest)."),
    type_: str = typer.Option(None, "--type", help="Person or Organization (default: either)."),
    api: str = typer.Option(
        None,
        "--api",
        help="Ask a running `dealgraph serve` at this URL (default: DEALGRAPH_API_URL, else none).",
    ),
    as_json: bool = json_option(),
) -> None:
    """Screen an ad-hoc name against the loaded lists, with explanations (linked parties included).

    Screened here, a new process pays the name matcher's start (seconds: rigour's name tagger); with
    `--api` a running server, whose matcher is warm, answers in milliseconds."""
    kind = choices.one_of(type_, ("Person", "Organization"), "--type")
    day = choices.day(as_of, "--as-of")
    url = api or state.settings().api_url
    try:
        hits = _screen_remote(url, name, kind, day) if url else _screen_here(name, kind, day)
    except DealgraphError as error:
        fail(error)
        return
    if not hits:
        state.say(f"no hit for {name!r}" + (f" as of {as_of}" if as_of else ""))
    columns = ("name", "list", "entry", "programs", "score", "from", "until", "why")
    rows = [
        (h.name, h.dataset, h.entry_id, ", ".join(h.programs), round(h.score, 2), h.listed_from,
         h.listed_until, h.explanation)
        for h in hits
    ]  # fmt: skip
    if as_json or not console.is_terminal:
        emit(columns, rows, as_json=as_json)
        return
    from dealgraph.screen.grades import listed_since

    for hit in hits:
        programs = ", ".join(hit.programs)
        since = listed_since(hit.listed_on, hit.listed_from, hit.listed_until)
        console.print(
            f"[bold]{escape(hit.name)}[/bold] ({hit.dataset} {hit.entry_id}, {escape(programs)}) "
            f"score {hit.score:.2f}, {hit.grade}; {since}",
            highlight=False,
        )
        console.print(f"    {escape(hit.explanation)}", highlight=False)


def _screen_here(name: str, kind: str | None, day: date | None) -> list[ScreeningHit]:
    from dealgraph.screen.stored_index import screening_index

    with state.store().read() as conn:
        index = screening_index(conn)
    return index.screen(name, kind, day, include_linked=True)


def _screen_remote(url: str, name: str, kind: str | None, day: date | None) -> list[ScreeningHit]:
    """The hits a running server's ``POST /v1/screen`` gives, as ``ScreeningHit`` values."""
    import httpx

    body = {"names": [name], "as_of": day.isoformat() if day else None, "schema": kind}
    try:
        answer = httpx.post(f"{url.rstrip('/')}/v1/screen", json=body, timeout=state.settings().http_timeout)
    except httpx.HTTPError as err:
        raise InputError(f"{url}: no answer from the dealgraph server ({err})") from err
    if answer.status_code != 200:
        detail = (
            answer.json().get("detail") if "json" in answer.headers.get("content-type", "") else answer.text
        )
        raise InputError(f"{url}: the server refused the screening ({answer.status_code}: {detail})")

    def day_of(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    return [
        ScreeningHit(
            query=name, dataset=h["dataset"], entry_id=h["entry_id"], schema=kind or "", name=h["name"],
            matched_name=h.get("matched_name") or h["name"], score=float(h.get("score") or 0.0),
            explanation=h.get("explanation") or "", programs=tuple(h.get("programs") or ()),
            listed_on=day_of(h.get("listed_on")), listed_from=day_of(h.get("listed_from")),
            listed_until=day_of(h.get("listed_until")), relation=h.get("relation", "listed"),
            grade=h.get("grade"),
        )
        for result in answer.json()
        for h in result["hits"]
    ]  # fmt: skip


def hits(
    entity: str = typer.Option(None, "--entity", help="An entity id or name."),
    as_of: str = typer.Option(None, "--as-of", help="Only hits under which it was listed on this date."),
    review: bool = typer.Option(
        False, "--review", help="Only possible hits: to review, never counted as listed."
    ),
    as_json: bool = json_option(),
) -> None:
    """Screening hits of the store's entities, graded exact, strong or possible (possible: to review)."""
    from dealgraph.screen.asof import ListingLookup
    from dealgraph.screen.grades import covers, grade_of, status

    ids = choices.entity_ids(entity) if entity else None
    day = choices.day(as_of, "--as-of")
    with state.store().read() as conn:
        lookup = ListingLookup(conn)
    rows = [
        (entity_id, hit.key, status(hit), grade_of(hit), hit.name, ", ".join(hit.programs), hit.listed_on,
         round(hit.score, 2), hit.listed_from, hit.listed_until,
         hit.explanation[:80] if console.is_terminal and not as_json else hit.explanation)
        for entity_id, found in sorted(lookup.by_entity.items())
        if ids is None or entity_id in ids
        for hit in found
        if (day is None or covers(hit, day)) and (not review or status(hit) == "to review")
    ]  # fmt: skip
    columns = ("entity", "hit", "status", "grade", "listed name", "programs", "designated", "score", "from",
               "until", "why")  # fmt: skip
    emit(columns, rows, as_json=as_json)


_HIT = typer.Argument(..., help="The hit as `hits` shows it: DATASET:ENTRY_ID, or the entry id.")


def _review(entity: str, hit: str, decision: str, reason: str | None, undo: bool) -> None:
    from dealgraph.resolve.judgements import review_hit

    try:
        number = review_hit(state.store(), entity, hit, decision, state.user(), reason, undo=undo)
    except DealgraphError as error:
        fail(error)
        return
    state.say(f"{'un' if undo else ''}{decision}ed {hit} for {entity} (judgement {number})")


def dismiss(
    entity: str = typer.Argument(..., help="The entity id."),
    hit: str = _HIT,
    reason: str = typer.Option(None, "--reason", help="Why it is a false positive (kept in the log)."),
    undo: bool = typer.Option(False, "--undo", help="Take back an earlier dismissal of this hit."),
) -> None:
    """Record a screening hit as a false positive; it stays out of hits and flags (--undo takes it back)."""
    _review(entity, hit, "dismiss", reason, undo)


def undismiss(
    entity: str = typer.Argument(..., help="The entity id."),
    hit: str = _HIT,
    reason: str = typer.Option(None, "--reason", help="Why the dismissal is taken back."),
) -> None:
    """Take back a dismissal (the same as `dismiss --undo`); the log keeps both."""
    _review(entity, hit, "dismiss", reason, True)


def confirm(
    entity: str = typer.Argument(..., help="The entity id."),
    hit: str = _HIT,
    reason: str = typer.Option(None, "--reason", help="Why it is the listed party (kept in the log)."),
    undo: bool = typer.Option(False, "--undo", help="Take back an earlier confirmation of this hit."),
) -> None:
    """Confirm a screening hit after review: the party counts as listed whatever the hit's grade."""
    _review(entity, hit, "confirm", reason, undo)


def register(app: typer.Typer) -> None:
    app.add_typer(lists_app, name="lists")
    app.command()(screen)
    app.command()(hits)
    app.command()(dismiss)
    app.command()(undismiss)
    app.command()(confirm)
