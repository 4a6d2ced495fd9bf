"""Public-data fixtures (ClinicalTrials.gov, CIViC, ChEMBL) loaded into the real Neo4j: the same graph as in
memory (fingerprint recomputed from the database), a second write changes nothing, and the questions that the
new evidence changes give the same rows on both stores."""

from __future__ import annotations

from pathlib import Path

import kg
from kg import stores as store
from kg.graph import build as graph

PUBLIC = Path(__file__).parent.parent / "fixtures" / "public"
ALL = [
    ("clinicaltrials", PUBLIC / "ctgov-NCT02075840.json"),
    ("clinicaltrials", PUBLIC / "ctgov-studies.json"),
    ("civic", PUBLIC / "civic-evidence.tsv"),
    ("chembl", PUBLIC / "chembl-mechanisms.tsv"),
]


def _rows(answer) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "graph"} for row in answer.rows]


def _write_twice(neo4j_store, g) -> None:
    neo4j_store.db.write_graph(g)
    assert neo4j_store.verify_fingerprint() == graph.fingerprint(g)
    assert neo4j_store.counts() == graph.counts(g)
    again = neo4j_store.db.write_graph(g)
    assert again == {"nodes": 0, "relationships": 0, "deleted_nodes": 0, "deleted_relationships": 0}
    assert neo4j_store.verify_fingerprint() == graph.fingerprint(g)


def test_public_fixtures_give_the_same_graph_in_neo4j(neo4j_store):
    g, _ = store.build(public=ALL)
    _write_twice(neo4j_store, g)
    memory = store.MemoryStore(g)
    for question, params in [("trials-for-drug", {"drug": "alectinib"}), ("alk-cns-after-crizotinib", {}),
                             ("neighbourhood", {}), ("evidence-for", {})]:
        assert _rows(kg.ask(question, neo4j_store, **params)) == _rows(kg.ask(question, memory, **params)), question
    trials = [r["trial"] for r in _rows(kg.ask("trials-for-drug", neo4j_store, drug="alectinib"))]
    assert "ALESIA" in trials


def test_chembl_statements_merge_the_same_way_in_neo4j(neo4j_store):
    g, _ = store.build([PUBLIC / "chembl-curated.yaml"], public=[("chembl", PUBLIC / "chembl-mechanisms.tsv")])
    _write_twice(neo4j_store, g)
    rows = _rows(kg.ask("drugs-for-target", neo4j_store, target="ALK"))
    assert rows == _rows(kg.ask("drugs-for-target", store.MemoryStore(g), target="ALK"))
    assert sorted(s["id"] for st in rows[0]["statements"] for s in st["sources"]) == [
        "oncokg:src-chembl-mechanism-CHEMBL601719", "oncokg:src-test-chembl-curation"]


def test_loading_the_curated_seed_after_the_public_files_removes_them(neo4j_store):
    """What a reload of the seed alone leaves: the public records are gone (the store holds exactly the graph)."""
    loaded, _ = store.build(public=ALL)
    neo4j_store.db.write_graph(loaded)
    curated, _ = store.build()
    neo4j_store.db.write_graph(curated)
    assert neo4j_store.verify_fingerprint() == graph.fingerprint(curated)
