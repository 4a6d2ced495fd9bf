"""The graph an export writes, read from a store: all of it (in memory, or streamed from Neo4j), a neighbourhood,
or the subgraph of a question's answer, with its nodes and relationships in the one order every writer uses."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx

from kg.errors import KGError
from kg.export.common import label_of
from kg.model import Label

if TYPE_CHECKING:
    from kg.stores import Store

# Attribute names every format writes itself; a property of the same name would be ambiguous.
RESERVED_NODE = frozenset({"id", "labels"})
RESERVED_EDGE = frozenset({"id", "source", "target", "key", "type"})


class QuestionAnswer(Protocol):
    """What a slice by question reads of an answer (kg.api.Answer has it): the question, its bound parameters,
    its rows and the fingerprint of the graph they came from."""

    question: str
    params: dict[str, Any]
    rows: list[dict[str, Any]]
    fingerprint: str


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
        self.labels = sorted(name for name in counts["labels"] if label_of(name) is not None)  # schema labels only
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


def question_graph(store: Store, answer: QuestionAnswer) -> nx.MultiDiGraph:
    """The nodes whose ids appear anywhere in `answer` (of a question, asked by the caller), with the
    relationships among them."""
    g = whole_graph(store)
    about = {"title": f"OncoKG: {answer.question}", "question": answer.question, "params": answer.params,
             "source_fingerprint": answer.fingerprint}
    return _view(g, ids_in(answer.rows, g.__contains__), about)


def check_scope(around: str | None, question: str | None, params: dict[str, Any] | None) -> None:
    """A one-line error when the slice asked for makes no sense: a neighbourhood and a question at once, or
    parameters without a question. Callers check before they ask the question."""
    if around is not None and question is not None:
        raise KGError("export either a neighbourhood (--around) or a question's answer (--question), not both")
    if params and question is None:
        raise KGError("parameters (-p) belong to a question: add --question ID")


def select(store: Store, *, around: str | None = None, depth: int = 1,
           answer: QuestionAnswer | None = None) -> nx.MultiDiGraph:
    """The graph to export: all of it, the neighbourhood of `around`, or the subgraph of a question's `answer`."""
    check_scope(around, None if answer is None else answer.question, None)
    if around is not None:
        from kg.questions.neighbourhood import neighbourhood_graph

        g = neighbourhood_graph(store, around, depth)
        centre, depth = g.graph.get("centre", around), g.graph.get("depth", depth)
        g.graph["title"] = f"OncoKG: neighbourhood of {centre}, depth {depth}"
        return g
    if answer is not None:
        return question_graph(store, answer)
    return _view(whole_graph(store), None, {"title": "OncoKG", "source_fingerprint": store.fingerprint()})


def streamed(store: Store) -> StreamedGraph | None:
    """The whole graph of a Neo4j store as a StreamedGraph; None for the memory store (already in memory)."""
    from kg.stores import Neo4jGraphStore

    if not isinstance(store, Neo4jGraphStore):
        return None
    return StreamedGraph(store, {"title": "OncoKG", "source_fingerprint": store.fingerprint()})
