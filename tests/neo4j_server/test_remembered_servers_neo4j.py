"""A server is remembered: `kg server start --data-dir D` records D, so `kg server status/stop` and
`--store neo4j` find it without KG_NEO4J_DATA; with two running, they ask which, naming both."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import neo4j_server as server
from kg.cli import main
from tests.shared.ports import free_port


def kg(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def no_data_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_NEO4J_DATA", raising=False)


def test_a_started_server_is_found_by_later_commands(tmp_path: Path, no_data_env):
    first, second = (tmp_path / "first").resolve(), (tmp_path / "second").resolve()
    port = free_port()
    started = kg("server", "start", "--data-dir", str(first), "--port", str(port), "--no-auth")
    try:
        assert started.exit_code == 0, started.output
        assert started.output.startswith(f"Neo4j running at bolt://127.0.0.1:{port} (pid ")
        assert str(first) in (server.state_dir() / "servers.json").read_text()

        status = kg("server", "status")
        assert status.exit_code == 0
        assert status.output.splitlines()[0] == f"uri: bolt://127.0.0.1:{port}"
        assert f"data: {first}" in status.output.splitlines()

        shown = kg("config", "show", "--check", "-f", "json")
        assert shown.exit_code == 0, shown.output
        assert f'"value": "bolt://127.0.0.1:{port}",\n    "from": "local server ({first})"' in shown.output

        port2 = free_port()
        assert kg("server", "start", "--data-dir", str(second), "--port", str(port2), "--no-auth").exit_code == 0
        both = kg("server", "status")
        assert both.exit_code == 0
        assert [line for line in both.output.splitlines() if line.startswith("uri: ")] == [
            f"uri: bolt://127.0.0.1:{port}", f"uri: bolt://127.0.0.1:{port2}"]

        for command in (("config", "show"), ("stats", "--store", "neo4j"), ("server", "stop")):
            refused = kg(*command)
            assert refused.exit_code == 1, command
            assert refused.output == (f"Error: 2 local Neo4j servers are running (data in {first}, {second}); choose "
                                      "one with --data-dir DIR or KG_NEO4J_DATA=DIR (or set NEO4J_URI)\n")

        assert kg("server", "stop", "--data-dir", str(second)).output == "Stopped.\n"
        assert kg("server", "stop").output == "Stopped.\n"  # the only one left running: first
        assert server.status(first) is None
    finally:
        server.stop(first)
        server.stop(second)

    gone = kg("server", "status")
    assert (gone.exit_code, gone.output) == (3, "No local Neo4j is running. Start one with 'kg server start'.\n")
    unconfigured = kg("stats", "--store", "neo4j")
    assert unconfigured.exit_code == 3
    assert unconfigured.output.endswith(f"or start a local one with 'kg server start --data-dir {second}'\n")
