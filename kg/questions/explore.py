"""Questions for exploring the graph: `neighbourhood`, and `neighbourhood_graph`, the same slice as a graph.

The slice of depth D around a node holds every relationship on an undirected path of at most D relationships
from it: the relationships of every node at most D - 1 steps away. Depth is capped at 3: on this graph a
publication or a site reaches most of the graph in four steps.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import KGError
from kg.models import Label
from kg.questions.catalogue import Param, Question

if TYPE_CHECKING:
    from kg.store import Store

MAX_DEPTH = 3

# Labels whose nodes may be named as the centre, names first resolved among the first five. TreatmentLine and
# Observation ids are not in the resolver the in-memory store keeps, so neither store accepts them.
CENTRE_LABELS = (
    Label.DRUG, Label.TARGET, Label.TRANSPORTER, Label.SITE, Label.DISEASE,
    Label.ALTERATION, Label.TRIAL, Label.FINDING, Label.CASE, Label.PUBLICATION,
)


@dataclass(frozen=True)
class RangeParam(Param):
    """An int parameter with inclusive bounds; a value outside them is refused with a one-line error."""

    low: int = 1
    high: int = MAX_DEPTH

    def parse(self, value: Any, question: str) -> Any:
        parsed = super().parse(value, question)
        check_range(self, parsed, question)
        return parsed


def check_range(param: RangeParam, value: int, question: str) -> None:
    if not param.low <= value <= param.high:
        raise KGError(f"{question}: parameter {param.name!r} must be between {param.low} and {param.high} "
                      f"(deeper slices reach most of the graph), got {value}")


def near_nodes(g: nx.MultiDiGraph, centre: str, depth: int) -> set[str]:
    """Nodes at most `depth` - 1 undirected steps from `centre`."""
    found = {centre}
    frontier = {centre}
    for _ in range(depth - 1):
        frontier = {n for f in frontier for n in nx.all_neighbors(g, f)} - found
        found |= frontier
    return found


def slice_edges(g: nx.MultiDiGraph, centre: str, depth: int) -> list[tuple[str, str, str]]:
    """(start, type, end) of every relationship of the slice, sorted."""
    edges = set()
    for n in near_nodes(g, centre, depth):
        edges.update((u, k, v) for u, v, k in g.out_edges(n, keys=True))
        edges.update((u, k, v) for u, v, k in g.in_edges(n, keys=True))
    return sorted(edges)


def neighbourhood(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `neighbourhood`."""
    check_range(DEPTH, p["depth"], "neighbourhood")
    rows = []
    for start, rel, end in slice_edges(g, p["id"], p["depth"]):
        a, b = g.nodes[start], g.nodes[end]
        rows.append({
            "start": start, "start_label": a["label"], "start_name": a.get("name"),
            "type": rel,
            "end": end, "end_label": b["label"], "end_name": b.get("name"),
            "sources": g.edges[start, end, rel].get("sources"),
        })
    return rows


DEPTH = RangeParam("depth", int, 1, f"relationships away from the centre, 1 to {MAX_DEPTH}")

NEIGHBOURHOOD = Question(
    id="neighbourhood",
    title="The relationships around a node, to a depth of 1 to 3, with their sources",
    description=(
        "Every relationship on a path of at most DEPTH relationships from ID, in either direction: one row per "
        "relationship with both ends (id, label, name) and, for the relationships that state a fact (INHIBITS, "
        "SUBSTRATE_OF, NOT_SUBSTRATE_OF, HAS_METASTASIS, ...), the ids of their sources; structural "
        "relationships (HAD_LINE, OBSERVED, AT_SITE, ...) have none, their evidence is on their nodes. ID is a "
        "node id, or the name, synonym or brand of a drug, target, transporter, site or disease (then of an "
        f"alteration, trial, finding, case or publication). DEPTH above {MAX_DEPTH} is refused."
    ),
    params=(
        Param("id", str, "alectinib", "the centre: an id, or a drug, target, transporter, site or disease name"),
        DEPTH,
    ),
    memory=neighbourhood,
    columns=("start", "start_name", "type", "end", "end_name", "sources"),
    resolve={"id": tuple(label.value for label in CENTRE_LABELS)},
    sort_key=("start", "type", "end"),
)


def neighbourhood_graph(store: Store, id: str, depth: int = 1) -> nx.MultiDiGraph:
    """The `neighbourhood` slice as a graph of the canonical shape (kg/graph.py): nodes keyed by id with `label`
    and every property, edges keyed by type with every property. `id` may be a name, as for the question."""
    from kg import api, cypher
    from kg.store import MemoryStore, Neo4jGraphStore

    params = api.resolve_params(NEIGHBOURHOOD, NEIGHBOURHOOD.bind({"id": id, "depth": depth}), store)
    centre, depth = params["id"], params["depth"]
    h = nx.MultiDiGraph()
    if isinstance(store, MemoryStore):
        g = store.graph
        for start, rel, end in slice_edges(g, centre, depth):
            for n in (start, end):
                if n not in h:
                    h.add_node(n, **copy.deepcopy(g.nodes[n]))
            h.add_edge(start, end, key=rel, **copy.deepcopy(g.edges[start, end, rel]))
        if centre not in h:
            h.add_node(centre, **copy.deepcopy(g.nodes[centre]))
    elif isinstance(store, Neo4jGraphStore):
        query = cypher.load("questions/neighbourhood_graph").text
        rows = store._guard(lambda: store.db.read(query, params))
        for row in rows:
            for node in row["nodes"]:
                h.add_node(node["id"], label=node["label"], **{k: v for k, v in node["props"].items() if k != "id"})
            for rel in row["relationships"]:
                h.add_edge(rel["start"], rel["end"], key=rel["type"], type=rel["type"], **rel["props"])
    else:
        raise KGError(f"cannot take a neighbourhood of {store!r}")
    h.graph.update({"centre": centre, "depth": depth, "source_fingerprint": store.fingerprint()})
    return h


QUESTIONS: tuple[Question, ...] = (NEIGHBOURHOOD,)
