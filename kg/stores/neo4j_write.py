"""The statements of a load into Neo4j: the load claim, the plan that turns the database's graph into the target graph,
the plan of a first load into an empty database, and the writer thread of a streamed first load."""

from __future__ import annotations

import queue
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.model import SCHEMA_VERSION, Label, Rel
from kg.stores import cypher

if TYPE_CHECKING:
    import neo4j

    from kg.graph.stream import GraphStream

QUEUE_BATCHES = 4  # batches built ahead of the writer: parsing overlaps writing, memory stays bounded
Statements = list[tuple[str, dict[str, Any]]]


@contextmanager
def load_claim(session: neo4j.Session) -> Iterator[None]:
    """Hold the database's load claim (cypher/load/claim.cypher) for the body: a second load's claim waits until
    the body ends, and a load that dies loses its claim with its connection. The transaction has no time limit
    (the server's default one would end the claim of a long load)."""
    with session, session.begin_transaction(timeout=0) as tx:
        tx.run(cypher.load("load/claim").text).consume()
        yield
        tx.rollback()


def meta_statement(fingerprint: str, manifest: str | None) -> tuple[str, dict[str, Any]]:
    """The statement that records, after a load, the schema version, the graph's fingerprint and its manifest."""
    return (cypher.load("load/record_meta").text,
            {"schema_version": SCHEMA_VERSION, "fingerprint": fingerprint, "manifest": manifest})


def sources_statement(rows: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The statement that makes the KGMeta source nodes exactly `rows` ({key, props} each)."""
    return cypher.load("load/record_sources").text, {"keys": [r["key"] for r in rows], "rows": rows}


def plan_changes(current: nx.MultiDiGraph, target: nx.MultiDiGraph) -> list[tuple[str, str, list[dict]]]:
    """The statements (kind, query, rows) that turn `current` into `target`: deletions first, then merges."""
    plan: list[tuple[str, str, list[dict]]] = []
    labels = {n: d["label"] for n, d in target.nodes(data=True)}
    old_labels = {n: d["label"] for n, d in current.nodes(data=True)}

    gone_edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for u, v, key in current.edges(keys=True):
        if not target.has_edge(u, v, key) or labels.get(u) != old_labels[u] or labels.get(v) != old_labels[v]:
            gone_edges[(old_labels[u], key, old_labels[v])].append({"start": u, "end": v})
    for (start, rel, end), rows in sorted(gone_edges.items()):
        query = cypher.template("load/delete_relationships", start=Label(start), end=Label(end), rel=Rel(rel))
        plan.append(("deleted_relationships", query, rows))
    gone_nodes: dict[str, list[dict]] = defaultdict(list)
    for node_id, label in old_labels.items():
        if labels.get(node_id) != label:
            gone_nodes[label].append({"id": node_id})
    for label, rows in sorted(gone_nodes.items()):
        plan.append(("deleted_nodes", cypher.template("load/delete_nodes", label=Label(label)), rows))

    new_nodes: dict[str, list[dict]] = defaultdict(list)
    for node_id, data in target.nodes(data=True):
        props = {k: v for k, v in data.items() if k != "label"}
        old = current.nodes[node_id] if node_id in current and old_labels[node_id] == data["label"] else None
        if old is not None and {k: v for k, v in old.items() if k != "label"} == props:
            continue
        new_nodes[data["label"]].append({"id": node_id, "props": {**props, "id": node_id}})
    for label, rows in sorted(new_nodes.items()):
        plan.append(("nodes", cypher.template("load/merge_nodes", label=Label(label)), rows))
    new_edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for u, v, key, data in target.edges(keys=True, data=True):
        props = {k: val for k, val in data.items() if k != "type"}
        if current.has_edge(u, v, key) and old_labels.get(u) == labels[u] and old_labels.get(v) == labels[v]:
            if {k: val for k, val in current.edges[u, v, key].items() if k != "type"} == props:
                continue
        new_edges[(labels[u], key, labels[v])].append({"start": u, "end": v, "props": props})
    for (start, rel, end), rows in sorted(new_edges.items()):
        query = cypher.template("load/merge_relationships", start=Label(start), end=Label(end), rel=Rel(rel))
        plan.append(("relationships", query, rows))
    return plan


def plan_create(g: nx.MultiDiGraph) -> list[tuple[str, str, list[dict]]]:
    """The statements (kind, query, rows) that write `g` into an empty database under the load claim: nodes, then
    relationships (CREATE both)."""
    nodes: dict[str, list[dict]] = defaultdict(list)
    for node_id, data in g.nodes(data=True):
        props = dict(data)
        label = props.pop("label")
        props["id"] = node_id
        nodes[label].append({"props": props})
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for u, v, key, data in g.edges(keys=True, data=True):
        props = dict(data)
        del props["type"]
        edges[(labels[u], key, labels[v])].append({"start": u, "end": v, "props": props})
    plan = [("nodes", cypher.template("load/create_nodes", label=Label(label)), rows)
            for label, rows in sorted(nodes.items())]
    plan += [("relationships", cypher.template("load/create_relationships", start=Label(a), end=Label(b), rel=Rel(r)),
              rows) for (a, r, b), rows in sorted(edges.items())]
    return plan


def batches(rows: list[dict], size: int) -> Iterable[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def write_streamed(write_all: Callable[[Statements], None], stream: GraphStream, batch_size: int,
                   progress: Callable[[int], None] | None) -> None:
    """Write the rows of `stream` into an empty database under the load claim (CREATE, nothing to match): the
    builder fills batches, a writer thread commits them
    in order (`write_all` runs one transaction). A relationship batch goes after every node batch built before it,
    so its ends exist."""
    work: queue.Queue[tuple[str, list[dict[str, Any]]] | None] = queue.Queue(maxsize=QUEUE_BATCHES)
    failed: list[BaseException] = []

    def writer() -> None:
        while (item := work.get()) is not None:
            if failed:
                continue  # drain: the builder stops at its next batch
            try:
                write_all([(item[0], {"rows": item[1]})])
                if progress:
                    progress(len(item[1]))
            except BaseException as e:  # handed to the builder's thread
                failed.append(e)

    thread = threading.Thread(target=writer, name="kg-writer", daemon=True)
    thread.start()
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)

    def put(query: str, rows: list[dict[str, Any]]) -> None:
        if failed:
            raise failed[0]
        work.put((query, rows))

    def flush_nodes(label: str) -> None:
        put(cypher.template("load/create_nodes", label=Label(label)), nodes.pop(label))

    def flush_edges(key: tuple[str, str, str]) -> None:
        for label in list(nodes):  # the nodes built so far first: this batch may end at them
            flush_nodes(label)
        a, rel, b = key
        put(cypher.template("load/create_relationships", start=Label(a), rel=Rel(rel), end=Label(b)), edges.pop(key))

    try:
        for group_nodes, group_edges in stream.groups():
            for node_id, label, props in group_nodes:
                rows = nodes[label]
                rows.append({"props": {**props, "id": node_id}})
                if len(rows) >= batch_size:
                    flush_nodes(label)
            for start, rel, end, props, start_label, end_label in group_edges:
                key = (start_label, rel, end_label)
                rows = edges[key]
                rows.append({"start": start, "end": end, "props": props})
                if len(rows) >= batch_size:
                    flush_edges(key)
        for label in sorted(nodes):
            flush_nodes(label)
        for key in sorted(edges):
            flush_edges(key)
    finally:
        if failed:  # let the writer drain without waiting on a full queue
            while True:
                try:
                    work.get_nowait()
                except queue.Empty:
                    break
        work.put(None)
        thread.join()
    if failed:
        raise failed[0]
