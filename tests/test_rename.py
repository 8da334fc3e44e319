"""A renamed canonical id takes everything that named the old one: the articles' links (``store``), the
resolution tables, and the entity's screening hits and record (``screen``), each re-pointed by the
package that owns the table. An article written for this test; no list file needed (the hit is one
the screening step would have stored)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select

from dealgraph.model import Article, Entity, Extraction, Mention
from dealgraph.resolve.canonical import resolve_exact
from dealgraph.resolve.judgements import merge
from dealgraph.resolve.rename import rename_ids
from dealgraph.screen.hits import read_hits, save_hits
from dealgraph.screen.records import ScreeningHit
from dealgraph.store import schema
from dealgraph.store.resolve_tables import canonical
from dealgraph.store.review_reads import review_queue
from dealgraph.store.screened_tables import screened
from dealgraph.store.store import Store, open_store

TEXT = "Putin met the investors in Moscow on Monday."


def stored(tmp_path: Path) -> Store:
    store = open_store(f"sqlite:///{tmp_path / 'rename.db'}")
    article = Article(id="a1", source="a1.txt", text=TEXT, raw=TEXT, content_hash="h1", lang="en")
    putin = Entity(key="e1", name="Putin", type="Person", mentions=(Mention(0, 5, "Putin", "Person", "ner"),))
    store.save(article, Extraction("a1", (putin,)), resolve_exact, [], ())
    hit = ScreeningHit("Putin", "us_ofac_sdn", "35096", "Person", "PUTIN, Vladimir", "Putin", 0.8, "surname")
    with store.begin() as conn:
        save_hits(conn, "putin", [hit])
        conn.execute(
            insert(screened).values(entity_id="putin", lists_state="s1", screened_at=datetime.now(UTC))
        )
    return store


def test_a_rename_moves_the_articles_links_and_the_screening_rows(tmp_path: Path) -> None:
    store = stored(tmp_path)
    with store.begin() as conn:
        assert rename_ids(conn, {"putin": "Vladimir Putin"}) == {"putin": "vladimir-putin"}
    t = schema.article_entities
    with store.read() as conn:
        assert conn.execute(select(t.c.entity_id).where(t.c.article_id == "a1")).scalars().all() == [
            "vladimir-putin"
        ]
        assert [(owner, hit.entry_id) for owner, hit in read_hits(conn)] == [("vladimir-putin", "35096")]
        assert conn.execute(select(screened.c.entity_id, screened.c.lists_state)).all() == [
            ("vladimir-putin", "s1")
        ]
        assert canonical(conn, "putin") == "vladimir-putin"  # the old id still answers


def test_a_merge_leaves_no_hit_under_the_merged_id(tmp_path: Path) -> None:
    """The merged-away id's hits and screening record go (the kept entity is screened again under its own
    id): the review queue offers no hit of an id that no longer stands for anything."""
    store = stored(tmp_path)
    for i, text in enumerate(("Vladimir Putin spoke.", "Vladimir Putin left."), start=2):
        article = Article(
            id=f"a{i}", source=f"a{i}.txt", text=text, raw=text, content_hash=f"h{i}", lang="en"
        )
        mention = Mention(0, 14, "Vladimir Putin", "Person", "ner")
        full = Entity(key="e1", name="Vladimir Putin", type="Person", mentions=(mention,))
        store.save(article, Extraction(f"a{i}", (full,)), resolve_exact, [], ())
    assert merge(store, "putin", "vladimir-putin") == "vladimir-putin"  # more articles: it stays
    gone = "putin"  # the id with the hit
    with store.read() as conn:
        assert gone not in {owner for owner, _ in read_hits(conn)}
        assert gone not in set(conn.execute(select(screened.c.entity_id)).scalars())
    assert gone not in {q.entity_id for q in review_queue(store)[0]}
