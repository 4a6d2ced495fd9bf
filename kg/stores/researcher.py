"""Researchers' own Cypher, guarded: the text is bounded (length, tokens, nesting), checked with EXPLAIN before it
runs (read-only, allowed procedures only), then run in read access mode with a transaction timeout, a row cap and a
cap on result bytes counted while rows stream in. Every call returns within its timeout plus GRACE seconds, even
when the server never answers. Writes need `write=True` (the CLI's --write)."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from kg.errors import KGError, QueryRefused, one_line
from kg.stores import MemoryStore, Neo4jGraphStore, Store

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 1000
DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # result size, as the JSON text of the rows would take
GRACE = 5.0  # seconds past the timeout after which the client stops waiting for a server that does not answer

# Bounds on the query text, checked before anything is sent. Neo4j 5.26's parser and planner recurse: about 1000
# nested brackets or prefix operators overflow the server's stack, and then the server never answers; and planning
# costs about 1.5 ms per term, uninterruptibly (100 000 terms kept a worker busy for ten minutes). Queries that need
# more pass their data as parameters.
MAX_QUERY_CHARS = 20_000
MAX_TOKENS = 5_000
MAX_DEPTH = 100

# Procedures researcher Cypher may call without --write (checked on the plan: Neo4j names what it will call).
# db.stats.* (start, stop, clear, and retrieve, which shows other users' queries with their parameters) and every
# DBMS procedure are refused.
ALLOWED_PROCEDURES = ("db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.", "db.info", "db.ping",
                      "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
                      "db.index.vector.queryNodes", "db.index.vector.queryRelationships")
# SHOW commands that list the schema and the catalogue; SHOW TRANSACTIONS (other users' queries), SHOW SETTINGS
# (the server's configuration) and any other SHOW are refused.
ALLOWED_SHOW = {"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"}

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


_TOKEN = re.compile(r"""
    (?P<space>\s+|//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z)|`[^`]*(?:`|\Z))
  | (?P<word>[^\W\d]\w*|\$\w+|\d[\w.]*)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<other>.)""", re.VERBOSE | re.DOTALL)
_PREFIX = {"NOT", "-", "+"}  # unary when they follow an operator, a keyword or an opening bracket


def check_text(query: str) -> None:
    """Refuse, before anything is sent, a query longer than MAX_QUERY_CHARS characters, of more than MAX_TOKENS
    tokens, or nested deeper than MAX_DEPTH (brackets, CASE ... END, and chains of prefix operators such as
    NOT NOT ...). Strings, quoted names and comments are skipped, so their content never counts as structure."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRefused(f"refused: the query is {len(query)} characters long, more than {MAX_QUERY_CHARS}; "
                           "pass data as parameters (-p name=value)")
    tokens = depth = deepest = chain = 0
    previous = "("  # the start of the query behaves like an opening bracket
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind == "space":
            continue
        tokens += 1
        if tokens > MAX_TOKENS:
            raise QueryRefused(f"refused: the query has more than {MAX_TOKENS} tokens; pass data as parameters "
                               "(-p name=value)")
        upper = text.upper()
        if kind == "open" or upper == "CASE":
            depth += 1
        elif kind == "close" or upper == "END":
            depth = max(0, depth - 1)
        unary = upper in _PREFIX and (previous in "([{,=<>+-*/%^" or previous.upper() in _KEYWORDS)
        chain = chain + 1 if unary else 0
        deepest = max(deepest, depth + chain)
        previous = text if kind != "string" else "'"
    if deepest > MAX_DEPTH:
        raise QueryRefused(f"refused: the query is nested {deepest} levels deep, more than {MAX_DEPTH}")


_KEYWORDS = {"RETURN", "WHERE", "AND", "OR", "XOR", "NOT", "WITH", "WHEN", "THEN", "ELSE", "IN", "AS", "UNWIND",
             "SET", "CASE", "IS", "CONTAINS", "STARTS", "ENDS", "BY", "SKIP", "LIMIT", "|", ":"}


def _operators(plan: Any) -> list[tuple[str, str]]:
    """(operator, details) of every operator of an EXPLAIN plan."""
    if not isinstance(plan, dict):
        return []
    details = plan.get("args", {}).get("Details", "") if isinstance(plan.get("args"), dict) else ""
    found = [(str(plan.get("operatorType", "")).split("@")[0], str(details))]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


def _allowed_procedure(name: str) -> bool:
    return any(name == p or (p.endswith(".") and name.startswith(p)) for p in ALLOWED_PROCEDURES)


def check(store: Neo4jGraphStore, query: str, params: dict[str, Any], timeout: float = DEFAULT_TIMEOUT) -> str:
    """EXPLAIN the query (within `timeout` seconds); refuse writes, schema and admin commands, LOAD CSV,
    IN TRANSACTIONS, procedures outside ALLOWED_PROCEDURES and SHOW commands outside ALLOWED_SHOW."""
    try:
        with store.db.session(neo4j.READ_ACCESS) as session:
            summary = session.run(neo4j.Query("EXPLAIN " + query, timeout=timeout), params).consume()
    except neo4j_errors.Neo4jError as e:
        _stopped(e, timeout)
        first_line = (e.message or str(e)).splitlines()[0]
        raise QueryRefused(f"Neo4j did not accept the query: {first_line}") from e
    query_type = summary.query_type or "?"
    if query_type != "r":
        what = _QUERY_TYPES.get(query_type, f"is of type {query_type!r}")
        raise QueryRefused(f"refused: this query {what}; researcher Cypher is read-only unless you pass --write")
    operators = _operators(summary.plan)
    for operator, _ in sorted(operators):
        if operator in _REFUSED_OPERATORS:
            raise QueryRefused(f"refused: {_REFUSED_OPERATORS[operator]} is not allowed without --write")
    for operator, details in operators:
        if operator == "ProcedureCall":
            name = details.split("(", 1)[0].strip()
            if not _allowed_procedure(name):
                raise QueryRefused(f"refused: procedure {name} is not allowed without --write (allowed: db.labels, "
                                   "db.relationshipTypes, db.propertyKeys, db.schema.*, db.info, db.ping, "
                                   "db.index.fulltext/vector queries)")
        elif operator.startswith("Show") and operator not in ALLOWED_SHOW:
            command = "SHOW " + re.sub(r"(?<!^)(?=[A-Z])", " ", operator[4:]).upper()
            raise QueryRefused(f"refused: {command} is not allowed without --write (allowed: SHOW INDEXES, "
                               "SHOW CONSTRAINTS, SHOW PROCEDURES, SHOW FUNCTIONS)")
    return query_type


def _stopped(e: neo4j_errors.Neo4jError, timeout: float) -> None:
    """Raise the one-line QueryRefused for a query the server stopped (time or memory), if it was that."""
    code = e.code or ""
    if "TransactionTimedOut" in code or "timeout" in code.lower():
        raise QueryRefused(f"stopped: the query ran longer than {timeout:g} s (raise --timeout to allow more)") from e
    if "MemoryPoolOutOfMemoryError" in code:
        raise QueryRefused("stopped: the query needed more memory than the server allows one transaction "
                           "(db.memory.transaction.max); return less, or aggregate") from e
    if "OutOfMemoryError" in code:
        raise QueryRefused("stopped: the server ran out of memory for this query; return less, or aggregate") from e


def run_cypher(store: Store, query: str, params: dict[str, Any] | None = None, *, write: bool = False,
               timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
               max_bytes: int = DEFAULT_MAX_BYTES) -> CypherResult:
    """Run a researcher's query on Neo4j and return at most `limit` rows of at most `max_bytes` in all.

    The EXPLAIN check and the query each run in a transaction the server stops after `timeout` seconds; should
    the server not answer at all, the call still returns (QueryRefused) after `timeout` + GRACE seconds."""
    if isinstance(store, MemoryStore):
        raise KGError("raw Cypher needs Neo4j: start one with 'kg server start', load it with "
                      "'kg load --store neo4j', then rerun with --store neo4j")
    params = params or {}
    check_params(params)
    if not query.strip():
        raise QueryRefused("the query is empty")
    check_text(query)
    return _within(timeout + GRACE, lambda: _run(store, query, params, write, timeout, limit, max_bytes))


def _within(seconds: float, work: Any) -> Any:
    """`work()`'s result or error, or QueryRefused when it has not finished after `seconds` (it is left to finish
    in a daemon thread: a server that never answers cannot hold the caller)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as e:  # handed to the caller
            box["error"] = e

    thread = threading.Thread(target=run, name="kg-cypher", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise QueryRefused(f"stopped: Neo4j gave no answer within {seconds:g} s (the server could not plan or "
                           "stop the query); simplify it")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _run(store: Neo4jGraphStore, query: str, params: dict[str, Any], write: bool, timeout: float, limit: int,
         max_bytes: int) -> CypherResult:
    if write:
        store.check_writable()  # never write into a graph of another schema version
    query_type = "w" if write else check(store, query, params, timeout)
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    try:
        with store.db.session(mode) as session:
            if write:  # auto-commit, as before: CALL { ... } IN TRANSACTIONS needs it
                result = session.run(neo4j.Query(query, timeout=timeout), params)
                keys, rows, truncated = _collect(result, limit, max_bytes)
                result.consume()  # the write runs to its end, whatever was shown
            else:
                # An explicit transaction: a query stopped for its time or memory is not retried.
                with session.begin_transaction(timeout=timeout) as tx:
                    keys, rows, truncated = _collect(tx.run(query, params), limit, max_bytes)
    except neo4j_errors.Neo4jError as e:
        _stopped(e, timeout)
        if e.code == "Neo.ClientError.Statement.AccessMode":
            raise QueryRefused("refused by the server: writing in read access mode is not allowed; use --write") from e
        raise KGError(f"Neo4j: {e.code}: {(e.message or '').splitlines()[0] if e.message else e}") from e
    return CypherResult(keys, rows, truncated, query_type)


def _collect(result: neo4j.Result, limit: int, max_bytes: int) -> tuple[list[str], list[dict[str, Any]], bool]:
    """At most `limit` rows, counting their size as they stream in; QueryRefused past `max_bytes`."""
    keys = [one_line(k) for k in result.keys()]  # a column name is shown as a table header
    rows: list[dict[str, Any]] = []
    budget = [max_bytes]  # bytes left; _plain stops converting as soon as it is spent
    for record in result:
        if len(rows) == limit:
            return keys, rows, True
        try:
            row = {k: _plain(v, budget) for k, v in zip(keys, record.values())}
        except RecursionError:
            raise QueryRefused("stopped: a value of the result is nested too deeply to show") from None
        if budget[0] < 0:
            raise QueryRefused(f"stopped: the result is larger than {_mb(max_bytes)} (raise --max-bytes to allow "
                               "more, or return less)")
        rows.append(row)
    return keys, rows, False


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _plain(value: Any, budget: list[int]) -> Any:
    """A driver value as JSON-friendly Python, as `Record.data()` gives it (a node as its properties, a
    relationship as (start, type, end), a path as a list), but fast; `budget[0]` is decreased by about the bytes
    the value takes as JSON text, and conversion stops once it is below zero."""
    if budget[0] < 0:
        return None
    if isinstance(value, str):
        budget[0] -= len(value) + 2
        return value
    if isinstance(value, bool | int | float) or value is None:
        budget[0] -= 8
        return value
    if isinstance(value, list | tuple):
        budget[0] -= 2
        return [_plain(v, budget) for v in value]
    if isinstance(value, dict | Node):
        budget[0] -= 2
        return {k: _plain(v, budget) for k, v in value.items() if budget[0] >= 0}
    if isinstance(value, Relationship):
        return (_plain(value.start_node, budget), type(value).__name__, _plain(value.end_node, budget))
    if isinstance(value, Path):
        out = [_plain(value.start_node, budget)]
        for relationship, node in zip(value.relationships, value.nodes[1:]):
            out += [type(relationship).__name__, _plain(node, budget)]
        return out
    if isinstance(value, bytes | bytearray):
        budget[0] -= 2 * len(value)
        return value.hex()
    budget[0] -= 32
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
