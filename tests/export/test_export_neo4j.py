"""`kg export --store neo4j`: the same files, byte for byte, as from the in-memory store holding the same graph."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.export import FORMATS, STREAMED_FORMATS
from kg.stores import MemoryStore, build

SEED_FORMATS = [f for f in FORMATS if f != "html"]  # the HTML page embeds a random container id


def _read(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {"": path.read_bytes()}


@pytest.fixture
def both(neo4j_store):
    g, _ = build()
    neo4j_store.replace(g)
    return neo4j_store, MemoryStore(build()[0])


@pytest.mark.parametrize("fmt", SEED_FORMATS)
@pytest.mark.parametrize("scope", [{}, {"around": "alectinib", "depth": 2},
                                   {"question": "alk-cns-after-crizotinib", "params": {"transporter": "P-gp"}}],
                         ids=["seed", "slice", "question"])
def test_neo4j_export_equals_memory_export(both, fmt: str, scope: dict, tmp_path: Path):
    neo4j, memory = both
    a, b = tmp_path / "neo4j", tmp_path / "memory"
    report_a = kg.export(neo4j, fmt, a, **scope)
    report_b = kg.export(memory, fmt, b, **scope)
    assert (report_a.nodes, report_a.relationships) == (report_b.nodes, report_b.relationships)
    assert report_a.nodes > 0
    files_a, files_b = _read(a), _read(b)
    assert files_a.keys() == files_b.keys()
    for name in files_a:
        lines_a, lines_b = files_a[name].decode().splitlines(), files_b[name].decode().splitlines()
        diff = [(x, y) for x, y in zip(lines_a, lines_b) if x != y]
        assert not diff and len(lines_a) == len(lines_b), (name, diff[:2])


def test_neo4j_csv_imported_by_neo4j_admin_is_the_same_graph(tmp_path: Path):
    """The real reader of the import files: `neo4j-admin database import full` into a fresh data directory, then
    the database read back. Equal to the source graph except for empty lists, which neo4j-admin cannot store."""
    import socket

    from kg import neo4j_server as server
    from kg.export.neo4j_csv import write_neo4j_csv
    from kg.graph import build as graph
    from kg.stores.neo4j_store import Neo4jStore, Settings, connect

    g, _ = build()
    files = write_neo4j_csv(g, tmp_path / "csv")
    data = tmp_path / "data"
    server.admin_import(data, [(label, [p]) for label, p in files["nodes"]],
                        [(rel, [p]) for rel, p in files["relationships"]], array_delimiter=files["array_delimiter"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    info = server.start(data, port, auth=False)
    try:
        db = Neo4jStore(connect(Settings(uri=info.uri)))
        try:
            back = db.to_graph()
        finally:
            db.close()
    finally:
        server.stop(data)
    assert graph.counts(back) == graph.counts(g)
    without_empty = g.copy()
    for *_, d in without_empty.edges(keys=True, data=True):
        for k in [k for k, v in d.items() if v == []]:
            del d[k]
    for _, d in without_empty.nodes(data=True):
        assert all(v != [] for v in d.values())
    assert graph.fingerprint(back) == graph.fingerprint(without_empty)


@pytest.mark.parametrize("fmt", sorted(STREAMED_FORMATS))
def test_whole_graph_export_from_neo4j_never_reads_the_whole_graph_at_once(both, fmt: str, tmp_path: Path,
                                                                           monkeypatch):
    """The whole graph is streamed from Neo4j into these formats (kg.export.StreamedGraph): reading it into
    memory (Neo4jStore.to_graph) is never called, and the files are those of the memory store."""
    from kg.stores.neo4j_store import Neo4jStore

    neo4j, memory = both

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the export read the whole graph into memory")

    monkeypatch.setattr(Neo4jStore, "to_graph", refuse)
    report = kg.export(neo4j, fmt, tmp_path / "neo4j")
    kg.export(memory, fmt, tmp_path / "memory")
    assert (report.nodes, report.relationships) == (memory.graph.number_of_nodes(), memory.graph.number_of_edges())
    assert _read(tmp_path / "neo4j") == _read(tmp_path / "memory")
