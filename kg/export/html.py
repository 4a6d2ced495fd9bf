"""The HTML writer: one self-contained page that draws a slice of the graph with Cytoscape.js, offline."""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx

from kg import resources
from kg.errors import KGError
from kg.export.common import (
    LABEL_COLOURS,
    Out,
    caption,
    edge_attributes,
    edge_id,
    graph_attributes,
    json_text,
    label_of,
    node_attributes,
    text_out,
)
from kg.export.view import edge_items, node_items
from kg.model import Label

HTML_MAX_NODES = 10_000
# Captions are 12 px; the page never opens zoomed out further than this, so they are drawn at 9 px or more.
HTML_READABLE_ZOOM = 0.75


def _distances(g: nx.MultiDiGraph, centre: str) -> dict[str, int]:
    """Relationships between each node and `centre`, either direction (what --around --depth counts)."""
    return dict(nx.single_source_shortest_path_length(nx.Graph(g.to_undirected(as_view=True)), centre))


def html_elements(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the HTML page draws, as Cytoscape.js elements: each node with its caption (`caption`), label,
    colour and properties, `level` (its distance from the centre of a neighbourhood) and the class `centre`
    or `unlinked` (a Publication no relationship of the slice touches: hidden until the page's toggle shows it);
    each relationship with its type and properties."""
    centre = g.graph.get("centre")
    levels = _distances(g, centre) if centre in g else {}
    nodes, labels = [], set()
    for node_id, label, props in node_items(g):
        labels.add(label)
        classes = "centre" if node_id == centre else "unlinked" if (
            label == Label.PUBLICATION.value and g.degree(node_id) == 0) else ""
        nodes.append({"data": {"id": node_id, "caption": caption(node_id, {"label": label, **props}), "label": label,
                               "color": LABEL_COLOURS.get(label_of(label), "#A5ABB6"),  # type: ignore[arg-type]
                               "level": levels.get(node_id, 0), "props": node_attributes(node_id, label, props)},
                      "classes": classes})
    edges = [{"data": {"id": edge_id(start, rel, end), "source": start, "target": end, "type": rel,
                       "props": edge_attributes(rel, props)}}
             for start, rel, end, props in edge_items(g)]
    return {"title": graph_attributes(g)["name"], "centre": centre if centre in g else None,
            "depth": max(levels.values(), default=0), "readable_zoom": HTML_READABLE_ZOOM,
            "legend": [[lab.value, colour] for lab, colour in LABEL_COLOURS.items() if lab.value in labels],
            "nodes": nodes, "edges": edges}


def write_html(g: nx.MultiDiGraph, out: Out) -> None:
    """One self-contained page, drawn by Cytoscape.js (inlined: no network requests). Nodes coloured by label
    with a legend and captioned by name, readable as the page opens (it never opens zoomed out below
    HTML_READABLE_ZOOM: `Fit` shows all); relationships captioned by type. A neighbourhood (--around) is drawn
    in rings around its centre, which is marked (larger, a thick border) and centred. Publications that no
    relationship links to anything drawn are hidden behind a toggle. A click on a node or relationship shows
    all its properties, sources included; the search box finds a node by name or id. Rendered in one piece,
    so meant for slices (at most HTML_MAX_NODES nodes)."""
    if g.number_of_nodes() > HTML_MAX_NODES:
        raise KGError(f"the HTML view draws at most {HTML_MAX_NODES} nodes, this graph has {g.number_of_nodes()}: "
                      "export a slice (--around ID --depth N, or --question ID), or use graphml or gexf")
    templates = resources.path("templates")
    data = json_text(html_elements(g)).replace("<", "\\u003c")  # no `</script>` can end the data block early
    parts = {"__TITLE__": escape(graph_attributes(g)["name"]), "__DATA__": data,
             "__CYTOSCAPE__": (templates / "cytoscape.min.js").read_text(encoding="utf-8")}
    page = re.sub("|".join(parts), lambda m: parts[m.group(0)],
                  (templates / "graph.html").read_text(encoding="utf-8"))
    with text_out(out) as f:
        f.write(page)
