"""PROFILE db hits and warm first-page latency of every catalogue question on a Neo4j database (issue 21).

Usage: PYTHONPATH=. python benchmarks/profile_questions.py --uri bolt://127.0.0.1:7687 [--runs 10] [--limit N]
       [--before] [--json FILE]

For every catalogue question with its default parameters (SYNTH_PARAMS on a synthetic graph), the statement that
`kg ask` sends for the first page (kg.questions.run.statement, parameters resolved) is run once under PROFILE:
the total db hits of its plan, the rows it returned, and whether the plan sorts (Sort, Top or PartialSort
operators). Then `kg.ask` for the first page is timed: p50 and p95 of `--runs` warm runs (after one warm-up).
With `--before` the indexes named by `--drop` (created by cypher/schema/constraints.cypher; default: those added
for issue 21) are dropped first and measured without, then created again and measured with: "before" and "after" in one run on one database. The rows of both
passes are compared (the indexes must not change an answer). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent.parent))  # after PYTHONPATH: another checkout may be measured

import kg  # noqa: E402
from kg import questions  # noqa: E402
from kg.questions import run  # noqa: E402
from kg.questions.params import resolve_params  # noqa: E402
from kg.stores import open_store  # noqa: E402

# Questions whose default parameters name records of the curated seed: what to ask on the synthetic graph.
SYNTH_PARAMS: dict[str, dict[str, str]] = {"case-timeline": {"case": "oncokg:case-synth-0000001"}}
SORTS = ("Sort", "Top", "PartialSort", "PartialTop")


def plan_stats(plan: Any) -> tuple[int, list[str]]:
    """Total db hits of a profiled plan (a dict or the driver's plan object) and the sorting operators in it."""
    if not isinstance(plan, dict):
        plan = {"operatorType": plan.operator_type, "dbHits": plan.db_hits, "children": plan.children}
    op = str(plan.get("operatorType", "")).split("@")[0]
    hits, sorts = int(plan.get("dbHits", 0)), [op] if op in SORTS else []
    for child in plan.get("children", []):
        h, s = plan_stats(child)
        hits, sorts = hits + h, sorts + s
    return hits, sorts


def statement(store: Any, qid: str, limit: int) -> tuple[str, dict[str, Any]]:
    """The Cypher text and parameters `kg ask` sends for the first page of `limit` rows."""
    q = questions.get(qid)
    bound = q.bind(SYNTH_PARAMS.get(qid, {}))
    params = resolve_params(q, bound, store.resolve)
    if hasattr(run, "statement"):  # the paged runner
        return run.statement(q, params, limit=limit, offset=0)
    from kg.stores import cypher  # the runner before pages were pushed into the queries
    return cypher.load(q.cypher_name).text, params


def profile(store: Any, qid: str, limit: int) -> dict[str, Any]:
    query, params = statement(store, qid, limit)
    with store.db.session() as session:
        result = session.run("PROFILE " + query, params)
        rows = sum(1 for _ in result)
        summary = result.consume()
    hits, sorts = plan_stats(summary.profile)
    return {"db_hits": hits, "rows": rows, "sorts": sorts}


def timed(store: Any, qid: str, limit: int, runs: int) -> dict[str, Any]:
    params = SYNTH_PARAMS.get(qid, {})
    answer = kg.ask(qid, store, limit=limit, **params)  # warm-up: plan cached
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        answer = kg.ask(qid, store, limit=limit, **params)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"p50_ms": statistics.median(times), "p95_ms": p95, "page_rows": len(answer.rows),
            "truncated": answer.truncated, "answer": answer.rows}


def measure(store: Any, limit: int, runs: int, only: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for qid in sorted(only or questions.REGISTRY):
        try:
            out[qid] = {**profile(store, qid, limit), **timed(store, qid, limit, runs)}
        except Exception as e:  # a question that fails is reported, not fatal
            out[qid] = {"error": str(e).splitlines()[0][:200]}
        print(qid, {k: v for k, v in out[qid].items() if k != "answer"}, file=sys.stderr, flush=True)
    return out


def set_indexes(store: Any, names: list[str], present: bool) -> None:
    """Create (as cypher/schema/constraints.cypher does) or drop the indexes `names`, and wait until they are online."""
    if present:
        store.db.apply_schema()
    else:
        for name in names:
            store.db.driver.execute_query(f"DROP INDEX {name} IF EXISTS", database_=store.db.database)
    store.db.driver.execute_query("CALL db.awaitIndexes(300)", database_=store.db.database)


def table(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    def cell(m: dict[str, Any] | None, key: str, fmt: str) -> str:
        if m is None:
            return ""
        return m["error"][:40] if "error" in m else format(m[key], fmt)

    lines = ["| question | db hits before | after | first page p95 ms before | after | page rows | sorts after |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for qid, a in after.items():
        b = before.get(qid) if before else None
        lines.append(f"| {qid} | {cell(b, 'db_hits', ',')} | {cell(a, 'db_hits', ',')} | {cell(b, 'p95_ms', '.1f')} "
                     f"| {cell(a, 'p95_ms', '.1f')} | {cell(a, 'page_rows', 'd')} | "
                     f"{', '.join(a.get('sorts', [])) or 'none'} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uri", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--limit", type=int, default=None, help="rows of the first page (default: kg ask's)")
    ap.add_argument("--before", action="store_true", help="measure without the questions' indexes first")
    ap.add_argument("--json", type=Path, help="write the measurements here too")
    ap.add_argument("--drop", default="finding_kind", help="the indexes --before drops (comma-separated names)")
    ap.add_argument("--questions", default="", help="comma-separated question ids (default: every one)")
    args = ap.parse_args()
    limit = args.limit or kg.api.ASK_LIMIT
    only = [q for q in args.questions.split(",") if q]
    store = open_store("neo4j", uri=args.uri)
    try:
        before = None
        if args.before:
            set_indexes(store, args.drop.split(","), False)
            before = measure(store, limit, args.runs, only)
            set_indexes(store, args.drop.split(","), True)
        after = measure(store, limit, args.runs, only)
    finally:
        store.close()
    changed = [q for q in after if before and before[q].get("answer") != after[q].get("answer")]
    print(table(before, after))
    if changed:
        print(f"\nANSWERS DIFFER without the indexes: {', '.join(changed)}")
    if args.json:
        strip = lambda d: {q: {k: v for k, v in m.items() if k != "answer"} for q, m in (d or {}).items()}  # noqa: E731
        args.json.write_text(json.dumps({"limit": limit, "before": strip(before), "after": strip(after)}, indent=1))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
