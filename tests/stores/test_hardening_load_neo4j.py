"""Hardening of loading and of the local server, each guarantee proven against a real Neo4j.

These tests kill, stop and restart servers, so they use servers of their own (never the session's):
- idempotency: three loads give one fingerprint, and a load repairs a damaged database;
- crash and retry: the server is SIGKILLed in the middle of a large load; after a restart the rerun gives the
  clean load's fingerprint; transient errors are retried; a dead server is reported in one line, within seconds;
- concurrency: two `kg load` processes at once leave no duplicate node or relationship;
- the local server keeps its secrets: no password in any output, log line or error; stale pid files are safe;
- resource limits: `kg ask` and `kg cypher` cap rows and time; `neighbourhood` refuses a huge depth.

The datasets are generated here and are fictional (ids and names say so).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

import kg
from kg import api, questions
from kg import neo4j_server as server
from kg.cli import main
from kg.errors import QueryRefused
from kg.questions.catalogue import Question
from kg.stores import MemoryStore
from kg.stores import cypher
from tests.neo4j_server.test_server_neo4j import listen_addresses
from tests.shared.ports import free_port

pytestmark = pytest.mark.neo4j

KG = [sys.executable, "-m", "kg"]



def fictional_yaml(path: Path, n: int, prefix: str, shared: int = 0) -> Path:
    """A seed-format file of `shared` + `n` fictional publications, each with one fictional finding that
    points at seed records (alectinib after crizotinib, at the CNS). `shared` records are the same in
    every file made with the same `shared` count, whatever the prefix."""
    ids = [f"shared-{i:05d}" for i in range(shared)] + [f"{prefix}-{i:05d}" for i in range(n)]
    out = ["# Fictional records made by a load test: no real publication, trial or result.", "publications:"]
    for i, x in enumerate(ids):
        out += [f"  - id: oncokg:src-fictional-{x}", f'    name: "Fictional load-test publication {x}"',
                "    kind: cohort", "    evidence: primary", f"    year: {2000 + i % 25}"]
    out.append("findings:")
    for i, x in enumerate(ids):
        out += [f"  - id: oncokg:finding-fictional-{x}", f'    name: "Fictional load-test finding {x}"',
                "    kind: CNS response", "    outcome: response", '    metric: "fictional intracranial response rate"',
                f"    value: {i % 100}.5", f"    n: {10 + i % 50}", "    setting: crizotinib-pretreated",
                "    drug: alectinib", "    prior_drugs: [crizotinib]", "    site: UBERON:0001017",
                f"    sources: [oncokg:src-fictional-{x}]"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Own:
    """A server of this module: data dir, Bolt port, URI."""

    d: Path
    port: int

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def run(self, query: str, **params):
        with GraphDatabase.driver(self.uri, auth=None, notifications_min_severity="OFF") as driver:
            return driver.execute_query(query, params, database_="neo4j").records


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory):
    d = tmp_path_factory.mktemp("neo4j-hardening")
    port = free_port()
    server.start(d, port, auth=False)
    try:
        yield Own(d, port)
    finally:
        server.stop(d)


@pytest.fixture
def db(own: Own, monkeypatch: pytest.MonkeyPatch) -> Own:
    """The module's server, running (restarted if a test killed it) and empty; `--store neo4j` finds it as the
    local server (KG_NEO4J_DATA), with no NEO4J_* variable."""
    if server.status(own.d) is None:
        server.start(own.d, own.port, auth=False)
    monkeypatch.setenv("KG_NEO4J_DATA", str(own.d))
    own.run("MATCH (n) DETACH DELETE n")
    return own


def duplicates(own: Own) -> tuple[int, int]:
    """(ids held by more than one node, (start, type, end) held by more than one relationship)."""
    nodes = own.run("MATCH (n) WHERE NOT n:KGMeta WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS k")
    rels = own.run("MATCH (a)-[r]->(b) WITH a.id AS a, type(r) AS t, b.id AS b, count(*) AS c WHERE c > 1 "
                   "RETURN count(*) AS k")
    return nodes[0]["k"], rels[0]["k"]


def totals(own: Own) -> tuple[int, int]:
    n = own.run("MATCH (n) WHERE NOT n:KGMeta RETURN count(n) AS c")[0]["c"]
    r = own.run("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
    return n, r


# ----------------------------------------------------------------------------------- 4. idempotency


def test_three_loads_give_one_fingerprint_and_a_load_repairs_damage(db: Own, tmp_path: Path):
    extra = fictional_yaml(tmp_path / "extra.yaml", 40, "idem")
    mem = MemoryStore()
    memory = kg.load(mem, [extra])
    store = kg.open_store("neo4j")
    try:
        reports = [kg.load(store, [extra]) for _ in range(3)]
        assert {r.fingerprint for r in reports} == {memory.fingerprint}
        assert store.verify_fingerprint() == memory.fingerprint  # recomputed from the database's contents
        assert store.counts() == mem.counts()
        assert not any(reports[1].changes.values()) and not any(reports[2].changes.values())

        # Damage the database as a crash or a stray hand edit would: forget the load record, drop relationships,
        # change and add properties, add a node no file defines. The next load must restore exactly the graph.
        db.run("MATCH (m:KGMeta) DELETE m")
        db.run("MATCH ()-[r:REPORTED_IN]->() WITH r LIMIT 7 DELETE r")
        db.run("MATCH (d:Drug {name: 'alectinib'}) SET d.name = 'tampered', d.stray = 1")
        db.run("CREATE (:Finding {id: 'oncokg:finding-fictional-stray', name: 'stray'})")
        assert store.verify_fingerprint() != memory.fingerprint
        repaired = kg.load(store, [extra])
        assert repaired.fingerprint == store.verify_fingerprint() == memory.fingerprint
        assert repaired.changes["deleted_nodes"] == 1 and repaired.changes["relationships"] == 7
        assert store.counts() == mem.counts()
        assert duplicates(db) == (0, 0)
    finally:
        store.close()


# ------------------------------------------------------------------------------- 5. crash and retry


def test_sigkill_in_the_middle_of_a_large_load_then_rerun_gives_the_clean_fingerprint(db: Own, tmp_path: Path):
    big = fictional_yaml(tmp_path / "big.yaml", 2500, "crash")
    memory = kg.load(MemoryStore(), [big])
    clean = memory.fingerprint
    java = server.status(db.d).pid
    load = subprocess.Popen(KG + ["load", str(big), "--store", "neo4j", "--batch-size", "20"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # Wait until the load is part-way: some of its 5 000 new nodes written, not all.
        with GraphDatabase.driver(db.uri, auth=None, notifications_min_severity="OFF") as driver:
            deadline = time.monotonic() + 240
            while True:
                assert load.poll() is None, f"the load ended before the kill: {load.communicate()}"
                assert time.monotonic() < deadline, "the load never started writing"
                found = driver.execute_query("MATCH (n:Finding) WHERE n.id STARTS WITH 'oncokg:finding-fictional' "
                                             "RETURN count(n) AS c", database_="neo4j").records[0]["c"]
                if found >= 400:
                    break
                time.sleep(0.05)
        os.kill(java, signal.SIGKILL)
        killed_at = time.monotonic()
        out, err = load.communicate(timeout=120)
        took = time.monotonic() - killed_at
    finally:
        if load.poll() is None:
            load.kill()
            load.communicate()
    # The interrupted load says so in one line naming the server, within seconds, and exits 3.
    assert load.returncode == 3, (out, err)
    assert err.count("\n") == 1 and err.startswith(f"Error: lost the connection to Neo4j at {db.uri}"), err
    assert "loading again is safe" in err and took < 30, (err, took)

    server.start(db.d, db.port, auth=False)  # same data dir, same port
    store = kg.open_store("neo4j")
    try:
        assert 0 < totals(db)[0] < memory.nodes  # the kill left a partial graph
        assert store.verify_fingerprint() != clean
        rerun = kg.load(store, [big], batch_size=2000)
        assert rerun.fingerprint == clean == store.verify_fingerprint() == store.fingerprint()
        assert duplicates(db) == (0, 0)
    finally:
        store.close()


def test_transient_errors_are_retried(db: Own, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """write_graph writes in managed transactions (execute_write): a transient error (here a deadlock reported
    by the server, injected into the first batch) makes the driver retry the transaction, and the load succeeds."""
    from neo4j._sync.work.transaction import TransactionBase

    real_run = TransactionBase.run
    injected = []

    def flaky_run(self, query, parameters=None, **kwargs):
        if "UNWIND $rows" in query and len(injected) < 2:
            injected.append(query)
            raise neo4j_errors.Neo4jError._hydrate_neo4j(
                code="Neo.TransientError.Transaction.DeadlockDetected", message="injected by the test")
        return real_run(self, query, parameters, **kwargs)

    monkeypatch.setattr(TransactionBase, "run", flaky_run)
    extra = fictional_yaml(tmp_path / "extra.yaml", 30, "retry")
    store = kg.open_store("neo4j")
    try:
        report = kg.load(store, [extra], batch_size=50)  # several transactions; the first two attempts fail
        monkeypatch.setattr(TransactionBase, "run", real_run)
        assert len(injected) == 2
        assert report.fingerprint == kg.load(MemoryStore(), [extra]).fingerprint == store.verify_fingerprint()
    finally:
        store.close()


def test_a_stopped_server_is_reported_in_one_line_within_seconds(tmp_path: Path):
    port = free_port()  # nothing listens there
    uri = f"bolt://127.0.0.1:{port}"
    env = {**os.environ, "NEO4J_URI": uri}
    t0 = time.monotonic()
    r = subprocess.run(KG + ["load", "--store", "neo4j"], capture_output=True, text=True, env=env, timeout=120)
    took = time.monotonic() - t0
    assert r.returncode == 3, r
    # one line naming the URI and how to start a server
    assert r.stderr.startswith(f"Error: cannot reach Neo4j at {uri}") and r.stderr.count("\n") == 1, r.stderr
    assert "'kg server start'" in r.stderr
    assert took < 20, took  # generous: the Python start-up and seed validation are most of it

    # The local server of `kg server start` was killed: its stale server.json names a dead pid.
    d = tmp_path / "gone"
    (d / "run").mkdir(parents=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    (d / "server.json").write_text(json.dumps({"pid": dead.pid, "port": port, "uri": uri, "auth": False}))
    (d / "run" / "neo4j.pid").write_text(f"{dead.pid}\n")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"} | {"KG_NEO4J_DATA": str(d)}
    r = subprocess.run(KG + ["load", "--store", "neo4j"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 3 and r.stderr.count("\n") == 1 and "kg server start" in r.stderr, r
    assert server.status(d) is None  # and status clears the stale state
    assert not (d / "server.json").exists() and not (d / "run" / "neo4j.pid").exists()


# ----------------------------------------------------------------------------------- 6. concurrency


def _two_loads_at_once(files: list[Path], envs: list[dict[str, str]]) -> list[subprocess.CompletedProcess]:
    procs = [subprocess.Popen(KG + ["load", str(f), "--store", "neo4j", "--batch-size", "50"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f, env in zip(files, envs)]
    done = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return done


def test_two_loads_at_once_from_one_state_dir_run_one_after_the_other(db: Own, tmp_path: Path):
    a = fictional_yaml(tmp_path / "a.yaml", 600, "conc-a")
    b = fictional_yaml(tmp_path / "b.yaml", 600, "conc-b")
    results = _two_loads_at_once([a, b], [dict(os.environ)] * 2)
    assert [r.returncode for r in results] == [0, 0], results
    assert duplicates(db) == (0, 0)
    # The load lock made the second load read the registry the first one wrote: the database holds the seed
    # and both files, and what the last load recorded is what the database holds.
    both = kg.load(MemoryStore(), [a, b]).fingerprint
    store = kg.open_store("neo4j")
    try:
        assert store.fingerprint() == store.verify_fingerprint() == both
        assert {Path(s["path"]).name for s in kg.loaded_sources(store)} >= {"a.yaml", "b.yaml"}
    finally:
        store.close()


def test_two_loads_at_once_of_the_same_records_leave_no_duplicates(db: Own, tmp_path: Path):
    """Two users (separate state directories, so no shared lock) load overlapping files into one empty database
    at the same moment: the second waits on the first one's load claim, then changes the graph to its own; one node
    per id and one relationship per (start, type, end)."""
    a = fictional_yaml(tmp_path / "a.yaml", 100, "twin-a", shared=800)
    b = fictional_yaml(tmp_path / "b.yaml", 100, "twin-b", shared=800)
    envs = [dict(os.environ) | {"KG_STATE_DIR": str(tmp_path / f"state-{x}")} for x in "ab"]
    results = _two_loads_at_once([a, b], envs)
    assert [r.returncode for r in results] == [0, 0], results
    assert duplicates(db) == (0, 0)
    shared = db.run("MATCH (n:Finding) WHERE n.id STARTS WITH 'oncokg:finding-fictional-shared' RETURN count(n) AS c")
    assert shared[0]["c"] == 800
    constraints = {r["name"] for r in db.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"finding_id", "publication_id", "drug_id"} <= constraints


HOLD_CLAIM = """
import sys, time
from neo4j import GraphDatabase
from kg.stores.neo4j_write import load_claim
driver = GraphDatabase.driver(sys.argv[1], auth=None)
with load_claim(driver.session(database="neo4j")):
    print("claimed", flush=True)
    time.sleep(600)
"""


def test_a_load_waits_for_another_loads_claim_and_a_dead_claimant_blocks_nothing(db: Own, tmp_path: Path):
    """A first load creates its relationships (no MERGE), so no other load may write meanwhile: a load waits on
    the claim of another; the claim of a process that dies goes with its connection, and the waiting load then
    writes exactly the memory store's graph."""
    extra = fictional_yaml(tmp_path / "wait.yaml", 50, "wait")
    memory = kg.load(MemoryStore(), [extra]).fingerprint
    holder = subprocess.Popen([sys.executable, "-c", HOLD_CLAIM, db.uri], stdout=subprocess.PIPE, text=True)
    load = subprocess.Popen(KG + ["load", str(extra), "--store", "neo4j"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "claimed\n"
        deadline = time.monotonic() + 120
        while not db.run("SHOW TRANSACTIONS YIELD currentQuery, status WHERE currentQuery CONTAINS 'load-claim' "
                         "AND status STARTS WITH 'Blocked' RETURN count(*) AS c")[0]["c"]:
            assert load.poll() is None, load.communicate()
            assert time.monotonic() < deadline, "the load never waited on the claim"
            time.sleep(0.2)
        assert totals(db) == (0, 0)  # waiting, it wrote nothing
        holder.kill()
        out, err = load.communicate(timeout=300)
    finally:
        for p in (holder, load):
            if p.poll() is None:
                p.kill()
            p.communicate()
    assert load.returncode == 0, (out, err)
    assert duplicates(db) == (0, 0)
    assert db.run("MATCH (m:KGMeta {key: 'load-claim'}) RETURN count(m) AS c")[0]["c"] == 0
    store = kg.open_store("neo4j")
    try:
        assert store.fingerprint() == store.verify_fingerprint() == memory
    finally:
        store.close()


# ---------------------------------------------------------------------------------- 7. the local server


def test_the_local_server_keeps_its_password_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Started as a user starts it (`kg server start`, auth on by default), driven through the CLI: loopback only,
    the password file private to its owner, and the password in no command output, log file or error message."""
    d = tmp_path / "authdb"
    port = free_port()
    monkeypatch.setenv("KG_NEO4J_DATA", str(d))
    outputs: list[str] = []

    def kg_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        r = subprocess.run(KG + list(args), capture_output=True, text=True, env=env or dict(os.environ), timeout=300)
        outputs.append(r.stdout + r.stderr)
        return r

    try:
        started = kg_cli("server", "start", "--port", str(port))
        assert started.returncode == 0, started
        password = (d / "password").read_text().strip()
        assert len(password) >= 16
        info = server.status(d)
        assert info.auth and info.uri == f"bolt://127.0.0.1:{port}"

        # auth is on: no login, or a wrong password, is refused
        assert "dbms.security.auth_enabled=true" in (d / "conf" / "neo4j.conf").read_text()
        for auth in (None, ("neo4j", "wrong-password")):
            with GraphDatabase.driver(info.uri, auth=auth) as driver:
                with pytest.raises((neo4j_errors.AuthError, neo4j_errors.ClientError)):
                    driver.verify_connectivity()
        # loopback only, and the password file readable by its owner only
        assert listen_addresses(port) == {"127.0.0.1"}
        mode = (d / "password").stat()
        assert stat.S_IMODE(mode.st_mode) == 0o600 and mode.st_uid == os.getuid()
        assert stat.S_IMODE(d.stat().st_mode) & 0o077 == 0  # nor can others list the data directory

        # every command a user runs; the refused and failing ones too
        assert kg_cli("server", "status").returncode == 0
        assert kg_cli("load", "--store", "neo4j").returncode == 0
        assert kg_cli("stats", "--store", "neo4j", "--verify").returncode == 0
        assert kg_cli("ask", "alk-cns-after-crizotinib", "--store", "neo4j", "-f", "json").returncode == 0
        assert kg_cli("cypher", "CREATE (n:Drug {id: 'x'})", "--store", "neo4j").returncode == 1
        assert kg_cli("cypher", "RETURN $x AS x", "-p", f"x={password[:4]}", "--store", "neo4j").returncode == 0
        assert kg_cli("server", "start", "--port", str(port)).returncode == 1  # already running
        wrong = kg_cli("stats", "--store", "neo4j", env=dict(os.environ) | {"NEO4J_PASSWORD": "Wrong-Secret-42"})
        assert wrong.returncode == 3 and "refused the login" in wrong.stderr and "Wrong-Secret-42" not in wrong.stderr
        cmdline = Path(f"/proc/{info.pid}/cmdline").read_bytes().decode(errors="replace")
        assert password not in cmdline
        outputs.append((d / "server.json").read_text())
    finally:
        stopped = kg_cli("server", "stop")
    assert stopped.returncode == 0 and stopped.stdout == "Stopped.\n"

    logs = sorted(p for p in d.rglob("*") if p.is_file() and p.parent.name in ("logs", "conf"))
    assert {"console.log", "debug.log", "neo4j.log", "neo4j.conf"} <= {p.name for p in logs}
    for text in outputs + [p.read_text(errors="replace") for p in logs]:
        assert password not in text
    assert not any(p.name.startswith(".pwargs.") for p in d.iterdir())  # the @argfile holding it is gone


def test_a_port_in_use_fails_clearly_from_the_cli(tmp_path: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run(KG + ["server", "start", "--data-dir", str(tmp_path / "busy"), "--port", str(port)],
                           capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr == (f"Error: port {port} on 127.0.0.1 is in use (needed for Bolt); stop whatever listens there "
                        "or choose another port\n")


def test_a_stale_pid_now_used_by_another_process_is_never_signalled(tmp_path: Path):
    """A server killed long ago leaves server.json and run/neo4j.pid; its pid may since belong to another
    process. status, credentials and stop must see that it is not our server and leave that process alone."""
    d = tmp_path / "stale"
    (d / "run").mkdir(parents=True)
    other = subprocess.Popen(["sleep", "120"])
    try:
        (d / "server.json").write_text(json.dumps({"pid": other.pid, "port": 7687, "uri": "bolt://127.0.0.1:7687",
                                                   "auth": False}))
        (d / "run" / "neo4j.pid").write_text(f"{other.pid}\n")
        assert server.status(d) is None and server.credentials(d) is None
        r = subprocess.run(KG + ["server", "stop", "--data-dir", str(d)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and r.stdout == "No local Neo4j is running.\n"
        assert server.stop(d) is False
        time.sleep(0.5)
        assert other.poll() is None  # still running: never signalled
        assert not (d / "server.json").exists() and not (d / "run" / "neo4j.pid").exists()
    finally:
        other.kill()
        other.wait()


# --------------------------------------------------------------------------------- 8. resource limits


def _fake_question(monkeypatch: pytest.MonkeyPatch, qid: str, text: str, rows: int) -> None:
    """Register a question whose Cypher is `text` and whose in-memory implementation returns `rows` rows."""
    name = "questions/" + qid.replace("-", "_")
    real_load = cypher.load

    def load(n: str):
        if n == name:
            return cypher.Query(n, text, "test", (), Path("test"))
        return real_load(n)

    monkeypatch.setattr(cypher, "load", load)
    q = Question(id=qid, title="test", description="test", params=(),
                 memory=lambda g, p: [{"n": i} for i in range(1, rows + 1)], columns=("n",), sort_key=("n",))
    monkeypatch.setitem(questions.REGISTRY, qid, q)


def test_kg_ask_caps_rows_and_time_by_default(db: Own, monkeypatch: pytest.MonkeyPatch):
    assert (api.ASK_LIMIT, api.ASK_TIMEOUT) == (100, 60.0)
    _fake_question(monkeypatch, "many-rows", "UNWIND range(1, 10050) AS n RETURN n", 10_050)
    _fake_question(monkeypatch, "slow", "UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN x AS n", 0)
    store = kg.open_store("neo4j")
    try:
        kg.load(store)
        for s in (MemoryStore(), store):  # the default row cap, on both stores
            answer = kg.ask("many-rows", s)
            assert len(answer.rows) == 100 and answer.truncated
        assert not kg.ask("many-rows", store, limit=20_000).truncated
        assert len(kg.ask("many-rows", store, limit=0).rows) == 10_050  # 0: the whole answer
        # the default timeout is read when the question runs
        monkeypatch.setattr(api, "ASK_TIMEOUT", 1.0)
        t0 = time.monotonic()
        with pytest.raises(QueryRefused, match=r"^stopped: the question ran longer than 1 s \(raise --timeout"):
            kg.ask("slow", store)
        assert time.monotonic() - t0 < 30
    finally:
        store.close()
    runner = CliRunner()
    capped = runner.invoke(main, ["ask", "many-rows", "--store", "neo4j", "-f", "jsonl", "--limit", "5"])
    assert capped.exit_code == 0 and len(capped.stdout.splitlines()) == 5
    assert capped.stderr == "Warning: more rows follow these 5 (--offset 5 shows the next page, --limit 0 every row).\n"
    slow = runner.invoke(main, ["ask", "slow", "--store", "neo4j", "--timeout", "1"])
    assert slow.exit_code == 1
    assert slow.stderr == "Error: stopped: the question ran longer than 1 s (raise --timeout to allow more)\n"


def test_kg_cypher_caps_rows_by_default(db: Own):
    store = kg.open_store("neo4j")
    kg.load(store)
    store.close()
    r = CliRunner().invoke(main, ["cypher", "UNWIND range(1, 1500) AS x RETURN x", "--store", "neo4j", "-f", "jsonl"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 1000
    assert r.stderr == "Warning: output cut at 1000 rows (--limit).\n"
    from kg.stores.researcher import DEFAULT_LIMIT, DEFAULT_TIMEOUT, run_cypher
    import inspect

    defaults = inspect.signature(run_cypher).parameters
    assert (defaults["limit"].default, defaults["timeout"].default) == (DEFAULT_LIMIT, DEFAULT_TIMEOUT) == (1000, 30.0)
    assert "default: 30.0" in CliRunner().invoke(main, ["cypher", "--help"]).stdout


def test_a_huge_depth_is_refused_before_anything_runs(db: Own):
    store = kg.open_store("neo4j")
    kg.load(store)
    store.close()
    r = CliRunner().invoke(main, ["ask", "neighbourhood", "-p", "depth=1000000", "--store", "neo4j"])
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: neighbourhood: parameter 'depth' must be between 1 and 3")
    assert r.stderr.count("\n") == 1
    with pytest.raises(kg.KGError, match="between 1 and 3"):
        kg.ask("neighbourhood", MemoryStore(), depth=10**9)
