"""The servers `kg server start` ran: remembered data directories, which one commands use, its credentials."""

from __future__ import annotations

import json
import os
from pathlib import Path

from kg.errors import ServerError
from kg.neo4j_server.auth import _read_password
from kg.neo4j_server.lifecycle import ServerInfo, status
from kg.neo4j_server.paths import USERNAME, _atomic_write, _read_state, _resolve, state_dir
from kg.neo4j_server.processes import _running_pid


def _servers_file() -> Path:
    return state_dir() / "servers.json"


def remember(data_dir: Path) -> None:
    """Record that `kg server start` ran a server in data_dir (in the state directory's servers.json), so later
    commands find it without --data-dir or KG_NEO4J_DATA."""
    d = _resolve(data_dir)
    known = [str(p) for p in known_data_dirs() if p != d] + [str(d)]
    path = _servers_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, json.dumps(known, indent=2) + "\n")


def known_data_dirs() -> list[Path]:
    """The default data directory, then every remembered one that still exists (most recently started last)."""
    try:
        recorded = json.loads(_servers_file().read_text())
    except (OSError, ValueError):
        recorded = []
    default = _resolve(None)
    dirs = [default] + [Path(p) for p in recorded if isinstance(p, str) and Path(p) != default]
    return [d for d in dirs if d.is_dir()]


def find_running(data_dir: Path | None = None) -> Path | None:
    """The data directory of the local server that commands use: data_dir or $KG_NEO4J_DATA when given (None if
    its server is not running); else the default one if it runs, else the only running remembered one.
    Several running and none chosen: ServerError naming them and how to choose."""
    if data_dir is not None or os.environ.get("KG_NEO4J_DATA"):
        d = _resolve(data_dir)
        return d if _running_pid(d) is not None else None
    candidates = [d for d in known_data_dirs() if _running_pid(d) is not None]
    if len(candidates) <= 1 or candidates[0] == _resolve(None):
        return candidates[0] if candidates else None
    raise ServerError(f"{len(candidates)} local Neo4j servers are running (data in {', '.join(map(str, candidates))}); "
                      "choose one with --data-dir DIR or KG_NEO4J_DATA=DIR (or set NEO4J_URI)")


def running() -> list[ServerInfo]:
    """Every running server this user started (the default data directory and the remembered ones)."""
    return [info for d in known_data_dirs() if (info := status(d)) is not None]


def credentials(data_dir: Path | None = None) -> tuple[str, str, str | None] | None:
    """``(uri, username, password)`` of the running server of data_dir (default: the one `find_running` names);
    password is None with auth off."""
    d = find_running(data_dir)
    if d is None:
        return None
    state = _read_state(d)
    if not state or not state.get("uri"):
        return None
    password = _read_password(d) if state.get("auth", True) else None
    return state["uri"], USERNAME, password
