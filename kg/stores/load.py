"""A load below the API: the files a store's graph is built from, and writing the seed plus those files into a
store (the graph built whole, or streamed into Neo4j), then the registry and the release manifest."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import registry, resources
from kg.graph import build as graph
from kg.model import SCHEMA_VERSION
from kg.sources.seed import Loaded, SourceFile
from kg.stores import Neo4jGraphStore, Source, Store, read_sources, seed_dir, sources_of


@dataclass(frozen=True)
class LoadReport:
    """What a load, unload or reset left in the store: counts, fingerprint, files, changes and notes."""

    store: str
    nodes: int
    relationships: int
    fingerprint: str
    files: list[SourceFile]
    changes: dict[str, int]
    notes: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION


def current_user() -> str:
    """The login name recorded with each file this user loads."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def loaded_entries(store: Store) -> list[registry.Entry]:
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


def apply_load(store: Store, kept: list[registry.Entry], new: list[Source], *, batch_size: int = 10_000,
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
    entries = kept + [registry.snapshot(s.path, s.format, counts.get(s.display, 0), current_user()) for s in new]
    ids = {e.path: sorted(contributed.get(e.path, ())) for e in kept}
    ids.update({str(s.path.resolve()): sorted(contributed.get(s.display, ())) for s in new})
    return entries, ids


def _apply_stream(store: Neo4jGraphStore, entries: list[registry.Entry], records: Any, files: list[SourceFile],
                  notes: list[str], sources: list[dict[str, Any]], *, batch_size: int,
                  progress: Callable[[int], None] | None, bulk: bool) -> LoadReport:
    """`apply_load` into Neo4j without building the whole graph (kg.graph.stream): its rows go to the server in
    batches, or with `bulk` to the files of a bulk import (kg.stores.bulk)."""
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

    return {
        "schema_version": SCHEMA_VERSION,
        "kg_version": resources.VERSION,
        "fingerprint": fingerprint,
        "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "counts": counts if counts is not None else graph.counts(g),
        "files": [{"path": f.path, "sha256": f.sha256, "records": f.records} for f in files],
    }
