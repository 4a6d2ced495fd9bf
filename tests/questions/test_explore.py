"""`neighbourhood` refusals and `neighbourhood_graph` (the slice as a graph) on the in-memory store."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.errors import KGError
from kg.graph import build as graph
from kg.questions.neighbourhood import neighbourhood_graph
from kg.stores import MemoryStore, build

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return MemoryStore(build([MINI])[0])


@pytest.mark.parametrize("depth", [0, 4, "9"])
def test_depth_outside_1_to_3_is_refused(store, depth):
    with pytest.raises(KGError) as e:
        kg.ask("neighbourhood", store, id="omegatestinib", depth=depth)
    assert str(e.value) == (f"neighbourhood: parameter 'depth' must be between 1 and 3 (deeper slices reach most of "
                            f"the graph), got {int(depth)}")


def test_depth_must_be_an_int(store):
    with pytest.raises(KGError, match="parameter 'depth' must be int, got 'two'"):
        kg.ask("neighbourhood", store, id="omegatestinib", depth="two")


def test_unknown_centre_suggests_a_name(store):
    with pytest.raises(KGError) as e:
        kg.ask("neighbourhood", store, id="omegatestnib")
    assert str(e.value).startswith("neighbourhood: parameter 'id': unknown drug or target or transporter or site")
    assert "'omegatestnib' — did you mean omegatestinib" in str(e.value)


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_graph_holds_the_rows_with_every_property(store, depth):
    rows = kg.ask("neighbourhood", store, id="omegatestinib", depth=depth).rows
    h = neighbourhood_graph(store, "omegatestinib", depth)
    assert sorted((u, k, v) for u, v, k in h.edges(keys=True)) == [(r["start"], r["type"], r["end"]) for r in rows]
    g = store.graph
    assert set(h.nodes) == {r["start"] for r in rows} | {r["end"] for r in rows}
    for n, data in h.nodes(data=True):
        assert data == g.nodes[n]
    for u, v, k, data in h.edges(keys=True, data=True):
        assert data == g.edges[u, v, k] and data["type"] == k
    assert h.graph == {"centre": "DRUGBANK:DB99921", "depth": depth, "source_fingerprint": store.fingerprint()}


def test_graph_is_a_copy(store):
    h = neighbourhood_graph(store, "oncokg:case-test-three", 1)
    assert graph.fingerprint(h) == graph.fingerprint(neighbourhood_graph(store, "Test case three", 1))
    h.nodes["oncokg:case-test-three"]["sources"].append("x")
    assert "x" not in store.graph.nodes["oncokg:case-test-three"]["sources"]


def test_graph_refuses_depth_4(store):
    with pytest.raises(KGError, match="must be between 1 and 3"):
        neighbourhood_graph(store, "omegatestinib", 4)
