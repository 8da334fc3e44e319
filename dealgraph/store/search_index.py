"""Full-text search over articles: SQLite FTS5, or a tsvector index on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Connection, text


def create(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
                "article_id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')"
            )
        )
    else:
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin "
                "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
            )
        )


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
        rows = conn.execute(
            text(
                "SELECT id, ts_headline('simple', text, plainto_tsquery('simple', :q)) FROM articles "
                "WHERE to_tsvector('simple', coalesce(title, '') || ' ' || text) "
                "@@ plainto_tsquery('simple', :q) "
                "ORDER BY ts_rank(to_tsvector('simple', coalesce(title, '') || ' ' || text), "
                "plainto_tsquery('simple', :q)) DESC LIMIT :limit OFFSET :offset"
            ),
            {"q": " ".join(terms), "limit": limit, "offset": offset},
        ).all()
    return [(str(r[0]), str(r[1])) for r in rows]
