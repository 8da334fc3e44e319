"""One mention per span of an entity (issue 13, defect 9): in the seed articles the gazetteer and the
project rule both find "Suez Canal", which was stored twice."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from dealgraph.store.schema import mentions as M


def test_no_span_is_stored_twice_for_an_entity(seeds_store: Any) -> None:
    key = (M.c.article_id, M.c.entity_key, M.c.start, M.c.end)
    with seeds_store.read() as conn:
        total = conn.execute(select(func.count()).select_from(M)).scalar_one()
        twice = conn.execute(select(*key).group_by(*key).having(func.count() > 1)).all()
        suez = conn.execute(select(M.c.origin).where(M.c.text == "Suez Canal")).scalars().all()
    assert total > 100 and twice == []
    assert suez == ["gazetteer"]
