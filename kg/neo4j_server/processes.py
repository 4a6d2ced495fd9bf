"""The server's process: is it ours and alive, its pid, stale state left behind, stopping it, free ports."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from kg.neo4j_server.jars import _ENTRY_POINT
from kg.neo4j_server.paths import _conf_dir, _read_state, _state_file

_POLL = 0.25

# Servers started by this Python process, so that stop() can reap them (no zombies, no ResourceWarning).
_CHILDREN: dict[int, subprocess.Popen] = {}


def _alive(pid: int) -> bool:
    """True if pid is a live (non-zombie) process; reaps it if it is our own exited child."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        alive = False
    else:
        end = stat.rfind(b")")
        alive = stat[end + 2 : end + 3] not in (b"Z", b"X")
    child = _CHILDREN.get(pid)
    if not alive and child is not None:
        # A killed JVM's main thread shows as a zombie while its other threads still exit;
        # waitpid only succeeds once they are all gone, which takes a moment.
        try:
            child.wait(timeout=5.0)
            del _CHILDREN[pid]
        except subprocess.TimeoutExpired:
            pass
    return alive


def _is_our_java(pid: int, d: Path) -> bool:
    """True only if pid is a live CommunityEntryPoint JVM using this data dir's conf directory."""
    if pid <= 0 or not _alive(pid):
        return False
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    want = f"--config-dir={_conf_dir(d)}".encode()
    return _ENTRY_POINT.encode() in args and want in args


def _running_pid(d: Path) -> int | None:
    """Pid of our server for d (from server.json, else the server's own run/neo4j.pid), else None."""
    candidates = []
    state = _read_state(d)
    if state and isinstance(state.get("pid"), int):
        candidates.append(state["pid"])
    try:
        candidates.append(int((d / "run" / "neo4j.pid").read_text().strip()))
    except (OSError, ValueError):
        pass
    for pid in candidates:
        if _is_our_java(pid, d):
            return pid
    return None


def _clean_stale(d: Path) -> None:
    """Remove server.json and run/neo4j.pid left behind by a server that is gone (e.g. SIGKILLed)."""
    _state_file(d).unlink(missing_ok=True)
    (d / "run" / "neo4j.pid").unlink(missing_ok=True)


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    child = _CHILDREN.get(pid)
    while True:
        if child is not None:
            try:
                child.wait(timeout=_POLL)
            except subprocess.TimeoutExpired:
                pass
        if not _alive(pid):
            _CHILDREN.pop(pid, None)
            return True
        if time.monotonic() >= deadline:
            return False
        if child is None:
            time.sleep(_POLL)


def _kill(pid: int, timeout: float) -> bool:
    """SIGTERM, wait up to timeout, then SIGKILL; True if the process is gone."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        if _wait_gone(pid, wait):
            return True
    return False


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # Like the JVM's server sockets, ignore TIME_WAIT leftovers; a listener still makes bind fail.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError as e:
            if e.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True
