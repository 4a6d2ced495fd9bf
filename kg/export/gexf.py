"""The GEXF 1.3 writer (Gephi), nodes coloured by label."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg import resources
from kg.export.common import (
    LABEL_COLOURS,
    Out,
    caption,
    edge_attributes,
    edge_id,
    graph_attributes,
    label_of,
    rgb,
    text_out,
)
from kg.export.view import edge_items, node_items
from kg.export.xml_attributes import scan, xml_cells, xml_node, xml_text



def _gexf_description(g: nx.MultiDiGraph) -> str:
    return "; ".join(f"{k}: {v}" for k, v in graph_attributes(g).items())


def write_gexf(g: nx.MultiDiGraph, out: Out) -> None:
    """GEXF 1.3 (Gephi). Node `label` (what Gephi shows) is the name; a relationship's `label` is its type.
    Nodes carry their label's colour (viz:color). Attributes as in GraphML: lists are JSON text."""
    nodes, edges = scan(g)
    node_types, edge_types = nodes.resolved(), edges.resolved()
    node_key, edge_key = nodes.ids("n"), edges.ids("e")
    with text_out(out) as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
                f"  <meta><creator>OncoKG {escape(resources.VERSION)}</creator>"
                f"<description>{escape(_gexf_description(g))}</description></meta>\n"
                '  <graph defaultedgetype="directed" mode="static">\n')
        for domain, keys, types in (("node", node_key, node_types), ("edge", edge_key, edge_types)):
            f.write(f'    <attributes class="{domain}" mode="static">\n')
            for name, kid in keys.items():
                f.write(f'      <attribute id="{kid}" title={quoteattr(name)} type="{types[name]}"/>\n')
            f.write("    </attributes>\n")
        f.write("    <nodes>\n")
        for node_id, label, props in node_items(g):
            where = f"node {node_id}"
            shown = xml_text(caption(node_id, {"label": label, **props}), where)
            f.write(f"      <node id={quoteattr(xml_text(node_id, where))} label={quoteattr(shown)}>\n"
                    "        <attvalues>\n")
            for kid, text in xml_cells(xml_node(node_id, label, props), node_types, node_key, where):
                f.write(f'          <attvalue for="{kid}" value={quoteattr(text)}/>\n')
            f.write("        </attvalues>\n")
            colour = LABEL_COLOURS.get(label_of(label))  # type: ignore[arg-type]
            if colour:
                r, gr, b = rgb(colour)
                f.write(f'        <viz:color r="{r}" g="{gr}" b="{b}"/>\n')
            f.write("      </node>\n")
        f.write("    </nodes>\n    <edges>\n")
        for start, rel, end, props in edge_items(g):
            where = f"relationship {start} -[{rel}]-> {end}"
            f.write(f"      <edge id={quoteattr(edge_id(start, rel, end))} source={quoteattr(start)} "
                    f"target={quoteattr(end)} label={quoteattr(rel)}>\n        <attvalues>\n")
            for kid, text in xml_cells(edge_attributes(rel, props), edge_types, edge_key, where):
                f.write(f'          <attvalue for="{kid}" value={quoteattr(text)}/>\n')
            f.write("        </attvalues>\n      </edge>\n")
        f.write("    </edges>\n  </graph>\n</gexf>\n")
