"""The node-link JSON writer (d3, networkx's node_link_graph)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from kg.export.common import (
    Out,
    edge_attributes,
    edge_id,
    graph_attributes,
    json_array,
    json_text,
    node_attributes,
    text_out,
)
from kg.export.view import edge_items, node_items


def write_node_link(g: nx.MultiDiGraph, out: Out) -> None:
    """Node-link JSON with `nodes` and `links`: what d3 (d3-force) reads, and networkx's `node_link_graph(data)`
    by default from 3.2 to 3.5 (from 3.6 on, whose default is `edges`: `node_link_graph(data, edges="links")`).
    A relationship's `key` is its type."""

    def nodes() -> Iterator[dict[str, Any]]:
        for node_id, label, props in node_items(g):
            yield node_attributes(node_id, label, props)

    def edges() -> Iterator[dict[str, Any]]:
        for start, rel, end, props in edge_items(g):
            yield {"source": start, "target": end, "key": rel, "id": edge_id(start, rel, end),
                   **edge_attributes(rel, props)}

    with text_out(out) as f:
        f.write(f'{{"directed":true,"multigraph":true,"graph":{json_text(graph_attributes(g))},"nodes":')
        json_array(f, nodes())
        f.write(',"links":')
        json_array(f, edges())
        f.write("}\n")
