"""The Store: one write path and a read interface over SQLite or PostgreSQL.

Writes are per article and atomic: an article, its mentions, amounts, entity links and events land in one
transaction, keyed by the article's content hash, so a crash mid-ingest loses nothing that was committed
and a re-run neither duplicates nor skips anything.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from dealgraph.model import Article, Entity, Event, Extraction
from dealgraph.store import event_tables, schema, search_index
from dealgraph.store.db import make_engine
from dealgraph.store.migrations import migrate

log = logging.getLogger(__name__)

MIGRATE_ATTEMPTS = 5
Resolver = Callable[[Connection, str, Sequence[Entity]], dict[str, str]]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A dealgraph store. Open with ``open_store(url)``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- write path ------------------------------------------------------------------------------

    def has_content(self, digest: str) -> str | None:
        """The id of the article (or the original of a duplicate) already stored for this content: the
        admission check, before extraction."""
        return self._content_stored(digest)

    def _content_stored(self, digest: str) -> str | None:
        """The same lookup for the write path, after a unique-key clash: kept apart from the admission
        check so that a test can make admission miss a concurrent writer while the write path sees it."""
        with self.read() as conn:
            found = conn.execute(
                select(schema.articles.c.id).where(schema.articles.c.content_hash == digest)
            ).scalar()
            if found is None:
                found = conn.execute(
                    select(schema.duplicates.c.duplicate_of).where(schema.duplicates.c.content_hash == digest)
                ).scalar()
        return str(found) if found is not None else None

    def has_article(self, article_id: str) -> bool:
        with self.read() as conn:
            return (
                conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).scalar()
                is not None
            )

    def save(
        self,
        article: Article,
        extraction: Extraction,
        resolver: Resolver,
        bands: list[str],
        signature: tuple[int, ...],
    ) -> bool:
        """Store one article and everything extracted from it, atomically; False when another writer
        stored the same content first.

        ``resolver`` gives each in-article entity its canonical id, inside the same transaction. Two
        ingests of the same input at once both find an article new, and the second to commit breaks a
        unique key: then the article is already there (False), or a canonical entity it needed was
        created by the other writer, and a second attempt resolves against it.
        """

        def write() -> None:
            with self.begin() as conn:
                _insert_article(conn, article)
                entity_ids = resolver(conn, article.id, extraction.entities)
                _insert_extraction(conn, article, extraction, entity_ids)
                if bands:
                    conn.execute(
                        insert(schema.signatures), [{"band": b, "article_id": article.id} for b in set(bands)]
                    )
                    conn.execute(
                        insert(schema.article_signatures).values(
                            article_id=article.id, signature=list(signature)
                        )
                    )
                search_index.index_article(conn, article.id, article.title, article.text)

        try:
            write()
        except IntegrityError:
            if self._content_stored(article.content_hash) is not None:
                log.info("%s was stored by another writer meanwhile", article.id)
                return False
            write()
        return True

    def save_duplicate(self, article: Article, original: str, similarity: float) -> bool:
        """Record a near-duplicate of a stored article; False when its content is already recorded (an
        exact copy of an earlier duplicate, or another writer's record of it), which a caller counts as
        already stored."""
        try:
            return self._save_duplicate(article, original, similarity)
        except IntegrityError:  # another writer recorded it between our check and our insert
            return False

    def _save_duplicate(self, article: Article, original: str, similarity: float) -> bool:
        with self.begin() as conn:
            exists = conn.execute(
                select(schema.duplicates.c.content_hash).where(
                    schema.duplicates.c.content_hash == article.content_hash
                )
            ).scalar()
            if exists is None:
                conn.execute(
                    insert(schema.duplicates).values(
                        content_hash=article.content_hash,
                        source=article.source,
                        doc_id=article.id,
                        duplicate_of=original,
                        similarity=similarity,
                        seen_at=_now(),
                    )
                )
        return exists is None

    def record_error(self, source: str, stage: str, reason: str) -> None:
        """Record a per-item error once (a re-run that meets the same error does not repeat it)."""
        with self.begin() as conn:
            t = schema.ingest_errors
            exists = conn.execute(
                select(t.c.id).where(t.c.source == source, t.c.stage == stage, t.c.reason == reason)
            ).scalar()
            if exists is None:
                conn.execute(insert(t).values(source=source, stage=stage, reason=reason, at=_now()))

    def clear_errors(self, source: str) -> None:
        """Forget earlier errors for a source that has now been ingested successfully."""
        with self.begin() as conn:
            conn.execute(delete(schema.ingest_errors).where(schema.ingest_errors.c.source == source))

    def candidate_duplicates(self, bands: list[str]) -> dict[str, list[int]]:
        """Stored articles sharing an LSH band with a new one, with their signatures."""
        if not bands:
            return {}
        with self.read() as conn:
            ids = (
                conn.execute(
                    select(schema.signatures.c.article_id)
                    .where(schema.signatures.c.band.in_(bands))
                    .distinct()
                )
                .scalars()
                .all()
            )
            if not ids:
                return {}
            rows = conn.execute(
                select(schema.article_signatures).where(schema.article_signatures.c.article_id.in_(ids))
            ).all()
        return {str(r.article_id): list(r.signature) for r in rows}

    def count(self, table_name: str) -> int:
        table = schema.metadata.tables[table_name]
        with self.read() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def repoint_article_entities(
    conn: Connection, old_id: str, new_id: str, *, article_id: str | None = None, key: str | None = None
) -> None:
    """Point the in-article entities linked to canonical ``old_id`` at ``new_id`` instead: all of them
    (a merge or a rename in ``resolve``), or the one of ``article_id`` with ``key`` (a split). The
    write path owns ``article_entities``; the resolver asks here. Runs in the caller's transaction."""
    t = schema.article_entities
    where = [t.c.entity_id == old_id]
    if article_id is not None:
        where.append(t.c.article_id == article_id)
    if key is not None:
        where.append(t.c.key == key)
    conn.execute(update(t).where(*where).values(entity_id=new_id))


def _insert_article(conn: Connection, article: Article) -> None:
    conn.execute(
        insert(schema.articles).values(
            id=article.id,
            source=article.source,
            content_hash=article.content_hash,
            title=article.title,
            url=article.url,
            outlet=article.outlet,
            published=article.published,
            published_how=article.published_how,
            lang=article.lang,
            text=article.text,
            raw=article.raw,
            removed=[{"text": r.text, "reason": r.reason, "offset": r.offset} for r in article.removed],
            duplicate_of=article.duplicate_of,
            ingested_at=_now(),
        )
    )


def _insert_extraction(
    conn: Connection, article: Article, ex: Extraction, entity_ids: dict[str, str]
) -> None:
    article_id = article.id
    if ex.entities:
        conn.execute(
            insert(schema.article_entities),
            [
                {
                    "article_id": article_id,
                    "key": e.key,
                    "entity_id": entity_ids[e.key],
                    "name": e.name,
                    "type": e.type,
                    "ref": e.ref,
                    "aliases": list(e.aliases),
                }
                for e in ex.entities
            ],
        )
        conn.execute(insert(schema.mentions), _mention_rows(article_id, ex))
    if ex.amounts:
        conn.execute(
            insert(schema.amounts),
            [
                {
                    "article_id": article_id,
                    "idx": i,
                    "start": a.start,
                    "end": a.end,
                    "text": a.text,
                    "value": a.value,
                    "min": a.min,
                    "max": a.max,
                    "currency": a.currency,
                    "unit": a.unit,
                    "qualifier": a.qualifier,
                }
                for i, a in enumerate(ex.amounts)
            ],
        )
    first_spans = {e.key: min((m.start, m.end) for m in e.mentions) for e in ex.entities if e.mentions}
    taken: set[str] = set()
    for i, ev in enumerate(ex.events):
        event_id = stable_event_id(article_id, ev, first_spans)
        if event_id in taken:  # the same reading twice: keep both, told apart by their order
            event_id = f"{event_id}-{i}"
        taken.add(event_id)
        day, month = event_tables.sort_keys(ev.when, article.published)
        conn.execute(
            insert(event_tables.events).values(
                id=event_id,
                article_id=article_id,
                idx=i,
                type=ev.type,
                modality=ev.modality,
                polarity=ev.polarity,
                source_key=ev.source,
                trigger=ev.trigger,
                evidence_start=ev.evidence_start,
                evidence_end=ev.evidence_end,
                event_date=ev.when,
                extractor=ev.extractor,
                confidence=ev.confidence,
                day=day,
                month=month,
            )
        )
        if ev.args:
            conn.execute(
                insert(event_tables.event_args),
                [
                    {
                        "event_id": event_id,
                        "pos": j,
                        "role": a.role,
                        "entity_key": a.entity,
                        "amount_idx": a.amount,
                        "text": a.text,
                        "extra": None,
                    }
                    for j, a in enumerate(ev.args)
                ],
            )


def stable_event_id(article_id: str, ev: Event, first_spans: dict[str, tuple[int, int]]) -> str:
    """An event's id from what makes it the same event (type, trigger and its sentence, arguments by the
    span of each entity's first mention, not by in-article keys), so that an extractor version that finds
    the same event again gives it the same id, whatever else it finds before it."""
    args = sorted(
        (a.role, str(first_spans.get(a.entity, a.entity)) if a.entity else "", str(a.amount), a.text or "")
        for a in ev.args
    )
    basis = repr((ev.type, ev.evidence_start, ev.trigger, ev.polarity, args))
    return f"{article_id}:{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:12]}"


def _mention_rows(article_id: str, ex: Extraction) -> list[dict[str, object]]:
    """One row per span of an entity: two extractors finding the same span (the gazetteer and the
    project rule on "Suez Canal") make one mention, kept with the first origin."""
    seen: set[tuple[str, int, int]] = set()
    rows: list[dict[str, object]] = []
    for e in ex.entities:
        for m in e.mentions:
            if (e.key, m.start, m.end) in seen:
                continue
            seen.add((e.key, m.start, m.end))
            rows.append(
                {
                    "article_id": article_id,
                    "entity_key": e.key,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "type": m.type,
                    "origin": m.origin,
                }
            )
    return rows


def open_store(url: str) -> Store:
    """Open (and migrate) the store at a SQLAlchemy URL."""
    engine = make_engine(url)
    for attempt in range(MIGRATE_ATTEMPTS):
        try:
            with engine.begin() as conn:
                migrate(conn)
            break
        except (IntegrityError, OperationalError, ProgrammingError) as error:
            # another process is migrating the same new store (two ingests started at once): a unique
            # clash, a locked database, or a table it created between our check and our CREATE ("already
            # exists"); once it has committed there is nothing left to do. Any other error (a bad path, a
            # read-only file) is reported at once.
            message = str(error).lower()
            racing = isinstance(error, IntegrityError) or "locked" in message or "already exists" in message
            if not racing or attempt == MIGRATE_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    return Store(engine)
