"""Researchers' own Cypher, guarded: checked with EXPLAIN before it runs, then run in read access mode,
with a transaction timeout and a row cap. Writes need `write=True` (the CLI's --write)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from kg.errors import KGError, QueryRefused
from kg.store import MemoryStore, Neo4jGraphStore, Store

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 1000

# Plan operators that read files or open their own transactions; refused without --write.
_REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS",
    "TerminateTransactions": "TERMINATE TRANSACTIONS",  # Neo4j calls it a read; it stops other users' work
}
_QUERY_TYPES = {"r": "reads", "w": "writes", "rw": "reads and writes",
                "s": "changes the schema or administers the database"}


@dataclass(frozen=True)
class CypherResult:
    keys: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    query_type: str


def parse_value(text: str) -> Any:
    """A -p value: JSON when it parses (numbers, true, lists), else the string itself."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: JSON nested too deeply, taken as text
        return text


def check_params(params: dict[str, Any]) -> None:
    """Refuse values the driver cannot send (it would fail mid-query): integers wider than 64 bits, and text
    that is not valid Unicode (a lone surrogate, which is what an invalid UTF-8 byte in a shell argument becomes)."""

    def bad(value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
            return "is an integer wider than 64 bits"
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "is not valid Unicode text"
        if isinstance(value, dict):
            return next((why for k, v in value.items() if (why := bad(k) or bad(v))), None)
        if isinstance(value, list | tuple):
            return next((why for v in value if (why := bad(v))), None)
        return None

    for name, value in params.items():
        if why := bad(name):
            raise QueryRefused(f"parameter name {name!r} {why}")
        try:
            why = bad(value)
        except RecursionError:
            why = "is nested too deeply"
        if why:
            raise QueryRefused(f"parameter {name!r} {why}")


def _operators(plan: Any) -> set[str]:
    if not plan:
        return set()
    name = plan.get("operatorType", "") if isinstance(plan, dict) else ""
    found = {name.split("@")[0]}
    for child in plan.get("children", []) if isinstance(plan, dict) else []:
        found |= _operators(child)
    return found


def check(store: Neo4jGraphStore, query: str, params: dict[str, Any]) -> str:
    """EXPLAIN the query; refuse writes, schema and admin commands, LOAD CSV and IN TRANSACTIONS."""
    try:
        with store.db.session(neo4j.READ_ACCESS) as session:
            summary = session.run("EXPLAIN " + query, params).consume()
    except neo4j_errors.Neo4jError as e:
        first_line = (e.message or str(e)).splitlines()[0]
        raise QueryRefused(f"Neo4j did not accept the query: {first_line}") from e
    query_type = summary.query_type or "?"
    if query_type != "r":
        what = _QUERY_TYPES.get(query_type, f"is of type {query_type!r}")
        raise QueryRefused(f"refused: this query {what}; researcher Cypher is read-only unless you pass --write")
    for operator in sorted(_operators(summary.plan)):
        if operator in _REFUSED_OPERATORS:
            raise QueryRefused(f"refused: {_REFUSED_OPERATORS[operator]} is not allowed without --write")
    return query_type


def run_cypher(store: Store, query: str, params: dict[str, Any] | None = None, *, write: bool = False,
               timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT) -> CypherResult:
    """Run a researcher's query on Neo4j and return at most `limit` rows."""
    if isinstance(store, MemoryStore):
        raise KGError("raw Cypher needs Neo4j: start one with 'kg server start', load it with "
                      "'kg load --store neo4j', then rerun with --store neo4j")
    params = params or {}
    check_params(params)
    if not query.strip():
        raise QueryRefused("the query is empty")
    if write:
        store.check_writable()  # never write into a graph of another schema version
    query_type = "w" if write else check(store, query, params)
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    try:
        with store.db.session(mode) as session:
            if write:
                result = session.run(neo4j.Query(query, timeout=timeout), params)
                records = result.fetch(limit + 1)
                keys = list(result.keys())
                result.consume()
            else:
                def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[Any]]:
                    result = tx.run(query, params)
                    fetched = result.fetch(limit + 1)
                    return list(result.keys()), fetched

                keys, records = session.execute_read(neo4j.unit_of_work(timeout=timeout)(work))
    except neo4j_errors.Neo4jError as e:
        if "TransactionTimedOut" in (e.code or "") or "timeout" in (e.code or "").lower():
            raise QueryRefused(f"stopped: the query ran longer than {timeout:g} s (raise --timeout to allow more)") from e
        if e.code == "Neo.ClientError.Statement.AccessMode":
            raise QueryRefused("refused by the server: writing in read access mode is not allowed; use --write") from e
        raise KGError(f"Neo4j: {e.code}: {(e.message or '').splitlines()[0] if e.message else e}") from e
    rows = [_plain(r.data()) for r in records[:limit]]
    return CypherResult(keys, rows, len(records) > limit, query_type)


def _plain(value: Any) -> Any:
    """Driver values as JSON-friendly Python: nodes and relationships become dicts."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
