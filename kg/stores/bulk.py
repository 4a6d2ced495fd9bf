"""Bulk loading: the canonical graph written as import CSVs and loaded by `neo4j-admin database import full`.

For graphs where online loading (batched MERGE over Bolt) is too slow. It needs the local server of
`kg server start`, because the import replaces the database files while the server is stopped:

    write the CSVs (kg.stores.neo4j_csv) -> stop the server -> `neo4j-admin database import full`
    -> start it again with the same options (port, auth, Browser, TLS, memory) -> constraints -> KGMeta

The result is the same graph as an online load: same counts, same fingerprint, same KGMeta record
(schema version, fingerprint, manifest). `kg.api.load(..., bulk=True)` and `kg load --bulk` call
`bulk_replace_stream` in place of the store's online `replace`, so the loaded-sources registry and the release
manifest follow exactly the same rules. It writes the CSV files in one pass over the rows of kg.graph.stream (no whole
graph is built; the fingerprint is computed on the way); `bulk_replace` does the same from a built graph.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

import networkx as nx
from neo4j import GraphDatabase

from kg import neo4j_server as server
from kg.neo4j_server.paths import _read_state, _resolve
from kg import registry
from kg.errors import KGError
from kg.graph import build as graph
from kg.model import SCHEMA_VERSION, Label, Rel
from kg.stores import cypher
from kg.stores.neo4j_csv import (
    NEO4J_ARRAY_DELIMITER,
    file_name,
    header_name,
    neo4j_cell,
    neo4j_scalar,
    neo4j_type,
    write_files,
)
from kg.stores.settings import display_uri, is_local, require_local

if TYPE_CHECKING:
    from kg.graph.stream import GraphStream

__all__ = ["bulk_replace", "bulk_replace_stream", "is_local", "local_server", "refuse_remote"]

FIX_BATCH = 10_000
CSV_CHUNK = 25_000  # rows of one label (or type) typed and written together: each chunk's files carry a header
ONLINE_TIMEOUT = 120.0  # seconds for the imported database to come online after the restart


def _port(uri: str) -> int:
    try:
        return urlsplit(uri).port or 7687
    except ValueError:
        return -1


def refuse_remote(uri: str) -> None:
    """A one-line KGError when `uri` is not on this machine."""
    require_local(uri, "kg load --bulk", "load online: kg load --store neo4j (without --bulk)")


def local_server(uri: str, data_dir: Path | None = None) -> tuple[Path, dict[str, Any]]:
    """The data directory and restart options of the local server (of `kg server start`) serving `uri`.

    Raises a one-line KGError for a remote URI, or when no local server of `kg server start` serves it."""
    refuse_remote(uri)
    info = server.status(data_dir)
    if data_dir is None and not os.environ.get("KG_NEO4J_DATA"):  # a server remembered by 'kg server start'
        info = next((i for i in server.running() if _port(i.uri) == _port(uri)), info)
    d = info.data_dir if info else _resolve(data_dir)
    if info is None or _port(info.uri) != _port(uri):
        where = f"serves {info.uri}" if info else "is not running"
        raise KGError(
            f"kg load --bulk needs the local server of 'kg server start' behind {display_uri(uri)}, but the one of "
            f"{d} {where}; "
            "start it with 'kg server start', or point KG_NEO4J_DATA at its data directory"
        )
    state = _read_state(d) or {}
    conf = _read_conf(d / "conf" / "neo4j.conf")
    options: dict[str, Any] = {
        "port": _port(info.uri),
        "auth": bool(state.get("auth", True)),
        "browser": state.get("browser_url") is not None,
        "http_port": state.get("http_port") or 7474,
        "heap": conf.get("server.memory.heap.max_size", "512m"),
        "pagecache": conf.get("server.memory.pagecache.size", "256m"),
    }
    if state.get("tls") and conf.get("dbms.ssl.policy.bolt.base_directory"):
        options["tls_dir"] = Path(conf["dbms.ssl.policy.bolt.base_directory"])
    return d, options


def _read_conf(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.lstrip().startswith("#"))
    return {k.strip(): v.strip() for k, v in pairs}


def bulk_replace(store: Any, g: nx.MultiDiGraph, *, summary: Callable[[], tuple[str, str | None]] | None = None,
                 data_dir: Path | None = None, progress: Callable[[int], None] | None = None,
                 **_: Any) -> dict[str, int]:
    """Make the local Neo4j hold exactly `g` by bulk import; returns counts of what was imported.

    `store` is a Neo4jGraphStore connected to the local server; its driver is replaced by one connected
    to the restarted server. `summary()` gives the fingerprint and manifest to record (it is asked for only
    after the import, so the caller may compute it meanwhile). Options of the online `replace` (batch_size,
    ...) are accepted and ignored.
    """
    summary = summary or (lambda: (graph.fingerprint(g), None))

    def write(directory: Path) -> tuple[list[Path], list[Path], str, bool, list[tuple[str, list[dict[str, Any]]]]]:
        files = write_files(lambda: sorted(graph.node_rows(g), key=lambda row: row[0]),  # in id order, as before
                            lambda: sorted(graph.edge_rows(g), key=lambda row: row[:3]), directory)
        return ([Path(p) for _, p in files["nodes"]], [Path(p) for _, p in files["relationships"]],
                files["array_delimiter"], files["multiline_fields"], _empty_list_fixes(g))

    total = g.number_of_nodes() + g.number_of_edges()
    _bulk(store, write, summary, graph.counts(g), data_dir, progress, lambda: total)
    return {"nodes": g.number_of_nodes(), "relationships": g.number_of_edges()}


def bulk_replace_stream(store: Any, stream: GraphStream, *,
                        manifest: Callable[[str, dict[str, dict[str, int]]], str | None] | None = None,
                        data_dir: Path | None = None, progress: Callable[[int], None] | None = None,
                        **_: Any) -> dict[str, int]:
    """`bulk_replace` from a kg.graph.stream.GraphStream: the CSV files are written in one pass over its rows, which also
    gives the fingerprint and counts; `manifest(fingerprint, counts)` gives the manifest to record."""

    def write(directory: Path) -> tuple[list[Path], list[Path], str, bool, list[tuple[str, list[dict[str, Any]]]]]:
        csv = _CsvWriter(directory)
        for nodes, edges in stream.groups():
            csv.add_nodes(nodes)
            csv.add_edges(edges)
        csv.close()
        return csv.node_files, csv.edge_files, NEO4J_ARRAY_DELIMITER, csv.multiline, csv.fixes()

    def summary() -> tuple[str, str | None]:
        fingerprint = stream.fingerprint()
        return fingerprint, manifest(fingerprint, stream.counts()) if manifest else None

    _bulk(store, write, summary, None, data_dir, progress, lambda: stream.number_of_nodes + stream.number_of_edges,
          expected_of=stream.counts)
    return {"nodes": stream.number_of_nodes, "relationships": stream.number_of_edges}


def _bulk(store: Any, write: Callable[[Path], tuple[list[Path], list[Path], str, bool, list[Any]]],
          summary: Callable[[], tuple[str, str | None]], expected: dict[str, dict[str, int]] | None,
          data_dir: Path | None, progress: Callable[[int], None] | None, total: Callable[[], int],
          expected_of: Callable[[], dict[str, dict[str, int]]] | None = None) -> None:
    """Write the import files (`write(directory)` -> node files, relationship files, array delimiter, multiline,
    empty-list fixes), stop the server, import, restart, constraints, fixes, KGMeta; check the counts."""
    from kg.stores import Neo4jGraphStore

    if not isinstance(store, Neo4jGraphStore):
        raise KGError("kg load --bulk writes to Neo4j: use it with --store neo4j")
    settings = store.settings
    d, options = local_server(settings.uri, data_dir)
    if store.db.database != server.DATABASE:
        raise KGError(f"kg load --bulk imports into the database {server.DATABASE!r} of the local server, "
                      f"not {store.db.database!r}")
    store.check_writable()  # as online: never replace a graph that another major schema version wrote
    with tempfile.TemporaryDirectory(prefix="kg-bulk-") as tmp:
        node_files, edge_files, delimiter, multiline, fixes = write(Path(tmp))
        # The files carry their :LABEL and :TYPE columns, so no name goes on the command line.
        nodes = [("", [p]) for p in node_files]
        relationships = [("", [p]) for p in edge_files]
        store.db.driver.close()
        server.stop(d)
        # The imported database starts a new transaction history: bookmarks of the replaced one would make
        # later reads wait for transactions that will never come.
        registry.write_bookmarks(store.key, [])
        try:
            server.admin_import(d, nodes, relationships, array_delimiter=delimiter, multiline_fields=multiline)
        except KGError as e:
            _restart(d, options)
            raise KGError(
                f"{e}\nThe server was restarted; its database may be incomplete: run 'kg load --store neo4j' "
                "(without --bulk) to bring it back to the loaded sources"
            ) from e
    _restart(d, options)
    store.db.driver = _connect_when_online(settings)
    store.db.bookmarks = GraphDatabase.bookmark_manager()
    store._opened_with = []

    def finish() -> dict[str, dict[str, int]]:
        store.db.apply_schema()  # constraints after the import, as for an online load
        # neo4j-admin cannot store an empty list (the CSV leaves it out); an online load stores it: set those
        # properties as the online load's own statements do, so both hold the same values.
        for query, rows in fixes:
            for i in range(0, len(rows), FIX_BATCH):
                store.db.driver.execute_query(query, {"rows": rows[i : i + FIX_BATCH]}, database_=store.db.database,
                                              bookmark_manager_=store.db.bookmarks)
        fingerprint, manifest = summary()
        store.db.driver.execute_query(  # the KGMeta record of write_graph, in a managed (retried) transaction
            cypher.load("load/record_meta").text,
            {"schema_version": SCHEMA_VERSION, "fingerprint": fingerprint, "manifest": manifest},
            database_=store.db.database, bookmark_manager_=store.db.bookmarks,
        )
        return store.db.counts()

    held = store._guard(finish)
    expected = expected if expected is not None else expected_of() if expected_of else None
    if held != expected:
        raise KGError(f"bulk import into {display_uri(settings.uri)} gave counts {held}, expected {expected}")
    if progress:  # kg.progress: a total first when the callback takes one, then everything at once
        if callable(getattr(progress, "set_total", None)):
            progress.set_total(total())  # type: ignore[attr-defined]
        progress(total())


class _CsvWriter:
    """neo4j-admin import files written from rows as they come, in the format of kg.stores.neo4j_csv.write_files.

    Rows wait per label (or type) until CSV_CHUNK of them are there; then each property's type is taken from that
    chunk, and its rows go to files with a header of their own (one per combination of the types of properties
    whose type varies, as write_files splits them). Rows holding an empty list (which neo4j-admin cannot
    store) are kept for the statements that set them after the import."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.node_files: list[Path] = []
        self.edge_files: list[Path] = []
        self.multiline = False
        self._nodes: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        self._edges: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        self._node_fixes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._edge_fixes: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        self._parts: dict[tuple[str, str], int] = defaultdict(int)

    def add_nodes(self, rows: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        for node_id, label, props in rows:
            if any(v == [] for v in props.values()):
                self._node_fixes[label].append({"id": node_id, "props": {**props, "id": node_id}})
            chunk = self._nodes[label]
            chunk.append((node_id, props))
            if len(chunk) >= CSV_CHUNK:
                self._flush_nodes(label)

    def add_edges(self, rows: Iterable[tuple[str, str, str, dict[str, Any], str, str]]) -> None:
        for start, rel, end, props, start_label, end_label in rows:
            if any(v == [] for v in props.values()):
                self._edge_fixes[start_label, rel, end_label].append({"start": start, "end": end, "props": props})
            chunk = self._edges[rel]
            chunk.append((start, end, props))
            if len(chunk) >= CSV_CHUNK:
                self._flush_edges(rel)

    def close(self) -> None:
        for label in list(self._nodes):
            self._flush_nodes(label)
        for rel in list(self._edges):
            self._flush_edges(rel)

    def fixes(self) -> list[tuple[str, list[dict[str, Any]]]]:
        out = [(cypher.template("load/merge_nodes", label=Label(label)), rows)
               for label, rows in sorted(self._node_fixes.items())]
        out += [(cypher.template("load/merge_relationships", start=Label(a), rel=Rel(r), end=Label(b)), rows)
                for (a, r, b), rows in sorted(self._edge_fixes.items())]
        return out

    def _types(self, props_of: Iterable[tuple[dict[str, Any], str]]) -> dict[str, set[str]]:
        table: dict[str, set[str]] = defaultdict(set)
        for props, where in props_of:
            for k, v in props.items():
                kind = neo4j_type(v, f"{where}: {k}")
                if kind is not None:
                    table[header_name(k, where)].add(kind)
                if not self.multiline and any(isinstance(x, str) and ("\n" in x or "\r" in x)
                                              for x in (v if isinstance(v, list) else [v])):
                    self.multiline = True
        return table

    def _files(self, kind: str, name: str, table: dict[str, set[str]]) -> Callable[[dict[str, Any], str], tuple[IO[str], list[str]]]:
        """A function giving the open file (and its column order) for a row's properties, opening files as needed."""
        fixed = {p: next(iter(t)) for p, t in table.items() if len(t) == 1}
        varying = sorted(p for p, t in table.items() if len(t) > 1)
        opened: list[tuple[tuple[str | None, ...], IO[str], list[str]]] = []
        self._open = opened

        def file_for(props: dict[str, Any], where: str) -> tuple[IO[str], list[str]]:
            sig = tuple(neo4j_type(props[p], where) if p in props else None for p in varying)
            for have, f, order in opened:
                if all(t is None or t == h for t, h in zip(sig, have)):
                    return f, order
            full = tuple(t or sorted(table[p])[0] for t, p in zip(sig, varying))
            columns = dict(fixed)
            columns.update(zip(varying, full))
            order = sorted(columns)
            part = self._parts[kind, name]
            self._parts[kind, name] += 1
            path = self.directory / file_name(kind, name, part)
            f = path.open("w", encoding="utf-8", newline="")
            head = ["id:ID", ":LABEL"] if kind == "nodes" else [":START_ID", ":END_ID", ":TYPE"]
            f.write(",".join(head + [f"{p}:{columns[p]}" for p in order]) + "\n")
            opened.append((full, f, order))
            (self.node_files if kind == "nodes" else self.edge_files).append(path)
            return f, order

        return file_for

    def _close_files(self) -> None:
        for _, f, _ in self._open:
            f.close()

    def _flush_nodes(self, label: str) -> None:
        rows = self._nodes.pop(label)
        file_for = self._files("nodes", label, self._types((props, f"node {i}") for i, props in rows))
        try:
            for node_id, props in rows:
                where = f"node {node_id}"
                f, order = file_for(props, where)
                f.write(",".join([neo4j_scalar(node_id, where), label]
                                 + [neo4j_cell(props.get(p), f"{where}: {p}") for p in order]) + "\n")
        finally:
            self._close_files()

    def _flush_edges(self, rel: str) -> None:
        rows = self._edges.pop(rel)
        file_for = self._files("relationships", rel,
                               self._types((props, f"relationship {a} -[{rel}]-> {b}") for a, b, props in rows))
        try:
            for start, end, props in rows:
                where = f"relationship {start} -[{rel}]-> {end}"
                f, order = file_for(props, where)
                cells = [neo4j_scalar(start, where), neo4j_scalar(end, where), rel]
                f.write(",".join(cells + [neo4j_cell(props.get(p), f"{where}: {p}") for p in order]) + "\n")
        finally:
            self._close_files()


def _empty_list_fixes(g: nx.MultiDiGraph) -> list[tuple[str, list[dict[str, Any]]]]:
    """The merge statements (load/merge_nodes, load/merge_relationships) and rows, with all their properties,
    of the nodes and relationships that hold an empty list."""
    nodes: dict[str, list[dict[str, Any]]] = {}
    for node_id, data in g.nodes(data=True):
        props = {k: v for k, v in data.items() if k != "label"}
        if any(v == [] for v in props.values()):
            nodes.setdefault(data["label"], []).append({"id": node_id, "props": {**props, "id": node_id}})
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for u, v, key, data in g.edges(keys=True, data=True):
        props = {k: val for k, val in data.items() if k != "type"}
        if any(val == [] for val in props.values()):
            where = (g.nodes[u]["label"], key, g.nodes[v]["label"])
            rels.setdefault(where, []).append({"start": u, "end": v, "props": props})
    out = [(cypher.template("load/merge_nodes", label=Label(label)), rows) for label, rows in sorted(nodes.items())]
    out += [(cypher.template("load/merge_relationships", start=Label(a), rel=Rel(r), end=Label(b)), rows)
            for (a, r, b), rows in sorted(rels.items())]
    return out


def _connect_when_online(settings: Any, timeout: float = ONLINE_TIMEOUT) -> Any:
    """Connect to the restarted server. Bolt answers before the imported database is online, and `connect`
    asks the database itself (within a few seconds), so retry until it answers or `timeout` passes."""
    from kg.stores.neo4j_store import connect

    deadline = time.monotonic() + timeout
    while True:
        try:
            return connect(settings)
        except KGError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(1.0)


def _restart(d: Path, options: dict[str, Any]) -> None:
    try:
        server.start(d, **options)
    except KGError as e:
        raise KGError(f"the bulk import stopped the local Neo4j of {d}, and restarting it failed: {e}") from e
