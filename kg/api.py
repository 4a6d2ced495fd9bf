"""The Python API. The CLI is a thin layer over these functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import graph, questions
from kg.errors import KGError
from kg.models import SCHEMA_VERSION
from kg.questions import Question
from kg.sources.seed import SourceFile, read_paths
from kg.store import MemoryStore, Neo4jGraphStore, Store, build, open_store, seed_dir


@dataclass(frozen=True)
class Answer:
    """A question's rows, each carrying its evidence and the fingerprint of the graph it came from."""

    question: str
    params: dict[str, Any]
    rows: list[dict[str, Any]]
    fingerprint: str
    store: str
    columns: tuple[str, ...] = field(default=())


def ask(question_id: str, store: Store | None = None, **params: Any) -> Answer:
    """Run a catalogue question on a store (default: the in-memory graph)."""
    q = questions.get(question_id)
    bound = q.bind(params)
    store = store or MemoryStore()
    resolved = resolve_params(q, bound, store)
    rows = questions.canonical_rows(store.run_question(q, resolved), q.sort_key)
    fp = store.fingerprint()
    for row in rows:
        row["graph"] = fp
    return Answer(q.id, bound, rows, fp, store.name, q.columns)


def resolve_params(q: Question, bound: dict[str, Any], store: Store) -> dict[str, Any]:
    """Turn names the user typed (ALK, P-gp, Alecensa) into node ids, or fail naming the parameter."""
    out = dict(bound)
    for name, labels in q.resolve.items():
        if out.get(name) is None:
            continue
        try:
            out[name] = store.resolve(str(out[name]), labels)
        except ValueError as e:
            raise KGError(f"{q.id}: parameter {name!r}: {e}") from None
    return out


def explain(question_id: str, **params: Any) -> tuple[str, dict[str, Any]]:
    """The Cypher text and bound parameters of a question, without running it."""
    from kg import cypher

    q = questions.get(question_id)
    return cypher.load(q.cypher_name).text, q.bind(params)


def catalogue() -> list[dict[str, Any]]:
    """Every question with its title and parameters."""
    return [
        {
            "id": q.id,
            "title": q.title,
            "parameters": ", ".join(f"{p.name}={p.default}" for p in q.params),
        }
        for q in sorted(questions.REGISTRY.values(), key=lambda q: q.id)
    ]


def validate(paths: list[Path | str] | None = None) -> list[str]:
    """Every problem in the files under `paths` (default: the seed), without loading. Empty means valid."""
    from kg.errors import ValidationError

    records, problems, _ = read_paths(paths or [seed_dir()])
    if problems:
        return problems
    try:
        graph.build_graph(records)
    except ValidationError as e:
        return e.problems
    return []


@dataclass(frozen=True)
class LoadReport:
    store: str
    nodes: int
    relationships: int
    fingerprint: str
    files: list[SourceFile]
    schema_version: str = SCHEMA_VERSION


def load(store: Store, paths: list[Path | str] | None = None, *, batch_size: int = 10_000,
         progress: Callable[[int], None] | None = None) -> LoadReport:
    """Validate and build the graph, then write it to the store. Nothing is written when anything is invalid."""
    g, files = build(paths)
    fp = graph.fingerprint(g)
    if isinstance(store, Neo4jGraphStore):
        store._guard(lambda: store.db.write_graph(g, batch_size=batch_size, progress=progress, fingerprint=fp))
    elif isinstance(store, MemoryStore):
        store._graph = g
    else:
        raise KGError(f"cannot load into {store!r}")
    return LoadReport(store.name, g.number_of_nodes(), g.number_of_edges(), fp, files)


def stats(store: Store) -> dict[str, dict[str, int]]:
    """Counts per label and relationship type."""
    return store.counts()


__all__ = ["Answer", "LoadReport", "ask", "catalogue", "explain", "load", "open_store", "stats", "validate"]
