"""Rendering one article or one entity in the terminal."""

from __future__ import annotations

from rich.table import Table

from dealgraph.cli.context import console
from dealgraph.store.reader import ArticleView, get_entity, list_events
from dealgraph.store.store import Store


def show_article(article: ArticleView) -> None:
    console.print(f"[bold]{article.title or article.id}[/bold]  ({article.id})", highlight=False)
    console.print(
        f"source {article.source}  lang {article.lang}  published {article.published or '?'}"
        f" ({article.published_how or 'unknown'})  outlet {article.outlet or '?'}",
        highlight=False,
    )
    table = Table("key", "entity id", "name", "type", "mentions")
    for e in article.entities:
        table.add_row(
            e.key, e.entity_id, e.name, e.type, "; ".join(dict.fromkeys(m.text for m in e.mentions))
        )
    console.print(table)
    if article.amounts:
        table = Table("amount", "value", "currency/unit", "qualifier")
        for a in article.amounts:
            value = (
                f"{a.min:g}–{a.max:g}"
                if a.min is not None and a.max is not None
                else f"{a.value:g}"
                if a.value is not None
                else ""
            )
            table.add_row(a.text, value, a.currency or a.unit or "", a.qualifier)
        console.print(table)
    if article.events:
        table = Table("event", "modality", "source", "arguments", "evidence")
        for ev in article.events:
            args = ", ".join(f"{a.role}={a.name or a.text or a.amount_idx}" for a in ev.args)
            table.add_row(ev.type, ev.modality, ev.source_name or "", args, ev.evidence[:120])
        console.print(table)
    if article.removed:
        console.print(f"[dim]{len(article.removed)} furniture lines removed[/dim]")


def show_entity(store: Store, entity_id: str) -> None:
    e = get_entity(store, entity_id)
    console.print(f"[bold]{e.name}[/bold]  {e.type}  ({e.id})", highlight=False)
    console.print("names: " + "; ".join(e.names), highlight=False)
    table = Table("article", "published", "forms", "mentions")
    for a in e.articles:
        table.add_row(a.title or a.article_id, str(a.published or ""), "; ".join(a.forms), str(a.mentions))
    console.print(table)
    events = list_events(store, entity_id=entity_id, limit=50)
    if events:
        table = Table("event", "modality", "arguments", "article")
        for ev in events:
            args = ", ".join(f"{a.role}={a.name or a.text or a.amount_idx}" for a in ev.args)
            table.add_row(ev.type, ev.modality, args, ev.article_id)
        console.print(table)
