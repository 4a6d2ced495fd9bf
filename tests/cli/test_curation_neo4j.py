"""Curating cases on Neo4j: the same scenario as on memory, and both stores end identical."""

from __future__ import annotations

from pathlib import Path

import kg
from kg.stores import MemoryStore
from tests.shared import curation


def neo4j_graph(store):
    return store.db.to_graph()


def test_edit_then_reload_on_neo4j(neo4j_store, tmp_path: Path):
    kg.load(neo4j_store)
    curation.edit_then_reload(neo4j_store, tmp_path, neo4j_graph)
    assert neo4j_store.verify_fingerprint() == curation.seed_fingerprint()


def test_shared_fact_on_neo4j(neo4j_store):
    kg.load(neo4j_store)
    curation.shared_fact_keeps_both_sources(neo4j_store, neo4j_graph)
    assert neo4j_store.verify_fingerprint() == curation.seed_fingerprint()


def test_loaded_case_gives_identical_answers_on_both_stores(neo4j_store):
    case = curation.CASES / "test-case-a.yaml"
    memory = MemoryStore()
    kg.load(memory, [case])
    kg.load(neo4j_store, [case])
    assert neo4j_store.verify_fingerprint() == memory.fingerprint()
    for question in kg.api.catalogue():
        assert kg.ask(question["id"], neo4j_store).rows == kg.ask(question["id"], memory).rows, question["id"]
    flagship = kg.ask("alk-cns-after-crizotinib", memory, transporter_state="any").rows
    lorlatinib = next(r for r in flagship if r["drug"] == "lorlatinib")
    assert sorted((c["case"], c["site"], c["class"]) for c in lorlatinib["cases"]) == [
        (curation.CASE_ID, "brain", "response"), (curation.CASE_ID, "leptomeninges", "disease control")]
    assert lorlatinib["cns"] == "response in 1 case; disease control in 1 case"
