"""Bulk loading: the canonical graph written as import CSVs and loaded by `neo4j-admin database import full`.

For graphs where online loading (batched MERGE over Bolt) is too slow. It needs the local server of
`kg server start`, because the import replaces the database files while the server is stopped:

    write the CSVs (kg.export.write_neo4j_csv) -> stop the server -> `neo4j-admin database import full`
    -> start it again with the same options (port, auth, Browser, TLS, memory) -> constraints -> KGMeta

The result is the same graph as an online load: same counts, same fingerprint, same KGMeta record
(schema version, fingerprint, manifest). `kg.api.load(..., bulk=True)` and `kg load --bulk` call
`bulk_replace` in place of the store's online `replace`, so the loaded-sources registry and the release
manifest follow exactly the same rules.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from neo4j import GraphDatabase

from kg import cypher, graph, registry, server
from kg.errors import KGError
from kg.models import SCHEMA_VERSION, Label, Rel
from kg.settings import display_uri, is_local, require_local

__all__ = ["bulk_replace", "is_local", "local_server", "refuse_remote"]

FIX_BATCH = 10_000
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
    d = info.data_dir if info else server._resolve(data_dir)
    if info is None or _port(info.uri) != _port(uri):
        where = f"serves {info.uri}" if info else "is not running"
        raise KGError(
            f"kg load --bulk needs the local server of 'kg server start' behind {display_uri(uri)}, but the one of "
            f"{d} {where}; "
            "start it with 'kg server start', or point KG_NEO4J_DATA at its data directory"
        )
    state = server._read_state(d) or {}
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
    from kg.export import write_neo4j_csv
    from kg.store import Neo4jGraphStore

    if not isinstance(store, Neo4jGraphStore):
        raise KGError("kg load --bulk writes to Neo4j: use it with --store neo4j")
    settings = store.settings
    d, options = local_server(settings.uri, data_dir)
    if store.db.database != server.DATABASE:
        raise KGError(f"kg load --bulk imports into the database {server.DATABASE!r} of the local server, "
                      f"not {store.db.database!r}")
    store.check_writable()  # as online: never replace a graph that another major schema version wrote
    summary = summary or (lambda: (graph.fingerprint(g), None))
    with tempfile.TemporaryDirectory(prefix="kg-bulk-") as tmp:
        files = write_neo4j_csv(g, Path(tmp))
        # The files carry their :LABEL and :TYPE columns, so no name goes on the command line.
        nodes = [("", [Path(p)]) for _, p in files["nodes"]]
        relationships = [("", [Path(p)]) for _, p in files["relationships"]]
        store.db.driver.close()
        server.stop(d)
        # The imported database starts a new transaction history: bookmarks of the replaced one would make
        # later reads wait for transactions that will never come.
        registry.write_bookmarks(store.key, [])
        try:
            server.admin_import(d, nodes, relationships, array_delimiter=files["array_delimiter"],
                                multiline_fields=files["multiline_fields"])
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
        for query, rows in _empty_list_fixes(g):
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

    expected = graph.counts(g)
    held = store._guard(finish)
    if held != expected:
        raise KGError(f"bulk import into {display_uri(settings.uri)} gave counts {held}, expected {expected}")
    if progress:  # kg.progress: a total first when the callback takes one, then everything at once
        if callable(getattr(progress, "set_total", None)):
            progress.set_total(g.number_of_nodes() + g.number_of_edges())  # type: ignore[attr-defined]
        progress(g.number_of_nodes() + g.number_of_edges())
    return {"nodes": g.number_of_nodes(), "relationships": g.number_of_edges()}


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
    from kg.neo4j_store import connect

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
