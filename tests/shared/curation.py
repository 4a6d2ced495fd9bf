"""Curating cases on top of the seed: the same scenario on either store (memory in unit tests, Neo4j in
integration tests). A file is the truth for the records it defines."""

from __future__ import annotations

import shutil
from pathlib import Path

import kg
from kg.graph import build as graph
from kg.stores import Store, build

CASES = Path(__file__).parent.parent / "fixtures" / "cases"
CASE_ID = "oncokg:case-test-fictional-a"
LORLATINIB, ALK = "DRUGBANK:DB12130", "HGNC:427"


def seed_fingerprint() -> str:
    return graph.fingerprint(build()[0])


def edit_then_reload(store: Store, tmp_path: Path, graph_of) -> None:
    """Load a case, edit the file (a line and an observation removed), reload: exactly the edit remains."""
    case_file = tmp_path / "case.yaml"
    shutil.copy(CASES / "test-case-a.yaml", case_file)
    first = kg.load(store, [case_file])
    g = graph_of(store)
    assert f"{CASE_ID}/line-2" in g
    assert f"{CASE_ID}/line-1/obs-3" in g
    assert first.fingerprint == store.fingerprint()

    shutil.copy(CASES / "test-case-a-edited.yaml", case_file)
    second = kg.load(store, [case_file])
    g = graph_of(store)
    assert f"{CASE_ID}/line-2" not in g
    assert f"{CASE_ID}/line-2/obs-1" not in g
    assert f"{CASE_ID}/line-1/obs-3" not in g
    assert f"{CASE_ID}/line-1/obs-2" in g
    fresh = _fresh_fingerprint(CASES / "test-case-a-edited.yaml")
    assert second.fingerprint == fresh == store.fingerprint()

    again = kg.load(store, [case_file])
    assert again.fingerprint == fresh
    assert again.changes.get("nodes", 0) == 0 and again.changes.get("deleted_nodes", 0) == 0

    kg.unload(store, case_file)
    assert store.fingerprint() == seed_fingerprint()


def _fresh_fingerprint(case_file: Path) -> str:
    """The fingerprint of the seed plus one file, built from scratch."""
    from kg.sources.files import Source
    from kg.stores import read_sources

    records, _ = read_sources([Source("seed", case_file, str(case_file))])
    return graph.fingerprint(graph.build_graph(records))


def shared_fact_keeps_both_sources(store: Store, graph_of) -> None:
    """A fact stated by the seed and by a loaded file has both sources; unloading the file removes only its own."""
    before = set(graph_of(store).edges[LORLATINIB, ALK, "INHIBITS"]["sources"])
    kg.load(store, [CASES / "test-shared-fact.yaml"])
    after = graph_of(store).edges[LORLATINIB, ALK, "INHIBITS"]
    assert set(after["sources"]) == before | {"oncokg:src-test-fictional-restatement"}
    assert "test restatement" in after["qualifiers"]
    kg.unload(store, CASES / "test-shared-fact.yaml")
    assert set(graph_of(store).edges[LORLATINIB, ALK, "INHIBITS"]["sources"]) == before
    kg.reset(store)
    assert store.fingerprint() == seed_fingerprint()
