"""Shared pytest configuration. Tests in files named `*_neo4j.py` need the real Neo4j and are marked `neo4j`
(`make test-fast` leaves them out). One Neo4j serves the whole run: started on first use on a free loopback port
in a temporary directory, stopped at the end; if it cannot start, every test that needs it errors (never skips)."""

from __future__ import annotations

import os
from collections.abc import Iterator
import tempfile
from pathlib import Path

import pytest

from kg import neo4j_server as server
from kg.stores import Neo4jGraphStore
from kg.stores.neo4j_store import Neo4jStore, Settings, connect
from tests.shared.ports import free_port


def pytest_configure(config: pytest.Config) -> None:
    """Session-wide: state and config in a temporary directory, so even module- and session-scoped fixtures
    (which run before the per-test `isolated_state`) never touch the user's files."""
    session_state = Path(tempfile.mkdtemp(prefix="kg-test-state-"))
    os.environ["KG_STATE_DIR"] = str(session_state)
    os.environ["KG_CONFIG"] = str(session_state / "config.toml")
    # One graph cache for the run: a test whose state directory is new still reads the seed's graph from it (the key
    # holds every input, so a test never gets another's graph), instead of validating the seed again.
    os.environ["KG_GRAPH_CACHE"] = str(session_state / "graph-cache")
    # The test run's servers live for seconds to minutes: the JVM's quick compiler alone costs a third less CPU to
    # start one and load the seed (measured: 22 s against 36 s), and the run is bound by two cores.
    os.environ.setdefault("KG_NEO4J_JVM_OPTS", "-XX:TieredStopAtLevel=1")


# The files that take longest (each starts, kills, restarts or bulk-imports servers of its own), longest first.
# pytest-xdist (`--dist loadfile --no-loadscope-reorder`) hands files to its workers in collection order, so these
# start at once, side by side, and the many short files fill in around them instead of trailing behind.
LONGEST_FIRST = (
    "stores/test_hardening_load_neo4j.py",
    "test_benchmark_small_neo4j.py",
    "stores/test_bulk_neo4j.py",
    "questions/test_questions_neo4j.py",
    "stores/test_remote_tls_neo4j.py",
    "neo4j_server/test_server_neo4j.py",
    "export/test_export_neo4j.py",
    "test_install.py",
    "neo4j_server/test_remembered_servers_neo4j.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = Path(__file__).parent
    if missing := [f for f in LONGEST_FIRST if not (tests / f).is_file()]:
        raise pytest.UsageError(f"tests/conftest.py LONGEST_FIRST names files that do not exist: {missing}")
    for item in items:
        if Path(item.fspath).name.endswith("_neo4j.py"):
            item.add_marker(pytest.mark.neo4j)

    def rank(item: pytest.Item) -> int:
        path = Path(item.fspath).relative_to(tests).as_posix()
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a file, and among the other files, collection order is kept


@pytest.fixture(autouse=True)
def isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own state directory (loaded-sources lists, manifests), never the user's."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("KG_STATE_DIR", str(state))
    # and never the runner's terminal: pytest-xdist's workers are given COLUMNS=80, which would wrap tables
    for name in ("KG_STORE", "NEO4J_URI", "NEO4J_USERNAME", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE",
                 "NEO4J_CA_CERT", "COLUMNS", "LINES", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KG_CONFIG", str(state / "config.toml"))  # never the user's config file
    return state


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
