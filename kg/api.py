"""The Python API. The CLI is a thin layer over these functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import questions, registry
from kg.errors import KGError
from kg.graph import build as graph
from kg.questions import run
from kg.questions.params import resolve_params
from kg.sources.bounded import file_limit
from kg.sources.files import Source
from kg.sources.seed import read_paths
from kg.stores import MemoryStore, Store, expand, open_store, read_sources, seed_dir
from kg.stores.load import LoadReport, apply_load, current_user, loaded_entries


@dataclass(frozen=True)
class Answer:
    """A question's rows, each carrying its evidence and the fingerprint of the graph it came from."""

    question: str
    params: dict[str, Any]
    rows: list[dict[str, Any]]
    fingerprint: str
    store: str
    columns: tuple[str, ...] = field(default=())
    truncated: bool = False  # more rows after this page; `rows` holds `limit` of them from `offset`
    offset: int = 0  # the rows before this page (0: the first page)


# Resource limits of `ask` (the CLI's --limit and --timeout): rows of one page, and seconds a Neo4j read may run.
ASK_LIMIT = 100
ASK_TIMEOUT = 60.0


def ask(question_id: str, store: Store | None = None, *, limit: int | None = None, offset: int = 0,
        timeout: float | None = None, **params: Any) -> Answer:
    """Run a catalogue question on a store (default: the in-memory graph).

    One page of the answer is returned: at most `limit` rows (default ASK_LIMIT; 0: every row) after the first
    `offset` rows of the question's order (`Answer.truncated` says when more rows follow: the next page starts at
    offset + limit). On Neo4j the read stops after `timeout` seconds (default ASK_TIMEOUT) with a one-line
    QueryRefused; a paged question (Question.paged) has the server stop at the page's end, another question
    fetches the rows up to the end of the page (all of them when it drops rows after the query)."""
    limit = ASK_LIMIT if limit is None else limit
    timeout = ASK_TIMEOUT if timeout is None else timeout
    if limit < 0 or offset < 0 or timeout <= 0:
        raise KGError("limit must be at least 0 rows (0: every row), offset at least 0 and timeout more than 0 seconds")
    q = questions.get(question_id)
    bound = q.bind(params)
    store = store or MemoryStore()
    found, skipped, fp = run.answer(store, q, bound, limit=limit or None, offset=offset, timeout=timeout)
    if q.finish:
        found = q.finish(found, bound)
    rows = questions.canonical_rows(found, q.sort_key)[offset - skipped:]
    truncated = bool(limit) and len(rows) > limit
    rows = rows[:limit] if limit else rows
    for row in rows:
        row["graph"] = fp
    return Answer(q.id, bound, rows, fp, store.name, q.columns, truncated, offset)


def explain(question_id: str, **params: Any) -> tuple[str, dict[str, Any]]:
    """The Cypher text and bound parameters of a question (a paged question's with its first page's `offset` and
    `limit`), without running it."""
    q = questions.get(question_id)
    return run.statement(q, resolve_params(q, q.bind(params), MemoryStore().resolve), limit=ASK_LIMIT)


def catalogue() -> list[dict[str, Any]]:
    """Every question with its title and parameters."""
    return [
        {
            "id": q.id,
            "title": q.title,
            "parameters": ", ".join(f"{p.name}={_typed(p.default)}" for p in q.params),
        }
        for q in sorted(questions.REGISTRY.values(), key=lambda q: q.id)
    ]


def _typed(value: Any) -> str:
    """A default as a user types it on the command line (`-p include_unverified=false`)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def validate(paths: list[Path | str] | None = None, *, standalone: bool = False,
             max_file_bytes: int | None = None) -> list[str]:
    """Every problem in the files under `paths`, checked on top of the curated seed (their references may
    name seed records), without loading. With no paths: the seed itself. `standalone` checks the files on
    their own. `max_file_bytes` raises the size limit of one file (default: $KG_MAX_FILE_SIZE, else 64 MiB).
    An empty list means valid."""
    with file_limit(max_file_bytes):
        return _validate(paths, standalone)


def _validate(paths: list[Path | str] | None, standalone: bool) -> list[str]:
    from kg.errors import ValidationError

    try:
        if standalone or not paths:
            records, problems, _ = read_paths(list(paths or [seed_dir()]))
            try:
                graph.build_graph(records)
            except ValidationError as e:
                problems += [p for p in e.problems if p not in problems]
            return problems
        records, _ = read_sources(_beyond_seed(expand(list(paths), registry.SEED)))
        graph.build_graph(records)
    except ValidationError as e:
        return e.problems
    return []


def _beyond_seed(sources: list[Source]) -> list[Source]:
    """Drop files that are part of the curated seed (always loaded already)."""
    seed = seed_dir().resolve()
    return [s for s in sources if seed not in s.path.resolve().parents]


def load(store: Store, paths: list[Path | str] | None = None, *, source: str = registry.SEED,
         batch_size: int = 10_000, progress: Callable[[int], None] | None = None, bulk: bool = False,
         max_file_bytes: int | None = None) -> LoadReport:
    """Load files on top of the curated seed (or, with no paths, reload what the store has).

    `source` is `seed` for seed-format YAML files or directories, or a public-data loader name
    (kg.sources.LOADERS). Everything is validated first; nothing is written when anything is invalid.
    The store then holds exactly the seed plus every loaded file: a reloaded file replaces what it said
    before, and the list of loaded files persists in the user's state directory (`kg sources`).
    `bulk` writes Neo4j by `neo4j-admin database import` instead (kg.stores.bulk: the local server only; it is
    stopped briefly); the result is the same graph, with the same fingerprint.
    `max_file_bytes` raises the size limit of one file (default: $KG_MAX_FILE_SIZE, else 64 MiB); only regular
    files are read.
    """
    with file_limit(max_file_bytes):
        return _load(store, paths, source, batch_size, progress, bulk)


def _load(store: Store, paths: list[Path | str] | None, source: str, batch_size: int,
          progress: Callable[[int], None] | None, bulk: bool) -> LoadReport:
    from kg.sources import LOADERS

    if source != registry.SEED and source not in LOADERS:
        raise KGError(f"unknown source {source!r} (valid: {', '.join(sorted(LOADERS))})")
    new = _beyond_seed(expand(list(paths or []), source))
    replaced = {str(s.path.resolve()) for s in new}
    with registry.locked(store.key):  # concurrent loads of one store run one after the other
        entries = loaded_entries(store)
        kept = [e for e in entries if e.path not in replaced]
        return apply_load(store, kept, new, batch_size=batch_size, progress=progress, bulk=bulk)


def unload(store: Store, path: Path | str, *, progress: Callable[[int], None] | None = None) -> LoadReport:
    """Remove one loaded file (and only what it alone stated) from the store."""
    with registry.locked(store.key):
        entries = loaded_entries(store)
        kept = registry.without(entries, Path(path))
        if len(kept) == len(entries):
            raise KGError(f"{path} is not loaded into the {store.name} store (see 'kg sources')")
        return apply_load(store, kept, [], progress=progress)


def reset(store: Store, *, progress: Callable[[int], None] | None = None) -> LoadReport:
    """Forget every loaded file: the store holds the curated seed only (on Neo4j: whoever loaded them; the
    report's notes name the files other users had loaded)."""
    with registry.locked(store.key):
        others = [e for e in loaded_entries(store) if e.loaded_by not in ("", current_user())]
        notes = [f"removed {e.path}, loaded by {e.loaded_by} at {e.loaded_at}" for e in others]
        return apply_load(store, [], [], progress=progress, notes=notes)


def loaded_sources(store: Store) -> list[dict[str, Any]]:
    """The curated seed's files and every file loaded on top, with checksums and record counts."""
    _, _, seed_files = read_paths([seed_dir()])
    rows = [{"path": f.path, "format": "seed (curated)", "sha256": f.sha256[:16], "records": f.records,
             "loaded_at": ""} for f in seed_files]
    rows += [{"path": e.path, "format": e.format, "sha256": e.sha256[:16], "records": e.records,
              "loaded_at": e.loaded_at} for e in loaded_entries(store)]
    return rows


def case_template() -> str:
    """A commented YAML skeleton of a case file; filled in, it validates."""
    from kg import resources

    return (resources.path("templates") / "case.yaml").read_text(encoding="utf-8")


def case_export(store: Store, case: str) -> str:
    """A loaded case written back as a case file (YAML text): loading it instead of the file it came from gives the
    same graph. `case` is the case's id or name."""
    from kg.model import Label
    from kg.questions.neighbourhood import neighbourhood_graph
    from kg.sources.case_export import case_yaml

    try:
        case_id = store.resolve(case, (Label.CASE.value,))
    except ValueError as e:
        raise KGError(f"case export: {e}") from None
    g = store.graph if isinstance(store, MemoryStore) else neighbourhood_graph(store, case_id, 3)
    records, _, _ = read_paths([seed_dir()])
    seed_ids = {getattr(r.record, "id", None) for r in records} - {None}
    return case_yaml(g, case_id, seed_ids)


def stats(store: Store) -> dict[str, dict[str, int]]:
    """Counts per label and relationship type."""
    return store.counts()


def export(store: Store, fmt: str, out: Any, around: str | None = None, depth: int = 1,
           question: str | None = None, params: dict[str, Any] | None = None) -> Any:
    """Write the store's graph to `out` in format `fmt` (kg.export.FORMATS): all of it, the neighbourhood of
    `around` to `depth`, or the nodes named in the answer of `question` (with `params`) and the relationships
    among them. `out` is a path, `-` (standard output) or a text stream; a directory for kgx and neo4j-csv.
    Returns a kg.export.ExportReport (format, counts, files written)."""
    from kg.export import STREAMED_FORMATS, check_scope, select, streamed, write  # the module (see kg/__init__)

    check_scope(around, question, params)  # before the question is asked
    whole = around is None and question is None
    g = streamed(store) if whole and fmt in STREAMED_FORMATS else None  # a whole Neo4j graph: never held
    answer = ask(question, store, limit=0, **(params or {})) if question is not None else None
    return write(g or select(store, around=around, depth=depth, answer=answer), fmt, out)


__all__ = ["Answer", "LoadReport", "ask", "case_export", "catalogue", "explain", "export", "load", "loaded_sources", "open_store", "reset",
           "stats", "unload", "validate"]


def connection_settings(uri: str | None = None, username: str | None = None, database: str | None = None, *,
                        ca_cert: str | None = None, check: bool = False) -> list[dict[str, str]]:
    """The resolved Neo4j settings, each with where it came from (never the password); with `check`, also
    connect and add the server's version and edition (raising ConnectionFailed, one line, if that fails)."""
    from kg.stores import neo4j_store
    from kg.stores import settings

    rows = settings.describe_settings(uri, username, database, ca_cert=ca_cert)
    if check:
        resolved = settings.resolve_settings(uri, username, database, ca_cert=ca_cert)
        driver, version = neo4j_store.connect_checked(resolved)
        driver.close()
        rows.append({"setting": "server", "value": f"Neo4j {version.version} {version.edition}",
                     "from": resolved.display_uri})
    return rows


__all__.append("connection_settings")
