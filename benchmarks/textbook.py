#!/usr/bin/env python3
"""The textbook Neo4j loader, as a user would write it from the docs: the baseline `kg load` is measured against.

    python benchmarks/textbook.py CSV_DIR URI [ROWS]   # ROWS: only the first ROWS rows of each file (a warm-up)

Reads the neo4j-admin CSV files of `kg export -f neo4j-csv` (typed headers), then writes them with
`UNWIND $rows AS r MERGE (n:Label {id: r.id}) SET n += r.props` and
`UNWIND $rows AS r MATCH (a:Start {id: r.start}) MATCH (b:End {id: r.end}) MERGE (a)-[x:TYPE]->(b) SET x += r.props`,
10 000 rows per `execute_write`, nodes per label then relationships per (start label, type, end label) (the end labels
come from the node files), on a database that has the project's uniqueness constraints. Prints one JSON line: rows
written and seconds (reading the files included). Labels and types come from the files `kg export` wrote.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

BATCH = 10_000
DELIMITER = "\x1f"  # kg.export.NEO4J_ARRAY_DELIMITER

csv.field_size_limit(sys.maxsize)


def cast(kind: str, text: str) -> Any:
    if kind.endswith("[]"):
        return [cast(kind[:-2], t) for t in text.split(DELIMITER)]
    if kind == "long":
        return int(text)
    if kind == "double":
        return float(text)
    if kind == "boolean":
        return text == "true"
    return text


def read(path: Path, rows: int | None = None) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        return next(reader), [row for _, row in zip(range(rows), reader)] if rows is not None else list(reader)


def columns(header: list[str]) -> list[tuple[str, str]]:
    out = []
    for h in header:
        name, _, kind = h.partition(":")
        out.append((name, kind or "string"))
    return out


def props_of(cols: list[tuple[str, str]], row: list[str], skip: int) -> dict[str, Any]:
    return {name: cast(kind, cell) for (name, kind), cell in zip(cols[skip:], row[skip:]) if cell != ""}


def main(directory: Path, uri: str, rows: int | None = None) -> dict[str, Any]:
    from neo4j import GraphDatabase

    t0 = time.perf_counter()
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    label_of: dict[str, str] = {}
    for path in sorted(directory.glob("nodes-*.csv")):
        header, lines = read(path, rows)
        cols = columns(header)
        for row in lines:
            node_id, label = row[0], row[1]
            label_of[node_id] = label
            nodes[label].append({"id": node_id, "props": {**props_of(cols, row, 2), "id": node_id}})
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for path in sorted(directory.glob("relationships-*.csv")):
        header, lines = read(path, rows)
        cols = columns(header)
        for row in lines:
            start, end, rel = row[0], row[1], row[2]
            if start not in label_of or end not in label_of:  # a warm-up's ROWS left its end out
                continue
            edges[label_of[start], rel, label_of[end]].append({"start": start, "end": end,
                                                               "props": props_of(cols, row, 3)})
    written = 0
    with GraphDatabase.driver(uri, auth=None) as driver, driver.session(database="neo4j") as session:
        def run(query: str, rows: list[dict[str, Any]]) -> None:
            session.execute_write(lambda tx: tx.run(query, rows=rows).consume())

        for label, rows in nodes.items():
            for i in range(0, len(rows), BATCH):
                run(f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.props", rows[i:i + BATCH])
        for (a, rel, b), rows in edges.items():
            for i in range(0, len(rows), BATCH):
                run(f"UNWIND $rows AS r MATCH (a:{a} {{id: r.start}}) MATCH (b:{b} {{id: r.end}}) "
                    f"MERGE (a)-[x:{rel}]->(b) SET x += r.props", rows[i:i + BATCH])
        written = sum(map(len, nodes.values())) + sum(map(len, edges.values()))
    return {"rows": written, "nodes": sum(map(len, nodes.values())), "relationships": sum(map(len, edges.values())),
            "wall_s": time.perf_counter() - t0}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None)))
