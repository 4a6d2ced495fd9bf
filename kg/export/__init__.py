"""Export sinks: the canonical graph (or a slice of it) in the formats other tools read.

| format      | writes                                   | read by                                        |
|-------------|------------------------------------------|------------------------------------------------|
| `graphml`   | one GraphML file                         | yEd, Cytoscape, Gephi, networkx, igraph         |
| `gexf`      | one GEXF 1.3 file, nodes coloured by label| Gephi, networkx                                |
| `cytoscape` | Cytoscape.js JSON (`elements`)           | Cytoscape (.cyjs), Cytoscape.js, networkx       |
| `node-link` | node-link JSON (`nodes`, `links`)        | d3, networkx `node_link_graph`                  |
| `kgx`       | a directory: `nodes.tsv`, `edges.tsv`    | KGX (Biolink categories and predicates)         |
| `neo4j-csv` | a directory of `neo4j-admin database import` CSV files | Neo4j bulk import (kg.stores.bulk)       |
| `html`      | one self-contained HTML page (Cytoscape.js) | any browser, offline                         |

Every format carries the same attributes. A node: `id`, `labels` (its label, e.g. `Drug`), `name` (never empty:
`display_name`) and every property; in GraphML, `name` is the id (igraph wants unique vertex names) and what to show is
`label` (`caption`), with the label's colour as `r`, `g`, `b` (what Gephi reads). A relationship: `type` (e.g. `INHIBITS`) and every property, `sources` and `statements` included.
JSON formats keep lists as lists. GraphML and GEXF have no list type: a list is written as its JSON text
(`["PMID:1","PMID:2"]`, compact, non-ASCII kept), so `json.loads` gives it back; the GraphML key of such an
attribute says so in its `<desc>`. A missing value (null) is an absent attribute, never an empty string.
KGX and Neo4j CSV follow their own conventions, documented at their writers.

Writers stream: they make one pass over the graph to learn the attribute names and types, then write
node by node and relationship by relationship, so a large graph is never held twice in memory. The HTML
view is the exception (Cytoscape.js draws one page): use it for slices.

Formats are found through the plain dict `FORMATS`, one module per format (graphml, gexf, cytoscape, node_link,
kgx, neo4j_csv, html). Each writer takes the graph and a path (a directory for `kgx` and `neo4j-csv`) or an open
text stream. The graph comes from kg.export.view, which reads a store; a slice by question is cut from an answer
its caller asked for (kg.api.export): the export never asks.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.export.browser_style import grass
from kg.export.common import LABEL_COLOURS, Out, Writer, caption, directory, display_name, edge_id, encode_list
from kg.export.cytoscape import write_cytoscape_json
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.html import write_html
from kg.export.kgx import BIOLINK_CATEGORY, BIOLINK_PREDICATE, KGX_RENAMED, write_kgx
from kg.export.neo4j_csv import write_neo4j_csv
from kg.export.node_link import write_node_link
from kg.export.view import StreamedGraph, check_scope, select, streamed
from kg.stores.neo4j_csv import NEO4J_ARRAY_DELIMITER

FORMATS: dict[str, Writer] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "cytoscape": write_cytoscape_json,
    "node-link": write_node_link,
    "kgx": write_kgx,
    "neo4j-csv": write_neo4j_csv,
    "html": write_html,
}
# Formats that write a directory of files rather than one file (or stream).
DIRECTORY_FORMATS = frozenset({"kgx", "neo4j-csv"})
# Formats whose writers only walk the nodes and relationships in order (twice at most): a whole Neo4j graph is
# streamed into them (StreamedGraph), so an export of any size holds a few rows at a time, not the graph.
STREAMED_FORMATS = frozenset({"graphml", "gexf", "cytoscape", "node-link", "neo4j-csv"})


@dataclass(frozen=True)
class ExportReport:
    """What `write` wrote: the format, the counts of nodes and relationships, and the files (`-`: a stream)."""

    format: str
    nodes: int
    relationships: int
    files: list[str]


def write(g: nx.MultiDiGraph | StreamedGraph, fmt: str, out: Out) -> ExportReport:
    """Write `g` in format `fmt` to `out` (a path, `-` or a text stream; a directory for kgx and neo4j-csv)."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise KGError(f"unknown export format {fmt!r} (valid: {', '.join(FORMATS)})")
    if isinstance(out, str) and out == "-":
        if fmt in DIRECTORY_FORMATS:
            directory(out, fmt)  # raises: several files cannot go to standard output
        out = sys.stdout
    result = writer(g, out)
    if fmt == "neo4j-csv":
        files = [str(p) for _, p in result["nodes"] + result["relationships"]]
    elif fmt == "kgx":
        files = [str(p) for p in result.values()]
    else:
        files = [str(out) if isinstance(out, str | Path) else "-"]
    return ExportReport(fmt, g.number_of_nodes(), g.number_of_edges(), files)


__all__ = ["BIOLINK_CATEGORY", "BIOLINK_PREDICATE", "DIRECTORY_FORMATS", "FORMATS", "KGX_RENAMED", "LABEL_COLOURS",
           "NEO4J_ARRAY_DELIMITER", "STREAMED_FORMATS", "ExportReport", "StreamedGraph", "caption", "check_scope",
           "display_name", "edge_id", "encode_list", "grass", "select", "streamed", "write", "write_cytoscape_json",
           "write_gexf", "write_graphml", "write_html", "write_kgx", "write_neo4j_csv", "write_node_link"]
