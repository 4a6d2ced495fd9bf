"""Neo4j as a sink and a store: connect, apply the schema, write the canonical graph, read it back.

The driver is created once (`connect`) and passed down. Writes are `UNWIND $rows ... MERGE` batches in
managed transactions (`execute_write`, so transient errors are retried); reads use read transactions.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j import exceptions as neo4j_errors

from kg import cypher, graph
from kg.errors import ConnectionFailed, KGError
from kg.models import SCHEMA_VERSION, Label, Rel

DEFAULT_DATABASE = "neo4j"
BATCH_SIZE = 10_000


@dataclass(frozen=True)
class Settings:
    """Where Neo4j is and who we are; the password is never printed."""

    uri: str
    username: str = "neo4j"
    password: str | None = None
    database: str = DEFAULT_DATABASE

    def __repr__(self) -> str:
        return f"Settings(uri={self.uri!r}, username={self.username!r}, database={self.database!r})"


def resolve_settings(uri: str | None = None, username: str | None = None, database: str | None = None) -> Settings:
    """Options, then NEO4J_* variables, then the local server started by `kg server start`."""
    env = os.environ
    uri = uri or env.get("NEO4J_URI")
    username = username or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER")
    database = database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE
    password = env.get("NEO4J_PASSWORD")
    if uri is None:
        from kg import server

        local = server.credentials()
        if local is None:
            raise ConnectionFailed(
                "no Neo4j configured: set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD), "
                "or start a local one with 'kg server start'"
            )
        uri, local_user, local_password = local
        username = username or local_user
        password = password if password is not None else local_password
    return Settings(uri=uri, username=username or "neo4j", password=password, database=database)


def connect(settings: Settings) -> neo4j.Driver:
    """Open a driver and check that the server answers and accepts us, within seconds."""
    auth = (settings.username, settings.password) if settings.password is not None else None
    try:
        driver = GraphDatabase.driver(settings.uri, auth=auth, connection_timeout=5.0, max_transaction_retry_time=5.0,
                                      notifications_min_severity="OFF")
    except (ValueError, neo4j_errors.ConfigurationError) as e:
        raise ConnectionFailed(f"invalid Neo4j URI {settings.uri!r}: {e}") from e
    try:
        driver.verify_connectivity()
    except neo4j_errors.AuthError as e:
        driver.close()
        raise ConnectionFailed(
            f"Neo4j at {settings.uri} refused the login of user {settings.username!r} (AuthError). "
            "Check NEO4J_USERNAME and NEO4J_PASSWORD."
        ) from e
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as e:
        driver.close()
        raise ConnectionFailed(
            f"cannot reach Neo4j at {settings.uri} ({type(e).__name__}). "
            "Start one with 'kg server start', or set NEO4J_URI."
        ) from e
    except neo4j_errors.Neo4jError as e:
        driver.close()
        raise ConnectionFailed(f"Neo4j at {settings.uri} refused the connection: {e.message}") from e
    return driver


class Neo4jStore:
    """The graph as held by a Neo4j database."""

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str = DEFAULT_DATABASE):
        self.driver = driver
        self.database = database

    def close(self) -> None:
        self.driver.close()

    # ---------------------------------------------------------------- reading
    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None) -> list[dict]:
        """Run a read query in a read transaction (READ routing) and return plain dict rows."""

        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            return [r.data() for r in tx.run(query, params or {})]

        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(neo4j.unit_of_work(timeout=timeout)(work))

    def nodes(self) -> Iterator[tuple[str, str, dict]]:
        for row in self.read(cypher.load("load/read_nodes").text):
            yield row["id"], row["labels"][0], {k: v for k, v in row["props"].items() if k != "id"}

    def edges(self) -> Iterator[tuple[str, str, str, dict]]:
        for row in self.read(cypher.load("load/read_relationships").text):
            yield row["start"], row["type"], row["end"], row["props"]

    def fingerprint(self) -> str:
        return graph.canonical(self.nodes(), self.edges())

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {"labels": {}, "relationships": {}}
        for row in self.read(cypher.load("load/stats").text):
            out[row["kind"]][row["name"]] = row["count"]
        return out

    def to_graph(self) -> nx.MultiDiGraph:
        """The database's graph as a networkx graph of the canonical shape."""
        g = nx.MultiDiGraph()
        for node_id, label, props in self.nodes():
            g.add_node(node_id, label=label, **props)
        for start, rel, end, props in self.edges():
            g.add_edge(start, end, key=rel, type=rel, **props)
        return g

    # ---------------------------------------------------------------- writing
    def apply_schema(self) -> None:
        """Create the uniqueness constraints (idempotent)."""
        statements = [s.strip() for s in _strip_comments(cypher.load("schema/constraints").text).split(";")]
        for statement in filter(None, statements):
            self.driver.execute_query(statement, database_=self.database)

    def meta(self) -> dict[str, Any]:
        """What the last load recorded: schema version, fingerprint, manifest (empty for a fresh database)."""
        rows = self.read(cypher.load("load/read_meta").text)
        return rows[0] if rows else {}

    def write_graph(self, g: nx.MultiDiGraph, *, batch_size: int = BATCH_SIZE, fingerprint: str | None = None,
                    manifest: str | None = None, progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Make the database hold exactly `g`: merge what is new or changed, delete what `g` no longer has.

        The change is computed against the database's current graph. When it fits in one batch it is applied
        in one transaction (a reloaded file is replaced atomically); larger changes go in batches of
        `batch_size` rows, each a managed transaction (transient errors are retried). Returns counts.
        """
        self.apply_schema()
        fingerprint = fingerprint or graph.fingerprint(g)
        meta = (cypher.load("load/record_meta").text,
                {"schema_version": SCHEMA_VERSION, "fingerprint": fingerprint, "manifest": manifest})
        counts = {"nodes": 0, "relationships": 0, "deleted_nodes": 0, "deleted_relationships": 0}
        if self.meta().get("fingerprint") == fingerprint:
            self._write_all([meta])  # the same graph: nothing to change but the manifest
            return counts
        current = self.to_graph() if self._has_nodes() else nx.MultiDiGraph()
        plan = _plan(current, g)
        total = sum(len(rows) for _, _, rows in plan)
        if total <= batch_size:
            self._write_all([(q, {"rows": rows}) for _, q, rows in plan if rows] + [meta])
            if progress:
                progress(total)
        else:
            for _, query, rows in plan:
                for batch in _batches(rows, batch_size):
                    self._write_all([(query, {"rows": batch})])
                    if progress:
                        progress(len(batch))
            self._write_all([meta])
        for kind, _, rows in plan:
            counts[kind] += len(rows)
        return counts

    def _has_nodes(self) -> bool:
        return bool(self.read("MATCH (n) WHERE NOT n:KGMeta RETURN 1 AS one LIMIT 1"))

    def _write_all(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        """Run statements in one managed write transaction."""

        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, params in statements:
                tx.run(query, params).consume()

        with self.driver.session(database=self.database, default_access_mode=neo4j.WRITE_ACCESS) as session:
            session.execute_write(work)


def _plan(current: nx.MultiDiGraph, target: nx.MultiDiGraph) -> list[tuple[str, str, list[dict]]]:
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


def _batches(rows: list[dict], size: int) -> Iterable[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def translate(e: Exception, settings: Settings) -> KGError:
    """Turn a driver error raised mid-work into a one-line KGError naming the URI."""
    if isinstance(e, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
        return ConnectionFailed(f"lost the connection to Neo4j at {settings.uri} ({type(e).__name__})")
    if isinstance(e, neo4j_errors.Neo4jError):
        return KGError(f"Neo4j at {settings.uri}: {e.code}: {e.message}")
    return KGError(str(e))
