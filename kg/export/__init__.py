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

Formats are found through the plain dict `FORMATS`. Each writer takes the graph and a path (a directory
for `kgx` and `neo4j-csv`) or an open text stream.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, TypedDict
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.errors import KGError
from kg.model import Label, Rel

if TYPE_CHECKING:
    from kg.stores import Store

Out = Path | str | IO[str]
Writer = Callable[[nx.MultiDiGraph, Any], Any]

# Attribute names every format writes itself; a property of the same name would be ambiguous.
RESERVED_NODE = frozenset({"id", "labels"})
RESERVED_EDGE = frozenset({"id", "source", "target", "key", "type"})

# One colour per label: the HTML view, GEXF (Gephi) and the Neo4j Browser style file use the same.
LABEL_COLOURS: dict[Label, str] = {
    Label.DRUG: "#C990C0",
    Label.TARGET: "#F79767",
    Label.TRANSPORTER: "#57C7E3",
    Label.ALTERATION: "#F16667",
    Label.DISEASE: "#D9C8AE",
    Label.SITE: "#8DCC93",
    Label.TRIAL: "#ECB5C9",
    Label.PUBLICATION: "#4C8EDA",
    Label.CASE: "#FFC454",
    Label.TREATMENT_LINE: "#DA7194",
    Label.OBSERVATION: "#569480",
    Label.FINDING: "#7E57C2",
}
# What the views show on a node of these labels instead of its name (GraphML and GEXF `label`, the HTML view,
# Neo4j Browser): a treatment line's step names its line of therapy, where its name alone would read like the drug.
LABEL_CAPTIONS: dict[Label, str] = {Label.TREATMENT_LINE: "step"}


# --------------------------------------------------------------------------- common


def encode_list(value: list[Any]) -> str:
    """The one rule for formats without lists: compact JSON text, non-ASCII kept."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def edge_id(start: str, rel: str, end: str) -> str:
    """A stable relationship id: the same (start, type, end) has the same id in every export and slice."""
    digest = hashlib.sha256(f"{start}\t{rel}\t{end}".encode()).hexdigest()[:16]
    return f"oncokg:edge-{digest}"


def display_name(node_id: str, label: str, props: dict[str, Any]) -> str:
    """A node's `name` in every export, never empty: its name, else `<label> <id>`."""
    name = props.get("name")
    return str(name) if name else f"{label} {node_id}".strip()


def caption(node_id: str, data: dict[str, Any]) -> str:
    """What a tool shows on a node (data holds `label` and the properties): a treatment line's `step` (`line 2:
    crizotinib`: its name alone would read like the drug), else display_name."""
    label = str(data.get("label", ""))
    prop = LABEL_CAPTIONS.get(_label(label))  # type: ignore[arg-type]
    if prop and data.get(prop):
        return str(data[prop])
    return display_name(node_id, label, data)


def _label(value: Any) -> Label | None:
    try:
        return Label(value)
    except ValueError:
        return None


class StreamedGraph:
    """The whole graph of a Neo4j store as sorted streams, read while writing and never held in memory: what
    the exports of a whole Neo4j graph read (formats in STREAMED_FORMATS). It answers what those writers ask
    of a graph: `graph` (its attributes), `number_of_nodes()`, `number_of_edges()`, and, through node_items
    and edge_items, the nodes and relationships in their order. Each label's nodes and each label's outgoing
    relationships come sorted from Neo4j (cypher/export/); the streams are merged here."""

    def __init__(self, store: Any, about: dict[str, Any]):
        self.store = store
        self.graph = dict(about)
        counts = store.counts()
        self.labels = sorted(name for name in counts["labels"] if _label(name) is not None)  # schema labels only
        self._nodes = sum(counts["labels"].values())
        self._edges = sum(counts["relationships"].values())

    def number_of_nodes(self) -> int:
        return self._nodes

    def number_of_edges(self) -> int:
        return self._edges

    def _streams(self, name: str) -> list[Iterator[dict[str, Any]]]:
        from kg.stores import cypher

        return [self.store.db.stream(cypher.template(name, label=Label(label))) for label in self.labels]

    def sorted_nodes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, properties with `label`), in id order."""
        def labelled(label: str, rows: Iterator[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
            for row in rows:
                yield row["id"], {**{k: v for k, v in row["props"].items() if k != "id"}, "label": label}

        streams = [labelled(label, rows) for label, rows in zip(self.labels, self._streams("export/nodes"))]
        yield from self._guarded(heapq.merge(*streams, key=lambda item: item[0]))

    def sorted_edges(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """(start, type, end, properties), in (start, type, end) order."""
        streams = [((row["start"], row["type"], row["end"], row["props"]) for row in rows)
                   for rows in self._streams("export/relationships")]
        yield from self._guarded(heapq.merge(*streams, key=lambda item: item[:3]))

    def _guarded(self, items: Iterator[Any]) -> Iterator[Any]:
        """Driver errors while streaming become the store's one-line errors."""
        it = iter(items)
        while (item := self.store._guard(lambda: next(it, _END))) is not _END:
            yield item


_END = object()


def node_items(g: nx.MultiDiGraph | StreamedGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, label, properties without label and nulls), sorted by id."""
    pairs = g.sorted_nodes() if isinstance(g, StreamedGraph) else ((n, g.nodes[n]) for n in sorted(g.nodes))
    for node_id, data in pairs:
        props = {k: v for k, v in data.items() if k != "label" and v is not None}
        bad = RESERVED_NODE & props.keys()
        if bad:
            raise KGError(f"node {node_id}: property {sorted(bad)[0]!r} clashes with an attribute every export "
                          "writes itself; rename it")
        yield node_id, str(data.get("label", "")), props


def edge_items(g: nx.MultiDiGraph | StreamedGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(start, type, end, properties without type and nulls), sorted."""
    if isinstance(g, StreamedGraph):
        quads: Iterable[tuple[str, str, str, dict[str, Any]]] = g.sorted_edges()
    else:
        quads = ((start, str(key), end, g.edges[start, end, key])
                 for start, end, key in sorted(g.edges(keys=True), key=lambda e: (e[0], str(e[2]), e[1])))
    for start, key, end, data in quads:
        rel = str(data.get("type") or key)
        props = {k: v for k, v in data.items() if k != "type" and v is not None}
        bad = RESERVED_EDGE & props.keys()
        if bad:
            raise KGError(f"relationship {start} -[{rel}]-> {end}: property {sorted(bad)[0]!r} clashes with an "
                          "attribute every export writes itself; rename it")
        yield start, rel, end, props


def graph_attributes(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the export is: `name` (a title), and where set the slice (`centre`, `depth`, `question`,
    `params`) and `source_fingerprint`, the fingerprint of the graph it was cut from."""
    out: dict[str, Any] = {"name": str(g.graph.get("title") or "OncoKG")}
    for k in ("centre", "depth", "question", "params", "source_fingerprint"):
        v = g.graph.get(k)
        if isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False, sort_keys=True)
        if isinstance(v, str | int | float | bool):
            out[k] = v
    return out


def node_attributes(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's attributes as every format writes them: id, labels, name (display_name: never empty), then the
    properties by name."""
    out: dict[str, Any] = {"id": node_id, "labels": label, "name": display_name(node_id, label, props)}
    out.update((k, props[k]) for k in sorted(props) if k != "name")
    return out


def edge_attributes(rel: str, props: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": rel}
    out.update((k, props[k]) for k in sorted(props))
    return out


@contextmanager
def _text_out(out: Out) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        path = Path(out)
        if path.parent and not path.parent.exists():
            raise KGError(f"cannot write {path}: the directory {path.parent} does not exist")
        with path.open("w", encoding="utf-8", newline="\n") as f:
            yield f
    else:
        yield out


def _directory(out: Out, fmt: str) -> Path:
    if not isinstance(out, str | Path) or str(out) == "-":
        raise KGError(f"{fmt} writes several files: give a directory with -o DIRECTORY, not standard output")
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise KGError(f"{fmt} writes several files into a directory, but {path} is a file")
    path.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------- XML (GraphML, GEXF)

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str, where: str) -> str:
    if _XML_BAD.search(value):
        raise KGError(f"{where}: a control character cannot be written to XML; remove it from the data")
    return value


def _scalar_type(value: Any) -> str:
    """The XML attribute type of a value: boolean, long, double or string (lists become JSON text)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _merge_types(types: set[str]) -> str:
    if len(types) == 1:
        return next(iter(types))
    if types == {"long", "double"}:
        return "double"
    return "string"


def _xml_value(value: Any, xml_type: str) -> str:
    if isinstance(value, list):
        return encode_list(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if xml_type == "double" and isinstance(value, int):
        return repr(float(value))
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        return repr(value)
    return str(value)


@dataclass
class _Keys:
    """Attribute names with their XML types, and which of them hold lists, for one kind of element."""

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    lists: set[str] = field(default_factory=set)

    def see(self, attrs: dict[str, Any]) -> None:
        for k, v in attrs.items():
            self.types[k].add(_scalar_type(v))
            if isinstance(v, list):
                self.lists.add(k)

    def resolved(self) -> dict[str, str]:
        return {k: _merge_types(t) for k, t in self.types.items()}

    def ids(self, prefix: str) -> dict[str, str]:
        """Each attribute's key id in the file: `<prefix>0`, `<prefix>1`, ... in first-seen order."""
        return {name: f"{prefix}{i}" for i, name in enumerate(self.types)}


def _xml_cells(attrs: dict[str, Any], types: dict[str, str], ids: dict[str, str],
               where: str) -> Iterator[tuple[str, str]]:
    """(key id, text) of each attribute of one element, its value written as its key's type (GraphML and GEXF)."""
    for k, v in attrs.items():
        yield ids[k], _xml_text(_xml_value(v, types[k]), f"{where}: {k}")


def _xml_node(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's XML attributes: as everywhere, less `id`, which is the XML element's own id (igraph and Gephi
    would clash with a second one)."""
    attrs = node_attributes(node_id, label, props)
    del attrs["id"]
    return attrs


# GraphML attributes that the tools read themselves: Gephi shows `label` and colours a node by `r`, `g`, `b`;
# igraph takes `name` as the vertex name, which must be unique, so in GraphML `name` is the node's id and its
# readable name is `label`.
GRAPHML_SHOWN = ("name", "label", "r", "g", "b")


def _graphml_node(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's GraphML attributes: labels, name (the id), label (the readable name), r, g, b (the label's
    colour), then the properties (a property named like one of these is not written: none is)."""
    attrs: dict[str, Any] = {"labels": label, "name": node_id, "label": caption(node_id, {"label": label, **props})}
    colour = LABEL_COLOURS.get(_label(label))  # type: ignore[arg-type]
    if colour:
        attrs.update(zip("rgb", _rgb(colour)))
    attrs.update((k, props[k]) for k in sorted(props) if k not in attrs)
    return attrs


def _graphml_edge(rel: str, props: dict[str, Any]) -> dict[str, Any]:
    """A relationship's GraphML attributes: type, label (the type again: what Gephi shows), the properties."""
    return {"type": rel, "label": rel, **{k: props[k] for k in sorted(props) if k != "label"}}


def _scan(g: nx.MultiDiGraph, node: Callable[[str, str, dict[str, Any]], dict[str, Any]] = _xml_node,
          edge: Callable[[str, dict[str, Any]], dict[str, Any]] = lambda rel, props: edge_attributes(rel, props),
          ) -> tuple[_Keys, _Keys]:
    nodes, edges = _Keys(), _Keys()
    for node_id, label, props in node_items(g):
        nodes.see(node(node_id, label, props))
    for _, rel, _, props in edge_items(g):
        edges.see(edge(rel, props))
    return nodes, edges


def write_graphml(g: nx.MultiDiGraph, out: Out) -> None:
    """GraphML (directed). Node ids are our ids; relationship ids are `edge_id`. Types: long, double,
    boolean, string; lists are JSON text, and their key's <desc> says `JSON list`. Nodes carry `label` (the
    readable name) and `r`, `g`, `b` (the label's colour), which Gephi reads, and `name` is the node id, unique,
    as igraph wants vertex names; a relationship's `label` is its type."""
    nodes, edges = _scan(g, _graphml_node, _graphml_edge)
    node_types, edge_types = nodes.resolved(), edges.resolved()
    node_types.update({c: "int" for c in "rgb" if c in node_types})
    # The keys Gephi reads have their own name as id (it matches either); the rest are n0, n1, ... and e0, ...
    node_key = {k: (k if k in GRAPHML_SHOWN else v) for k, v in nodes.ids("n").items()}
    edge_key = edges.ids("e")
    with _text_out(out) as f:
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
            f.write(f'  <key id="g{i}" for="graph" attr.name={quoteattr(name)} attr.type="{_scalar_type(value)}"/>\n')
        f.write('  <graph id="oncokg" edgedefault="directed">\n')
        for i, value in enumerate(about.values()):
            text = _xml_text(_xml_value(value, _scalar_type(value)), "graph")
            f.write(f'    <data key="g{i}">{escape(text)}</data>\n')
        for node_id, label, props in node_items(g):
            where = f"node {node_id}"
            f.write(f"    <node id={quoteattr(_xml_text(node_id, where))}>\n")
            for kid, text in _xml_cells(_graphml_node(node_id, label, props), node_types, node_key, where):
                f.write(f'      <data key="{kid}">{escape(text)}</data>\n')
            f.write("    </node>\n")
        for start, rel, end, props in edge_items(g):
            where = f"relationship {start} -[{rel}]-> {end}"
            f.write(f"    <edge id={quoteattr(edge_id(start, rel, end))} source={quoteattr(start)} "
                    f"target={quoteattr(end)}>\n")
            for kid, text in _xml_cells(_graphml_edge(rel, props), edge_types, edge_key, where):
                f.write(f'      <data key="{kid}">{escape(text)}</data>\n')
            f.write("    </edge>\n")
        f.write("  </graph>\n</graphml>\n")


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _gexf_description(g: nx.MultiDiGraph) -> str:
    return "; ".join(f"{k}: {v}" for k, v in graph_attributes(g).items())


def write_gexf(g: nx.MultiDiGraph, out: Out) -> None:
    """GEXF 1.3 (Gephi). Node `label` (what Gephi shows) is the name; a relationship's `label` is its type.
    Nodes carry their label's colour (viz:color). Attributes as in GraphML: lists are JSON text."""
    from kg import __version__

    nodes, edges = _scan(g)
    node_types, edge_types = nodes.resolved(), edges.resolved()
    node_key, edge_key = nodes.ids("n"), edges.ids("e")
    with _text_out(out) as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
                f"  <meta><creator>OncoKG {escape(__version__)}</creator>"
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
            shown = _xml_text(caption(node_id, {"label": label, **props}), where)
            f.write(f"      <node id={quoteattr(_xml_text(node_id, where))} label={quoteattr(shown)}>\n"
                    "        <attvalues>\n")
            for kid, text in _xml_cells(_xml_node(node_id, label, props), node_types, node_key, where):
                f.write(f'          <attvalue for="{kid}" value={quoteattr(text)}/>\n')
            f.write("        </attvalues>\n")
            colour = LABEL_COLOURS.get(_label(label))  # type: ignore[arg-type]
            if colour:
                r, gr, b = _rgb(colour)
                f.write(f'        <viz:color r="{r}" g="{gr}" b="{b}"/>\n')
            f.write("      </node>\n")
        f.write("    </nodes>\n    <edges>\n")
        for start, rel, end, props in edge_items(g):
            where = f"relationship {start} -[{rel}]-> {end}"
            f.write(f"      <edge id={quoteattr(edge_id(start, rel, end))} source={quoteattr(start)} "
                    f"target={quoteattr(end)} label={quoteattr(rel)}>\n        <attvalues>\n")
            for kid, text in _xml_cells(edge_attributes(rel, props), edge_types, edge_key, where):
                f.write(f'          <attvalue for="{kid}" value={quoteattr(text)}/>\n')
            f.write("        </attvalues>\n      </edge>\n")
        f.write("    </edges>\n  </graph>\n</gexf>\n")


# --------------------------------------------------------------------------- JSON


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _json_array(f: IO[str], items: Iterable[Any]) -> None:
    f.write("[")
    for i, item in enumerate(items):
        f.write(",\n" if i else "\n")
        f.write(_json(item))
    f.write("\n]")


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

    with _text_out(out) as f:
        f.write(f'{{"data":{_json(graph_attributes(g))},"directed":true,"multigraph":true,"elements":{{"nodes":')
        _json_array(f, nodes())
        f.write(',"edges":')
        _json_array(f, edges())
        f.write("}}\n")


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

    with _text_out(out) as f:
        f.write(f'{{"directed":true,"multigraph":true,"graph":{_json(graph_attributes(g))},"nodes":')
        _json_array(f, nodes())
        f.write(',"links":')
        _json_array(f, edges())
        f.write("}\n")


# --------------------------------------------------------------------------- KGX

BIOLINK_CATEGORY: dict[Label, str] = {
    Label.DRUG: "biolink:Drug",
    Label.TARGET: "biolink:Gene",
    Label.TRANSPORTER: "biolink:Gene",
    Label.ALTERATION: "biolink:SequenceVariant",
    Label.DISEASE: "biolink:Disease",
    Label.SITE: "biolink:AnatomicalEntity",
    Label.TRIAL: "biolink:ClinicalTrial",
    Label.PUBLICATION: "biolink:Publication",
    Label.CASE: "biolink:Case",
    Label.TREATMENT_LINE: "biolink:Treatment",
    Label.OBSERVATION: "biolink:ClinicalFinding",
    Label.FINDING: "biolink:StudyResult",
}

_INHIBITS = {"predicate": "biolink:affects", "qualified_predicate": "biolink:causes",
             "object_aspect_qualifier": "activity", "object_direction_qualifier": "decreased"}

# Each relationship type as a Biolink predicate, with the edge columns that complete its meaning.
BIOLINK_PREDICATE: dict[Rel, dict[str, Any]] = {
    Rel.INHIBITS: _INHIBITS,
    Rel.SUBSTRATE_OF: {"predicate": "biolink:is_substrate_of"},
    # Written in its inverse form (the transporter does not have the drug as substrate): kgx merges edges on
    # (subject, predicate, object), and would fold it into a SUBSTRATE_OF statement of the same pair.
    Rel.NOT_SUBSTRATE_OF: {"predicate": "biolink:has_substrate", "negated": True, "inverse": True},
    Rel.INHIBITS_TRANSPORTER: _INHIBITS,
    Rel.INDUCES_TRANSPORTER: {"predicate": "biolink:affects", "qualified_predicate": "biolink:causes",
                              "object_aspect_qualifier": "expression", "object_direction_qualifier": "increased"},
    Rel.INDICATED_FOR: {"predicate": "biolink:treats"},
    Rel.ALTERATION_OF: {"predicate": "biolink:is_sequence_variant_of"},
    Rel.CONFERS_RESISTANCE_TO: {"predicate": "biolink:associated_with_resistance_to"},
    Rel.ACTIVE_AGAINST: {"predicate": "biolink:sensitivity_associated_with"},
    Rel.TESTED: {"predicate": "biolink:has_participant"},
    Rel.ENROLLED: {"predicate": "biolink:related_to"},
    Rel.REPORTED_IN: {"predicate": "biolink:mentioned_by"},
    Rel.PART_OF: {"predicate": "biolink:part_of"},
    Rel.SUBTYPE_OF: {"predicate": "biolink:subclass_of"},
    Rel.DIAGNOSED_WITH: {"predicate": "biolink:related_to"},
    Rel.HAS_METASTASIS: {"predicate": "biolink:related_to"},
    Rel.HAD_LINE: {"predicate": "biolink:participates_in"},
    Rel.NEXT: {"predicate": "biolink:precedes"},
    Rel.USED: {"predicate": "biolink:has_participant"},
    Rel.TARGETED_SITE: {"predicate": "biolink:occurs_in"},
    Rel.OBSERVED: {"predicate": "biolink:has_output"},
    Rel.AT_SITE: {"predicate": "biolink:located_in"},
    Rel.OF_DRUG: {"predicate": "biolink:mentions"},
    Rel.AFTER: {"predicate": "biolink:mentions"},
    Rel.FROM_TRIAL: {"predicate": "biolink:is_output_of"},
    Rel.COMPARED_WITH: {"predicate": "biolink:mentions"},
    Rel.OF_ALTERATION: {"predicate": "biolink:mentions"},
    Rel.IN_SERIES: {"predicate": "biolink:part_of"},
    Rel.HAS_ALTERATION: {"predicate": "biolink:related_to"},
}
# Relationships read off a case report (one patient) rather than asserted by a study.
_OBSERVED_LABELS = frozenset({Label.CASE.value, Label.TREATMENT_LINE.value, Label.OBSERVATION.value})

# Our property names that Biolink defines as slots with another meaning; KGX gets them as `oncokg_<name>`.
KGX_RENAMED = frozenset({"authors", "phase", "qualifiers", "sources"})
KGX_NODE_COLUMNS = ("id", "category", "name", "labels")
KGX_EDGE_COLUMNS = ("id", "subject", "predicate", "object", "original_predicate", "negated", "qualified_predicate",
                    "object_aspect_qualifier", "object_direction_qualifier", "knowledge_level", "agent_type",
                    "primary_knowledge_source", "publications")
KGX_LIST_DELIMITER = "|"
KGX_SOURCE = "infores:oncokg"
_PUBLICATION_PREFIXES = ("PMID:", "DOI:", "oncokg:src-")


def _kgx_text(value: Any) -> str:
    """One TSV cell of KGX: no quoting, so tabs and line breaks become spaces, and `|` (KGX's list
    separator) inside a value becomes `¦`."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return re.sub(r"[\t\r\n]", " ", text).replace(KGX_LIST_DELIMITER, "\u00a6")


def _kgx_cell(value: Any) -> str:
    if isinstance(value, list):
        return KGX_LIST_DELIMITER.join(_kgx_text(v) for v in value)
    return _kgx_text(value)


def _kgx_name(prop: str) -> str:
    return f"oncokg_{prop}" if prop in KGX_RENAMED else prop


def kgx_node(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    lab = _label(label)
    if lab is None:
        raise KGError(f"node {node_id}: label {label!r} has no Biolink category")
    row: dict[str, Any] = {"id": node_id, "category": BIOLINK_CATEGORY[lab], "labels": label}
    for k, v in props.items():
        row[_kgx_name(k)] = v
    row["name"] = display_name(node_id, label, props)
    return row


def kgx_edge(g: nx.MultiDiGraph, start: str, rel: str, end: str, props: dict[str, Any]) -> dict[str, Any]:
    try:
        mapped = BIOLINK_PREDICATE[Rel(rel)]
    except ValueError:
        raise KGError(f"relationship type {rel!r} has no Biolink predicate") from None
    start_label = g.nodes[start].get("label") if start in g else None
    mapped = dict(mapped)
    subject, obj = (end, start) if mapped.pop("inverse", False) else (start, end)
    row: dict[str, Any] = {"id": edge_id(start, rel, end), "subject": subject, "object": obj,
                           "original_predicate": f"oncokg:{rel}", **mapped,
                           "knowledge_level": ("observation" if start_label in _OBSERVED_LABELS
                                               else "knowledge_assertion"),
                           "agent_type": "manual_agent", "primary_knowledge_source": KGX_SOURCE}
    sources = props.get("sources") or []
    publications = [s for s in sources if _is_publication(g, s)]
    if publications:
        row["publications"] = publications
    for k, v in props.items():
        row[_kgx_name(k)] = v
    return row


def _is_publication(g: nx.MultiDiGraph, node_id: str) -> bool:
    if node_id in g:
        return g.nodes[node_id].get("label") == Label.PUBLICATION.value
    return node_id.startswith(_PUBLICATION_PREFIXES)


def write_kgx(g: nx.MultiDiGraph, out: Out) -> dict[str, Path]:
    """KGX TSV: `nodes.tsv` and `edges.tsv` in the directory `out`.

    Nodes: `id`, `category` (Biolink class of the label), `name`, `labels`, then every property. Edges: `id`,
    `subject`, `predicate` (Biolink), `object`, `original_predicate` (`oncokg:<TYPE>`), the qualifier columns
    of Biolink 4 (`affects` + aspect and direction for INHIBITS...; NOT_SUBSTRATE_OF is written inverted,
    transporter `has_substrate` drug with `negated` True, so that kgx does not merge it with a SUBSTRATE_OF),
    `knowledge_level`, `agent_type`, `primary_knowledge_source`, `publications` (the sources that are
    publications), then every property. Properties whose names Biolink uses otherwise (`sources`,
    `qualifiers`, `authors`, `phase`) are written as `oncokg_<name>`. As KGX TSV has it: lists joined by `|`,
    no quoting, so tabs and line breaks become spaces and a `|` inside a value becomes `¦`; an empty list
    or a null is an empty cell.
    """
    directory = _directory(out, "kgx")
    node_cols: dict[str, None] = dict.fromkeys(KGX_NODE_COLUMNS)
    edge_cols: dict[str, None] = dict.fromkeys(KGX_EDGE_COLUMNS)
    for node_id, label, props in node_items(g):
        node_cols.update(dict.fromkeys(sorted(_kgx_name(k) for k in props)))
    for start, rel, end, props in edge_items(g):
        edge_cols.update(dict.fromkeys(sorted(_kgx_name(k) for k in props)))
    paths = {"nodes": directory / "nodes.tsv", "edges": directory / "edges.tsv"}
    with paths["nodes"].open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(node_cols) + "\n")
        for node_id, label, props in node_items(g):
            row = kgx_node(node_id, label, props)
            f.write("\t".join(_kgx_cell(row[c]) if row.get(c) is not None else "" for c in node_cols) + "\n")
    with paths["edges"].open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(edge_cols) + "\n")
        for start, rel, end, props in edge_items(g):
            row = kgx_edge(g, start, rel, end, props)
            f.write("\t".join(_kgx_cell(row[c]) if row.get(c) is not None else "" for c in edge_cols) + "\n")
    return paths


# --------------------------------------------------------------------------- Neo4j bulk-import CSV

# Between the items of an array value. Not `;` (neo4j-admin's default): our qualifiers and statements use it.
# U+001F (the ASCII unit separator) is meant for exactly this; the writer refuses any value containing it.
NEO4J_ARRAY_DELIMITER = "\x1f"


class Neo4jCsvFiles(TypedDict):
    """What `write_neo4j_csv` wrote, in the shape `neo4j-admin database import full` wants."""

    nodes: list[tuple[str, Path]]
    relationships: list[tuple[str, Path]]
    array_delimiter: str
    multiline_fields: bool


def _neo4j_type(value: Any, where: str) -> str | None:
    """The header type of a value (`long`, `double`, `boolean`, `string`, or an array of one); None for an
    empty list, which neo4j-admin cannot store (the property is left out)."""
    if isinstance(value, list):
        if not value:
            return None
        kinds = {_neo4j_type(v, where) for v in value}
        if len(kinds) != 1:
            raise KGError(f"{where}: a list mixes {' and '.join(sorted(map(str, kinds)))}; Neo4j arrays hold one type")
        return f"{kinds.pop()}[]"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    raise KGError(f"{where}: a {type(value).__name__} cannot be a Neo4j property")


_LONG = range(-(2**63), 2**63)


def _neo4j_scalar(value: Any, where: str, quote: bool = True) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value not in _LONG:
            raise KGError(f"{where}: {value} does not fit a Neo4j integer")
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    text = str(value)
    if NEO4J_ARRAY_DELIMITER in text:
        raise KGError(f"{where}: the value contains U+001F, the array delimiter of the import files")
    return '"' + text.replace('"', '""') + '"' if quote else text


def _neo4j_cell(value: Any, where: str) -> str:
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        items = NEO4J_ARRAY_DELIMITER.join(_neo4j_scalar(v, where, quote=False) for v in value)
        return '"' + items.replace('"', '""') + '"'
    return _neo4j_scalar(value, where)


def _header_name(name: str, where: str) -> str:
    if not name or any(c in name for c in ',:"\n\r'):
        raise KGError(f"{where}: property name {name!r} cannot be a column of the import files")
    return name


def _file_name(prefix: str, name: str, part: int) -> str:
    safe = re.sub(r"[^A-Za-z0-9_]", "_", name) or "_"
    return f"{prefix}-{safe}{'' if part == 0 else f'-{part + 1}'}.csv"


def _groups(types: dict[str, dict[str, set[str]]]) -> dict[str, tuple[dict[str, str], list[str]]]:
    """Per label (or type): the property types, and the properties whose type varies (their rows are split
    into separate files, one per combination, so that every value keeps its own type)."""
    out = {}
    for name, props in types.items():
        fixed = {p: next(iter(t)) for p, t in props.items() if len(t) == 1}
        varying = sorted(p for p, t in props.items() if len(t) > 1)
        out[name] = (fixed, varying)
    return out


def write_neo4j_csv(g: nx.MultiDiGraph, out: Out) -> Neo4jCsvFiles:
    """CSV files for `neo4j-admin database import full` in the directory `out`, one per label
    (`nodes-<Label>.csv`) and per relationship type (`relationships-<TYPE>.csv`).

    Nodes: `id:ID` (one global id space; also stored as the `id` property), `:LABEL`, then one typed column per
    property (`name:string`, `year:long`, `value:double`, `cns:boolean`, `sources:string[]`). Relationships:
    `:START_ID`, `:END_ID`, `:TYPE`, then the properties. Every value keeps its type: a property whose type
    differs between nodes of one label splits them into `nodes-<Label>-2.csv`, ... Strings are quoted (`""`
    inside), arrays are joined by U+001F (`array_delimiter` of the result; pass it as `--array-delimiter`),
    a null is an empty unquoted cell. An empty list is left out: neo4j-admin cannot store one (Neo4j
    issue 13566). `multiline_fields` says whether some value has a line break (then pass
    `--multiline-fields=true`). Returns the files with their label or type.
    """
    directory = _directory(out, "neo4j-csv")
    node_types: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    edge_types: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    multiline = False

    def see(table: dict[str, set[str]], props: dict[str, Any], where: str) -> None:
        nonlocal multiline
        for k, v in props.items():
            kind = _neo4j_type(v, f"{where}: {k}")
            if kind is not None:
                table[_header_name(k, where)].add(kind)
            if any(isinstance(x, str) and ("\n" in x or "\r" in x) for x in (v if isinstance(v, list) else [v])):
                multiline = True

    for node_id, label, props in node_items(g):
        see(node_types[label], props, f"node {node_id}")
    for start, rel, end, props in edge_items(g):
        see(edge_types[rel], props, f"relationship {start} -[{rel}]-> {end}")

    groups = {"nodes": _groups(node_types), "relationships": _groups(edge_types)}
    result: Neo4jCsvFiles = {"nodes": [], "relationships": [], "array_delimiter": NEO4J_ARRAY_DELIMITER,
                             "multiline_fields": multiline}
    with ExitStack() as stack:
        files: dict[tuple[str, str], list[tuple[tuple[str | None, ...], IO[str], list[str]]]] = defaultdict(list)

        def file_for(kind: str, name: str, props: dict[str, Any], where: str) -> tuple[IO[str], list[str]]:
            """The file of this label or type that fits the types of `props` (a property it lacks fits any),
            opened with its header when none does yet."""
            fixed, varying = groups[kind][name]
            sig = tuple(_neo4j_type(props[p], where) if p in props else None for p in varying)
            for have, f, order in files[kind, name]:
                if all(t is None or t == h for t, h in zip(sig, have)):
                    return f, order
            seen = (node_types if kind == "nodes" else edge_types)[name]
            full = tuple(t or sorted(seen[p])[0] for t, p in zip(sig, varying))
            columns = dict(fixed)
            columns.update(zip(varying, full))
            order = sorted(columns)
            path = directory / _file_name(kind, name, len(files[kind, name]))
            f = stack.enter_context(path.open("w", encoding="utf-8", newline=""))
            head = ["id:ID", ":LABEL"] if kind == "nodes" else [":START_ID", ":END_ID", ":TYPE"]
            f.write(",".join(head + [f"{p}:{columns[p]}" for p in order]) + "\n")
            files[kind, name].append((full, f, order))
            result[kind].append((name, path))  # type: ignore[literal-required]
            return f, order

        for node_id, label, props in node_items(g):
            where = f"node {node_id}"
            f, order = file_for("nodes", label, props, where)
            cells = [_neo4j_scalar(node_id, where), label] + [_neo4j_cell(props.get(p), f"{where}: {p}") for p in order]
            f.write(",".join(cells) + "\n")
        for start, rel, end, props in edge_items(g):
            where = f"relationship {start} -[{rel}]-> {end}"
            f, order = file_for("relationships", rel, props, where)
            cells = [_neo4j_scalar(start, where), _neo4j_scalar(end, where), rel]
            cells += [_neo4j_cell(props.get(p), f"{where}: {p}") for p in order]
            f.write(",".join(cells) + "\n")
    for kind in ("nodes", "relationships"):
        result[kind].sort(key=lambda item: (item[0], str(item[1])))  # type: ignore[literal-required]
    return result


# --------------------------------------------------------------------------- HTML

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
                               "color": LABEL_COLOURS.get(_label(label), "#A5ABB6"),  # type: ignore[arg-type]
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
    from kg import resources

    templates = resources.path("templates")
    data = _json(html_elements(g)).replace("<", "\\u003c")  # no `</script>` can end the data block early
    parts = {"__TITLE__": escape(graph_attributes(g)["name"]), "__DATA__": data,
             "__CYTOSCAPE__": (templates / "cytoscape.min.js").read_text(encoding="utf-8")}
    page = re.sub("|".join(parts), lambda m: parts[m.group(0)],
                  (templates / "graph.html").read_text(encoding="utf-8"))
    with _text_out(out) as f:
        f.write(page)


# --------------------------------------------------------------------------- Neo4j Browser style


def grass() -> str:
    """A Neo4j Browser style sheet (GraSS) with the label colours of the other views (docs/oncokg.grass)."""
    lines = [
        "node {", "  diameter: 50px;", "  color: #A5ABB6;", "  border-color: #9AA1AC;", "  border-width: 2px;",
        "  text-color-internal: #FFFFFF;", "  font-size: 10px;", "}", "",
        "relationship {", "  color: #A5ABB6;", "  shaft-width: 1px;", "  font-size: 8px;", "  padding: 3px;",
        "  text-color-external: #000000;", "  text-color-internal: #FFFFFF;", '  caption: "<type>";', "}",
    ]
    for label, colour in LABEL_COLOURS.items():
        r, gr, b = _rgb(colour)
        border = "#{:02X}{:02X}{:02X}".format(*(int(c * 0.8) for c in (r, gr, b)))
        text = "#2A2C34" if (0.299 * r + 0.587 * gr + 0.114 * b) > 150 else "#FFFFFF"
        prop = LABEL_CAPTIONS.get(label, "name")
        lines += ["", f"node.{label.value} {{", f"  color: {colour};", f"  border-color: {border};",
                  f"  text-color-internal: {text};", f'  caption: "{{{prop}}}";', "}"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- registry and slices

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


@dataclass(frozen=True)
class ExportReport:
    format: str
    nodes: int
    relationships: int
    files: list[str]


def whole_graph(store: Store) -> nx.MultiDiGraph:
    """The store's whole graph (Neo4j: read into memory once)."""
    from kg.stores import MemoryStore, Neo4jGraphStore

    if isinstance(store, MemoryStore):
        return store.graph
    if isinstance(store, Neo4jGraphStore):
        return store._guard(store.db.to_graph)
    raise KGError(f"cannot export from {store!r}")


def _view(g: nx.MultiDiGraph, nodes: Iterable[str] | None, about: dict[str, Any]) -> nx.MultiDiGraph:
    """A read-only view of `g` (all of it, or the subgraph of `nodes`) with its own graph attributes, so
    that nothing is copied and the store's graph is left as it was."""
    view = nx.subgraph_view(g) if nodes is None else g.subgraph(nodes)
    view.graph = dict(about)
    return view


def ids_in(value: Any, known: Callable[[str], bool]) -> set[str]:
    """Every string anywhere in `value` (rows, nested lists and dicts) that is a node id."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if known(item):
                found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set):
            stack.extend(item)
    return found


def question_graph(store: Store, question: str, params: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """The nodes whose ids appear anywhere in the answer of `question`, with the relationships among them."""
    from kg import api

    answer = api.ask(question, store, **(params or {}))
    g = whole_graph(store)
    about = {"title": f"OncoKG: {question}", "question": question, "params": answer.params,
             "source_fingerprint": answer.fingerprint}
    return _view(g, ids_in(answer.rows, g.__contains__), about)


def select(store: Store, *, around: str | None = None, depth: int = 1, question: str | None = None,
           params: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """The graph to export: all of it, the neighbourhood of `around`, or the subgraph of a question's answer."""
    if around is not None and question is not None:
        raise KGError("export either a neighbourhood (--around) or a question's answer (--question), not both")
    if params and question is None:
        raise KGError("parameters (-p) belong to a question: add --question ID")
    if around is not None:
        from kg.questions.neighbourhood import neighbourhood_graph

        g = neighbourhood_graph(store, around, depth)
        centre, depth = g.graph.get("centre", around), g.graph.get("depth", depth)
        g.graph["title"] = f"OncoKG: neighbourhood of {centre}, depth {depth}"
        return g
    if question is not None:
        return question_graph(store, question, params)
    return _view(whole_graph(store), None, {"title": "OncoKG", "source_fingerprint": store.fingerprint()})


# Formats whose writers only walk the nodes and relationships in order (twice at most): a whole Neo4j graph is
# streamed into them (StreamedGraph), so an export of any size holds a few rows at a time, not the graph.
STREAMED_FORMATS = frozenset({"graphml", "gexf", "cytoscape", "node-link", "neo4j-csv"})


def streamed(store: Store) -> StreamedGraph | None:
    """The whole graph of a Neo4j store as a StreamedGraph; None for the memory store (already in memory)."""
    from kg.stores import Neo4jGraphStore

    if not isinstance(store, Neo4jGraphStore):
        return None
    return StreamedGraph(store, {"title": "OncoKG", "source_fingerprint": store.fingerprint()})


def write(g: nx.MultiDiGraph, fmt: str, out: Out) -> ExportReport:
    """Write `g` in format `fmt` to `out` (a path, `-` or a text stream; a directory for kgx and neo4j-csv)."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise KGError(f"unknown export format {fmt!r} (valid: {', '.join(FORMATS)})")
    if isinstance(out, str) and out == "-":
        if fmt in DIRECTORY_FORMATS:
            _directory(out, fmt)  # raises: several files cannot go to standard output
        out = sys.stdout
    result = writer(g, out)
    if fmt == "neo4j-csv":
        files = [str(p) for _, p in result["nodes"] + result["relationships"]]
    elif fmt == "kgx":
        files = [str(p) for p in result.values()]
    else:
        files = [str(out) if isinstance(out, str | Path) else "-"]
    return ExportReport(fmt, g.number_of_nodes(), g.number_of_edges(), files)


__all__ = ["DIRECTORY_FORMATS", "FORMATS", "STREAMED_FORMATS", "ExportReport", "NEO4J_ARRAY_DELIMITER", "StreamedGraph",
           "encode_list", "grass", "streamed",
           "select", "write", "write_cytoscape_json", "write_gexf", "write_graphml", "write_html", "write_kgx",
           "write_neo4j_csv", "write_node_link"]
