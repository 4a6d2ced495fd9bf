"""The question `neighbourhood`, the relationships around a node, and `neighbourhood_graph`, the same slice as a graph.

The slice of depth D around a node holds every relationship on an undirected path of at most D relationships
from it: the relationships of every node at most D - 1 steps away. Depth is capped at 3: on this graph a
publication or a site reaches most of the graph in four steps.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.model import TRANSPORTER_ROLE_REL, Label
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import claim_text, parse_statement, source_refs
from kg.questions.params import resolve_params
from kg.stores import MemoryStore, Neo4jGraphStore, Store, cypher

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
        a, b, data = g.nodes[start], g.nodes[end], g.edges[start, end, rel]
        rows.append({
            "start": start, "start_label": a["label"], "start_name": a.get("name"),
            "type": rel,
            "end": end, "end_label": b["label"], "end_name": b.get("name"),
            "statements": [{"statement": s, "sources": source_refs(g, s.split(" | ", 1)[0].split(", "))}
                           for s in data.get("statements", [])],
            "sources": source_refs(g, data.get("sources") or []),
        })
    return rows


# Transporter relationship types and the role each states.
TRANSPORTER_TYPES = {rel.value: kind.value for kind, rel in TRANSPORTER_ROLE_REL.items()}


def statement_text(rel: str, statement: str) -> str:
    """A stored statement in words, without its source ids. A transporter statement gives its role with strength,
    system and species, then its qualifier ('weak substrate (in vitro, mouse only): ...'); any other its parts
    after the sources ('in vitro: IN VITRO ONLY; ...', 'primary: ...'), or 'stated' when it has none."""
    if rel in TRANSPORTER_TYPES:
        st = parse_statement(statement)
        return f"{claim_text(TRANSPORTER_TYPES[rel], st)}: {st['qualifier']}"
    rest = statement.partition(" | ")[2]
    return ": ".join(rest.split(" | ", 1)) or "stated"


def neighbourhood_finish(rows: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """Each statement in words with its own sources, the same for both stores."""
    return [{**row, "statements": [{"text": statement_text(row["type"], s["statement"]), "sources": s["sources"]}
                                   for s in row["statements"]]} for row in rows]


def neighbourhood_table(row: dict[str, Any]) -> dict[str, Any]:
    """One footnoted line per statement; a relationship with sources but no statements (a case's metastasis)
    is one line 'stated' with them; a structural one has none."""
    evidence = [Cited(s["text"], s["sources"]) for s in row["statements"]]
    if not evidence and row["sources"]:
        evidence = [Cited("stated", row["sources"])]
    return {k: row[k] for k in ("start", "start_name", "type", "end", "end_name")} | {"evidence": evidence}


def neighbourhood_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One item per statement (or the relationship itself when it has none), with its own sources."""
    head = {k: row[k] for k in ("start", "start_label", "start_name", "type", "end", "end_label", "end_name")}
    return [{**head, **s} for s in row["statements"]] or [{**head, "text": None, "sources": row["sources"]}]


DEPTH = RangeParam("depth", int, 1, f"relationships away from the centre, 1 to {MAX_DEPTH}")

NEIGHBOURHOOD = Question(
    id="neighbourhood",
    title="The relationships around a node, to a depth of 1 to 3, with each statement and its sources",
    description=(
        "Every relationship on a path of at most DEPTH relationships from ID, in either direction: one row per "
        "relationship with both ends (id, label, name). A relationship that states a fact (INHIBITS, "
        "SUBSTRATE_OF, NOT_SUBSTRATE_OF, ACTIVE_AGAINST, ...) lists `statements`, one per curated record, each "
        "with `text` (its role with strength, system and species for a transporter, e.g. 'weak substrate (in "
        "vitro, mouse only): ...'; its system or role and qualifier otherwise, e.g. 'in vitro: ...') and its own "
        "sources (id, name, kind, verified, evidence level); `sources` is their union (a case's HAS_METASTASIS has "
        "sources and no statements). Structural relationships (HAD_LINE, OBSERVED, AT_SITE, ...) have none, their "
        "evidence is on their nodes. ID is a node id, or the name, synonym or brand of a drug, target, "
        "transporter, site or disease (then of an alteration, trial, finding, case or publication). DEPTH above "
        f"{MAX_DEPTH} is refused."
    ),
    params=(
        Param("id", str, "alectinib", "the centre: an id, or a drug, target, transporter, site or disease name"),
        DEPTH,
    ),
    memory=neighbourhood,
    columns=("start", "start_name", "type", "end", "end_name"),
    resolve={"id": tuple(label.value for label in CENTRE_LABELS)},
    sort_key=("start", "type", "end"),
    table=neighbourhood_table,
    items=neighbourhood_items,
    finish=neighbourhood_finish,
)


def neighbourhood_graph(store: Store, id: str, depth: int = 1) -> nx.MultiDiGraph:
    """The `neighbourhood` slice as a graph of the canonical shape (kg/graph/build.py): nodes keyed by id with `label`
    and every property, edges keyed by type with every property. `id` may be a name, as for the question."""
    params = resolve_params(NEIGHBOURHOOD, NEIGHBOURHOOD.bind({"id": id, "depth": depth}), store.resolve)
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
        rows = store.read(query, params)
        for row in rows:
            for node in row["nodes"]:
                h.add_node(node["id"], label=node["label"], **{k: v for k, v in node["props"].items() if k != "id"})
            for rel in row["relationships"]:
                h.add_edge(rel["start"], rel["end"], key=rel["type"], type=rel["type"], **rel["props"])
    else:
        raise KGError(f"cannot take a neighbourhood of {store!r}")
    h.graph.update({"centre": centre, "depth": depth, "source_fingerprint": store.fingerprint()})
    return h

