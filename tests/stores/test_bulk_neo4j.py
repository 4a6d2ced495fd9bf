"""`kg load --bulk`: the same graph as an online load, by `neo4j-admin database import full`.

Bulk loading stops and restarts the local server, so these tests start a server of their own (auth on, as a user
runs it) and reach it as the local server of `kg server start` (KG_NEO4J_DATA), never the session's server.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg import neo4j_server as server
from kg.cli import main
from kg.model import SCHEMA_VERSION
from kg.stores import MemoryStore
from tests.shared.ports import free_port

pytestmark = pytest.mark.neo4j

FIXTURES = Path(__file__).parent.parent / "fixtures"



@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory):
    d = tmp_path_factory.mktemp("neo4j-bulk")
    info = server.start(d, free_port())  # auth on: the restart must keep it, and the password must still work
    try:
        yield info
    finally:
        server.stop(d)


@pytest.fixture
def local_env(local: server.ServerInfo, monkeypatch: pytest.MonkeyPatch) -> server.ServerInfo:
    if server.status(local.data_dir) is None:  # a failed test may have left it stopped
        server.start(local.data_dir, int(local.uri.rsplit(":", 1)[1]))
    monkeypatch.setenv("KG_NEO4J_DATA", str(local.data_dir))
    return local


def constraints(store) -> set[str]:
    return {r["name"] for r in store.db.read("SHOW CONSTRAINTS YIELD name RETURN name")}


def test_bulk_from_the_cli_equals_online_and_memory(local_env: server.ServerInfo):
    """`kg load --bulk FILE` (implies --store neo4j), run as a user runs it, over a database an online load of the
    same files filled: the server is stopped, imported and started again, and holds the same graph."""
    cases = FIXTURES / "cases" / "test-case-a.yaml"
    memory = MemoryStore()
    files = len(kg.load(memory, [cases]).files)  # the seed's files and the case
    store = kg.open_store("neo4j")
    try:
        online = kg.load(store, [cases])
        online_fp, online_counts, online_constraints = store.verify_fingerprint(), store.counts(), constraints(store)
    finally:
        store.close()
    before = server.status(local_env.data_dir)

    r = subprocess.run([sys.executable, "-m", "kg", "load", "--bulk", str(cases)], capture_output=True, text=True,
                       timeout=600)

    assert r.returncode == 0, r
    n, m = memory.graph.number_of_nodes(), memory.graph.number_of_edges()
    assert r.stdout == (f"The neo4j store holds {n} nodes and {m} relationships from {files} files "
                        f"(graph {memory.fingerprint()[:16]}); written: {n} nodes, {m} relationships.\n")
    after = server.status(local_env.data_dir)
    assert after.pid != before.pid  # it really was stopped, imported and started again
    assert (after.uri, after.auth, after.browser_url) == (before.uri, True, None)
    store = kg.open_store("neo4j")
    try:
        # same graph: fingerprint recomputed from the database's contents, counts, constraints
        assert online.fingerprint == memory.fingerprint()
        assert store.verify_fingerprint() == store.fingerprint() == online_fp == memory.fingerprint()
        assert store.counts() == online_counts == memory.counts()
        assert constraints(store) == online_constraints and "drug_id" in online_constraints
        # the KGMeta record an online load writes
        meta = store.db.meta()
        assert meta["schema_version"] == SCHEMA_VERSION and meta["fingerprint"] == memory.fingerprint()
        manifest = json.loads(meta["manifest"])
        assert manifest["fingerprint"] == memory.fingerprint() and manifest["counts"] == memory.counts()
        assert [Path(s["path"]).name for s in kg.loaded_sources(store) if s["loaded_at"]] == [cases.name]
        # every catalogue question gives the memory store's rows
        for question in kg.catalogue():
            assert kg.ask(question["id"], store).rows == kg.ask(question["id"], memory).rows, question["id"]
        # an online load after a bulk load finds nothing to change
        again = kg.load(store, [cases])
        assert again.fingerprint == memory.fingerprint() and not any(again.changes.values())
    finally:
        store.close()
    stats = CliRunner().invoke(main, ["stats", "--store", "neo4j", "--verify"])
    assert stats.exit_code == 0 and f"graph fingerprint: {memory.fingerprint()}" in stats.stdout


def test_bulk_refuses_what_it_cannot_do(local_env: server.ServerInfo, tmp_path: Path):
    runner = CliRunner()
    remote = runner.invoke(main, ["load", "--bulk", "--uri", "neo4j://db.example.org:7687"])
    assert remote.exit_code == 1 and remote.stderr.count("\n") == 1
    assert remote.stderr == ("Error: kg load --bulk works on the local server's files only, and "
                             "neo4j://db.example.org:7687 is a remote server; load online: kg load --store neo4j "
                             "(without --bulk)\n")
    memory = runner.invoke(main, ["load", "--bulk", "--store", "memory"])
    assert memory.exit_code == 1 and memory.stderr == "Error: --bulk writes Neo4j by bulk import; use it with --store neo4j\n"
    # a local URI that is not the server of KG_NEO4J_DATA: refused before anything is stopped
    from kg.stores.bulk import local_server

    pid = server.status(local_env.data_dir).pid
    with pytest.raises(kg.KGError, match="needs the local server of 'kg server start' behind bolt://127.0.0.1:1,"):
        local_server("bolt://127.0.0.1:1")
    assert server.status(local_env.data_dir).pid == pid
