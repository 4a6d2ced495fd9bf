"""Shared pytest configuration: every test under tests/integration/ is marked `neo4j`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

INTEGRATION = Path(__file__).parent / "integration"


def pytest_configure(config: pytest.Config) -> None:
    """Session-wide: state and config in a temporary directory, so even module- and session-scoped fixtures
    (which run before the per-test `isolated_state`) never touch the user's files."""
    session_state = Path(tempfile.mkdtemp(prefix="kg-test-state-"))
    os.environ["KG_STATE_DIR"] = str(session_state)
    os.environ["KG_CONFIG"] = str(session_state / "config.toml")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if INTEGRATION in Path(item.fspath).parents:
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(autouse=True)
def isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own state directory (loaded-sources lists, manifests), never the user's."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("KG_STATE_DIR", str(state))
    for name in ("KG_STORE", "NEO4J_URI", "NEO4J_USERNAME", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE",
                 "NEO4J_CA_CERT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KG_CONFIG", str(state / "config.toml"))  # never the user's config file
    return state
