"""The two stores behind every command: the in-memory graph (default) and Neo4j.

A store is chosen once (`open_store`) and passed down. Both answer the same calls: `counts`,
`fingerprint`, `answer` (resolve a question's parameters and run it), `run_question`, `resolve`. Each store's graph is the curated seed plus the files loaded
on top of it (kg.registry), rebuilt from their snapshots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg import registry, resources
from kg.errors import KGError, QueryRefused, ValidationError
from kg.graph import build as graph
from kg.model import Label
from kg.questions import Question
from kg.sources.seed import Loaded, SourceFile, read_file, read_paths, yaml_files
from kg.stores import cypher

if TYPE_CHECKING:  # the driver is imported only when a Neo4j store is opened (it is half of `kg ask`'s start-up)
    from kg.stores.neo4j_store import Neo4jStore

STORES = ("memory", "neo4j")


seed_dir = resources.seed_dir  # the curated seed: $KG_SEED_DIR, else the package's seed/


@dataclass(frozen=True)
class Source:
    """One file to read: its format (`seed` or a public-data loader), where to read it, how to name it."""

    format: str
    path: Path
    display: str


def sources_of(entries: list[registry.Entry]) -> list[Source]:
    return [Source(e.format, Path(e.snapshot), e.path) for e in entries]


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

    def run_question(self, question: Question, params: dict[str, Any], *, limit: int | None = None,
                     timeout: float | None = None) -> list[dict[str, Any]]:
        """The question's rows (all of them: `limit` is applied by the caller, after sorting; no timeout)."""
        return question.memory(self.graph, params)

    def answer(self, question: Question, bound: dict[str, Any], *, limit: int | None = None,
               timeout: float | None = None) -> tuple[list[dict[str, Any]], str]:
        """Resolve the bound parameters, run the question; its rows and the graph's fingerprint."""
        from kg.api import resolve_params

        return self.run_question(question, resolve_params(question, bound, self)), self.fingerprint()

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

    def fingerprint(self) -> str:
        """The fingerprint recorded by the last load (cheap); `verify_fingerprint` recomputes it."""
        fp = self._guard(self.db.meta).get("fingerprint")
        if fp is None:
            raise KGError(f"the Neo4j database at {self.settings.uri} holds no OncoKG graph; run 'kg load --store neo4j'")
        return fp

    def verify_fingerprint(self) -> str:
        return self._guard(self.db.fingerprint)

    def resolve(self, text: str, labels: tuple[str, ...]) -> str:
        """The id `text` names, as graph.Vocabulary.resolve says (see `_resolve`)."""
        return self._resolve(lambda query, params: self._guard(lambda: self.db.read(query, params)), text, labels)

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

    def run_question(self, question: Question, params: dict[str, Any], *, limit: int | None = None,
                     timeout: float | None = None) -> list[dict[str, Any]]:
        """The question's rows, read in a read transaction stopped after `timeout` seconds; at most `limit` + 1
        rows are fetched (one more than the cap, so the caller can tell that rows were cut)."""
        return self._read_question(question, lambda run: (params, None), limit=limit, timeout=timeout)[0]

    def answer(self, question: Question, bound: dict[str, Any], *, limit: int | None = None,
               timeout: float | None = None) -> tuple[list[dict[str, Any]], str]:
        """Resolve the parameters, run the question and read the recorded fingerprint in one read transaction:
        the rows and the fingerprint come from one snapshot, and each query costs a round trip, not a
        transaction. Names already resolved in this graph (same fingerprint) are not looked up again."""
        from kg.api import resolve_params

        def params(run: Any) -> tuple[dict[str, Any], str]:
            def resolve(text: str, labels: tuple[str, ...]) -> str:
                key = (fingerprint, text, labels)
                if key not in self._resolved:
                    self._resolved[key] = self._resolve(run, text, labels)
                return self._resolved[key]

            meta = run(cypher.load("load/read_meta").text, {})
            fingerprint = meta[0]["fingerprint"] if meta else None
            if fingerprint is None:
                raise KGError(f"the Neo4j database at {self.settings.uri} holds no OncoKG graph; "
                              "run 'kg load --store neo4j'")
            return resolve_params(question, bound, resolve), fingerprint

        rows, fingerprint = self._read_question(question, params, limit=limit, timeout=timeout)
        return rows, str(fingerprint)

    def _read_question(self, question: Question, params: Any, *, limit: int | None,
                       timeout: float | None) -> tuple[list[dict[str, Any]], str | None]:
        """In one read transaction stopped after `timeout` seconds: `params(run)` (which may run queries with
        `run(query, params) -> rows`) gives the question's parameters and the graph's fingerprint, then the
        question runs. With a `limit`, the rows are fetched up to the `limit`-th, then on to the end of the group of
        rows that the query's final ORDER BY cannot tell from it, plus one more: every row that the question's
        canonical order may put among the first `limit` (`page_end`). Returns the rows and that fingerprint."""
        import neo4j
        from neo4j import exceptions as neo4j_errors

        query = cypher.load(question.cypher_name).text
        order = _order_columns(query, question.sort_key)

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[dict[str, Any]], str | None]:
            def run(q: str, p: dict[str, Any]) -> list[dict[str, Any]]:
                return [r.data() for r in tx.run(q, p)]

            bound, fingerprint = params(run)
            result = tx.run(query, bound)
            if limit is None:
                return [r.data() for r in result], fingerprint
            return page_end(result, limit, order), fingerprint

        def read() -> tuple[list[dict[str, Any]], str | None]:
            with self.db.session(neo4j.READ_ACCESS) as session:
                try:
                    return session.execute_read(neo4j.unit_of_work(timeout=timeout)(work))
                except neo4j_errors.ClientError as e:
                    if "TransactionTimedOut" in (e.code or ""):
                        raise QueryRefused(f"stopped: the question ran longer than {timeout:g} s "
                                           "(raise --timeout to allow more)") from e
                    raise

        return self._guard(read)

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

_ORDER_BY = re.compile(r"\bORDER\s+BY\s+([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*;?\s*\Z",
                       re.IGNORECASE)


def _order_columns(query: str, sort_key: tuple[str, ...]) -> tuple[str, ...] | None:
    """The columns of a query's final `ORDER BY a, b` (plain ascending columns that begin the question's sort key),
    or None when the query does not end so: then its order says nothing about the question's."""
    code = "\n".join(line.split("//", 1)[0] if not line.lstrip().startswith("//") else "" for line in query.splitlines())
    m = _ORDER_BY.search(code.rstrip())
    if not m:
        return None
    columns = tuple(c.strip() for c in m.group(1).split(","))
    if any(c.upper() in ("ASC", "DESC", "ASCENDING", "DESCENDING") for c in columns):
        return None
    return columns if not sort_key or sort_key[:len(columns)] == columns else None


def page_end(rows: Any, limit: int, order: tuple[str, ...] | None) -> list[dict[str, Any]]:
    """From an iterator of records in a query's order (`order`: its ORDER BY columns, a prefix of the question's sort
    key; None: unknown), the rows that can be among the first `limit` in the question's canonical order, and one
    more when there are more: the first `limit`, the rest of the last one's group of equal `order` values, and the
    next row. With an unknown order, every row."""
    out: list[dict[str, Any]] = []
    last: tuple[Any, ...] | None = None
    for record in rows:
        row = record.data() if hasattr(record, "data") else record
        out.append(row)
        if order is None or len(out) < limit:
            continue
        key = tuple(row.get(c) for c in order)
        if len(out) == limit:
            last = key
        elif key != last:
            break
    return out


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
