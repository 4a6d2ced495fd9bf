"""The import files of `kg load --bulk`, written from the streamed rows, hold what `kg export -f neo4j-csv` writes
from the built graph: same nodes, relationships and typed values (read back as neo4j-admin reads them)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from kg.export.neo4j_csv import write_neo4j_csv
from kg.graph import build as graph
from kg.graph import stream
from kg.sources import synth
from kg.sources.seed import read_or_raise
from kg.stores import bulk
from kg.stores import seed_dir
from kg.stores.neo4j_csv import NEO4J_ARRAY_DELIMITER


def cast(kind: str, text: str) -> Any:
    if kind.endswith("[]"):
        return tuple(cast(kind[:-2], t) for t in text.split(NEO4J_ARRAY_DELIMITER))
    return {"long": int, "double": float, "boolean": lambda t: t == "true"}.get(kind, str)(text)


def read_back(files: list[Path]) -> set[tuple]:
    """Every row of the files as (keys..., sorted typed properties), as the import tool would store it."""
    out = set()
    for path in files:
        with path.open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            header = [h.partition(":") for h in next(rows)]
            fixed = 2 if header[0][2] == "ID" else 3
            for row in rows:
                props = tuple(sorted((name, cast(kind or "string", cell))
                                     for (name, _, kind), cell in zip(header[fixed:], row[fixed:]) if cell != ""))
                out.add((*row[:fixed], props))
    return out


@pytest.mark.parametrize("where", ["seed", "synth"])
def test_streamed_import_files_hold_the_exported_graph(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    if where == "synth":
        synth.generate(2_000, tmp_path / "data", seed=0)
        monkeypatch.setattr(bulk, "CSV_CHUNK", 300)  # many chunks, each with its own header
    records, _ = read_or_raise([seed_dir()] if where == "seed" else [tmp_path / "data"])
    exported = write_neo4j_csv(graph.build_graph(records), tmp_path / "export")
    (tmp_path / "bulk").mkdir()
    writer = bulk._CsvWriter(tmp_path / "bulk")
    with stream.GraphStream(records) as s:
        for nodes, edges in s.groups():
            writer.add_nodes(nodes)
            writer.add_edges(edges)
    writer.close()
    assert read_back(writer.node_files) == read_back([p for _, p in exported["nodes"]])
    assert read_back(writer.edge_files) == read_back([p for _, p in exported["relationships"]])
    assert writer.multiline == exported["multiline_fields"]
    if where == "synth":
        assert len(writer.node_files) > len(exported["nodes"])
