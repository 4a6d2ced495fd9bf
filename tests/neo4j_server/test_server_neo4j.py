"""kg.neo4j_server against a real local Neo4j: start/status/stop, auth, loopback binding, stale state, bulk import."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from kg import neo4j_server as server
from kg.errors import ServerError
from kg.neo4j_server import jars, processes
from kg.neo4j_server.paths import neo4j_home
from tests.shared.ports import free_port

pytestmark = pytest.mark.neo4j



def listen_addresses(port: int) -> set[str]:
    """Local addresses of the TCP sockets listening on port, from /proc/net/tcp{,6}."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, hex_port = fields[1].split(":")
            if fields[3] != "0A" or int(hex_port, 16) != port:  # 0A = LISTEN
                continue
            raw = bytes.fromhex(addr)
            # the kernel prints each 32-bit word in host (little-endian) order
            raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            ip = socket.inet_ntop(socket.AF_INET if width == 8 else socket.AF_INET6, raw)
            found.add(ip.removeprefix("::ffff:"))  # the JVM binds v4-mapped IPv6 sockets
    return found


def query(uri: str, auth, cypher: str):
    with GraphDatabase.driver(uri, auth=auth) as driver:
        return driver.execute_query(cypher, database_="neo4j").records


def pid_gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while processes._alive(pid):  # _alive also reaps our own exited child
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return not Path(f"/proc/{pid}").exists()


def java_pids_for(d: Path) -> list[int]:
    """Live processes whose command line names d's conf directory."""
    want = f"--config-dir={d.resolve() / 'conf'}".encode()
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if want in proc.joinpath("cmdline").read_bytes().split(b"\0") and processes._alive(int(proc.name)):
                    pids.append(int(proc.name))
            except OSError:
                pass
    return pids


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    """One server with auth, shared by the read-only tests of this module."""
    d = tmp_path_factory.mktemp("neo4j-auth")
    info = server.start(d, free_port())
    yield info
    server.stop(d)


def test_status_reports_the_running_server(running):
    info = server.status(running.data_dir)
    assert info is not None
    assert info.uri == running.uri and info.uri.startswith("bolt://127.0.0.1:")
    assert info.pid == running.pid and Path(f"/proc/{info.pid}").exists()
    assert info.version.startswith("Neo4j/5.26."), info.version
    assert info.data_dir == running.data_dir and info.auth is True and info.browser_url is None
    state = json.loads((running.data_dir / "server.json").read_text())
    assert state["pid"] == info.pid and state["uri"] == info.uri and state["version"] == info.version
    assert "password" not in json.dumps(state).lower()


def test_password_is_private_and_works(running):
    pw_file = running.data_dir / "password"
    assert stat.S_IMODE(pw_file.stat().st_mode) == 0o600
    assert not (running.data_dir / "data" / "dbms" / "auth.ini").exists()
    uri, user, password = server.credentials(running.data_dir)
    assert (uri, user) == (running.uri, "neo4j") and password == pw_file.read_text().strip()
    assert query(uri, (user, password), "RETURN 1 AS x")[0]["x"] == 1
    assert password not in (running.data_dir / "logs" / "console.log").read_text()


def test_wrong_password_is_refused(running):
    with GraphDatabase.driver(running.uri, auth=("neo4j", "not-the-password")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()


def test_starting_twice_is_refused(running):
    with pytest.raises(ServerError, match="already running") as e:
        server.start(running.data_dir, free_port())
    assert running.uri in str(e.value) and str(running.pid) in str(e.value)


def test_listens_on_loopback_only(running):
    port = int(running.uri.rsplit(":", 1)[1])
    assert listen_addresses(port) == {"127.0.0.1"}
    conf = (running.data_dir / "conf" / "neo4j.conf").read_text()
    assert "server.http.enabled=false" in conf and "dbms.usage_report.enabled=false" in conf


def test_admin_import_refuses_a_running_server(running, tmp_path):
    f = tmp_path / "n.csv"
    f.write_text("id:ID\n1\n")
    with pytest.raises(ServerError, match="stop the local Neo4j"):
        server.admin_import(running.data_dir, [("X", [f])], [])


def test_port_in_use_is_reported(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(ServerError, match=f"port {port} on 127.0.0.1 is in use"):
            server.start(tmp_path / "busy", port)
    assert not (tmp_path / "busy" / "server.json").exists()


def test_status_stop_credentials_when_nothing_runs(tmp_path):
    assert server.status(tmp_path / "none") is None
    assert server.credentials(tmp_path / "none") is None
    assert server.stop(tmp_path / "none") is False


def test_state_dir_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_STATE_DIR", str(tmp_path / "s"))
    assert server.state_dir() == tmp_path / "s"
    monkeypatch.delenv("KG_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "x"))
    assert server.state_dir() == tmp_path / "x" / "oncokg"
    assert server.default_data_dir() == tmp_path / "x" / "oncokg" / "neo4j"


def _make_cert(tmp_path: Path) -> Path | None:
    if not shutil.which("openssl"):
        return None
    certs = tmp_path / "bolt"
    certs.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(certs / "private.key"),
         "-out", str(certs / "public.crt"), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return certs


def test_import_browser_sigkill_restart_tls_stop(tmp_path):
    d = tmp_path / "db"
    drugs, rels, bad = tmp_path / "drugs.csv", tmp_path / "rels.csv", tmp_path / "bad.csv"
    drugs.write_text("id:ID(Drug),name,aliases:string[]\nd1,imatinib,STI571;Gleevec\nd2,dasatinib,\n")
    rels.write_text(":START_ID(Drug),:END_ID(Drug),sources:string[]\nd1,d2,civic;oncokb\n")
    bad.write_text(":START_ID(Drug),:END_ID(Drug)\nd1,nope\n")

    # a failing import reports the tool's output
    with pytest.raises(ServerError, match="import failed") as e:
        server.admin_import(d, [("Drug", [drugs])], [("INTERACTS", [bad])])
    assert "missing node nope" in str(e.value)
    with pytest.raises(ServerError, match="not found"):
        server.admin_import(d, [("Drug", [tmp_path / "missing.csv"])], [])

    try:
        out = server.admin_import(d, [("Drug", [drugs])], [("INTERACTS", [rels])])
        assert "IMPORT DONE" in out

        # first start after import: auth off, Neo4j Browser on loopback
        from kg.export import grass
        from kg.export.browser_guide import guide_html

        port, http_port = free_port(), free_port()
        info = server.start(d, port, auth=False, browser=True, http_port=http_port,
                            browser_files=server.BrowserFiles(guide_html(), grass()))
        assert info.auth is False and info.browser_url == (
            f"http://127.0.0.1:{http_port}/browser/?dbms=bolt://neo4j@127.0.0.1:{port}&db=neo4j&preselectAuthMethod=NO_AUTH")
        assert server.credentials(d) == (info.uri, "neo4j", None)
        rec = query(info.uri, None, "MATCH (n:Drug) WITH count(n) AS n MATCH ()-[r:INTERACTS]->() "
                                    "RETURN n, count(r) AS r, collect(r.sources)[0] AS s")[0]
        assert (rec["n"], rec["r"], rec["s"]) == (2, 1, ["civic", "oncokb"])
        with urllib.request.urlopen(info.browser_url, timeout=10) as resp:
            assert resp.status == 200
        # the question guide and the style, served beside the Browser (what post_connect_cmd opens)
        files = server.browser_files_url(http_port)
        for name, text in (("guide.html", guide_html()), ("oncokg.grass", grass())):
            with urllib.request.urlopen(f"{files}/{name}", timeout=10) as resp:
                assert resp.read().decode("utf-8") == text
        conf = (d / "conf" / "neo4j.conf").read_text().splitlines()
        assert f"browser.post_connect_cmd=style {files}/oncokg.grass; guide {files}/guide.html" in conf
        assert listen_addresses(port) == {"127.0.0.1"} and listen_addresses(http_port) == {"127.0.0.1"}

        # SIGKILL leaves a stale server.json / run/neo4j.pid behind; start must clean up and proceed
        os.kill(info.pid, signal.SIGKILL)
        assert pid_gone(info.pid)
        assert (d / "server.json").exists()
        certs = _make_cert(tmp_path)
        info2 = server.start(d, port, auth=False, tls_dir=certs)
        assert info2.pid != info.pid
        if certs is not None:
            assert info2.uri == f"bolt+ssc://127.0.0.1:{port}"
            assert (certs / "trusted").is_dir() and (certs / "revoked").is_dir()
        assert query(info2.uri, None, "MATCH (n:Drug) RETURN count(n) AS n")[0]["n"] == 2
        assert server.status(d).pid == info2.pid

        # stop leaves no process and no state behind
        assert server.stop(d) is True
        assert not Path(f"/proc/{info2.pid}").exists() and not java_pids_for(d)
        assert not (d / "server.json").exists() and not (d / "run" / "neo4j.pid").exists()
        assert server.status(d) is None and server.stop(d) is False
    finally:
        server.stop(d)


def test_failed_start_reports_console_and_leaves_nothing(tmp_path):
    d = tmp_path / "bad"
    # A heap the memory limits cannot be sized from is refused before the JVM starts (issue 20).
    with pytest.raises(ServerError, match=r"^not a memory size: 'not-a-size' \(write e\.g\. 512m or 1g\)$"):
        server.start(d, free_port(), auth=False, heap="not-a-size")
    assert not (d / "server.json").exists() and not java_pids_for(d)

    with pytest.raises(ServerError, match="did not answer") as e:
        server.start(d, free_port(), auth=False, heap="512m", timeout=0.5)
    assert server.status(d) is None and not (d / "server.json").exists()
    assert not java_pids_for(d)


def test_ensure_jars_without_maven(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_NEO4J_HOME", str(tmp_path / "home"))
    assert server.neo4j_home() == tmp_path / "home"
    monkeypatch.setattr(jars.shutil, "which", lambda name: None)
    with pytest.raises(ServerError, match="mvn"):
        server.ensure_jars()


def test_concurrent_start_is_refused(tmp_path):
    import fcntl

    d = tmp_path / "locked"
    d.mkdir()
    with open(d / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        with pytest.raises(ServerError, match="in progress"):
            server.start(d, free_port())


def test_the_servers_jvm_takes_the_options_of_kg_neo4j_jvm_opts(neo4j_server):
    """The run's own server was started with the JVM options the test run sets (tests/conftest.py)."""
    cmdline = Path(f"/proc/{neo4j_server.pid}/cmdline").read_bytes().split(b"\0")
    assert b"-XX:TieredStopAtLevel=1" in cmdline
    # and it maps the run's class-data archive: the JVM took it (one it could not use would not be mapped)
    archive = next(a.split(b"=", 1)[1] for a in cmdline if a.startswith(b"-XX:SharedArchiveFile="))
    assert Path(archive.decode()).parent == neo4j_home() / "class-archives"
    assert archive.decode() in Path(f"/proc/{neo4j_server.pid}/maps").read_text()


def test_bad_jvm_options_are_one_line(monkeypatch):
    monkeypatch.setenv("KG_NEO4J_JVM_OPTS", "-Dx='unclosed")
    with pytest.raises(ServerError, match=r"^KG_NEO4J_JVM_OPTS: No closing quotation$"):
        jars.extra_jvm_flags()
