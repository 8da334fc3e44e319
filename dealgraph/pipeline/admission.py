"""Admission: what a cleaned article is to the store, decided in one place for both engines.

The local loop (``run.py``) and the Dask driver (``dask_driver.py``) hand each cleaned article, in
input order, to the run's one ``Admission`` and act on its answer; that both make the same decisions in
the same order is what gives them the same ids and the same store. The checks, in order:

- ``Unchanged``: the content is stored already, or held by an article in flight (content hash; a
  recorded near-duplicate counts, and so does one waiting for its original): a file listed twice, a
  repeated record, an exact copy under another id. Whether the first copy is written yet does not
  change the answer: a copy of content in flight is counted unchanged at once, as a copy of stored
  content is, and no duplicates row is written for it. Should the article in flight fail, the copy takes
  the error of the article whose content it has, under its own source (for a copy of the failed article
  itself, the error of the same text);
- ``Clash``: the id is taken by an article with other content, stored or in flight (a/report.txt and
  b/report.txt): an ``ItemError`` at stage "store", whose reason says which, rather than an overwrite;
- ``Duplicate``: a near-duplicate (MinHash similarity at ``DUPLICATE_THRESHOLD`` or above) of an article
  in flight, else of a stored one found through the store's LSH band table; the best score wins, the
  article admitted first on a tie. A duplicate of a stored article is recorded at once; one of an article
  in flight waits for it, and is recorded when it is written (``write``) or becomes an error when it
  fails (``failed``);
- ``New``: to be extracted, then handed back to ``write`` or ``failed``.

In flight means admitted as new and not yet written or failed: a small LSH index in memory (``InFlight``),
with the content hashes those articles and their waiting near-duplicates hold, that forgets each article
once it is written or fails, so memory stays flat however long the input. Outcomes are recorded in the
run's ``IngestReport`` and the store's error table here; the engines only tick progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dealgraph.clean.dedupe import Signature, band_keys, similarity
from dealgraph.exc import ItemError
from dealgraph.model import Article, Extraction
from dealgraph.pipeline.report import IngestReport
from dealgraph.store.store import Resolver, Store

DUPLICATE_THRESHOLD = 0.8


@dataclass(frozen=True)
class New:
    """Neither stored nor a copy: to be extracted."""


@dataclass(frozen=True)
class Unchanged:
    """Its content is stored already, as ``original`` (an article, or the original of a duplicate); or,
    ``waiting``, held by ``original`` in flight, which has its content or is the original of a waiting
    near-duplicate that has it."""

    original: str
    waiting: bool = False


@dataclass(frozen=True)
class Clash:
    """Its id belongs to an article with other content; ``error`` is recorded."""

    error: ItemError


@dataclass(frozen=True)
class Duplicate:
    """A near-duplicate of ``original``; ``waiting`` while the original is in flight, not yet stored."""

    original: str
    score: float
    waiting: bool


Outcome = New | Unchanged | Clash | Duplicate


@dataclass
class InFlight:
    """Articles admitted but not yet written: a MinHash LSH index that also forgets. Candidates share a
    band key with the new signature (as the store's band table finds stored ones), and a tie goes to
    the article admitted first. ``contents`` maps each content hash held in flight to the article that
    holds it: its own, and those of the near-duplicates waiting for it (as the store's ``has_content``
    answers for articles and recorded duplicates)."""

    signatures: dict[str, Signature] = field(default_factory=dict)
    bands: dict[str, set[str]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    added: int = 0
    contents: dict[str, str] = field(default_factory=dict)
    held: dict[str, list[str]] = field(default_factory=dict)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.signatures

    def add(self, article_id: str, signature: Signature, content_hash: str) -> None:
        self.signatures[article_id] = signature
        self.order[article_id] = self.added
        self.added += 1
        for band in band_keys(signature):
            self.bands.setdefault(band, set()).add(article_id)
        self.hold(content_hash, article_id)

    def hold(self, content_hash: str, article_id: str) -> None:
        """Count ``content_hash`` as held by ``article_id`` (its own, or a waiting near-duplicate's)."""
        self.contents[content_hash] = article_id
        self.held.setdefault(article_id, []).append(content_hash)

    def has_content(self, content_hash: str) -> str | None:
        """The article in flight that holds this content, or None."""
        return self.contents.get(content_hash)

    def remove(self, article_id: str) -> Signature:
        """Forget an article and the content it holds; its signature (the write path stores it)."""
        for content_hash in self.held.pop(article_id):
            del self.contents[content_hash]
        signature = self.signatures.pop(article_id)
        del self.order[article_id]
        for band in band_keys(signature):
            ids = self.bands[band]
            ids.discard(article_id)
            if not ids:
                del self.bands[band]
        return signature

    def find(self, signature: Signature, threshold: float) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        candidates = set().union(*(self.bands.get(b, set()) for b in band_keys(signature)))
        for other in sorted(candidates, key=self.order.__getitem__):
            score = similarity(signature, self.signatures[other])
            if score >= threshold and (best is None or score > best[1]):
                best = (other, score)
        return best


class Admission:
    """One run's admission: the store, the articles in flight and the duplicates and copies waiting for
    them."""

    def __init__(self, store: Store, report: IngestReport | None = None) -> None:
        self.store = store
        self.report = report if report is not None else IngestReport()
        self.inflight = InFlight()
        self.pending: dict[str, list[tuple[Article, float]]] = {}  # near-duplicates, by original
        self.copies: dict[str, list[Article]] = {}  # exact copies of content in flight, by its holder

    def record_error(self, error: ItemError) -> None:
        """An item that cannot be used, with its reason: in the report and in the store's error table."""
        self.report.errors.append(error)
        self.store.record_error(error.source, error.stage, error.reason)

    def admit(self, article: Article, signature: Signature) -> Outcome:
        """Decide what ``article`` (with its MinHash ``signature``) is, and record it unless it is new."""
        stored_as = self.store.has_content(article.content_hash)
        if stored_as is not None:
            self.report.unchanged.append(article.id)
            return Unchanged(stored_as)
        held_by = self.inflight.has_content(article.content_hash)
        if held_by is not None:  # settled when its holder is written or fails
            self.copies.setdefault(held_by, []).append(article)
            self.report.unchanged.append(article.id)
            return Unchanged(held_by, waiting=True)
        if article.id in self.inflight:
            return self._clash(article)
        if self.store.has_article(article.id):
            return self._clash(article)
        found = self._near_duplicate(signature)
        if found is None:
            self.inflight.add(article.id, signature, article.content_hash)
            return New()
        original, score = found
        waiting = original in self.inflight
        if waiting:
            self.pending.setdefault(original, []).append((article, score))
            self.inflight.hold(article.content_hash, original)
        else:
            self.store.save_duplicate(article, original, score)
        self.report.duplicates.append((article.id, original))
        return Duplicate(original, score, waiting)

    def _clash(self, article: Article) -> Clash:
        """Same id (a/report.txt and b/report.txt), other text: say so rather than overwrite. The reason
        does not say whether the other one is stored yet or still in flight: that depends on timing
        (batch size, engine), and the same input must record the same error on both engines and on a
        re-run (errors are de-duplicated on their text)."""
        reason = (
            f"another article with id {article.id!r} and other content came first; this one is not stored"
        )
        clash = ItemError(article.source, reason, "store")
        self.record_error(clash)
        return Clash(clash)

    def _near_duplicate(self, signature: Signature) -> tuple[str, float] | None:
        """The original a signature copies: among articles in flight, else among stored ones."""
        found = self.inflight.find(signature, DUPLICATE_THRESHOLD)
        if found is None:
            for stored_id, stored in self.store.candidate_duplicates(band_keys(signature)).items():
                score = similarity(signature, tuple(stored))
                if score >= DUPLICATE_THRESHOLD and (found is None or score > found[1]):
                    found = (stored_id, score)
        return found

    def write(self, article: Article, extraction: Extraction, resolver: Resolver) -> None:
        """Store a new article (``Store.save``), then the duplicates that waited for it; the exact copies
        that waited for it are counted unchanged already, and now are."""
        signature = self.inflight.remove(article.id)
        if self.store.save(article, extraction, resolver, band_keys(signature), signature):
            self.report.stored.append(article.id)
            self.store.clear_errors(article.source)
        else:  # another ingest stored it while we read it
            self.report.unchanged.append(article.id)
        for duplicate, score in self.pending.pop(article.id, []):
            if not self.store.save_duplicate(duplicate, article.id, score):  # another writer recorded it
                self.report.duplicates.remove((duplicate.id, article.id))
                self.report.unchanged.append(duplicate.id)
        self.copies.pop(article.id, None)

    def failed(self, article: Article, error: ItemError) -> None:
        """Record a new article that could not be extracted, and the duplicates that waited for it: they
        cannot point at an original that is not stored, so each becomes an error with the reason. An
        exact copy that waited is not stored either: it takes the error of the article whose content it
        has (this one, or a near-duplicate of it), under its own source."""
        self.inflight.remove(article.id)
        self.record_error(error)
        errors = {article.content_hash: error}
        for duplicate, _ in self.pending.pop(article.id, []):
            self.report.duplicates.remove((duplicate.id, article.id))
            reason = f"near-duplicate of {article.id}, which failed: {error.reason}"
            errors[duplicate.content_hash] = ItemError(duplicate.source, reason, "dedupe")
            self.record_error(errors[duplicate.content_hash])
        for copy in self.copies.pop(article.id, []):
            self.report.unchanged.remove(copy.id)
            same = errors[copy.content_hash]
            self.record_error(ItemError(copy.source, same.reason, same.stage))
