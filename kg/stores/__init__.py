"""The two stores behind every command: the in-memory graph (default) and Neo4j.

A store is chosen once (`open_store`) and passed down. Both answer the same calls: `counts`, `fingerprint`,
`resolve` (a name to a node id); the memory store holds its `graph`, Neo4j runs reads (`read`, `read_transaction`).
A question is answered on either by kg.questions.run. Each store's graph is the curated seed plus the files loaded
on top of it (kg.registry), rebuilt from their snapshots.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from kg import registry, resources
from kg.errors import KGError, QueryRefused, ValidationError
from kg.graph import build as graph
from kg.model import Label
from kg.sources.files import Source, sources_of
from kg.sources.seed import Loaded, SourceFile, read_file, read_paths, yaml_files
from kg.stores import cypher

if TYPE_CHECKING:  # the driver is imported only when a Neo4j store is opened (it is half of `kg ask`'s start-up)
    from kg.stores.neo4j_store import Neo4jStore

STORES = ("memory", "neo4j")

# A query runner inside a read transaction: (query, params) -> its rows as dicts (Neo4jGraphStore.read_transaction).
Read = Callable[[str, dict[str, Any]], Iterator[dict[str, Any]]]
T = TypeVar("T")


seed_dir = resources.seed_dir  # the curated seed: $KG_SEED_DIR, else the package's seed/


def read_sources(sources: list[Source], base: list[Path | str] | None = None,
                 notes: list[str] | None = None) -> tuple[list[Loaded], list[SourceFile]]:
    """Read the seed (or `base`), then each source; raise ValidationError listing every problem.

    Public-data loaders' counts (added / merged / skipped / unresolved) are appended to `notes`."""
    from kg.sources import LOADERS

    records, problems, files = read_paths(base or [seed_dir()])
    for source in (s for s in sources if s.format == registry.SEED):
        got, bad, ident = read_file(source.path, source.display, case_file=True)
        records.extend(got)
        problems.extend(bad)
        if ident:
            files.append(ident)
    public = [s for s in sources if s.format != registry.SEED]
    if problems and not public:  # every problem in one pass: references among the records that did parse too
        try:
            graph.build_graph(records)
        except ValidationError as e:
            problems.extend(p for p in e.problems if p not in problems)
    if public and not problems:
        vocab = graph.vocabulary(graph.build_graph(records))
        for source in public:
            if source.format not in LOADERS:
                problems.append(f"{source.display}: unknown source format {source.format!r}")
                continue
            result = LOADERS[source.format](source.path, vocab, display=source.display)
            if notes is not None:
                summary = ", ".join(f"{k} {v}" for k, v in result.counts.items())
                notes.append(f"{source.display}: {summary}" if summary else source.display)
                notes.extend(f"{source.display}: unresolved: {u}" for u in result.unresolved)
            records.extend(result.records)
            problems.extend(result.problems)
            files.append(SourceFile(source.display, result.file.sha256, result.file.records))
    if problems:
        raise ValidationError(problems)
    return records, files


def build(paths: list[Path | str] | None = None, public: list[tuple[str, Path]] = (),
          entries: list[registry.Entry] = ()) -> tuple[nx.MultiDiGraph, list[SourceFile]]:
    """Validate and build the canonical graph: `paths` (default: the seed), then registry `entries`,
    then public-data files `(loader name, path)`."""
    extra = sources_of(list(entries)) + [Source(name, Path(p), str(p)) for name, p in public]
    records, files = read_sources(extra, paths)
    return graph.build_graph(records), files


STDIN = "<stdin>"


def stdin_file(data: bytes) -> Path:
    """Standard input kept as a file (content-addressed, in the state directory), so a load of it can be
    snapshotted and rebuilt like any file."""
    import hashlib

    path = registry.state_dir() / "stdin" / f"stdin-{hashlib.sha256(data).hexdigest()[:16]}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def expand(paths: list[Path | str], fmt: str) -> list[Source]:
    """The files a user named: directories become their YAML files (seed format); `-` is standard input."""
    import sys

    out = []
    for p in map(Path, paths):
        if str(p) == "-":
            out.append(Source(fmt, stdin_file(sys.stdin.buffer.read()), STDIN))
            continue
        if not p.exists():
            raise ValidationError([f"{p}: no such file or directory"])
        files = yaml_files([p]) if fmt == registry.SEED else [p]
        out.extend(Source(fmt, f, str(f)) for f in files)
    return out


class MemoryStore:
    """The canonical graph held in memory: the seed plus the files loaded into the memory store."""

    name = "memory"
    key = "memory"

    def __init__(self, g: nx.MultiDiGraph | None = None):
        self._graph = g

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The seed plus the loaded files, validated and built once per change of any of them (kg.graph.cache)."""
        if self._graph is None:
            from kg.graph import cache as graph_cache

            entries = registry.read(self.key)

            def fresh() -> nx.MultiDiGraph:
                g, _ = build(entries=entries)
                g.graph["fingerprint"] = graph.fingerprint(g)
                return g

            self._graph = graph_cache.cached(graph_cache.key(graph_cache.seed_files(seed_dir()), entries), fresh)
        return self._graph

    def close(self) -> None:
        pass

    def counts(self) -> dict[str, dict[str, int]]:
        return graph.counts(self.graph)

    def fingerprint(self) -> str:
        if "fingerprint" not in self.graph.graph:
            self.graph.graph["fingerprint"] = graph.fingerprint(self.graph)
        return self.graph.graph["fingerprint"]

    def resolve(self, text: str, labels: tuple[str, ...]) -> str:
        return graph.vocabulary(self.graph).resolve(text, tuple(Label(x) for x in labels))

    def replace(self, g: nx.MultiDiGraph, *, summary: Any = None, **_: Any) -> dict[str, int]:
        """Hold `g`; report whether it differs from the graph of the last load (nothing is written anywhere).
        `summary()`, when given, returns the graph's fingerprint and manifest (see Neo4jStore.write_graph)."""
        self._graph = g
        previous = registry.read_manifest(self.key).get("fingerprint")
        return {} if previous == (summary()[0] if summary else graph.fingerprint(g)) else {"rebuilt": 1}


class Neo4jGraphStore:
    """A Neo4j database holding the same graph, synchronised by `kg load --store neo4j`."""

    name = "neo4j"

    def __init__(self, db: Neo4jStore, settings: Any):
        self.db = db
        self.settings = settings
        self.key = registry.store_key("neo4j", settings.uri, settings.database)
        if db.settings is None:
            db.settings = settings
        self._opened_with = db.last_bookmarks()
        self._resolved: dict[tuple[str, str, tuple[str, ...]], str] = {}  # (fingerprint, text, labels) -> id

    def close(self) -> None:
        """Close the driver; after a write, remember its bookmarks for the next process (read your writes)."""
        try:
            bookmarks = self.db.last_bookmarks()
            if bookmarks and bookmarks != self._opened_with:
                registry.write_bookmarks(self.key, bookmarks)
        finally:
            self.db.close()

    def check_writable(self) -> None:
        """Refuse (one line, exit 1) to write into a graph of another major schema version."""
        self._guard(self.db.check_writable)

    def counts(self) -> dict[str, dict[str, int]]:
        return self._guard(self.db.counts)

    def fingerprint(self, read: Read | None = None) -> str:
        """The fingerprint recorded by the last load (cheap; `verify_fingerprint` recomputes it); with `read`, read
        in that transaction of `read_transaction`."""
        if read is None:
            fp = self._guard(self.db.meta).get("fingerprint")
        else:
            meta = list(read(cypher.load("load/read_meta").text, {}))
            fp = meta[0]["fingerprint"] if meta else None
        if fp is None:
            raise KGError(f"the Neo4j database at {self.settings.uri} holds no OncoKG graph; run 'kg load --store neo4j'")
        return fp

    def verify_fingerprint(self) -> str:
        return self._guard(self.db.fingerprint)

    def resolve(self, text: str, labels: tuple[str, ...]) -> str:
        """The id `text` names, as graph.Vocabulary.resolve says (see `_resolve`)."""
        return self._resolve(self.read, text, labels)

    def resolver(self, read: Read, fingerprint: str) -> Callable[[str, tuple[str, ...]], str]:
        """`resolve` inside a transaction of `read_transaction` (`read`) on the graph of `fingerprint`: names already
        resolved in that graph are not looked up again."""
        def resolve(text: str, labels: tuple[str, ...]) -> str:
            key = (fingerprint, text, labels)
            if key not in self._resolved:
                self._resolved[key] = self._resolve(lambda query, params: list(read(query, params)), text, labels)
            return self._resolved[key]

        return resolve

    def _resolve(self, read: Any, text: str, labels: tuple[str, ...]) -> str:
        """Two small queries answer the usual case (an id, or a name that names exactly one node); the label's
        whole vocabulary is read only when they do not (no match: the error suggests close names; several: the
        vocabulary's own tie-breaking). `read(query, params)` runs a query and returns its rows as dicts."""
        for label in labels:
            if read(cypher.template("load/resolve_id", label=Label(label)), {"text": text}):
                return text
        for label in labels:
            hits = read(cypher.template("load/resolve_name", label=Label(label)), {"lower": text.lower()})
            if len(hits) == 1:
                return hits[0]["id"]
            if hits:
                break
        vocab = graph.Vocabulary()
        for label in labels:
            for row in read(cypher.template("load/vocabulary", label=Label(label)), {}):
                vocab.add(Label(label), row["id"], [row["name"] or ""] + (row["synonyms"] or []) + (row["brands"] or []))
        return vocab.resolve(text, tuple(Label(x) for x in labels))

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A read query's rows as dicts, in a read transaction of its own."""
        return self._guard(lambda: self.db.read(query, params))

    def read_transaction(self, work: Callable[[Read], T], *, timeout: float | None = None) -> T:
        """`work(read)` in one read transaction, stopped after `timeout` seconds with a one-line QueryRefused:
        `read(query, params)` runs a query in it and returns its rows as dicts, fetched as they are consumed."""
        import neo4j
        from neo4j import exceptions as neo4j_errors

        def unit(tx: neo4j.ManagedTransaction) -> T:
            return work(lambda query, params: (r.data() for r in tx.run(query, params)))

        def run() -> T:
            with self.db.session(neo4j.READ_ACCESS) as session:
                try:
                    return session.execute_read(neo4j.unit_of_work(timeout=timeout)(unit))
                except neo4j_errors.ClientError as e:
                    if "TransactionTimedOut" in (e.code or ""):
                        raise QueryRefused(f"stopped: the question ran longer than {timeout:g} s "
                                           "(raise --timeout to allow more)") from e
                    raise

        return self._guard(run)

    def replace(self, g: nx.MultiDiGraph, **options: Any) -> dict[str, int]:
        return self._guard(lambda: self.db.write_graph(g, **options))

    def replace_stream(self, stream: Any, **options: Any) -> dict[str, int]:
        """As `replace`, from a kg.graph.stream.GraphStream: no whole graph is built (Neo4jStore.write_stream)."""
        return self._guard(lambda: self.db.write_stream(stream, **options))

    def _guard(self, work: Any) -> Any:
        from neo4j import exceptions as neo4j_errors

        from kg.stores.neo4j_store import translate

        try:
            return work()
        except KGError:
            raise
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as e:  # one line, naming the URI
            raise translate(e, self.settings) from e


Store = MemoryStore | Neo4jGraphStore


def open_store(kind: str = "memory", *, uri: str | None = None, username: str | None = None,
               database: str | None = None, password: str | None = None, ca_cert: str | None = None) -> Store:
    """Open the memory store, or connect to Neo4j: these arguments, then the NEO4J_* variables, then the user
    config file, then the local server (kg.stores.settings). Connection failures are one line (ConnectionFailed)."""
    if kind == "memory":
        return MemoryStore()
    if kind == "neo4j":
        from kg.stores.neo4j_store import Neo4jStore, connect, resolve_settings

        settings = resolve_settings(uri, username, database, password=password, ca_cert=ca_cert)
        bookmarks = registry.read_bookmarks(registry.store_key("neo4j", settings.uri, settings.database))
        db = Neo4jStore(connect(settings), settings.database, settings=settings, bookmarks=bookmarks)
        return Neo4jGraphStore(db, settings)
    raise KGError(f"unknown store {kind!r} (valid: {', '.join(STORES)})")
