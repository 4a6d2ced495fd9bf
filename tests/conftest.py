"""Shared pytest configuration. Tests in files named `*_neo4j.py` need the real Neo4j and are marked `neo4j`
(`make test-fast` leaves them out). One Neo4j serves the whole run: started on first use on a free loopback port
in a temporary directory, stopped at the end; if it cannot start, every test that needs it errors (never skips)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from kg import neo4j_server as server
from kg.errors import KGError
from kg.neo4j_server.jars import _java, ensure_jars
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
    # Once, before pytest-xdist starts its workers (they inherit the environment), unless only the fast tier runs.
    if not hasattr(config, "workerinput") and config.getoption("markexpr") != "not neo4j":
        archive = class_archive()
        if archive is not None:
            os.environ["KG_NEO4J_JVM_OPTS"] += f" -XX:SharedArchiveFile={archive} -Xlog:cds=off -Xlog:cds+dynamic=off"


def class_archive() -> Path | None:
    """A class-data sharing archive of the Neo4j server's classes, for the test run's JVMs (servers and imports):
    they map the classes it holds instead of loading and verifying them from the jars again (the run starts dozens
    of JVMs on two cores). Made once for a set of jars and a java, by a server started and stopped with
    -XX:ArchiveClassesAtExit, and kept in NEO4J_HOME/class-archives. A JVM whose class path differs (a server
    with the Browser jar in front) ignores it. None when it cannot be made (the tests that need a server say why)."""
    try:
        home = ensure_jars()
        java = Path(_java()).resolve()
    except KGError:
        return None
    jars = sorted((home / "lib").glob("*.jar"))
    key = hashlib.sha256("\n".join([str(java), str(java.stat().st_mtime_ns)] +
                                   [f"{j.name} {j.stat().st_size}" for j in jars]).encode()).hexdigest()[:16]
    archive = home / "class-archives" / f"tests-{key}.jsa"
    if archive.is_file():
        return archive
    archive.parent.mkdir(exist_ok=True)
    partial = archive.with_name(f"{archive.name}.{os.getpid()}.partial")
    data_dir = Path(tempfile.mkdtemp(prefix="kg-test-class-archive-"))
    options = os.environ["KG_NEO4J_JVM_OPTS"]
    os.environ["KG_NEO4J_JVM_OPTS"] = f"{options} -XX:ArchiveClassesAtExit={partial}"
    try:
        info = server.start(data_dir, free_port(), auth=False)
        with GraphDatabase.driver(info.uri, auth=None) as driver:  # the classes of a write and a read, too
            driver.execute_query("CREATE (n:ClassArchive {id: 1}) WITH n MATCH (m:ClassArchive) DELETE m "
                                 "RETURN count(*) AS c", database_="neo4j")
        server.stop(data_dir)  # the JVM writes the archive as it exits
    except Exception:  # noqa: BLE001 - only a speed-up: the tests that need a server say why it cannot start
        server.stop(data_dir)
        return None
    finally:
        os.environ["KG_NEO4J_JVM_OPTS"] = options
        shutil.rmtree(data_dir, ignore_errors=True)
    if not partial.is_file():
        return None
    os.replace(partial, archive)
    return archive


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
