"""Full-text search over articles: SQLite FTS5, or a tsvector index on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Connection, text

# The indexed expression on PostgreSQL; queries must repeat it exactly for the GIN index to serve them.
_PG_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"


def create(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
                "article_id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')"
            )
        )
    else:
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({_PG_VECTOR})"))


def index_article(conn: Connection, article_id: str, title: str | None, body: str) -> None:
    """Add one article to the index (PostgreSQL indexes the articles table itself)."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("INSERT INTO article_fts (article_id, title, body) VALUES (:id, :title, :body)"),
            {"id": article_id, "title": title or "", "body": body},
        )


def search(conn: Connection, query: str, limit: int, offset: int) -> list[tuple[str, str]]:
    """Article ids and a snippet for a free-text query, best first. The query is passed as a bound
    parameter and quoted term by term, so FTS syntax characters in user input are harmless."""
    terms = [t for t in "".join(c if c.isalnum() else " " for c in query).split() if t]
    if not terms:
        return []
    if conn.dialect.name == "sqlite":
        fts_query = " ".join('"' + t + '"' for t in terms)
        rows = conn.execute(
            text(
                "SELECT article_id, snippet(article_fts, 2, '[', ']', '…', 12) FROM article_fts "
                "WHERE article_fts MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
            ),
            {"q": fts_query, "limit": limit, "offset": offset},
        ).all()
    else:
        # Rank and page on the indexed expression first, then build headlines for that page only
        # (ts_headline re-parses the text, too costly for every match). Ties go by id so that pages
        # are stable; the highlight markers are SQLite's.
        rows = conn.execute(
            text(
                "SELECT hit.id, ts_headline('simple', a.text, plainto_tsquery('simple', :q), "
                "'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1, FragmentDelimiter=…') "
                f"FROM (SELECT id, ts_rank({_PG_VECTOR}, plainto_tsquery('simple', :q)) AS score "
                f"FROM articles WHERE {_PG_VECTOR} @@ plainto_tsquery('simple', :q) "
                "ORDER BY score DESC, id LIMIT :limit OFFSET :offset) AS hit "
                "JOIN articles AS a ON a.id = hit.id ORDER BY hit.score DESC, hit.id"
            ),
            {"q": " ".join(terms), "limit": limit, "offset": offset},
        ).all()
    return [(str(r[0]), str(r[1])) for r in rows]
