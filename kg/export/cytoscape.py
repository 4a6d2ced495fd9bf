"""The Cytoscape.js JSON writer (Cytoscape's .cyjs, Cytoscape.js, networkx's cytoscape_graph)."""

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

# Keys of Cytoscape JSON that Cytoscape or networkx read themselves; a property of that name is `oncokg_<name>`.
CYTOSCAPE_NODE_KEYS = frozenset({"value"})
CYTOSCAPE_EDGE_KEYS = frozenset({"interaction"})


def _cytoscape_name(name: str, keys: frozenset[str]) -> str:
    return f"oncokg_{name}" if name in keys else name


def write_cytoscape_json(g: nx.MultiDiGraph, out: Out) -> None:
    """Cytoscape.js JSON: {"data", "directed", "multigraph", "elements": {"nodes", "edges"}}, each element's
    attributes under "data". Cytoscape's and networkx's own keys come too: a node's `value` (its id, for
    networkx), a relationship's `id`, `source`, `target`, `key` and `interaction` (its type, for Cytoscape).
    A property named like one of these (a Finding's `value`) is written as `oncokg_<name>`."""

    def nodes() -> Iterator[dict[str, Any]]:
        for node_id, label, props in node_items(g):
            attrs = node_attributes(node_id, label, props)
            yield {"data": {**{_cytoscape_name(k, CYTOSCAPE_NODE_KEYS): v for k, v in attrs.items()}, "value": node_id}}

    def edges() -> Iterator[dict[str, Any]]:
        for start, rel, end, props in edge_items(g):
            attrs = {_cytoscape_name(k, CYTOSCAPE_EDGE_KEYS): v for k, v in edge_attributes(rel, props).items()}
            yield {"data": {"id": edge_id(start, rel, end), "source": start, "target": end, "key": rel,
                            "interaction": rel, **attrs}}

    with text_out(out) as f:
        f.write(f'{{"data":{json_text(graph_attributes(g))},"directed":true,"multigraph":true,"elements":{{"nodes":')
        json_array(f, nodes())
        f.write(',"edges":')
        json_array(f, edges())
        f.write("}}\n")
