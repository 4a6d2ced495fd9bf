"""The core of the graph builder: one graph with its name vocabulary and problems, nodes, edges that merge by
(start, type, end), references resolved by name, and property values normalised as both stores hold them."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

import networkx as nx

from kg.model import Label, Rel
from kg.model.names import Vocabulary
from kg.sources.loaded import Loaded


def clean(value: Any) -> Any:
    """Normalise a property value: enums to values, lists sorted and de-duplicated."""
    if type(value) in _PLAIN:  # the common case, first (str is checked exactly: a str enum is not plain)
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set):
        items = {clean(v) for v in value if v is not None}
        return sorted(items, key=lambda x: (str(type(x)), x))
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


def props(record: Any, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """A record's scalar and list-of-scalar fields as node properties, without None and empty lists."""
    out: dict[str, Any] = {}
    skip = set(exclude)
    for name in type(record).model_fields:
        if name in skip:
            continue
        value = clean(getattr(record, name))
        if value is None or value == []:
            continue
        out[name] = value
    return out


class BuilderCore:
    """A graph being built: its vocabulary of names, its problems, where each id was defined, and the ids that a
    public-data record supplemented. The passes over the records (kg.graph.build) and the case builder
    (kg.graph.cases) add to it through these methods."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        self.vocab = Vocabulary()
        self.problems: list[str] = []
        self.defined_at: dict[str, str] = {}
        self.supplemented: set[str] = set()

    # -- nodes and edges
    def node(self, node_id: str, label: Label, properties: dict[str, Any]) -> None:
        self.g.add_node(node_id, label=label.value, **properties)

    def edge(self, start: str, rel: Rel, end: str, properties: dict[str, Any] | None = None) -> None:
        properties = {k: clean(v) for k, v in (properties or {}).items() if v is not None and v != []}
        key = rel.value
        if self.g.has_edge(start, end, key=key):
            data = self.g.edges[start, end, key]
            for k, v in properties.items():
                data[k] = clean(list(data.get(k, [])) + list(v)) if isinstance(v, list) else v
        else:
            self.g.add_edge(start, end, key=key, type=key, **properties)

    def ref(self, loaded: Loaded, field: str, text: str, *labels: Label) -> str | None:
        try:
            return self.vocab.resolve(text, labels)
        except ValueError as e:
            self.problems.append(f"{loaded.origin}: {field}: {e}")
            return None

    def sources(self, loaded: Loaded, items: list[str], field: str = "sources") -> list[str]:
        out = []
        for i, s in enumerate(items):
            if self.vocab.ids.get(s) in (Label.PUBLICATION, Label.TRIAL):
                out.append(s)
            elif loaded.kind == "cases":
                self.problems.append(f"{loaded.origin}: source {i + 1}: {s!r} is not a known publication or trial")
            else:
                self.problems.append(f"{loaded.origin}: {field}[{i}]: {s!r} is not a known publication or trial")
        return out

    def reported_in(self, node_id: str, sources: list[str]) -> None:
        for s in sources:
            if self.vocab.ids.get(s) == Label.PUBLICATION:
                self.edge(node_id, Rel.REPORTED_IN, s)

    def problem_at(self, where: str, text: str, *labels: Label, hint: str = "") -> str | None:
        """Resolve a name of a case file; on failure record '<where>: <message>' (positions as the file counts)."""
        try:
            return self.vocab.resolve(text, labels)
        except ValueError as e:
            self.problems.append(f"{where}: {e}{hint}")
            return None
