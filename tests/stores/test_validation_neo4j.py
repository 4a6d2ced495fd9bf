"""A failed load changes nothing in Neo4j, and every fact in Neo4j rests on sources that exist as nodes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg
from kg.errors import ValidationError
from kg.model import FACT_RELS
from tests.shared.malformed import CASES

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def seeded(neo4j_settings):
    from kg.stores import Neo4jGraphStore
    from kg.stores.neo4j_store import Neo4jStore, connect

    store = Neo4jGraphStore(Neo4jStore(connect(neo4j_settings)), neo4j_settings)
    store.db.driver.execute_query("MATCH (n) DETACH DELETE n")
    kg.load(store)
    yield store
    store.close()


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_malformed_file_loads_nothing(seeded, tmp_path: Path, name: str, content: str, expected: list[str]):
    bad = tmp_path / "zz-bad.yaml"
    bad.write_text(content, encoding="utf-8")
    before = seeded.verify_fingerprint()
    with pytest.raises(ValidationError) as raised:
        kg.load(seeded, [bad])
    assert all(p.startswith(str(bad)) or ": " in p for p in raised.value.problems)
    assert seeded.verify_fingerprint() == before
    assert kg.loaded_sources(seeded)[-1]["format"] == "seed (curated)"


def test_every_fact_and_finding_has_an_existing_source(seeded):
    fact_types = sorted(r.value for r in FACT_RELS)
    rows = seeded.db.read(
        """
        MATCH (a)-[r]->(b) WHERE type(r) IN $types
        WITH r, [s IN coalesce(r.sources, []) WHERE EXISTS { MATCH (p {id: s}) WHERE p:Publication OR p:Trial }] AS ok
        WHERE size(ok) = 0
        RETURN count(r) AS unsupported
        """,
        {"types": fact_types},
    )
    assert rows == [{"unsupported": 0}]
    rows = seeded.db.read(
        """
        MATCH (n) WHERE n:Finding OR n:Observation
        WITH n, [s IN coalesce(n.sources, []) WHERE EXISTS { MATCH (p {id: s}) WHERE p:Publication OR p:Trial }] AS ok
        WHERE size(ok) = 0
        RETURN count(n) AS unsupported
        """
    )
    assert rows == [{"unsupported": 0}]
    counted = seeded.db.read("MATCH (a)-[r]->(b) WHERE type(r) IN $types RETURN count(r) AS n", {"types": fact_types})
    assert counted[0]["n"] == sum(1 for _, _, k in kg.stores.build()[0].edges(keys=True) if k in fact_types)
