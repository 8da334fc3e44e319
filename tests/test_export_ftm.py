"""The FollowTheMoney export taken whole by followthemoney's CLI and by nomenklatura."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import pytest
from followthemoney import model, registry


@pytest.fixture(scope="module")
def ftm_file(seeds_store: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dealgraph.export import export

    out = io.StringIO()
    export(seeds_store, "ftm", out)
    path = tmp_path_factory.mktemp("ftm") / "dealgraph.ftm.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_id_is_a_valid_ftm_id_and_every_reference_resolves(ftm_file: Path) -> None:
    entities = rows(ftm_file)
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    for entity in entities:
        assert registry.entity.clean(entity["id"]) == entity["id"]
        proxy = model.get_proxy(entity)
        assert proxy.schema.validate(entity) is None
        for prop, value in proxy.itervalues():
            if prop.type == registry.entity:
                assert value in ids, f"{entity['schema']}.{prop.name} points nowhere: {value}"
        assert entity["datasets"] == ["dealgraph"]


def test_ftm_validate_and_aggregate_keep_every_entity(ftm_file: Path, tmp_path: Path) -> None:
    ftm = shutil.which("ftm") or str(Path(sys.executable).with_name("ftm"))
    validated, aggregated = tmp_path / "valid.json", tmp_path / "agg.json"
    subprocess.run([ftm, "validate", "-i", str(ftm_file), "-o", str(validated)], check=True)
    subprocess.run([ftm, "aggregate", "-i", str(validated), "-o", str(aggregated)], check=True)
    before = {e["id"]: e for e in rows(ftm_file)}
    after = {e["id"]: e for e in rows(aggregated)}
    assert after.keys() == before.keys()
    for entity_id, entity in before.items():
        assert after[entity_id]["properties"] == entity["properties"], entity_id


def test_nomenklatura_loads_it_and_every_mention_has_its_document(ftm_file: Path) -> None:
    from nomenklatura.resolver import Linker
    from nomenklatura.store import load_entity_file_store

    # no judgements to apply: an empty linker reads every entity as its own
    store = load_entity_file_store(ftm_file, cast(Any, Linker({})))
    view = store.default_view()
    entities = list(view.entities())
    assert len(entities) == len(rows(ftm_file))
    mentions = [e for e in entities if e.schema.name == "Mention"]
    assert mentions
    for mention in mentions:
        (document,) = mention.get("document")
        article = view.get_entity(document)
        assert article is not None and article.schema.name == "Article"
        for resolved in mention.get("resolved"):
            assert view.get_entity(resolved) is not None


def test_entities_take_canonical_names_aliases_and_proper_schemata(ftm_file: Path) -> None:
    by_id = {e["id"]: e for e in rows(ftm_file)}
    schemata = {e["schema"] for e in by_id.values()}
    assert {"Article", "Person", "Mention", "Event", "Occupancy", "Position"} <= schemata
    assert "UnknownLink" not in schemata and "Sanction" not in schemata
    assert not schemata & {"Address", "LegalEntity"}  # countries and places are values, not entities
    putin = by_id["dg-vladimir-putin"]["properties"]
    assert putin["name"] == ["Vladimir Putin"] and "Putin" in putin["weakAlias"]
    rdif = by_id["dg-rdif"]["properties"]
    assert "RDIF" in rdif["abbreviation"] and rdif["country"] == ["ru"]
    assert "Kirill Dmitriyev" in by_id["dg-kirill-dmitriev"]["properties"]["alias"]
    assert by_id["dg-vladimir-putin"]["first_seen"] <= by_id["dg-vladimir-putin"]["last_seen"]


def test_articles_carry_what_they_mention(ftm_file: Path) -> None:
    articles = [e for e in rows(ftm_file) if e["schema"] == "Article"]
    assert len(articles) >= 5
    assert all(a["id"].startswith("dg-article-") for a in articles)
    assert any("Vladimir Putin" in a["properties"].get("peopleMentioned", []) for a in articles)
    assert any(a["properties"].get("companiesMentioned") for a in articles)
    assert any("ru" in a["properties"].get("detectedCountry", []) for a in articles)


def test_co_agents_are_never_linked_to_each_other(seeds_store: Any, ftm_file: Path) -> None:
    from dealgraph.export.ids import entity_id
    from dealgraph.store.reader import iter_articles

    co_agents = set()
    for article in iter_articles(seeds_store):
        for ev in article.events:
            agents = [entity_id(a.entity_id) for a in ev.args if a.role == "agent" and a.entity_id]
            co_agents.update((a, b) for a in agents for b in agents if a != b)
    assert co_agents  # the seeds have events with several agents (companies leaving Russia)
    for entity in rows(ftm_file):
        schema = model.get(entity["schema"])
        if schema is None or not schema.edge:
            continue
        source = entity["properties"].get(schema.edge_source, [])
        target = entity["properties"].get(schema.edge_target, [])
        assert not {(s, t) for s in source for t in target} & co_agents, entity


def test_statements_say_where_they_came_from(ftm_file: Path) -> None:
    events = [e for e in rows(ftm_file) if e["schema"] == "Event"]
    assert events and all(any(o.startswith("dealgraph-events/") for o in e["origin"]) for e in events)
    assert all(e["properties"]["proof"][0].startswith("dg-article-") for e in events)


def test_a_screening_hit_is_a_scored_reference_not_a_sanction() -> None:
    from datetime import date

    from dealgraph.export.ftm.screening import add_hit
    from dealgraph.export.ftm.statements import Statements
    from dealgraph.screen.records import ScreeningHit

    out = Statements()
    out.make("dg-rdif", "Organization")
    out.add("dg-rdif", "name", "Russian Direct Investment Fund", None, "test")
    hit = ScreeningHit(query="RDIF", dataset="us_ofac_sdn", entry_id="12345", schema="Organization",
                       name="RUSSIAN DIRECT INVESTMENT FUND", matched_name="RDIF", score=0.93,
                       explanation="all name tokens aligned", programs=("RUSSIA-EO14024",),
                       listed_from=date(2022, 2, 28))  # fmt: skip
    add_hit(out, "dg-rdif", hit)
    emitted = {e["id"]: e for e in out.emit()}
    assert "Sanction" not in {e["schema"] for e in emitted.values()}
    (similar,) = [e["properties"] for e in emitted.values() if e["schema"] == "Similar"]
    assert similar["candidate"] == ["dg-rdif"] and float(similar["confidenceScore"][0]) == 0.93
    assert "2022-02-28" in similar["criteria"][0]
    entry = emitted[similar["match"][0]]
    assert entry["properties"]["name"] == ["RUSSIAN DIRECT INVESTMENT FUND"]
    assert entry["properties"]["alias"] == ["RDIF"]


@pytest.mark.slow  # two CLI processes
def test_the_export_is_the_same_bytes_in_any_process(seeds_store: Any, ftm_file: Path) -> None:
    """followthemoney keeps values in sets, whose order follows the string hash seed of the process;
    the export sorts them, so two runs of one store are byte-identical (diffable, cacheable)."""
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "DEALGRAPH_DB": seeds_store.url}
        done = subprocess.run(
            [sys.executable, "-m", "dealgraph.cli", "export", "--format", "ftm"],
            env=env, capture_output=True, check=True, cwd=Path(__file__).resolve().parents[1],
        )  # fmt: skip
        outputs.add(done.stdout)
    assert len(outputs) == 1 and next(iter(outputs)) == ftm_file.read_bytes()
