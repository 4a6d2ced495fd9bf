"""Starting, stopping and asking after the local server of one data directory."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ServerError
from kg.neo4j_server.auth import (
    _DEFAULT_PASSWORD,
    _LoginRefused,
    _agent,
    _new_password,
    _read_password,
    _replace_default_password,
    _set_initial_password,
    _uri,
)
from kg.neo4j_server.browser import BrowserFiles, _browser_jar, browser_url
from kg.neo4j_server.config import _write_conf
from kg.neo4j_server.jars import _ENTRY_POINT, _JVM_FLAGS, _admin_env, _java, _tail, ensure_jars, extra_jvm_flags
from kg.neo4j_server.paths import (
    _atomic_write,
    _conf_dir,
    _locked,
    _make_layout,
    _password_file,
    _read_state,
    _resolve,
    _state_file,
)
from kg.neo4j_server.processes import _CHILDREN, _POLL, _clean_stale, _kill, _port_free, _running_pid


@dataclass(frozen=True)
class ServerInfo:
    """A running local server. ``version`` is the Bolt agent, e.g. ``Neo4j/5.26.31``."""

    uri: str
    pid: int
    version: str
    data_dir: Path
    auth: bool
    browser_url: str | None


def start(
    data_dir: Path | None = None,
    port: int = 7687,
    *,
    auth: bool = True,
    browser: bool = False,
    http_port: int = 7474,
    heap: str = "512m",
    pagecache: str = "256m",
    timeout: float = 120.0,
    tls_dir: Path | None = None,
    browser_files: BrowserFiles | None = None,
) -> ServerInfo:
    """Start a Neo4j server on 127.0.0.1:port for data_dir and wait until Bolt answers.

    With ``auth`` the ``neo4j`` user's password is generated on the first start and kept in
    ``<data_dir>/password`` (0600). ``browser`` also serves Neo4j Browser on 127.0.0.1:http_port,
    which opens ``browser_files`` (the guide and the style, rendered by the caller) on connecting; without them,
    those of the previous start.
    ``tls_dir`` (holding private.key and public.crt) makes Bolt TLS-only (``bolt+ssc://``).
    Raises ServerError if already running, if a port is taken, or if the server fails to come up.
    """
    if browser_files is not None and not browser:
        raise ValueError("browser_files are served only with browser=True")
    d = _resolve(data_dir)
    with _locked(d):
        return _start(d, port, auth, browser, http_port, heap, pagecache, timeout, tls_dir, browser_files)


def _start(
    d: Path, port: int, auth: bool, browser: bool, http_port: int, heap: str, pagecache: str,
    timeout: float, tls_dir: Path | None, browser_files: BrowserFiles | None,
) -> ServerInfo:
    pid = _running_pid(d)
    if pid is not None:
        state = _read_state(d) or {}
        raise ServerError(
            f"a local Neo4j is already running at {state.get('uri', '?')} (pid {pid}) for {d}; "
            "stop it first"
        )
    if d.exists():
        _clean_stale(d)
    for p, what in ((port, "Bolt"),) + (((http_port, "HTTP"),) if browser else ()):
        if not _port_free(p):
            raise ServerError(
                f"port {p} on 127.0.0.1 is in use (needed for {what}); stop whatever listens there "
                "or choose another port"
            )
    if browser and http_port == port:
        raise ServerError(f"port {port} cannot serve both Bolt and HTTP")

    home = ensure_jars()
    if browser and not any((home / "lib").glob("neo4j-browser-*.jar")):
        raise ServerError(f"Neo4j Browser jar (neo4j-browser-*.jar) is missing from {home / 'lib'}")
    if tls_dir is not None:
        tls_dir = Path(tls_dir).expanduser().resolve()
        missing = [n for n in ("private.key", "public.crt") if not (tls_dir / n).is_file()]
        if missing:
            raise ServerError(f"TLS directory {tls_dir} lacks {', '.join(missing)}")
        for sub in ("trusted", "revoked"):
            (tls_dir / sub).mkdir(exist_ok=True)

    _make_layout(d)
    browser_jar = _browser_jar(home, d, browser_files) if browser else None
    _write_conf(
        d, port, auth=auth, browser=browser, http_port=http_port, heap=heap, pagecache=pagecache,
        tls_dir=tls_dir,
    )

    password = _read_password(d)
    first_start = not (d / "data" / "databases" / "system").exists()
    # A database first started with auth off has user neo4j/neo4j with an expired password:
    # log in with that once and set the generated password over Bolt.
    replace_default = False
    if auth:
        if password is None:
            password = _new_password(d)
            replace_default = not first_start
        if first_start:
            _set_initial_password(home, d, password)

    uri = _uri(port, tls_dir is not None)
    url = browser_url(uri, http_port, auth) if browser else None
    classpath = str(home / "lib" / "*")
    if browser_jar is not None:
        classpath = f"{browser_jar}{os.pathsep}{classpath}"
    console = d / "logs" / "console.log"
    cmd = [
        _java(),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *_JVM_FLAGS,
        *extra_jvm_flags(),
        "-cp",
        classpath,
        _ENTRY_POINT,
        f"--home-dir={home}",
        f"--config-dir={_conf_dir(d)}",
        "--console-mode",
    ]
    t0 = time.monotonic()
    with open(console, "ab") as log:
        log.write(f"\n==== kg.neo4j_server start {time.strftime('%Y-%m-%dT%H:%M:%S')} ====\n".encode())
        log.flush()
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=d,
            env=_admin_env(home, d),
            start_new_session=True,
            umask=0o077,
        )
    _CHILDREN[proc.pid] = proc
    state = {
        "pid": proc.pid,
        "port": port,
        "uri": uri,
        "auth": auth,
        "browser_url": url,
        "http_port": http_port if browser else None,
        "tls": tls_dir is not None,
        "version": None,
        "data_dir": str(d),
        "started_at": time.time(),
    }
    _atomic_write(_state_file(d), json.dumps(state, indent=2) + "\n")

    login = _DEFAULT_PASSWORD if replace_default else password if auth else None
    try:
        version = _wait_ready(proc, uri, login, t0 + timeout, console, timeout)
        if replace_default:
            _replace_default_password(uri, password)
    except BaseException as e:
        _kill(proc.pid, 5.0)
        _clean_stale(d)
        if replace_default:
            _password_file(d).unlink(missing_ok=True)
            if isinstance(e, _LoginRefused):
                raise ServerError(
                    f"{d} holds a database whose neo4j password is unknown (no {_password_file(d).name} "
                    "file); start it with auth off, or delete the data directory to start afresh"
                ) from None
        raise
    if auth:
        # auth.ini has been consumed into the system database; don't leave a copy of the hash around.
        (d / "data" / "dbms" / "auth.ini").unlink(missing_ok=True)
    state["version"] = version
    state["startup_seconds"] = round(time.monotonic() - t0, 2)
    _atomic_write(_state_file(d), json.dumps(state, indent=2) + "\n")
    return ServerInfo(uri, proc.pid, version, d, auth, url)


def _wait_ready(
    proc: subprocess.Popen, uri: str, password: str | None, deadline: float, console: Path, timeout: float
) -> str:
    from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

    while True:
        code = proc.poll()
        if code is not None:
            raise ServerError(
                f"Neo4j exited with code {code} during startup; last lines of {console}:\n"
                f"{_tail_file(console)}"
            )
        try:
            return _agent(uri, password, timeout=2.0)
        except AuthError as e:
            raise _LoginRefused(
                f"Neo4j started but refused the stored password ({e.code}); the password file does "
                "not match the database"
            ) from None
        except (ServiceUnavailable, OSError, DriverError, Neo4jError):
            pass
        if time.monotonic() >= deadline:
            raise ServerError(
                f"Neo4j did not answer on {uri} within {timeout:g} s; last lines of {console}:\n"
                f"{_tail_file(console)}"
            )
        time.sleep(_POLL)


def _tail_file(path: Path, n: int = 20) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 64 * 1024))
            return _tail(f.read().decode("utf-8", "replace"), n)
    except OSError:
        return "(no console output)"


def stop(data_dir: Path | None = None, timeout: float = 30.0) -> bool:
    """Stop the server of data_dir (SIGTERM, then SIGKILL after timeout); True if one was stopped."""
    d = _resolve(data_dir)
    pid = _running_pid(d)
    if pid is None:
        if d.exists():
            _clean_stale(d)
        return False
    if not _kill(pid, timeout):
        raise ServerError(f"Neo4j (pid {pid}) did not exit after SIGTERM and SIGKILL")
    _clean_stale(d)
    return True


def status(data_dir: Path | None = None) -> ServerInfo | None:
    """The running server of data_dir, or None (stale state files are removed).

    ``version`` comes from the server over Bolt; if it does not answer (yet), from server.json.
    """
    d = _resolve(data_dir)
    pid = _running_pid(d)
    if pid is None:
        if d.exists():
            _clean_stale(d)
        return None
    state = _read_state(d) or {}
    auth = bool(state.get("auth", True))
    uri = state.get("uri") or _uri(7687, False)
    try:
        version = _agent(uri, _read_password(d) if auth else None, timeout=2.0)
    except Exception:  # not answering yet, or cannot log in: still running
        version = state.get("version") or "unknown"
    return ServerInfo(uri, pid, version, d, auth, state.get("browser_url"))
