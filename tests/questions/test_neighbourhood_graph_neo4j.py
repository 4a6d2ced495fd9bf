"""`neighbourhood_graph` on Neo4j: the same slice, node and edge properties as on the in-memory store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import build as graph
from kg.questions.neighbourhood import neighbourhood_graph
from kg.stores import MemoryStore, build

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.mark.parametrize(("centre", "depth"), [("omegatestinib", 1), ("omegatestinib", 3), ("Test case three", 2),
                                               ("ALK", 2), ("CNS", 3)])
def test_same_slice_as_memory(neo4j_store, centre, depth):
    neo4j_store.replace(build([MINI])[0])
    memory = MemoryStore(build([MINI])[0])
    on_neo4j = neighbourhood_graph(neo4j_store, centre, depth)
    on_memory = neighbourhood_graph(memory, centre, depth)
    assert graph.fingerprint(on_neo4j) == graph.fingerprint(on_memory)
    assert on_neo4j.graph == on_memory.graph
    assert sorted(on_neo4j.edges(keys=True)) == sorted(on_memory.edges(keys=True))
    assert on_neo4j.number_of_edges() > 0
