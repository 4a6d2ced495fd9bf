"""Published-report case files on Neo4j: the same constructs and the same round trip as on memory."""

from __future__ import annotations

from pathlib import Path

from tests.shared import case_reports


def neo4j_graph(store):
    return store.db.to_graph()


def test_reports_load_on_neo4j(neo4j_store):
    case_reports.load_reports(neo4j_store, neo4j_graph)


def test_export_round_trip_on_neo4j(neo4j_store, tmp_path: Path):
    case_reports.export_round_trip(neo4j_store, tmp_path)
