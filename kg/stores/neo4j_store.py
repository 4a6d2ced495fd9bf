"""Neo4j as a store: connect (checked within seconds), read the graph back, apply the schema, write a load.

The driver is created once (`connect`) and passed down. Writes are `UNWIND $rows ... MERGE` batches in
managed transactions (`execute_write`, so transient errors are retried; the statements come from
kg.stores.neo4j_write); reads use read transactions. Failures become one line (kg.stores.neo4j_diagnose).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j import exceptions as neo4j_errors

from kg import resources
from kg.errors import ConnectionFailed, KGError
from kg.graph import build as graph
from kg.model import SCHEMA_VERSION, Label
from kg.stores import cypher
from kg.stores.neo4j_diagnose import diagnose, translate
from kg.stores.neo4j_write import (batches, load_claim, meta_statement, plan_changes, plan_create, sources_statement,
                                   write_streamed)
from kg.stores.settings import (DEFAULT_DATABASE, Settings, acquire_timeout, display_uri, driver_target, is_local,
                                require_local, resolve_settings)

if TYPE_CHECKING:
    from kg.graph.stream import GraphStream

__all__ = ["BATCH_SIZE", "DEFAULT_DATABASE", "Neo4jStore", "ServerVersion", "Settings", "check_schema_version",
           "connect", "connect_checked", "diagnose", "display_uri", "is_local", "require_local", "resolve_settings",
           "sources_statement", "translate"]

BATCH_SIZE = 10_000
SUPPORTED_VERSIONS = "Neo4j 5.26 LTS and 2025.x"
CONNECT_TIMEOUT = 5.0   # seconds for one TCP connect + TLS + Bolt handshake
RETRY_TIME = 5.0        # seconds a managed transaction retries transient errors; the driver's default is 30
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerVersion:
    """What the server said it is at connect: `5.26.19`, `community`/`enterprise` (Aura says enterprise)."""

    version: str
    edition: str
    agent: str

    @property
    def major_minor(self) -> tuple[int, int]:
        parts = [int(p) for p in re.findall(r"\d+", self.version)[:2]]
        return (parts + [0, 0])[0], (parts + [0, 0])[1]


def connect(settings: Settings) -> neo4j.Driver:
    """Open a driver and check, within seconds, that the server answers, accepts us, serves the database
    and is a supported version; any failure is one ConnectionFailed line naming the URI and what to do."""
    return connect_checked(settings)[0]


def connect_checked(settings: Settings) -> tuple[neo4j.Driver, ServerVersion]:
    """`connect`, also returning the server's version and edition."""
    uri, tls = driver_target(settings)
    auth = (settings.username, settings.password) if settings.password is not None else None
    log.debug("connecting to %s as %r, database %r%s (%s)", settings.display_uri, settings.username,
              settings.database, ", trusting " + settings.ca_cert if settings.ca_cert else "",
              ", ".join(f"{k} from {v}" for k, v in settings.origins.items()))
    acquire = acquire_timeout()
    try:
        driver = GraphDatabase.driver(uri, auth=auth, connection_timeout=min(CONNECT_TIMEOUT, acquire),
                                      connection_acquisition_timeout=acquire,
                                      max_transaction_retry_time=RETRY_TIME, notifications_min_severity="OFF",
                                      **tls)
    except (ValueError, neo4j_errors.ConfigurationError) as e:
        raise KGError(f"invalid Neo4j URI {settings.display_uri!r}: {e}") from e
    try:
        driver.verify_connectivity()
        version = server_version(driver, settings.database)
        check_version(version, settings)
    except KGError:
        driver.close()
        raise
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as e:
        driver.close()
        raise diagnose(e, settings) from e
    log.debug("connected to %s (%s %s), database %s", settings.display_uri, version.agent, version.edition,
              settings.database)
    return driver, version


def server_version(driver: neo4j.Driver, database: str) -> ServerVersion:
    """Ask the database (so an unknown one fails here) for the server's version and edition."""
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        try:
            result = session.run(neo4j.Query("CALL dbms.components() YIELD name, versions, edition "
                                             "WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version, edition",
                                             timeout=30.0))  # a cold server plans slowly
            record = result.single()
            agent = result.consume().server.agent
        except neo4j_errors.ClientError as e:
            if "Forbidden" not in (e.code or "") and "ProcedureNotFound" not in (e.code or ""):
                raise
            agent = session.run("RETURN 1").consume().server.agent  # a role without the procedure
            return ServerVersion(agent.partition("/")[2] or agent, "unknown", agent)
    if record is None:
        return ServerVersion(agent.partition("/")[2] or agent, "unknown", agent)
    return ServerVersion(record["version"], record["edition"], agent)


def check_version(version: ServerVersion, settings: Settings) -> None:
    """Refuse Neo4j before 5; warn (log) on 5.0-5.25 and on calendar versions after 2025."""
    major, minor = version.major_minor
    if major < 5:
        raise ConnectionFailed(f"Neo4j {version.version} at {settings.display_uri} is not supported: OncoKG needs "
                               f"{SUPPORTED_VERSIONS} (see the README)")
    if (major == 5 and minor < 26) or 5 < major < 2025 or major > 2025:
        log.warning("Neo4j %s at %s is not a tested version (%s); it should work, but if a query fails, "
                    "use one of those", version.version, settings.display_uri, SUPPORTED_VERSIONS)


def check_schema_version(recorded: str | None, settings: Settings | None) -> None:
    """Refuse to write into a graph recorded with another major schema version, saying what to do."""
    if recorded is None or str(recorded).split(".")[0] == SCHEMA_VERSION.split(".")[0]:
        return
    where = f"database {settings.database!r} at {settings.display_uri}" if settings else "the database"
    head = (f"the Neo4j {where} holds an OncoKG graph of schema version {recorded}, and this kg "
            f"({resources.VERSION}) writes schema version {SCHEMA_VERSION}; nothing was written. ")
    try:
        newer = int(str(recorded).split(".")[0]) > int(SCHEMA_VERSION.split(".")[0])
    except ValueError:
        newer = False
    if newer:
        raise KGError(head + "Upgrade kg (pip install -U oncokg) to write to it, or load into another database "
                             "(--database)")
    raise KGError(head + "Reload it: empty that database in cypher-shell or Neo4j Browser "
                         "(MATCH (n) DETACH DELETE n), then run 'kg load --store neo4j'; or use another database "
                         "(--database)")


class Neo4jStore:
    """The graph as held by a Neo4j database."""

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str = DEFAULT_DATABASE, *, settings: Settings | None = None,
                 bookmarks: Iterable[str] = ()):
        self.driver = driver
        self.database = database
        self.settings = settings
        # One bookmark manager for every session of this store: a read after a write sees the write, also when
        # a cluster serves the read from a secondary. `bookmarks` carries them over from an earlier process.
        self.bookmarks = GraphDatabase.bookmark_manager(initial_bookmarks=neo4j.Bookmarks.from_raw_values(bookmarks))

    def close(self) -> None:
        self.driver.close()

    def session(self, access: str = neo4j.READ_ACCESS) -> neo4j.Session:
        """A session on this store's database that shares its bookmarks; READ_ACCESS routes to secondaries."""
        return self.driver.session(database=self.database, default_access_mode=access,
                                   bookmark_manager=self.bookmarks)

    def last_bookmarks(self) -> list[str]:
        return sorted(self.bookmarks.get_bookmarks())

    # ---------------------------------------------------------------- reading
    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout: float | None = None,
             leader: bool = False) -> list[dict]:
        """Run a read query in a read transaction (READ routing) and return plain dict rows.

        `leader=True` reads from the cluster's leader instead (a write transaction that only reads): the
        write path plans its changes from what the leader holds, never from a secondary that lags."""

        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            return [r.data() for r in tx.run(query, params or {})]

        unit = neo4j.unit_of_work(timeout=timeout)(work)
        with self.session(neo4j.WRITE_ACCESS if leader else neo4j.READ_ACCESS) as session:
            return session.execute_write(unit) if leader else session.execute_read(unit)

    def stream(self, query: str, params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """The rows of a read query as they arrive (the driver fetches them in batches), in an explicit read
        transaction without a time limit: for reads too large to hold in memory, such as an export."""
        with self.session(neo4j.READ_ACCESS) as session, session.begin_transaction(timeout=0) as tx:
            for record in tx.run(query, params or {}):
                yield record.data()

    def nodes(self, *, leader: bool = False) -> Iterator[tuple[str, str, dict]]:
        for row in self.read(cypher.load("load/read_nodes").text, leader=leader):
            yield row["id"], row["labels"][0], {k: v for k, v in row["props"].items() if k != "id"}

    def edges(self, *, leader: bool = False) -> Iterator[tuple[str, str, str, dict]]:
        for row in self.read(cypher.load("load/read_relationships").text, leader=leader):
            yield row["start"], row["type"], row["end"], row["props"]

    def fingerprint(self) -> str:
        return graph.canonical(self.nodes(), self.edges())

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {"labels": {}, "relationships": {}}
        for row in self.read(cypher.load("load/stats").text):
            out[row["kind"]][row["name"]] = row["count"]
        return out

    def to_graph(self, *, leader: bool = False) -> nx.MultiDiGraph:
        """The database's graph as a networkx graph of the canonical shape."""
        g = nx.MultiDiGraph()
        for node_id, label, props in self.nodes(leader=leader):
            g.add_node(node_id, label=label, **props)
        for start, rel, end, props in self.edges(leader=leader):
            if start in g and end in g:  # else written by another load after the nodes were read: not yet seen
                g.add_edge(start, end, key=rel, type=rel, **props)
        return g

    # ---------------------------------------------------------------- writing
    def apply_schema(self) -> None:
        """Create the uniqueness constraints (idempotent)."""
        statements = [s.strip() for s in _strip_comments(cypher.load("schema/constraints").text).split(";")]
        for statement in filter(None, statements):
            self.driver.execute_query(statement, database_=self.database, routing_=RoutingControl.WRITE,
                                      bookmark_manager_=self.bookmarks)

    def meta(self, *, leader: bool = False) -> dict[str, Any]:
        """What the last load recorded: schema version, fingerprint, manifest (empty for a fresh database)."""
        rows = self.read(cypher.load("load/read_meta").text, leader=leader)
        return rows[0] if rows else {}

    def check_writable(self) -> dict[str, Any]:
        """Refuse (KGError) when the database records another major schema version; return its meta."""
        meta = self.meta(leader=True)
        check_schema_version(meta.get("schema_version"), self.settings)
        return meta

    def sources(self) -> list[dict[str, Any]]:
        """The loaded files the graph records (kg.api's load state), oldest first."""
        return self.read(cypher.load("load/read_sources").text, leader=True)

    def record_sources(self, rows: list[dict[str, Any]]) -> None:
        """Record exactly these loaded files (see `sources_statement`), in one transaction."""
        self._write_all([sources_statement(rows)])

    def write_graph(self, g: nx.MultiDiGraph, *, batch_size: int = BATCH_SIZE,
                    summary: Callable[[], tuple[str, str | None]] | None = None,
                    progress: Callable[[int], None] | None = None,
                    sources: list[dict[str, Any]] | None = None) -> dict[str, int]:
        """Make the database hold exactly `g`: merge what is new or changed, delete what `g` no longer has.

        The load claim (neo4j_write.load_claim) is held throughout: a second load waits until this one ends.
        `summary()` gives the graph's fingerprint and release manifest (default: the fingerprint, no manifest);
        the caller may compute it in another thread, as it is needed only to compare with the recorded graph,
        and into an empty database only at the end. Into an empty database nodes and relationships are created
        (`CREATE`, nothing to match; should a writer that takes no claim have written meanwhile, its constraint
        error makes this one plan again with MERGE).
        Otherwise the change is computed against the database's current graph. When it fits in one batch it is
        applied in one transaction (a reloaded file is replaced atomically); larger changes go in batches of
        `batch_size` rows, each a managed transaction (transient errors are retried). Returns counts.
        A database that records another major schema version is refused before anything is written.
        `progress(n)` is called with the rows written; if it has a `set_total(n)` method, that is called
        first with the number of rows to write. Planning reads come from the leader (see `read`).
        `sources`, when given, replaces the record of loaded files in the same transaction as the meta record.
        """
        self.check_writable()
        self.apply_schema()  # before the claim: a schema change waits for every open transaction, the claim's too
        with load_claim(self.session(neo4j.WRITE_ACCESS)):
            return self._write_graph(g, batch_size, summary or (lambda: (graph.fingerprint(g), None)), progress,
                                     sources)

    def _write_graph(self, g: nx.MultiDiGraph, batch_size: int, summary: Callable[[], tuple[str, str | None]],
                     progress: Callable[[int], None] | None, sources: list[dict[str, Any]] | None) -> dict[str, int]:
        recorded = self.check_writable()
        counts = {"nodes": 0, "relationships": 0, "deleted_nodes": 0, "deleted_relationships": 0}

        def meta() -> list[tuple[str, dict[str, Any]]]:
            return [meta_statement(*summary())] + ([sources_statement(sources)] if sources is not None else [])

        if self._has_nodes():
            if recorded.get("fingerprint") == summary()[0]:
                self._write_all(meta())  # the same graph: nothing to change but the manifest
                return counts
            plan = plan_changes(self.to_graph(leader=True), g)
        else:
            plan = plan_create(g)
        set_total = getattr(progress, "set_total", None)
        if callable(set_total):
            set_total(sum(len(rows) for _, _, rows in plan))
        try:
            self._write_plan(plan, batch_size, meta, progress)
        except neo4j_errors.ConstraintError:
            # Another load wrote into the database since it was found empty (its node was created first):
            # plan again from what the database holds now, with MERGE, and finish.
            plan = plan_changes(self.to_graph(leader=True), g)
            self._write_plan(plan, batch_size, meta, None)
        for kind, _, rows in plan:
            counts[kind] += len(rows)
        return counts

    def _write_plan(self, plan: list[tuple[str, str, list[dict]]], batch_size: int,
                    meta: Callable[[], list[tuple[str, dict[str, Any]]]],
                    progress: Callable[[int], None] | None) -> None:
        """Apply a plan: in one transaction when it fits in one batch, else batch by batch; then the meta record."""
        total = sum(len(rows) for _, _, rows in plan)
        if total <= batch_size:
            self._write_all([(q, {"rows": rows}) for _, q, rows in plan if rows] + meta())
            if progress:
                progress(total)
            return
        for _, query, rows in plan:
            for batch in batches(rows, batch_size):
                self._write_all([(query, {"rows": batch})])
                if progress:
                    progress(len(batch))
        self._write_all(meta())

    def write_stream(self, stream: GraphStream, *, batch_size: int = BATCH_SIZE,
                     manifest: Callable[[str, dict[str, dict[str, int]]], str | None] | None = None,
                     progress: Callable[[int], None] | None = None,
                     sources: list[dict[str, Any]] | None = None) -> dict[str, int]:
        """Make the database hold exactly the graph of `stream` (kg.graph.stream), as `write_graph` does for a built graph
        (`sources`, when given, replaces the record of loaded files with the meta record, as there).

        The load claim is held throughout. Into an empty database the rows go from the builder to the server: a
        writer thread commits one batch (`UNWIND $rows ... CREATE`, `batch_size` rows of one label or of one (start
        label, type, end label)) while the next is built (neo4j_write.write_streamed). The fingerprint is computed
        from the rows on the way, and recorded last with `manifest(fingerprint, counts)`. A reference problem, or
        any error, deletes what this load wrote before it is raised. A writer that takes no claim writing meanwhile
        (a constraint error) makes this one finish by `write_graph`, with MERGE. A database that holds a graph
        already is compared with it: the same fingerprint changes nothing but the record; another graph is written
        by `write_graph` (the changes only).
        """
        self.check_writable()
        self.apply_schema()  # before the claim, as in write_graph (the claim waits on KGMeta's constraint)
        with load_claim(self.session(neo4j.WRITE_ACCESS)):
            return self._write_stream(stream, batch_size, manifest, progress, sources)

    def _write_stream(self, stream: GraphStream, batch_size: int,
                      manifest: Callable[[str, dict[str, dict[str, int]]], str | None] | None,
                      progress: Callable[[int], None] | None, sources: list[dict[str, Any]] | None) -> dict[str, int]:
        recorded = self.check_writable()

        def summary_of(fingerprint: str) -> Callable[[], tuple[str, str | None]]:
            return lambda: (fingerprint, manifest(fingerprint, stream.counts()) if manifest else None)

        def meta(fingerprint: str) -> list[tuple[str, dict[str, Any]]]:
            return [meta_statement(*summary_of(fingerprint)())] + \
                ([sources_statement(sources)] if sources is not None else [])

        if self._has_nodes():
            fingerprint = stream.drain()
            if recorded.get("fingerprint") == fingerprint:
                self._write_all(meta(fingerprint))
                return {"nodes": 0, "relationships": 0, "deleted_nodes": 0, "deleted_relationships": 0}
            return self._write_graph(stream.graph(), batch_size, summary_of(fingerprint), progress, sources)
        try:
            write_streamed(self._write_all, stream, batch_size, progress)
        except neo4j_errors.ConstraintError:
            # Another load wrote into the database since it was found empty: finish with MERGE, as write_graph does.
            g = stream.graph()
            fingerprint = graph.fingerprint(g)
            return self._write_graph(g, batch_size, lambda: (fingerprint, manifest(fingerprint, graph.counts(g))
                                                             if manifest else None), None, sources)
        except BaseException as e:
            if not isinstance(e, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
                self._undo_first_load()  # (with the connection lost, the next load repairs it)
            raise
        self._write_all(meta(stream.fingerprint()))
        return {"nodes": stream.number_of_nodes, "relationships": stream.number_of_edges, "deleted_nodes": 0,
                "deleted_relationships": 0}

    def _undo_first_load(self) -> None:
        """Delete every node (and relationship) of the schema's labels: after a first load into an empty database
        failed, the database is empty again. Errors here are logged, not raised (the first error is the one to
        report, and the next load repairs what is left)."""
        try:
            with self.session(neo4j.WRITE_ACCESS) as session:
                for label in Label:
                    session.run(cypher.template("load/delete_label", label=label)).consume()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as e:
            log.debug("could not undo the partial load (%s); the next load repairs it", e)

    def _has_nodes(self) -> bool:
        return bool(self.read("MATCH (n) WHERE NOT n:KGMeta RETURN 1 AS one LIMIT 1", leader=True))

    def _write_all(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        """Run statements in one managed write transaction."""

        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, params in statements:
                tx.run(query, params).consume()

        with self.session(neo4j.WRITE_ACCESS) as session:
            session.execute_write(work)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))

