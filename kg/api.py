"""The Python API. The CLI is a thin layer over these functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import json
import threading

from kg import questions, registry
from kg.errors import KGError
from kg.graph import build as graph
from kg.model import SCHEMA_VERSION
from kg.questions import run
from kg.questions.params import resolve_params
from kg.sources.files import Source, sources_of
from kg.sources.seed import Loaded, SourceFile, file_limit, read_paths
from kg.stores import MemoryStore, Neo4jGraphStore, Store, expand, open_store, read_sources, seed_dir


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


# Resource limits of `ask` (the CLI's --limit and --timeout): rows kept, and seconds a Neo4j read may run.
ASK_LIMIT = 10_000
ASK_TIMEOUT = 60.0


def ask(question_id: str, store: Store | None = None, *, limit: int | None = None, offset: int = 0,
        timeout: float | None = None, **params: Any) -> Answer:
    """Run a catalogue question on a store (default: the in-memory graph).

    One page of the answer is returned: at most `limit` rows (default ASK_LIMIT) after the first `offset` rows of
    the question's order (`Answer.truncated` says when more rows follow: the next page starts at offset + limit).
    On Neo4j the read stops after `timeout` seconds (default ASK_TIMEOUT) with a one-line QueryRefused, and only
    the rows up to the end of the page are fetched (all of them when the question drops rows after the query)."""
    limit = ASK_LIMIT if limit is None else limit
    timeout = ASK_TIMEOUT if timeout is None else timeout
    if limit < 1 or offset < 0 or timeout <= 0:
        raise KGError("limit must be at least 1 row, offset at least 0 and timeout more than 0 seconds")
    q = questions.get(question_id)
    bound = q.bind(params)
    store = store or MemoryStore()
    # A `finish` may drop rows, so the page's end in the query's rows is not known: fetch them all then.
    found, fp = run.answer(store, q, bound, limit=None if q.finish else offset + limit, timeout=timeout)
    if q.finish:
        found = q.finish(found, bound)
    rows = questions.canonical_rows(found, q.sort_key)
    truncated = len(rows) > offset + limit
    rows = rows[offset:offset + limit]
    for row in rows:
        row["graph"] = fp
    return Answer(q.id, bound, rows, fp, store.name, q.columns, truncated, offset)


def explain(question_id: str, **params: Any) -> tuple[str, dict[str, Any]]:
    """The Cypher text and bound parameters of a question, without running it."""
    from kg.stores import cypher

    q = questions.get(question_id)
    return cypher.load(q.cypher_name).text, resolve_params(q, q.bind(params), MemoryStore().resolve)


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


@dataclass(frozen=True)
class LoadReport:
    store: str
    nodes: int
    relationships: int
    fingerprint: str
    files: list[SourceFile]
    changes: dict[str, int]
    notes: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION


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
        entries = _entries(store)
        kept = [e for e in entries if e.path not in replaced]
        return _apply(store, kept, new, batch_size=batch_size, progress=progress, bulk=bulk)


def unload(store: Store, path: Path | str, *, progress: Callable[[int], None] | None = None) -> LoadReport:
    """Remove one loaded file (and only what it alone stated) from the store."""
    with registry.locked(store.key):
        entries = _entries(store)
        kept = registry.without(entries, Path(path))
        if len(kept) == len(entries):
            raise KGError(f"{path} is not loaded into the {store.name} store (see 'kg sources')")
        return _apply(store, kept, [], progress=progress)


def reset(store: Store, *, progress: Callable[[int], None] | None = None) -> LoadReport:
    """Forget every loaded file: the store holds the curated seed only (on Neo4j: whoever loaded them; the
    report's notes name the files other users had loaded)."""
    with registry.locked(store.key):
        others = [e for e in _entries(store) if e.loaded_by not in ("", _user())]
        notes = [f"removed {e.path}, loaded by {e.loaded_by} at {e.loaded_at}" for e in others]
        return _apply(store, [], [], progress=progress, notes=notes)


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _entries(store: Store) -> list[registry.Entry]:
    """The files loaded on top of the seed. For Neo4j, the graph's own record (KGMeta source nodes, written by
    every load of any user), each file's content written back to a local snapshot when this user lacks it; for
    the memory store, this user's registry."""
    if not isinstance(store, Neo4jGraphStore):
        return registry.read(store.key)
    import zlib

    entries = []
    for row in store._guard(store.db.sources):
        suffix = Path(row["path"]).suffix
        target = registry.state_dir() / "snapshots" / f"{row['sha256']}{suffix}"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(zlib.decompress(bytes(row["content"])))
            tmp.replace(target)
        entries.append(registry.Entry(row["path"], row["format"], row["sha256"], row["records"], row["loaded_at"],
                                      str(target), row.get("loaded_by") or ""))
    return entries


def _source_rows(entries: list[registry.Entry], ids: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The KGMeta source nodes of `entries` (see cypher/load/record_sources.cypher)."""
    import zlib

    return [{"key": f"source:{e.path}",
             "props": {"path": e.path, "format": e.format, "sha256": e.sha256, "records": e.records,
                       "loaded_at": e.loaded_at, "loaded_by": e.loaded_by, "ids": ids.get(e.path, []),
                       "content": zlib.compress(Path(e.snapshot).read_bytes())}}
            for e in entries]


def _apply(store: Store, kept: list[registry.Entry], new: list[Source], *, batch_size: int = 10_000,
           progress: Callable[[int], None] | None = None, bulk: bool = False,
           notes: list[str] | None = None) -> LoadReport:
    from kg.progress import stage

    notes = list(notes or [])
    stage(progress, f"Reading and validating the seed and {len(kept) + len(new)} loaded file(s)")
    if isinstance(store, Neo4jGraphStore):  # rows go to the server (or the import files) as they are built
        from kg.graph import stream

        read = stream.read(sources_of(kept) + new, [seed_dir()])
        if read is None:  # public-data sources, or a problem (read_sources reports every problem)
            records, files = read_sources(sources_of(kept) + new, notes=notes)
            read = stream.Records.of(records, _contributed(records)), files
        held, files = read
        entries, ids = _entries_after(kept, new, files, held.contributed)
        stage(progress, f"Writing the {store.name} store as the graph is built")
        return _apply_stream(store, entries, held, files, notes, _source_rows(entries, ids), batch_size=batch_size,
                             progress=progress, bulk=bulk)
    records, files = read_sources(sources_of(kept) + new, notes=notes)
    entries, ids = _entries_after(kept, new, files, _contributed(records))
    stage(progress, f"Building the graph of {len(records)} records")
    g = graph.build_graph(records)
    del records
    stage(progress, f"Writing the {store.name} store")

    def summarise() -> tuple[str, str]:
        fp = graph.fingerprint(g)
        return fp, json.dumps(release_manifest(g, fp, files))

    # The fingerprint is computed in a second thread while the store writes (the driver waits on the socket
    # without the GIL); the store asks for it only when it needs it.
    summary = _in_background(summarise)
    sources = _source_rows(entries, ids) if isinstance(store, Neo4jGraphStore) else None
    if bulk:  # same graph, manifest and registry; only the way it is written differs
        from kg.stores.bulk import bulk_replace

        changes = bulk_replace(store, g, summary=summary, progress=progress)
        if sources is not None:
            store._guard(lambda: store.db.record_sources(sources))
    elif sources is not None:
        changes = store.replace(g, batch_size=batch_size, summary=summary, progress=progress, sources=sources)
    else:
        changes = store.replace(g, batch_size=batch_size, summary=summary, progress=progress)
    fp, manifest_json = summary()
    manifest = json.loads(manifest_json)
    registry.write(store.key, entries)
    registry.write_manifest(store.key, manifest)
    return LoadReport(store.name, g.number_of_nodes(), g.number_of_edges(), fp, files, changes, notes)


def _contributed(records: list[Loaded]) -> dict[str, set[str]]:
    """The ids each file's records define, by the file's name as read."""
    contributed: dict[str, set[str]] = {}
    for loaded in records:
        if hasattr(loaded.record, "id"):
            contributed.setdefault(loaded.origin.file, set()).add(loaded.record.id)  # type: ignore[attr-defined]
    return contributed


def _entries_after(kept: list[registry.Entry], new: list[Source], files: list[SourceFile],
                   contributed: dict[str, set[str]]) -> tuple[list[registry.Entry], dict[str, list[str]]]:
    """The registry entries after this load (new files snapshotted), and the ids each loaded file contributes."""
    counts = {f.path: f.records for f in files}
    entries = kept + [registry.snapshot(s.path, s.format, counts.get(s.display, 0), _user()) for s in new]
    ids = {e.path: sorted(contributed.get(e.path, ())) for e in kept}
    ids.update({str(s.path.resolve()): sorted(contributed.get(s.display, ())) for s in new})
    return entries, ids


def _apply_stream(store: Neo4jGraphStore, entries: list[registry.Entry], records: Any, files: list[SourceFile],
                  notes: list[str], sources: list[dict[str, Any]], *, batch_size: int,
                  progress: Callable[[int], None] | None, bulk: bool) -> LoadReport:
    """`_apply` into Neo4j without building the whole graph (kg.graph.stream): its rows go to the server in batches, or
    with `bulk` to the files of a bulk import (kg.stores.bulk)."""
    from kg.graph.stream import GraphStream
    from kg.stores.bulk import bulk_replace_stream

    manifest: dict[str, Any] = {}

    def manifest_json(fingerprint: str, counts: dict[str, dict[str, int]]) -> str:
        manifest.update(release_manifest(None, fingerprint, files, counts=counts))
        return json.dumps(manifest)

    with GraphStream(records) as stream:
        if bulk:
            changes = bulk_replace_stream(store, stream, manifest=manifest_json, progress=progress)
            store._guard(lambda: store.db.record_sources(sources))
        else:
            changes = store.replace_stream(stream, batch_size=batch_size, manifest=manifest_json, progress=progress,
                                           sources=sources)
        fp = stream.fingerprint()
        nodes, relationships = stream.number_of_nodes, stream.number_of_edges
    registry.write(store.key, entries)
    registry.write_manifest(store.key, manifest)
    return LoadReport(store.name, nodes, relationships, fp, files, changes, notes)


def _in_background(work: Callable[[], Any]) -> Callable[[], Any]:
    """Start `work` in a daemon thread (an error of the caller's is not held up by it); the returned function
    waits for its result, or raises its error."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as e:  # handed to the caller of result()
            box["error"] = e

    thread = threading.Thread(target=run, name="kg-fingerprint", daemon=True)
    thread.start()

    def result() -> Any:
        thread.join()
        if "error" in box:
            raise box["error"]
        return box["value"]

    return result


def release_manifest(g: Any, fingerprint: str, files: list[SourceFile],
                     counts: dict[str, dict[str, int]] | None = None) -> dict[str, Any]:
    """Which data produced this graph: schema version, fingerprint, counts (of `g`, or as given), source files and
    checksums."""
    from datetime import datetime, timezone

    import kg

    return {
        "schema_version": SCHEMA_VERSION,
        "kg_version": kg.__version__,
        "fingerprint": fingerprint,
        "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "counts": counts if counts is not None else graph.counts(g),
        "files": [{"path": f.path, "sha256": f.sha256, "records": f.records} for f in files],
    }


def loaded_sources(store: Store) -> list[dict[str, Any]]:
    """The curated seed's files and every file loaded on top, with checksums and record counts."""
    _, _, seed_files = read_paths([seed_dir()])
    rows = [{"path": f.path, "format": "seed (curated)", "sha256": f.sha256[:16], "records": f.records,
             "loaded_at": ""} for f in seed_files]
    rows += [{"path": e.path, "format": e.format, "sha256": e.sha256[:16], "records": e.records,
              "loaded_at": e.loaded_at} for e in _entries(store)]
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
    from kg.export import STREAMED_FORMATS, select, streamed, write  # the module kg.export (see kg/__init__)

    whole = around is None and question is None and not params
    g = streamed(store) if whole and fmt in STREAMED_FORMATS else None  # a whole Neo4j graph: never held
    return write(g or select(store, around=around, depth=depth, question=question, params=params), fmt, out)


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
