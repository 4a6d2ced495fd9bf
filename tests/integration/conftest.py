"""One real Neo4j for the whole integration run: started on a free loopback port in a temporary
directory, stopped at the end. If it cannot start, every integration test errors (never skips)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import neo4j_server as server
from kg.stores import Neo4jGraphStore
from kg.stores.neo4j_store import Neo4jStore, Settings, connect


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[server.ServerInfo]:
    data_dir: Path = tmp_path_factory.mktemp("neo4j")
    info = server.start(data_dir, free_port(), auth=False)
    try:
        yield info
    finally:
        server.stop(data_dir)


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server: server.ServerInfo) -> Settings:
    return Settings(uri=neo4j_server.uri, username="neo4j", password=None)


@pytest.fixture
def neo4j_env(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Point `kg` commands at the test server through the usual environment variables."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    return neo4j_settings


@pytest.fixture
def neo4j_store(neo4j_settings: Settings) -> Iterator[Neo4jGraphStore]:
    """A store on an empty database."""
    store = Neo4jGraphStore(Neo4jStore(connect(neo4j_settings)), neo4j_settings)
    store.db.driver.execute_query("MATCH (n) DETACH DELETE n")
    try:
        yield store
    finally:
        store.close()
