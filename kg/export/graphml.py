"""The GraphML writer (yEd, Cytoscape, Gephi, networkx, igraph)."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.export.common import LABEL_COLOURS, Out, caption, edge_id, graph_attributes, label_of, rgb, text_out
from kg.export.view import edge_items, node_items
from kg.export.xml_attributes import scalar_type, scan, xml_cells, xml_text, xml_value

# GraphML attributes that the tools read themselves: Gephi shows `label` and colours a node by `r`, `g`, `b`;
# igraph takes `name` as the vertex name, which must be unique, so in GraphML `name` is the node's id and its
# readable name is `label`.
GRAPHML_SHOWN = ("name", "label", "r", "g", "b")


def _graphml_node(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's GraphML attributes: labels, name (the id), label (the readable name), r, g, b (the label's
    colour), then the properties (a property named like one of these is not written: none is)."""
    attrs: dict[str, Any] = {"labels": label, "name": node_id, "label": caption(node_id, {"label": label, **props})}
    colour = LABEL_COLOURS.get(label_of(label))  # type: ignore[arg-type]
    if colour:
        attrs.update(zip("rgb", rgb(colour)))
    attrs.update((k, props[k]) for k in sorted(props) if k not in attrs)
    return attrs


def _graphml_edge(rel: str, props: dict[str, Any]) -> dict[str, Any]:
    """A relationship's GraphML attributes: type, label (the type again: what Gephi shows), the properties."""
    return {"type": rel, "label": rel, **{k: props[k] for k in sorted(props) if k != "label"}}


def write_graphml(g: nx.MultiDiGraph, out: Out) -> None:
    """GraphML (directed). Node ids are our ids; relationship ids are `edge_id`. Types: long, double,
    boolean, string; lists are JSON text, and their key's <desc> says `JSON list`. Nodes carry `label` (the
    readable name) and `r`, `g`, `b` (the label's colour), which Gephi reads, and `name` is the node id, unique,
    as igraph wants vertex names; a relationship's `label` is its type."""
    nodes, edges = scan(g, _graphml_node, _graphml_edge)
    node_types, edge_types = nodes.resolved(), edges.resolved()
    node_types.update({c: "int" for c in "rgb" if c in node_types})
    # The keys Gephi reads have their own name as id (it matches either); the rest are n0, n1, ... and e0, ...
    node_key = {k: (k if k in GRAPHML_SHOWN else v) for k, v in nodes.ids("n").items()}
    edge_key = edges.ids("e")
    with text_out(out) as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for domain, keys, types, lists in (("node", node_key, node_types, nodes.lists),
                                           ("edge", edge_key, edge_types, edges.lists)):
            for name, kid in keys.items():
                attr = f'  <key id="{kid}" for="{domain}" attr.name={quoteattr(name)} attr.type="{types[name]}"'
                if name in lists:
                    f.write(f"{attr}><desc>JSON list</desc></key>\n")
                else:
                    f.write(f"{attr}/>\n")
        about = graph_attributes(g)
        for i, (name, value) in enumerate(about.items()):
            f.write(f'  <key id="g{i}" for="graph" attr.name={quoteattr(name)} attr.type="{scalar_type(value)}"/>\n')
        f.write('  <graph id="oncokg" edgedefault="directed">\n')
        for i, value in enumerate(about.values()):
            text = xml_text(xml_value(value, scalar_type(value)), "graph")
            f.write(f'    <data key="g{i}">{escape(text)}</data>\n')
        for node_id, label, props in node_items(g):
            where = f"node {node_id}"
            f.write(f"    <node id={quoteattr(xml_text(node_id, where))}>\n")
            for kid, text in xml_cells(_graphml_node(node_id, label, props), node_types, node_key, where):
                f.write(f'      <data key="{kid}">{escape(text)}</data>\n')
            f.write("    </node>\n")
        for start, rel, end, props in edge_items(g):
            where = f"relationship {start} -[{rel}]-> {end}"
            f.write(f"    <edge id={quoteattr(edge_id(start, rel, end))} source={quoteattr(start)} "
                    f"target={quoteattr(end)}>\n")
            for kid, text in xml_cells(_graphml_edge(rel, props), edge_types, edge_key, where):
                f.write(f'      <data key="{kid}">{escape(text)}</data>\n')
            f.write("    </edge>\n")
        f.write("  </graph>\n</graphml>\n")
