"""The typed attributes of GraphML and GEXF: each attribute's XML type over all elements, its values as text
(lists as JSON text), and control characters refused."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.export.common import edge_attributes, encode_list, node_attributes
from kg.export.view import edge_items, node_items

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str, where: str) -> str:
    """`value`, or a one-line error naming `where` when it holds a character XML cannot carry."""
    if _XML_BAD.search(value):
        raise KGError(f"{where}: a control character cannot be written to XML; remove it from the data")
    return value


def scalar_type(value: Any) -> str:
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


def xml_value(value: Any, xml_type: str) -> str:
    """A value as the text of an attribute of type `xml_type`."""
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
class Keys:
    """Attribute names with their XML types, and which of them hold lists, for one kind of element."""

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    lists: set[str] = field(default_factory=set)

    def see(self, attrs: dict[str, Any]) -> None:
        for k, v in attrs.items():
            self.types[k].add(scalar_type(v))
            if isinstance(v, list):
                self.lists.add(k)

    def resolved(self) -> dict[str, str]:
        return {k: _merge_types(t) for k, t in self.types.items()}

    def ids(self, prefix: str) -> dict[str, str]:
        """Each attribute's key id in the file: `<prefix>0`, `<prefix>1`, ... in first-seen order."""
        return {name: f"{prefix}{i}" for i, name in enumerate(self.types)}


def xml_cells(attrs: dict[str, Any], types: dict[str, str], ids: dict[str, str],
              where: str) -> Iterator[tuple[str, str]]:
    """(key id, text) of each attribute of one element, its value written as its key's type (GraphML and GEXF)."""
    for k, v in attrs.items():
        yield ids[k], xml_text(xml_value(v, types[k]), f"{where}: {k}")


def xml_node(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's XML attributes: as everywhere, less `id`, which is the XML element's own id (igraph and Gephi
    would clash with a second one)."""
    attrs = node_attributes(node_id, label, props)
    del attrs["id"]
    return attrs


def scan(g: nx.MultiDiGraph, node: Callable[[str, str, dict[str, Any]], dict[str, Any]] = xml_node,
         edge: Callable[[str, dict[str, Any]], dict[str, Any]] = lambda rel, props: edge_attributes(rel, props),
         ) -> tuple[Keys, Keys]:
    """The first pass of an XML writer: the keys of the nodes' and of the relationships' attributes."""
    nodes, edges = Keys(), Keys()
    for node_id, label, props in node_items(g):
        nodes.see(node(node_id, label, props))
    for _, rel, _, props in edge_items(g):
        edges.see(edge(rel, props))
    return nodes, edges
