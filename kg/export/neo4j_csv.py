"""The neo4j-csv writer: the import files of `neo4j-admin database import full` (encoded by kg.stores.neo4j_csv)."""

from __future__ import annotations

import networkx as nx

from kg.export.common import Out, directory
from kg.export.view import StreamedGraph, edge_items, node_items
from kg.stores.neo4j_csv import Neo4jCsvFiles, write_files


def write_neo4j_csv(g: nx.MultiDiGraph | StreamedGraph, out: Out) -> Neo4jCsvFiles:
    """CSV files for `neo4j-admin database import full` in the directory `out`, one per label
    (`nodes-<Label>.csv`) and per relationship type (`relationships-<TYPE>.csv`), as kg.stores.neo4j_csv.write_files
    writes them (typed headers, arrays joined by U+001F); returns the files with their label or type."""
    where = directory(out, "neo4j-csv")
    return write_files(lambda: node_items(g), lambda: edge_items(g), where)
