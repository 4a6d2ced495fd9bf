#!/usr/bin/env python3
"""The scale benchmark: load, bulk import, questions, cold start and export, measured in one run on one machine.

    python benchmarks/run.py                       # 10k, 100k and 1M nodes; writes BENCHMARKS.md (and .json)
    python benchmarks/run.py --sizes 10k,100k      # some sizes only
    python benchmarks/run.py --small --out /tmp/b.md   # a tiny run (the test suite runs this; it must run, not be fast)

For each size it generates a synthetic dataset (`kg synth`, seed 0), starts its own Neo4j (kg.neo4j_server, a fresh data
directory, a free loopback port, auth off), and measures:

- online load: `kg load --store neo4j` (validate, build, batched UNWIND MERGE) on the empty database, wall time of
  the whole command, as nodes+relationships per second; at the smallest size also a naive loader written the
  obvious way (one auto-commit `MERGE` per record) on a stated subset of the same graph; the ratio of the two;
- catalogue questions on Neo4j, warm: p50 and p95 of `kg.ask` (parameters resolved, rows canonicalised), and a
  check that the flagship's answer is the one the generator built in (EXPECTED.json);
- export: `kg export --store neo4j -f neo4j-csv`, wall time and peak RSS of the command;
- raw `neo4j-admin database import` of those CSV files (server stopped; JVM start included) versus the bulk path
  end to end, `kg load --store neo4j --bulk` (validate, build, write the CSVs, stop, import, restart, constraints);
- BioCypher (PyPI `biocypher`) on the same graph, when it is installed: its CSV writing and the import of its files.

Once per run: the embedded default, a cold `kg ask alk-cns-after-crizotinib` on the curated seed (wall time and
peak RSS of the command: the first in a new state directory, then best and median of five new processes that read
the cached graph). Targets are printed next to the numbers; nothing here
asserts them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from kg import neo4j_server as server  # noqa: E402
from kg.sources import synth

SIZES = {"2k": 2_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
# Neo4j memory per size (heap, page cache): the machine has 24 GiB, shared with the loading Python process.
MEMORY = {"2k": ("512m", "256m"), "10k": ("1g", "512m"), "100k": ("2g", "1g"), "1M": ("3g", "2g")}
# Questions whose default parameters name records of the curated seed: what to ask on the synthetic graph.
SYNTH_PARAMS: dict[str, dict[str, str]] = {"case-timeline": {"case": "oncokg:case-synth-0000001"}}
TARGETS = {"online_ratio": 100.0, "textbook_ratio": 1.5, "load_rss_mb": 1536.0, "bulk_ratio": 1.5,
           "flagship_p50_ms": 50.0, "flagship_scaling": 3.0,
           "cold_ask_s": 0.7, "export_rss_mb": 1536.0, "first_page_p95_ms": 1000.0}


@dataclass
class Proc:
    wall: float
    rss_mb: float
    out: str
    err: str
    code: int
    timed_out: bool = False
    cpu_s: float = 0.0  # the command's own user + system CPU time
    self_rss_mb: float = 0.0  # the peak RSS of the process itself (VmHWM), without the programs it runs


def run(cmd: list[str], env: dict[str, str], check: bool = True, timeout: float | None = None) -> Proc:
    """Run a command; its wall time and its own peak RSS (wait4, so not the benchmark's or a grandchild's).
    After `timeout` seconds it is stopped (SIGTERM) and reported as timed out, not as a failure."""
    import signal
    import threading

    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL)
        expired = threading.Event()

        def stop() -> None:
            expired.set()
            p.send_signal(signal.SIGTERM)

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        hwm = [0.0]
        done = threading.Event()

        def watch() -> None:  # VmHWM only grows: its last reading before the exit is the process's own peak
            while not done.wait(0.1):
                try:
                    for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            hwm[0] = max(hwm[0], int(line.split()[1]) / 1024)
                except (OSError, ValueError):
                    pass

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(p.pid, 0)
        done.set()
        watcher.join()
        wall = time.perf_counter() - t0
        if timer:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        out, err = fo.read().decode(errors="replace"), fe.read().decode(errors="replace")
    proc = Proc(wall, usage.ru_maxrss / 1024, out, err, p.returncode, expired.is_set(), usage.ru_utime + usage.ru_stime,
                hwm[0])
    if check and proc.code != 0 and not proc.timed_out:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.code}:\n{err[-3000:]}\n{out[-2000:]}")
    return proc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kg_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# ----------------------------------------------------------------------------------------------- machine


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    versions = {}
    for pkg in ("neo4j", "neo4j-rust-ext", "networkx", "pydantic", "PyYAML", "biocypher"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    import yaml

    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain"], capture_output=True,
                           text=True).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_mb": mem, "os": platform.platform(),
        "python": platform.python_version(), "java": java[0] if java else "unknown", "packages": versions,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "load_before": os.getloadavg(),
    }


# ----------------------------------------------------------------------------------------------- steps


def naive_load(uri: str, nodes: list[tuple[str, str, dict]], edges: list[tuple[str, str, str, str, str, dict]]) -> float:
    """The obvious loader: one MERGE per record, each in its own auto-commit transaction. Returns seconds.

    Labels and types come from the graph (kg.model enums), never from outside input."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None) as driver, driver.session() as s:
        t0 = time.perf_counter()
        for node_id, label, props in nodes:
            s.run(f"MERGE (n:{label} {{id: $id}}) SET n += $props", id=node_id, props=props).consume()
        for start, slabel, rel, end, elabel, props in edges:
            s.run(f"MATCH (a:{slabel} {{id: $start}}) MATCH (b:{elabel} {{id: $end}}) "
                  f"MERGE (a)-[r:{rel}]->(b) SET r += $props", start=start, end=end, props=props).consume()
        return time.perf_counter() - t0


def db_counts(uri: str) -> tuple[int, int]:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None, notifications_min_severity="OFF") as driver:
        n = driver.execute_query("MATCH (n) WHERE NOT n:KGMeta RETURN count(n) AS c").records[0]["c"]
        r = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
    return n, r


def wipe(uri: str) -> None:
    """Empty the database: relationships first, then nodes, in batches (a DETACH DELETE of the synthetic graph's
    hub nodes, each with tens of thousands of relationships, ran out of transaction memory at 100k)."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None) as driver, driver.session() as s:
        s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        s.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def questions(uri: str, expected: dict[str, Any], runs: int, budget: float) -> dict[str, Any]:
    """Warm latency of every catalogue question through kg.ask on Neo4j; the flagship's answer checked."""
    import kg
    from kg import questions as registry
    from kg.stores import open_store

    store = open_store("neo4j", uri=uri)
    out: dict[str, Any] = {}
    try:
        for qid in sorted(registry.REGISTRY, key=lambda q: (q != expected["question"], q)):
            params = SYNTH_PARAMS.get(qid, {})
            try:
                # Warm-up: plans cached, the driver's pool filled, the JVM's compiler done with the hot paths
                # (at least 3 calls, and up to 20 within the first 2 s, or the budget if less).
                warm_start = time.perf_counter()
                for i in range(20):
                    answer = kg.ask(qid, store, **params)
                    if i >= 2 and time.perf_counter() - warm_start > min(2.0, budget):
                        break
            except Exception as e:  # a question that fails is reported, not fatal
                out[qid] = {"error": str(e).splitlines()[0][:200]}
                continue
            times: list[float] = []
            started = time.perf_counter()
            while len(times) < runs and (len(times) < 3 or time.perf_counter() - started < budget):
                t0 = time.perf_counter()
                answer = kg.ask(qid, store, **params)
                times.append((time.perf_counter() - t0) * 1000)
            entry: dict[str, Any] = {"p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95),
                                     "runs": len(times), "rows": len(answer.rows)}
            if qid == expected["question"]:
                entry["answer_ok"] = sorted(r["drug_id"] for r in answer.rows if r["included"]) == expected["drug_ids"]
            out[qid] = entry
    finally:
        store.close()
    return out


def question_profile(uri: str, out: Path, runs: int, env: dict[str, str]) -> dict[str, Any]:
    """PROFILE db hits and first-page p95 of every question, without and with the indexes added for issue 21
    (benchmarks/profile_questions.py --before, in a subprocess): its markdown table and measurements."""
    proc = run([sys.executable, str(REPO / "benchmarks" / "profile_questions.py"), "--uri", uri, "--runs",
                str(runs), "--before", "--json", str(out)], env, check=False)
    if proc.code != 0 or not out.exists():
        return {"error": (proc.err.strip().splitlines() or proc.out.strip().splitlines() or ["failed"])[-1][:300]}
    return {"table": proc.out.strip(), **json.loads(out.read_text())}


def biocypher_peer(dataset: Path, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """BioCypher on the same graph (benchmarks/biocypher_peer.py in a subprocess); why not, if it cannot run."""
    try:
        metadata.version("biocypher")
    except metadata.PackageNotFoundError:
        return {"error": "biocypher is not installed (pip install biocypher pyarrow)"}
    out = work / "biocypher"
    shutil.rmtree(out, ignore_errors=True)
    proc = run([sys.executable, str(REPO / "benchmarks" / "biocypher_peer.py"), str(dataset), str(out)], env,
               check=False)
    if proc.code != 0:
        return {"error": (proc.err.strip().splitlines() or ["failed"])[-1][:300]}
    result = json.loads(proc.out.strip().splitlines()[-1])
    result["rss_mb"] = proc.rss_mb
    return result


def cold_ask(work: Path) -> dict[str, Any]:
    """`kg ask alk-cns-after-crizotinib` on the embedded default (curated seed, memory store) in new processes: the
    first in a new state directory (it validates the seed and caches the graph), then five more that read the cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    state = work / "cold-state"
    shutil.rmtree(state, ignore_errors=True)
    env["KG_STATE_DIR"] = str(state)
    first = run(kg_cmd("ask", "alk-cns-after-crizotinib"), env)
    walls, rss = [], [first.rss_mb]
    for _ in range(5):
        proc = run(kg_cmd("ask", "alk-cns-after-crizotinib"), env)
        walls.append(proc.wall)
        rss.append(proc.rss_mb)
    return {"first_s": first.wall, "best_s": min(walls), "median_s": statistics.median(walls), "rss_mb": max(rss)}


@dataclass
class SizeResult:
    name: str
    data: dict[str, Any] = field(default_factory=dict)


def bench_size(name: str, nodes: int, work: Path, args: argparse.Namespace, base_env: dict[str, str]) -> dict[str, Any]:
    r: dict[str, Any] = {"size": name}
    dataset = work / f"synth-{name}"
    t0 = time.perf_counter()
    previous = dataset / "EXPECTED.json"
    if args.keep and previous.exists() and (synth.expected(dataset)["nodes_requested"], synth.expected(dataset)["seed"]) == (nodes, 0):
        expected = synth.expected(dataset)  # --keep: the dataset of an earlier run with --keep, reused
        r["generate_s"] = json.loads(previous.read_text()).get("generate_s")
    else:
        expected = synth.generate(nodes, dataset, seed=0)
        r["generate_s"] = time.perf_counter() - t0
        previous.write_text(json.dumps({**expected, "generate_s": r["generate_s"]}, indent=2) + "\n")
    log(f"{name}: generated {expected['nodes']} nodes in {r['generate_s']:.1f} s")

    data_dir = work / f"neo4j-{name}"
    heap, pagecache = MEMORY.get(name, ("1g", "512m"))
    info = server.start(data_dir, free_port(), auth=False, heap=heap, pagecache=pagecache, timeout=300)
    r["neo4j"] = info.version
    r["neo4j_memory"] = f"heap {heap}, page cache {pagecache}"
    env = {**base_env, "NEO4J_URI": info.uri, "KG_NEO4J_DATA": str(data_dir), "KG_SEED_DIR": str(dataset),
           "KG_STATE_DIR": str(work / f"state-{name}")}
    env.pop("NEO4J_PASSWORD", None)
    try:
        if args.naive_at == name:
            r["naive"] = bench_naive(info.uri, dataset, args.naive_records)
            wipe(info.uri)
            log(f"{name}: naive loader {r['naive']['records_per_s']:.0f} records/s")
        if not args.bulk_first:
            r["online"], r["textbook"] = online_and_textbook(name, info.uri, env, work, args.online_timeout)
            r["graph"] = {"nodes": r["online"]["nodes"], "relationships": r["online"]["relationships"]}
            log(f"{name}: kg load {r['online']}; textbook {r['textbook']}")
            after_load(name, r, expected, info, data_dir, work, args, env, heap, pagecache)
        else:  # the bulk path fills the database fast; the online load then gets a fresh server of its own
            after_load(name, r, expected, info, data_dir, work, args, env, heap, pagecache)
            r["graph"] = {"nodes": r["bulk"]["nodes"], "relationships": r["bulk"]["relationships"]}
            server.stop(data_dir)
            shutil.rmtree(data_dir, ignore_errors=True)
            info = server.start(data_dir, free_port(), auth=False, heap=heap, pagecache=pagecache, timeout=300)
            env = {**env, "NEO4J_URI": info.uri, "KG_STATE_DIR": str(work / f"state-{name}-online")}
            r["online"] = online_load(info.uri, env, args.online_timeout)
            log(f"{name}: kg load {r['online']}")
    finally:
        server.stop(data_dir)
    if not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(work / f"export-{name}", ignore_errors=True)
        shutil.rmtree(work / "biocypher", ignore_errors=True)
    return r


WARMUP_ROWS = 20_000


def online_and_textbook(name: str, uri: str, env: dict[str, str], work: Path,
                        timeout: float | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """`kg load --store neo4j` and the textbook loader (benchmarks/textbook.py) on the same graph, each into the
    emptied database, after a warm-up, in the order online, textbook, textbook, online (so drift in the machine's load
    or the server's warmth favours neither); each figure is the mean of its two runs, and the database ends loaded by `kg load`.
    The textbook loader reads the graph's neo4j-admin CSV files (`kg export --store memory`, not timed)."""
    csv_dir = work / f"textbook-{name}"
    shutil.rmtree(csv_dir, ignore_errors=True)
    run(kg_cmd("export", "--store", "memory", "-f", "neo4j-csv", "-o", str(csv_dir), "-q"), env)
    # Warm-up, not timed: the project's constraints and indexes (which every load creates, and the textbook loader
    # relies on: without them its MATCH by id scans a label, and a warm-up at 100k ran out of time), then the first
    # WARMUP_ROWS rows of each file by the textbook loader, so that the new server's first writes (the JVM compiling
    # its write path) fall on neither loader's timed runs.
    from kg.stores import open_store

    store = open_store("neo4j", uri=uri)
    try:
        store.db.apply_schema()
    finally:
        store.close()
    run([sys.executable, str(REPO / "benchmarks" / "textbook.py"), str(csv_dir), uri, str(WARMUP_ROWS)], env)
    online_runs: list[dict[str, Any]] = []
    textbook_runs: list[dict[str, Any]] = []
    for which in ("online", "textbook", "textbook", "online"):
        wipe(uri)
        if which == "online":
            online_runs.append(online_load(uri, env, timeout))
            log(f"{name}: kg load {online_runs[-1]['wall_s']:.1f} s")
        else:
            proc = run([sys.executable, str(REPO / "benchmarks" / "textbook.py"), str(csv_dir), uri], env)
            n, m = db_counts(uri)
            textbook_runs.append({"wall_s": proc.wall, "cpu_s": proc.cpu_s, "rss_mb": proc.rss_mb, "nodes": n,
                                  "relationships": m, "records_per_s": (n + m) / proc.wall})
            log(f"{name}: textbook loader {proc.wall:.1f} s")
    shutil.rmtree(csv_dir, ignore_errors=True)

    def mean(runs: list[dict[str, Any]]) -> dict[str, Any]:
        out = dict(runs[-1])
        for key in ("wall_s", "cpu_s", "records_per_s"):
            out[key] = statistics.mean(r[key] for r in runs)
        out["rss_mb"] = max(r["rss_mb"] for r in runs)
        out["self_rss_mb"] = max(r.get("self_rss_mb", 0.0) for r in runs)
        out["runs_s"] = [r["wall_s"] for r in runs]
        return out

    return mean(online_runs), mean(textbook_runs)


def online_load(uri: str, env: dict[str, str], timeout: float | None) -> dict[str, Any]:
    """`kg load --store neo4j` on an empty database; stopped after `timeout` seconds, when given, and then measured
    by what it had written by then."""
    proc = run(kg_cmd("load", "--store", "neo4j", "-q"), env, timeout=timeout)
    n, m = db_counts(uri)
    out = {"wall_s": proc.wall, "cpu_s": proc.cpu_s, "rss_mb": proc.rss_mb, "self_rss_mb": proc.self_rss_mb,
           "records_per_s": (n + m) / proc.wall, "nodes": n,
           "relationships": m, "finished": proc.code == 0}
    if proc.code != 0 and not proc.timed_out:
        raise RuntimeError(f"kg load exited {proc.code}: {proc.err[-2000:]}")
    return out


def after_load(name: str, r: dict[str, Any], expected: dict[str, Any], info: server.ServerInfo, data_dir: Path,
               work: Path, args: argparse.Namespace, env: dict[str, str], heap: str, pagecache: str) -> None:
    """Questions, export, raw import and the bulk path (in that order, or the bulk path first)."""
    if args.bulk_first:
        bulk(name, r, info, work, env)
    r["questions"] = questions(info.uri, expected, args.runs, args.budget)
    r["question_profile"] = question_profile(info.uri, work / f"profile-{name}.json", args.runs, env)
    log(f"{name}: question profile {r['question_profile'].get('error', 'done')}")
    flag = r["questions"].get(expected["question"], {})
    log(f"{name}: flagship p50 {flag.get('p50_ms', float('nan')):.1f} ms, answer ok {flag.get('answer_ok')}")

    export_dir = work / f"export-{name}"
    failed = []
    for store in ("neo4j", "memory"):  # from Neo4j; if that fails, from the embedded store (built from the files)
        shutil.rmtree(export_dir, ignore_errors=True)
        proc = run(kg_cmd("export", "--store", store, "-f", "neo4j-csv", "-o", str(export_dir), "-q"), env,
                   check=False)
        if proc.code == 0:
            break
        failed.append(f"--store {store}: " + (proc.err.strip().splitlines() or ["failed"])[-1][:300])
        log(f"{name}: export from {store} failed: {failed[-1]}")
    else:
        raise RuntimeError("export failed: " + "; ".join(failed))
    r["export"] = {"format": "neo4j-csv", "store": store, "wall_s": proc.wall, "cpu_s": proc.cpu_s,
                   "rss_mb": proc.rss_mb, "bytes": sum(p.stat().st_size for p in export_dir.glob("*.csv")),
                   "failed": failed}
    log(f"{name}: export from {store} {proc.wall:.1f} s, peak RSS {proc.rss_mb:.0f} MB")

    r["raw_import"] = raw_import(data_dir, export_dir, info, heap, pagecache)
    log(f"{name}: raw import {r['raw_import']['wall_s']:.1f} s")
    if not args.bulk_first:
        bulk(name, r, info, work, env)
    if args.biocypher:
        r["biocypher"] = biocypher_peer(work / f"synth-{name}", work, env)
        log(f"{name}: biocypher {r['biocypher']}")


def bulk(name: str, r: dict[str, Any], info: server.ServerInfo, work: Path, env: dict[str, str]) -> None:
    # A fresh state directory: a raw import may have replaced the database behind an online load's bookmarks.
    proc = run(kg_cmd("load", "--store", "neo4j", "--bulk", "-q"), {**env, "KG_STATE_DIR": str(work / f"state-{name}-bulk")})
    n, m = db_counts(info.uri)
    graph_counts = r.get("graph")
    r["bulk"] = {"wall_s": proc.wall, "cpu_s": proc.cpu_s, "rss_mb": proc.rss_mb, "self_rss_mb": proc.self_rss_mb,
                 "nodes": n, "relationships": m,
                 "same_counts": None if graph_counts is None else
                 (n, m) == (graph_counts["nodes"], graph_counts["relationships"]),
                 "records_per_s": (n + m) / proc.wall}
    log(f"{name}: kg load --bulk {proc.wall:.1f} s")


def bench_naive(uri: str, dataset: Path, records: int) -> dict[str, Any]:
    """The naive loader on a subset of the graph: its first relationships and the nodes at their ends (nodes
    first, so every MATCH finds its nodes), `records` in all."""
    from kg.stores import build
    from kg.stores.neo4j_store import Neo4jStore, connect
    from kg.stores.settings import Settings

    g, _ = build([dataset])
    chosen: dict[str, None] = {}
    edges = []
    for u, v, key, d in g.edges(keys=True, data=True):
        if len(chosen) + len(edges) + 3 > records:
            break
        chosen.update({u: None, v: None})
        edges.append((u, g.nodes[u]["label"], key, v, g.nodes[v]["label"],
                      {k: val for k, val in d.items() if k != "type"}))
    nodes = [(n, g.nodes[n]["label"], {k: v for k, v in g.nodes[n].items() if k != "label"}) for n in chosen]
    settings = Settings(uri=uri, username="neo4j", password=None)
    db = Neo4jStore(connect(settings))
    try:
        db.apply_schema()  # the same uniqueness constraints (and so indexes) as kg load
    finally:
        db.close()
    seconds = naive_load(uri, nodes, edges)
    total = len(nodes) + len(edges)
    return {"nodes": len(nodes), "relationships": len(edges), "wall_s": seconds, "records_per_s": total / seconds}


def raw_import(data_dir: Path, export_dir: Path, info: server.ServerInfo, heap: str, pagecache: str) -> dict[str, Any]:
    """neo4j-admin database import of the exported CSV files, timed from the stopped server to IMPORT DONE."""
    from kg.export import NEO4J_ARRAY_DELIMITER

    nodes = [("", [p]) for p in sorted(export_dir.glob("nodes-*.csv"))]
    rels = [("", [p]) for p in sorted(export_dir.glob("relationships-*.csv"))]
    port = int(info.uri.rsplit(":", 1)[1])
    server.stop(data_dir)
    t0 = time.perf_counter()
    server.admin_import(data_dir, nodes, rels, array_delimiter=NEO4J_ARRAY_DELIMITER)
    wall = time.perf_counter() - t0
    server.start(data_dir, port, auth=False, heap=heap, pagecache=pagecache, timeout=300)
    apply_constraints(info.uri)
    usable = time.perf_counter() - t0  # what a user doing it by hand waits for: import, start, the constraints
    n, m = db_counts(info.uri)
    return {"wall_s": wall, "usable_s": usable, "nodes": n, "relationships": m, "records_per_s": (n + m) / wall}


def apply_constraints(uri: str) -> None:
    """The uniqueness constraints kg load creates (cypher/schema/constraints.cypher)."""
    from kg.stores.neo4j_store import Neo4jStore, connect
    from kg.stores.settings import Settings

    db = Neo4jStore(connect(Settings(uri=uri, username="neo4j", password=None)))
    try:
        db.apply_schema()
    finally:
        db.close()


# ----------------------------------------------------------------------------------------------- report


def fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**missed**")


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    sizes = results["sizes"]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `python benchmarks/run.py {results['argv']}` on {results['finished']}, in one run on one "
        "machine. Rerun it to reproduce (see README, *Benchmarks*); numbers from another machine are not comparable.",
        *([f"Includes {results['merged']}, on the same machine.", ""] if results.get("merged") else []),
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_mb']:,} MB; {m['os']}",
        f"- Python {m['python']}; {m['java']}; Neo4j {sizes[0].get('neo4j', '?') if sizes else '?'} (Community, "
        "local, auth off, one JVM)",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()) + f"; libyaml {m['libyaml']}",
        f"- Commit {m['commit']}",
        f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in m['load_before'])}; after: "
        f"{', '.join(f'{x:.2f}' for x in results['load_after'])} (other work on the machine shares its cores)",
        "",
        "## Results",
        "",
        "| measure | " + " | ".join(s["size"] for s in sizes) + " | target |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]

    def row(label: str, values: list[str], target: str = "") -> None:
        lines.append(f"| {label} | " + " | ".join(values) + f" | {target} |")

    row("nodes / relationships", [f"{fmt(s['graph']['nodes'])} / {fmt(s['graph']['relationships'])}" for s in sizes])
    row("generate dataset (s)", [fmt(s["generate_s"]) for s in sizes])
    row("Neo4j memory", [s["neo4j_memory"] for s in sizes])
    naive = next((s["naive"] for s in sizes if "naive" in s), None)
    row("online `kg load` (s, whole command)", [fmt(s["online"]["wall_s"]) for s in sizes])
    row("online `kg load` (records/s)", [fmt(s["online"]["records_per_s"], 0) + (
        "" if s["online"].get("finished", True) else
        f" (stopped after {s['online']['wall_s']:.0f} s with {s['online']['nodes'] + s['online']['relationships']:,}"
        " records written)") for s in sizes])
    if all("textbook" in s for s in sizes):
        row("textbook UNWIND MERGE loader (s; records/s)",
            [f"{fmt(s['textbook']['wall_s'])}; {fmt(s['textbook']['records_per_s'], 0)}" for s in sizes])
        row("**online / textbook** (records/s)",
            [f"**{s['online']['records_per_s'] / s['textbook']['records_per_s']:.2f}x**" for s in sizes],
            f"≥ {TARGETS['textbook_ratio']}x")
        row("runs, in order online, textbook, textbook, online (s)",
            [" / ".join(fmt(x) for x in [s["online"]["runs_s"][0], *s["textbook"]["runs_s"], s["online"]["runs_s"][1]])
             for s in sizes])
    row("online `kg load` peak RSS (MB)", [fmt(s["online"]["rss_mb"], 0) for s in sizes],
        f"≤ {TARGETS['load_rss_mb']:.0f} MB at 1M")
    row("online `kg load`: CPU of the kg process (s)", [fmt(s["online"].get("cpu_s")) for s in sizes])
    if naive:
        row("naive loader (records/s)", [fmt(naive["records_per_s"], 0) if "naive" in s else "" for s in sizes])
        row("**online / naive**", [f"**{s['online']['records_per_s'] / naive['records_per_s']:.1f}x**" for s in sizes],
            f"≥ {TARGETS['online_ratio']:.0f}x")
    row("raw `neo4j-admin database import` (s)", [fmt(s["raw_import"]["wall_s"]) for s in sizes])
    row("raw import + server start + constraints (s)", [fmt(s["raw_import"].get("usable_s")) for s in sizes])
    row("bulk `kg load --bulk` end to end (s)", [fmt(s["bulk"]["wall_s"]) for s in sizes])
    row("**bulk / raw import**", [f"**{s['bulk']['wall_s'] / s['raw_import']['wall_s']:.2f}x**" for s in sizes],
        f"≤ {TARGETS['bulk_ratio']}x")
    row("bulk / (raw import + start + constraints)",
        [f"{s['bulk']['wall_s'] / s['raw_import']['usable_s']:.2f}x" if s["raw_import"].get("usable_s") else "—"
         for s in sizes])
    row("bulk: CPU of the kg process (s)", [fmt(s["bulk"].get("cpu_s")) for s in sizes])
    row("bulk peak RSS (MB): the kg process / with the import tool it runs",
        [f"{fmt(s['bulk'].get('self_rss_mb'), 0)} / {fmt(s['bulk'].get('rss_mb'), 0)}" for s in sizes],
        f"≤ {TARGETS['load_rss_mb']:.0f} MB at 1M")
    row("bulk gives the online counts", [fmt(s["bulk"]["same_counts"]) if s["bulk"]["same_counts"] is not None
                                         else "(loaded first)" for s in sizes])
    if any("biocypher" in s for s in sizes):
        def bc(s: dict[str, Any]) -> str:
            b = s.get("biocypher")
            if not b:
                return ""
            if "error" in b:
                return "could not run"
            return f"{b['end_to_end_s']:.1f} (ours / BioCypher {b['bulk_vs_biocypher']:.2f}x)" if "bulk_vs_biocypher" in b \
                else f"{b['end_to_end_s']:.1f}"
        for s in sizes:
            b = s.get("biocypher")
            if b and "end_to_end_s" in b:
                b["bulk_vs_biocypher"] = s["bulk"]["wall_s"] / b["end_to_end_s"]
        row("BioCypher: write CSVs + import (s)", [bc(s) for s in sizes])
    flag = "alk-cns-after-crizotinib"
    row(f"**{flag}** p50 / p95 (ms, warm)",
        [f"**{fmt(s['questions'][flag].get('p50_ms'))}** / {fmt(s['questions'][flag].get('p95_ms'))}" for s in sizes],
        f"p50 ≤ {TARGETS['flagship_p50_ms']:.0f} ms at 1M, ≤ {TARGETS['flagship_scaling']:.0f}x its 10k p50")
    row(f"{flag} answer = EXPECTED.json", [str(s["questions"][flag].get("answer_ok")) for s in sizes])
    row("export neo4j-csv (s)", [fmt(s["export"]["wall_s"]) + ("" if s["export"].get("store", "neo4j") == "neo4j" else
                                 f" (from the {s['export']['store']} store; from Neo4j it failed)") for s in sizes])
    row("export peak RSS (MB)", [fmt(s["export"]["rss_mb"], 0) for s in sizes],
        f"≤ {TARGETS['export_rss_mb']:.0f} MB at 1M")
    for s in sizes:
        for failure in s["export"].get("failed", []):
            lines.append(f"\nExport at {s['size']} {failure}")
    cold = results["cold_ask"]
    lines += ["", f"Embedded default (curated seed, memory store): cold `kg ask alk-cns-after-crizotinib` "
                  f"**{cold['best_s']:.2f} s** best, {cold['median_s']:.2f} s median of 5 new processes; the first one in a new "
                  f"state directory (it validates the seed and caches the graph) {cold.get('first_s', float('nan')):.2f} s; peak RSS "
                  f"{cold['rss_mb']:.0f} MB (target ≤ {TARGETS['cold_ask_s']} s).", ""]
    if naive:
        lines += [f"The naive loader ran on a subset of the {next(s['size'] for s in sizes if 'naive' in s)} graph: "
                  f"its first {naive['relationships']:,} relationships and the {naive['nodes']:,} nodes at their ends (nodes first), "
                  f"each a `MERGE` in its own auto-commit transaction (with the same uniqueness constraints), "
                  f"{naive['wall_s']:.1f} s.", ""]

    lines += ["## Catalogue questions on Neo4j (warm, ms: p50 / p95, rows of the first page)", "",
              "| question | " + " | ".join(s["size"] for s in sizes) + " |", "|---|" + "---|" * len(sizes)]
    for qid in sorted({q for s in sizes for q in s["questions"]}):
        cells = []
        for s in sizes:
            q = s["questions"].get(qid, {})
            cells.append(f"error: {q['error']}" if "error" in q else
                         f"{fmt(q.get('p50_ms'))} / {fmt(q.get('p95_ms'))} ({q.get('rows')})")
        lines.append(f"| {qid} | " + " | ".join(cells) + " |")

    lines += ["", "## Question pages: PROFILE db hits of the first page, without and with the questions' indexes", "",
              "From benchmarks/profile_questions.py --before (\"before\": the indexes added for issue 21 dropped; "
              "the same database, the same code). \"sorts\" lists the plan's sorting operators.", ""]
    for s in sizes:
        prof = s.get("question_profile", {})
        lines += [f"**{s['size']}**" + (f": error: {prof['error']}" if "error" in prof else ""), ""]
        lines += [prof["table"], ""] if "table" in prof else []

    by = {s["size"]: s for s in sizes}
    lines += ["", "## Targets", ""]
    if naive:
        worst = min(s["online"]["records_per_s"] for s in sizes) / naive["records_per_s"]
        lines.append(f"- online load ≥ {TARGETS['online_ratio']:.0f}x the naive loader: "
                     f"{verdict(worst >= TARGETS['online_ratio'])} (lowest {worst:.1f}x)")
    if all("textbook" in s for s in sizes):
        worst_tb = min(s["online"]["records_per_s"] / s["textbook"]["records_per_s"] for s in sizes)
        lines.append(f"- online load ≥ {TARGETS['textbook_ratio']}x the textbook UNWIND loader: "
                     f"{verdict(worst_tb >= TARGETS['textbook_ratio'])} (lowest {worst_tb:.2f}x)")
    worst_bulk = max(s["bulk"]["wall_s"] / s["raw_import"]["wall_s"] for s in sizes)
    lines.append(f"- bulk path ≤ {TARGETS['bulk_ratio']}x raw import: {verdict(worst_bulk <= TARGETS['bulk_ratio'])} "
                 f"(highest {worst_bulk:.2f}x)")
    if "1M" in by:
        p1m = by["1M"]["questions"][flag].get("p50_ms")
        lines.append(f"- flagship p50 ≤ {TARGETS['flagship_p50_ms']:.0f} ms at 1M: "
                     f"{verdict(p1m is not None and p1m <= TARGETS['flagship_p50_ms'])} ({fmt(p1m)} ms)")
        if "10k" in by:
            p10 = by["10k"]["questions"][flag].get("p50_ms")
            ratio = p1m / p10 if p1m and p10 else None
            lines.append(f"- flagship p50 at 1M ≤ {TARGETS['flagship_scaling']:.0f}x its 10k p50: "
                         f"{verdict(ratio is not None and ratio <= TARGETS['flagship_scaling'])} ({fmt(ratio, 2)}x)")
        for path in ("online", "bulk"):
            load_rss = by["1M"].get(path, {}).get("self_rss_mb") or by["1M"].get(path, {}).get("rss_mb")
            if load_rss:
                lines.append(f"- peak RSS of `kg load`{' --bulk' if path == 'bulk' else ''} at 1M ≤ "
                             f"{TARGETS['load_rss_mb']:.0f} MB: {verdict(load_rss <= TARGETS['load_rss_mb'])} "
                             f"({load_rss:,.0f} MB)")
        timed = {q: v["p95_ms"] for q, v in by["1M"]["questions"].items() if v.get("p95_ms") is not None}
        if timed:
            slowest = max(timed, key=timed.get)
            lines.append(f"- slowest question's first page p95 at 1M ≤ {TARGETS['first_page_p95_ms']:.0f} ms: "
                         f"{verdict(timed[slowest] <= TARGETS['first_page_p95_ms'])} ({slowest}, "
                         f"{fmt(timed[slowest])} ms)")
        rss = by["1M"]["export"]["rss_mb"]
        lines.append(f"- export at 1M with peak RSS ≤ {TARGETS['export_rss_mb']:.0f} MB: "
                     f"{verdict(rss <= TARGETS['export_rss_mb'])} ({rss:,.0f} MB)")
    lines.append(f"- cold `kg ask` on the embedded default ≤ {TARGETS['cold_ask_s']} s: "
                 f"{verdict(cold['best_s'] <= TARGETS['cold_ask_s'])} ({cold['best_s']:.2f} s)")
    for name, error in results.get("failed", {}).items():
        lines += ["", f"**{name} did not complete:** `{error.strip().splitlines()[-1][:300]}`"]
    notes = REPO / "benchmarks" / "NOTES.md"
    if notes.exists() and not results.get("small"):
        lines += ["", notes.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help=f"comma-separated, of {', '.join(SIZES)}")
    parser.add_argument("--small", action="store_true", help="a tiny run (2k nodes, few repetitions) for the tests")
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md", help="the report to write")
    parser.add_argument("--work", type=Path, help="working directory (default: a temporary one, removed)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per question")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per question after 3 runs")
    parser.add_argument("--naive-records", type=int, default=2_000, help="records the naive loader writes")
    parser.add_argument("--no-biocypher", dest="biocypher", action="store_false", help="skip the BioCypher peer")
    parser.add_argument("--bulk-first", action="store_true",
                        help="fill each database by the bulk path first, then time the online load on a fresh one")
    parser.add_argument("--online-timeout", type=float, help="stop the online load after this many seconds and "
                        "measure what it wrote by then")
    parser.add_argument("--merge", type=Path, help="a BENCHMARKS.json of an earlier run whose sizes to report too")
    parser.add_argument("--keep", action="store_true", help="keep the datasets, exports and databases")
    args = parser.parse_args(argv)
    if args.small:
        args.sizes, args.runs, args.budget, args.naive_records = "2k", 3, 0.5, 200
    names = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in names if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)} (valid: {', '.join(SIZES)})")
    previous = json.loads(args.merge.read_text()) if args.merge else None
    args.naive_at = None if previous and any("naive" in x for x in previous["sizes"]) else names[0]

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_")) or k == "KG_NEO4J_HOME"}
    base_env["PYTHONPATH"] = str(REPO) + os.pathsep + base_env.get("PYTHONPATH", "")
    results: dict[str, Any] = {"argv": " ".join(argv if argv is not None else sys.argv[1:]), "machine": machine(),
                               "small": args.small, "sizes": list(previous["sizes"]) if previous else []}
    if previous:
        results["merged"] = f"sizes {', '.join(x['size'] for x in previous['sizes'])} from the run of " \
                            f"{previous.get('finished', '?')} ({previous['argv']})"
    try:
        results["cold_ask"] = cold_ask(work)
        log(f"cold kg ask: {results['cold_ask']}")
        for name in names:
            try:
                results["sizes"].append(bench_size(name, SIZES[name], work, args, base_env))
            except Exception as e:  # keep what the other sizes measured; say what failed
                log(f"{name}: failed: {e}")
                results.setdefault("failed", {})[name] = str(e)[-2000:]
                if args.small:
                    raise
            write_report(results, args.out)  # after every size, so a long run leaves what it measured
    finally:
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    log(f"wrote {args.out}")
    return 0


def write_report(results: dict[str, Any], out: Path) -> None:
    results["load_after"] = os.getloadavg()
    results["finished"] = time.strftime("%Y-%m-%d %H:%M %Z")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report(results), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
