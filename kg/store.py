"""The two stores behind every command: the in-memory graph (default) and Neo4j.

A store is chosen once (`open_store`) and passed down. Both answer the same calls: `counts`,
`fingerprint`, `run_question`, `resolve`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import networkx as nx

from kg import cypher, graph
from kg.errors import KGError
from kg.models import Label
from kg.neo4j_store import Neo4jStore, connect, resolve_settings, translate
from kg.questions import Question
from kg.sources.seed import SourceFile, read_or_raise

REPO_ROOT = Path(__file__).resolve().parent.parent
STORES = ("memory", "neo4j")


def seed_dir() -> Path:
    """The curated seed: $KG_SEED_DIR, else the repository's seed/."""
    return Path(os.environ.get("KG_SEED_DIR") or REPO_ROOT / "seed")


def build(paths: list[Path | str] | None = None,
          public: list[tuple[str, Path]] = ()) -> tuple[nx.MultiDiGraph, list[SourceFile]]:
    """Validate the seed-format files under `paths` (default: the seed) plus public-data files
    (`(loader name, path)`, see kg.sources.LOADERS), and build the canonical graph."""
    from kg.errors import ValidationError
    from kg.sources import LOADERS

    records, files = read_or_raise(paths or [seed_dir()])
    if public:
        vocab = graph.vocabulary(graph.build_graph(records))
        problems: list[str] = []
        for name, path in public:
            result = LOADERS[name](Path(path), vocab)
            records.extend(result.records)
            problems.extend(result.problems)
            files.append(result.file)
        if problems:
            raise ValidationError(problems)
    return graph.build_graph(records), files


class MemoryStore:
    """The canonical graph held in memory, built from the seed on first use."""

    name = "memory"

    def __init__(self, g: nx.MultiDiGraph | None = None):
        self._graph = g

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            self._graph, _ = build()
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

    def run_question(self, question: Question, params: dict[str, Any]) -> list[dict[str, Any]]:
        return question.memory(self.graph, params)


class Neo4jGraphStore:
    """A Neo4j database loaded by `kg load --store neo4j`."""

    name = "neo4j"

    def __init__(self, db: Neo4jStore, settings: Any):
        self.db = db
        self.settings = settings

    def close(self) -> None:
        self.db.close()

    def counts(self) -> dict[str, dict[str, int]]:
        return self._guard(self.db.counts)

    def fingerprint(self) -> str:
        """The fingerprint recorded by the last load (cheap); `verify_fingerprint` recomputes it."""
        rows = self._guard(lambda: self.db.read("MATCH (m:KGMeta {key: 'graph'}) RETURN m.fingerprint AS fp"))
        if not rows or rows[0]["fp"] is None:
            raise KGError(f"the Neo4j database at {self.settings.uri} holds no OncoKG graph; run 'kg load --store neo4j'")
        return rows[0]["fp"]

    def verify_fingerprint(self) -> str:
        return self._guard(self.db.fingerprint)

    def resolve(self, text: str, labels: tuple[str, ...]) -> str:
        vocab = graph.Vocabulary()
        for label in labels:
            query = cypher.template("load/vocabulary", label=Label(label))
            for row in self._guard(lambda q=query: self.db.read(q)):
                vocab.add(Label(label), row["id"], [row["name"] or ""] + (row["synonyms"] or []) + (row["brands"] or []))
        return vocab.resolve(text, tuple(Label(x) for x in labels))

    def run_question(self, question: Question, params: dict[str, Any]) -> list[dict[str, Any]]:
        query = cypher.load(question.cypher_name).text
        return self._guard(lambda: self.db.read(query, params))

    def _guard(self, work: Any) -> Any:
        try:
            return work()
        except KGError:
            raise
        except Exception as e:  # driver errors become one-line KGErrors naming the URI
            from neo4j import exceptions as neo4j_errors

            if isinstance(e, neo4j_errors.Neo4jError | neo4j_errors.DriverError):
                raise translate(e, self.settings) from e
            raise


Store = MemoryStore | Neo4jGraphStore


def open_store(kind: str = "memory", *, uri: str | None = None, username: str | None = None,
               database: str | None = None) -> Store:
    """Open the memory store, or connect to Neo4j (options, then NEO4J_* variables, then the local server)."""
    if kind == "memory":
        return MemoryStore()
    if kind == "neo4j":
        settings = resolve_settings(uri, username, database)
        return Neo4jGraphStore(Neo4jStore(connect(settings), settings.database), settings)
    raise KGError(f"unknown store {kind!r} (valid: {', '.join(STORES)})")
