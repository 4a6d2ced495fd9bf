"""Paged answers on Neo4j (loaded by the streaming loader): every page is the memory store's page, and the pages
put together are the whole answer."""

from __future__ import annotations

import pytest

import kg
from kg import questions
from kg.stores import MemoryStore

pytestmark = pytest.mark.neo4j


def test_pages_on_neo4j_are_the_memory_stores_pages(neo4j_store, neo4j_env, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STATE_DIR", str(tmp_path / "state"))
    report = kg.load(neo4j_store)  # an empty database: the streaming load
    memory = MemoryStore()
    assert report.fingerprint == memory.fingerprint() == neo4j_store.verify_fingerprint()
    # the indexes the questions read by (cypher/schema/constraints.cypher), online after the load
    indexes = {r["name"]: r["state"] for r in neo4j_store.read("SHOW INDEXES YIELD name, state RETURN name, state")}
    assert indexes["finding_kind"] == indexes["finding_value"] == "ONLINE"
    # a paged question's second page on Neo4j is the whole answer's second slice (the seed's values)
    whole = kg.ask("transporter-profile", neo4j_store, limit=0).rows
    assert len(whole) == 36 and whole == kg.ask("transporter-profile", memory, limit=0).rows
    page = kg.ask("transporter-profile", neo4j_store, limit=5, offset=5).rows
    assert page == whole[5:10] and [(r["drug"], r["transporter"]) for r in page] == [
        ("brigatinib", "ABCG2"), ("carboplatin", "ABCB1"), ("carboplatin", "ABCG2"), ("ceritinib", "ABCB1"),
        ("ceritinib", "ABCG2")]
    for q in sorted(questions.REGISTRY.values(), key=lambda q: q.id):
        if any(p.default is None for p in q.params):
            continue
        whole = kg.ask(q.id, memory, limit=0)
        assert kg.ask(q.id, neo4j_store, limit=0).rows == whole.rows, q.id
        for size in (1, 3):
            pages, offset = [], 0
            while True:
                page = kg.ask(q.id, neo4j_store, limit=size, offset=offset)
                assert page.rows == kg.ask(q.id, memory, limit=size, offset=offset).rows, (q.id, size, offset)
                pages += page.rows
                offset += size
                if not page.truncated:
                    break
            assert pages == whole.rows, (q.id, size)
