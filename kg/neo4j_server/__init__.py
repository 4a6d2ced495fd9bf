"""Manage a real local Neo4j Community 5.26 server built from Maven Central jars.

The server is launched directly (``org.neo4j.server.CommunityEntryPoint``), bound to 127.0.0.1 only,
with everything it writes under one data directory::

    <data_dir>/conf/neo4j.conf   written on every start
    <data_dir>/data/ logs/ run/ import/ tx/
    <data_dir>/logs/console.log  the server's stdout/stderr (appended on every start)
    <data_dir>/server.json       pid, port, uri, auth, browser_url, version of the running server
    <data_dir>/password          password of the ``neo4j`` user (mode 0600)
    <data_dir>/lib/oncokg-browser.jar  with --browser: the Browser jar plus the question guide and the style
    <data_dir>/.lock             held while start() or admin_import() runs

See /work/shared/NEO4J-RUNTIME.md section V for the recipe this module follows.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kg import registry
from kg.errors import ServerError

__all__ = [
    "REPO_ROOT",
    "USERNAME",
    "ServerInfo",
    "neo4j_home",
    "state_dir",
    "default_data_dir",
    "ensure_jars",
    "start",
    "stop",
    "status",
    "credentials",
    "remember",
    "known_data_dirs",
    "find_running",
    "running",
    "admin_import",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
USERNAME = "neo4j"
_DEFAULT_PASSWORD = "neo4j"  # the built-in user's initial (expired) password when auth was off at creation
DATABASE = "neo4j"

_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_ADMIN_TOOL = "org.neo4j.cli.AdminTool"
_JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]
_POLL = 0.25
_LAYOUT = ("conf", "data", "logs", "run", "import", "tx")

# Servers started by this Python process, so that stop() can reap them (no zombies, no ResourceWarning).
_CHILDREN: dict[int, subprocess.Popen] = {}


class _LoginRefused(ServerError):
    """The server came up but refused our credentials."""


@dataclass(frozen=True)
class ServerInfo:
    """A running local server. ``version`` is the Bolt agent, e.g. ``Neo4j/5.26.31``."""

    uri: str
    pid: int
    version: str
    data_dir: Path
    auth: bool
    browser_url: str | None


# --------------------------------------------------------------------------------------------- paths


def neo4j_home() -> Path:
    """NEO4J_HOME (holds ``lib/``): ``$KG_NEO4J_HOME``, else ``<repo root>/.neo4j`` in a checkout, else
    ``state_dir()/neo4j-home`` (an installed package)."""
    env = os.environ.get("KG_NEO4J_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return REPO_ROOT / ".neo4j" if (REPO_ROOT / "pyproject.toml").is_file() else state_dir() / "neo4j-home"


def state_dir() -> Path:
    """Per-user state (see kg.registry.state_dir)."""
    return registry.state_dir()


def default_data_dir() -> Path:
    """``$KG_NEO4J_DATA``, else ``state_dir()/neo4j``: where ``start()`` and friends work when no data_dir is given."""
    if os.environ.get("KG_NEO4J_DATA"):
        return Path(os.environ["KG_NEO4J_DATA"]).expanduser()
    return state_dir() / "neo4j"


def _resolve(data_dir: Path | None) -> Path:
    return Path(data_dir if data_dir is not None else default_data_dir()).expanduser().resolve()


def _conf_dir(d: Path) -> Path:
    return d / "conf"


def _state_file(d: Path) -> Path:
    return d / "server.json"


def _password_file(d: Path) -> Path:
    return d / "password"


# ---------------------------------------------------------------------------------------------- jars


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.access(Path(java_home, "bin", "java"), os.X_OK):
        return str(Path(java_home, "bin", "java"))
    java = shutil.which("java")
    if not java:
        raise ServerError("java not found: install a Java 17+ runtime (or set JAVA_HOME)")
    return java


def jars_present() -> bool:
    """True when the Neo4j jars are in NEO4J_HOME/lib (no Maven run needed)."""
    return any((neo4j_home() / "lib").glob("neo4j-*.jar"))


def ensure_jars() -> Path:
    """Return NEO4J_HOME, resolving the Neo4j jars into ``NEO4J_HOME/lib`` with Maven if they are missing."""
    home = neo4j_home()
    lib = home / "lib"
    if any(lib.glob("neo4j-*.jar")):
        return home
    from kg import resources

    pom = resources.path("neo4j") / "pom.xml"
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            f"the Neo4j jars are missing from {lib} and Maven (mvn) is not installed; install Maven "
            f"and run: mvn -B -q -f {pom} package"
        )
    _java()  # Maven needs Java too; fail with the clearer message
    if not pom.is_file():
        raise ServerError(f"the Neo4j jars are missing from {lib} and {pom} does not exist")
    cmd = [mvn, "-B", "-q", "-f", str(pom), f"-Dneo4j.home={home}", "package"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0 or not any(lib.glob("neo4j-*.jar")):
        raise ServerError(
            f"resolving the Neo4j jars failed (mvn exit {proc.returncode}):\n{_tail(proc.stdout)}"
        )
    return home


def _neo4j_version(home: Path) -> str | None:
    for jar in (home / "lib").glob("neo4j-command-line-*.jar"):
        return jar.name[len("neo4j-command-line-") : -len(".jar")]
    return None


# ---------------------------------------------------------------------------------------------- conf


def _write_conf(
    d: Path,
    port: int,
    *,
    auth: bool,
    browser: bool,
    http_port: int,
    heap: str,
    pagecache: str,
    tls_dir: Path | None,
) -> Path:
    lines = [
        "# Written by kg.neo4j_server on every start; edits are overwritten.",
        "server.default_listen_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{port}",
        f"server.bolt.advertised_address=127.0.0.1:{port}",
    ]
    if browser:
        lines += [
            "server.http.enabled=true",
            f"server.http.listen_address=127.0.0.1:{http_port}",
            f"server.http.advertised_address=127.0.0.1:{http_port}",
            *_browser_settings(http_port),
        ]
    else:
        lines.append("server.http.enabled=false")
    lines += [
        "server.https.enabled=false",
        f"dbms.security.auth_enabled={'true' if auth else 'false'}",
        "dbms.usage_report.enabled=false",
        f"server.directories.data={d / 'data'}",
        f"server.directories.logs={d / 'logs'}",
        f"server.directories.run={d / 'run'}",
        f"server.directories.import={d / 'import'}",
        f"server.directories.transaction.logs.root={d / 'tx'}",
        f"server.memory.heap.initial_size={heap}",
        f"server.memory.heap.max_size={heap}",
        f"server.memory.pagecache.size={pagecache}",
        "db.transaction.timeout=120s",
        *_memory_limits(heap),
        "db.tx_log.rotation.retention_policy=keep_none",
        # Bolt's graceful shutdown waits 5 s + 5 s by default; these make SIGTERM finish in about 1 s.
        "internal.server.bolt.connection_shutdown_wait_time=0s",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        "internal.dbms.bolt.netty_server_shutdown_timeout=1",
    ]
    if tls_dir is not None:
        lines += [
            "server.bolt.tls_level=REQUIRED",
            "dbms.ssl.policy.bolt.enabled=true",
            f"dbms.ssl.policy.bolt.base_directory={tls_dir}",
            "dbms.ssl.policy.bolt.private_key=private.key",
            "dbms.ssl.policy.bolt.public_certificate=public.crt",
            "dbms.ssl.policy.bolt.client_auth=NONE",
        ]
    conf = _conf_dir(d) / "neo4j.conf"
    _atomic_write(conf, "\n".join(lines) + "\n")
    return conf


def _mebibytes(size: str) -> int:
    """'512m', '1g', '1024k' or a byte count as whole MiB."""
    text = size.strip().lower().removesuffix("b")
    scale = {"k": 1 / 1024, "m": 1, "g": 1024, "t": 1024 * 1024}.get(text[-1:], None)
    try:
        return int(float(text[:-1]) * scale) if scale else int(text) // (1024 * 1024)
    except ValueError:
        raise ServerError(f"not a memory size: {size!r} (write e.g. 512m or 1g)") from None


def _memory_limits(heap: str) -> list[str]:
    """Transaction memory limits that fire long before the heap is exhausted.

    The arithmetic, for the default heap of 512 MiB (measured on 5.26 with the seed loaded: the server itself
    holds about 150-200 MiB of live heap: plan caches, Bolt, the system database):
      one transaction       heap / 4   = 128 MiB   (db.memory.transaction.max)
      all transactions      heap * 3/8 = 192 MiB   (db.memory.transaction.total.max, dbms.memory.transaction.total.max)
      left for the server   512 - 192  = 320 MiB   >= 200 MiB it needs + 120 MiB for what Neo4j does not track
    So tracked work (collect, sort, distinct, aggregation, eager buffers, transaction state) is refused with
    Neo.TransientError.General.MemoryPoolOutOfMemoryError before the heap fills. The page cache is off-heap and
    sized separately. Expressions Neo4j does not track (a string doubled in a reduce) can still fill the heap: the
    JVM runs without -XX:+ExitOnOutOfMemoryError, so Neo4j fails that one transaction
    (Neo.TransientError.General.OutOfMemoryError) and keeps serving; measured on 5.26.
    """
    mib = _mebibytes(heap)
    if mib < 256:
        raise ServerError(f"a heap of {heap} is too small for Neo4j; give at least 256m")
    return [f"db.memory.transaction.max={mib // 4}m", f"db.memory.transaction.total.max={mib * 3 // 8}m",
            f"dbms.memory.transaction.total.max={mib * 3 // 8}m"]


# ------------------------------------------------------------------------------------------- browser

# Where the Browser of a local server finds the catalogue guide and the style (served with the Browser itself).
_BROWSER_FILES = "browser/oncokg"


def browser_files_url(http_port: int) -> str:
    return f"http://127.0.0.1:{http_port}/{_BROWSER_FILES}"


def _browser_settings(http_port: int) -> list[str]:
    """neo4j.conf lines for Neo4j Browser: it may fetch guides from 127.0.0.1, and once connected it applies the
    style and opens the catalogue guide (commands separated by `;`, each run as `:<command>`)."""
    files = browser_files_url(http_port)
    return [
        "browser.remote_content_hostname_whitelist=127.0.0.1",
        f"browser.post_connect_cmd=style {files}/oncokg.grass; guide {files}/guide.html",
    ]


def browser_url(uri: str, http_port: int, auth: bool) -> str:
    """The Browser address that prefills the connection form: connect URL (with the user), database, and the
    authentication method when auth is off."""
    scheme, _, host = uri.partition("://")
    url = f"http://127.0.0.1:{http_port}/browser/?dbms={scheme}://{USERNAME}@{host}&db={DATABASE}"
    return url if auth else url + "&preselectAuthMethod=NO_AUTH"


def _browser_jar(home: Path, d: Path) -> Path:
    """A copy of the Neo4j Browser jar with the catalogue guide and the style under browser/oncokg/, first on the
    classpath, so that the server's own HTTP port serves them beside the Browser (same origin, nothing else to
    run). Rewritten on every start, so it follows the catalogue."""
    import zipfile

    from kg.export import grass
    from kg.export.browser_guide import guide_html

    source = next(iter(sorted((home / "lib").glob("neo4j-browser-*.jar"))))
    jar = d / "lib" / "oncokg-browser.jar"
    jar.parent.mkdir(exist_ok=True)
    tmp = jar.with_suffix(".tmp")
    shutil.copyfile(source, tmp)
    with zipfile.ZipFile(tmp, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{_BROWSER_FILES}/guide.html", guide_html())
        z.writestr(f"{_BROWSER_FILES}/oncokg.grass", grass())
    os.replace(tmp, jar)
    return jar


def _make_layout(d: Path) -> None:
    """The data directory and its folders, private: 0700 and 0600 for all that is in it, whatever existed before
    (the server runs with umask 077, so what it creates is private too)."""
    registry.make_private(d)
    for sub in _LAYOUT:
        (d / sub).mkdir(mode=0o700, exist_ok=True)


def _atomic_write(path: Path, text: str, mode: int = 0o600) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _locked(d: Path):
    """Hold <data_dir>/.lock so two starts or imports cannot race on one data dir."""
    d.mkdir(mode=0o700, parents=True, exist_ok=True)
    with open(d / ".lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ServerError(f"another start or import is in progress for {d}") from None
        yield


# --------------------------------------------------------------------------------------- processes


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


def _read_state(d: Path) -> dict | None:
    try:
        state = json.loads(_state_file(d).read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


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


def _tail(text: str, n: int = 20) -> str:
    return "\n".join(text.rstrip().splitlines()[-n:])


def _tail_file(path: Path, n: int = 20) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 64 * 1024))
            return _tail(f.read().decode("utf-8", "replace"), n)
    except OSError:
        return "(no console output)"


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


# ---------------------------------------------------------------------------------------------- bolt


def _uri(port: int, tls: bool) -> str:
    return f"{'bolt+ssc' if tls else 'bolt'}://127.0.0.1:{port}"


def _driver(uri: str, password: str | None, timeout: float = 2.0):
    from neo4j import GraphDatabase

    auth = (USERNAME, password) if password is not None else None
    return GraphDatabase.driver(uri, auth=auth, connection_timeout=timeout, max_connection_pool_size=1)


def _agent(uri: str, password: str | None, timeout: float = 2.0) -> str:
    with _driver(uri, password, timeout) as driver:
        return driver.get_server_info().agent


def _read_password(d: Path) -> str | None:
    try:
        return _password_file(d).read_text().strip() or None
    except FileNotFoundError:
        return None


def _new_password(d: Path) -> str:
    password = secrets.token_urlsafe(18)
    while password.startswith("-"):  # AdminTool would read a leading '-' as an option
        password = secrets.token_urlsafe(18)
    fd = os.open(_password_file(d), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(password + "\n")
    return password


def _admin_env(home: Path, d: Path) -> dict[str, str]:
    return {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(_conf_dir(d))}


def _set_initial_password(home: Path, d: Path, password: str) -> None:
    """Run ``AdminTool dbms set-initial-password`` before the first start.

    AdminTool only takes the password as a program argument. To keep it off the process command line
    (``/proc/<pid>/cmdline`` is world-readable) the main class and its arguments go into a 0600 java
    ``@argfile`` that the java launcher expands itself; the file is deleted as soon as the tool exits.
    """
    fd, argfile = tempfile.mkstemp(dir=d, prefix=".pwargs.")  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "w") as f:
            f.write(f"{_ADMIN_TOOL} dbms set-initial-password {password}\n")
        proc = subprocess.run(
            [_java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", str(home / "lib" / "*"), f"@{argfile}"],
            env=_admin_env(home, d),
            cwd=d,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            umask=0o077,
        )
    finally:
        Path(argfile).unlink(missing_ok=True)
    output = proc.stdout.replace(password, "***")
    if proc.returncode != 0:
        raise ServerError(f"setting the initial Neo4j password failed:\n{_tail(output)}")
    auth_ini = d / "data" / "dbms" / "auth.ini"
    if auth_ini.exists():
        os.chmod(auth_ini, 0o600)


# ----------------------------------------------------------------------------------------------- API


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
) -> ServerInfo:
    """Start a Neo4j server on 127.0.0.1:port for data_dir and wait until Bolt answers.

    With ``auth`` the ``neo4j`` user's password is generated on the first start and kept in
    ``<data_dir>/password`` (0600). ``browser`` also serves Neo4j Browser on 127.0.0.1:http_port.
    ``tls_dir`` (holding private.key and public.crt) makes Bolt TLS-only (``bolt+ssc://``).
    Raises ServerError if already running, if a port is taken, or if the server fails to come up.
    """
    d = _resolve(data_dir)
    with _locked(d):
        return _start(d, port, auth, browser, http_port, heap, pagecache, timeout, tls_dir)


def _start(
    d: Path, port: int, auth: bool, browser: bool, http_port: int, heap: str, pagecache: str,
    timeout: float, tls_dir: Path | None,
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
    if browser:
        classpath = f"{_browser_jar(home, d)}{os.pathsep}{classpath}"
    console = d / "logs" / "console.log"
    cmd = [
        _java(),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *_JVM_FLAGS,
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


def _replace_default_password(uri: str, password: str) -> None:
    from neo4j.exceptions import Neo4jError

    try:
        with _driver(uri, _DEFAULT_PASSWORD, timeout=10.0) as driver:
            driver.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=_DEFAULT_PASSWORD,
                new=password,
                database_="system",
            )
    except Neo4jError as e:
        raise ServerError(f"setting the neo4j password failed ({e.code})") from None


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


# ------------------------------------------------------------------------------------ remembered servers


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


def admin_import(
    data_dir: Path | None,
    nodes: list[tuple[str, list[Path]]],
    relationships: list[tuple[str, list[Path]]],
    *,
    array_delimiter: str = ";",
    multiline_fields: bool = False,
) -> str:
    """Bulk-load CSV files into the ``neo4j`` database of data_dir, replacing it (server must be stopped).

    ``nodes`` is ``[(label, [header_or_data_file, ...]), ...]`` (label may be "" when the files carry a
    ``:LABEL`` column, or "A:B" for several); ``relationships`` is ``[(type, [files...]), ...]``.
    ``multiline_fields`` lets quoted values hold line breaks. Returns the tool's output; raises ServerError
    with its tail on failure.
    """
    d = _resolve(data_dir)
    with _locked(d):
        return _admin_import(d, nodes, relationships, array_delimiter, multiline_fields)


def _admin_import(
    d: Path, nodes: list[tuple[str, list[Path]]], relationships: list[tuple[str, list[Path]]], array_delimiter: str,
    multiline_fields: bool = False,
) -> str:
    pid = _running_pid(d)
    if pid is not None:
        raise ServerError(f"stop the local Neo4j (pid {pid}) before a bulk import")
    if not nodes:
        raise ServerError("admin_import needs at least one node file group")
    if len(array_delimiter) != 1:
        raise ServerError("array_delimiter must be a single character")
    home = ensure_jars()
    _make_layout(d)
    _clean_stale(d)
    conf = _conf_dir(d) / "neo4j.conf"
    if not conf.exists():
        _write_conf(
            d, 7687, auth=True, browser=False, http_port=7474, heap="512m", pagecache="256m", tls_dir=None
        )

    def flag(kind: str, name: str, files: list[Path]) -> str:
        paths = []
        for f in files:
            p = Path(f).expanduser().resolve()
            if not p.is_file():
                raise ServerError(f"import file not found: {p}")
            paths.append(str(p))
        if not paths:
            raise ServerError(f"no files given for {kind} {name!r}")
        return f"--{kind}={name + '=' if name else ''}{','.join(paths)}"

    args = [flag("nodes", n, fs) for n, fs in nodes]
    args += [flag("relationships", t, fs) for t, fs in relationships]
    cmd = [
        _java(),
        "-Xmx1g",
        "-cp",
        str(home / "lib" / "*"),
        _ADMIN_TOOL,
        "database",
        "import",
        "full",
        DATABASE,
        "--overwrite-destination=true",
        f"--array-delimiter={array_delimiter}",
        f"--multiline-fields={'true' if multiline_fields else 'false'}",
        f"--report-file={d / 'logs' / 'import.report'}",
        "--verbose",  # without it a failure only says "Error in input data"
        *args,
    ]
    proc = subprocess.run(
        cmd, env=_admin_env(home, d), cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        umask=0o077,
    )
    if proc.returncode != 0:
        # drop progress bars and stack frames so the tail shows the cause ("original error: ...")
        lines = [
            line
            for line in proc.stdout.splitlines()
            if line.strip()
            and not line.startswith(("..", "[", "\tat ", "\t... "))
        ]
        raise ServerError(
            f"neo4j-admin database import failed (exit {proc.returncode}):\n{_tail(chr(10).join(lines))}"
        )
    return proc.stdout
