"""Hardening that needs no server: the load lock, bulk's refusals, the row cap of `ask` on the memory store."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg import api, questions, registry
from kg.cli import main
from kg.questions.catalogue import Question
from kg.stores import MemoryStore
from kg.stores import bulk


def test_the_load_lock_makes_loads_of_one_store_wait_for_each_other():
    events: list[str] = []

    def hold(name: str, seconds: float) -> None:
        with registry.locked("neo4j-test"):
            events.append(f"{name} in")
            time.sleep(seconds)
            events.append(f"{name} out")

    first = threading.Thread(target=hold, args=("first", 0.5))
    first.start()
    time.sleep(0.1)
    second = threading.Thread(target=hold, args=("second", 0.0))
    second.start()
    first.join()
    second.join()
    assert events == ["first in", "first out", "second in", "second out"]
    with registry.locked("memory"):  # another store's lock is independent
        with registry.locked("neo4j-other"):
            pass


def test_bulk_refuses_a_remote_server_before_anything_else():
    with pytest.raises(kg.KGError, match=r"^kg load --bulk works on the local server's files only, and "
                                         r"neo4j\+s://x\.databases\.neo4j\.io is a remote server; load online"):
        bulk.local_server("neo4j+s://x.databases.neo4j.io")
    for uri in ("bolt://127.0.0.1:7687", "neo4j://localhost:7687", "bolt://[::1]:7687"):
        bulk.refuse_remote(uri)


def test_bulk_needs_a_running_local_server(tmp_path: Path):
    with pytest.raises(kg.KGError, match=r"needs the local server of 'kg server start' behind bolt://127\.0\.0\.1:7687, "
                                         r"but the one of .* is not running"):
        bulk.local_server("bolt://127.0.0.1:7687", tmp_path / "none")


def test_bulk_with_the_memory_store_is_refused():
    r = CliRunner().invoke(main, ["load", "--bulk", "--store", "memory"])
    assert r.exit_code == 1 and r.stderr == "Error: --bulk writes Neo4j by bulk import; use it with --store neo4j\n"
    with pytest.raises(kg.KGError, match="use it with --store neo4j"):
        kg.load(MemoryStore(), bulk=True)


def test_empty_lists_are_set_after_the_import():
    """neo4j-admin cannot store an empty list, an online load can: bulk sets such properties after the import
    (the canonical graph drops empty lists today; this keeps bulk equal to online should one appear)."""
    import networkx as nx

    assert bulk._empty_list_fixes(MemoryStore().graph) == []
    g = nx.MultiDiGraph()
    g.add_node("DRUGBANK:DB1", label="Drug", name="a", synonyms=[])
    g.add_node("HGNC:1", label="Target", name="b")
    g.add_edge("DRUGBANK:DB1", "HGNC:1", key="INHIBITS", type="INHIBITS", sources=["PMID:1"], qualifiers=[])
    fixes = bulk._empty_list_fixes(g)
    assert [rows for _, rows in fixes] == [
        [{"id": "DRUGBANK:DB1", "props": {"name": "a", "synonyms": [], "id": "DRUGBANK:DB1"}}],
        [{"start": "DRUGBANK:DB1", "end": "HGNC:1", "props": {"sources": ["PMID:1"], "qualifiers": []}}],
    ]
    assert "MERGE (n:Drug" in fixes[0][0] and "MERGE (a)-[r:INHIBITS]->(b)" in fixes[1][0]


def test_ask_caps_rows_on_the_memory_store(monkeypatch: pytest.MonkeyPatch):
    q = Question(id="many-rows", title="t", description="t", params=(),
                 memory=lambda g, p: [{"n": i} for i in range(api.ASK_LIMIT + 50, 0, -1)], columns=("n",),
                 sort_key=("n",))
    monkeypatch.setitem(questions.REGISTRY, q.id, q)
    answer = kg.ask("many-rows")
    assert answer.truncated and [r["n"] for r in answer.rows] == list(range(1, api.ASK_LIMIT + 1))
    assert not kg.ask("many-rows", limit=api.ASK_LIMIT + 50).truncated
    every = kg.ask("many-rows", limit=0)  # 0: the whole answer
    assert not every.truncated and [r["n"] for r in every.rows] == list(range(1, api.ASK_LIMIT + 51))
    with pytest.raises(kg.KGError, match="limit must be at least 0"):
        kg.ask("many-rows", limit=-1)
    r = CliRunner().invoke(main, ["ask", "many-rows", "--limit", "3", "-f", "jsonl"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 3
    assert r.stderr == "Warning: more rows follow these 3 (--offset 3 shows the next page, --limit 0 every row).\n"


def test_question_parameters_never_shadow_the_limits():
    """`ask` takes `limit` and `timeout` as its own keywords; no question may have parameters of those names."""
    names = {p.name for q in questions.REGISTRY.values() for p in q.params}
    assert not names & {"limit", "timeout", "store", "question_id"}


def test_a_huge_depth_is_refused_on_the_memory_store():
    r = CliRunner().invoke(main, ["ask", "neighbourhood", "-p", "depth=1000000"])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert r.stderr.startswith("Error: neighbourhood: parameter 'depth' must be between 1 and 3")
