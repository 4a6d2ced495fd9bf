"""Running a question on a store: its Python on the memory store's graph, or its Cypher file in one Neo4j read
transaction, fetching only the rows that can be on the page asked for."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from kg.questions.catalogue import Question
from kg.questions.params import resolve_params
from kg.stores import MemoryStore, Read, Store, cypher


# The `$limit` of a paged question's Cypher when every row from the offset is asked for.
EVERY_ROW = 2**62


def statement(question: Question, params: dict[str, Any], *, limit: int | None = None,
              offset: int = 0) -> tuple[str, dict[str, Any]]:
    """The Cypher text and parameters sent for the rows `offset` to `offset + limit - 1` (`limit` None: to the end):
    a paged question gets them as `$offset` and `$limit`; any other runs whole and is cut by the caller."""
    query = cypher.load(question.cypher_name).text
    if not question.paged:
        return query, params
    return query, {**params, "offset": offset, "limit": EVERY_ROW if limit is None else limit}


def run(store: Store, question: Question, params: dict[str, Any], *, limit: int | None = None, offset: int = 0,
        timeout: float | None = None) -> tuple[list[dict[str, Any]], int]:
    """The question's rows for resolved `params`, and how many rows of the answer come before them. The page
    asked for is `limit` rows (None: every row) from `offset`. On the memory store all rows (the caller cuts the
    page after sorting; no timeout); on Neo4j read in a read transaction stopped after `timeout` seconds: a paged
    question's page and one more row (when there is one), another question's rows up to the end of the page
    (see `page_end`)."""
    if isinstance(store, MemoryStore):
        return question.memory(store.graph, params), 0
    rows = _reader(question, limit, offset)
    return store.read_transaction(lambda read: rows(read, params), timeout=timeout)


def answer(store: Store, question: Question, bound: dict[str, Any], *, limit: int | None = None, offset: int = 0,
           timeout: float | None = None) -> tuple[list[dict[str, Any]], int, str]:
    """Resolve the bound parameters and run the question (as `run`): its rows, the rows before them and the graph's
    fingerprint. On Neo4j the names are resolved, the question run and the recorded fingerprint read in one read
    transaction: the rows and the fingerprint come from one snapshot, and each query costs a round trip, not a
    transaction. Names already resolved in this graph (same fingerprint) are not looked up again."""
    if isinstance(store, MemoryStore):
        rows, skipped = run(store, question, resolve_params(question, bound, store.resolve))
        return rows, skipped, store.fingerprint()
    rows = _reader(question, limit, offset)

    def work(read: Read) -> tuple[list[dict[str, Any]], int, str]:
        fingerprint = store.fingerprint(read)
        found, skipped = rows(read, resolve_params(question, bound, store.resolver(read, fingerprint)))
        return found, skipped, fingerprint

    return store.read_transaction(work, timeout=timeout)


def _reader(question: Question, limit: int | None,
            offset: int) -> Callable[[Read, dict[str, Any]], tuple[list[dict[str, Any]], int]]:
    """`rows(read, params)`: the rows of the question's Cypher file in a transaction and the rows before them: a
    paged question's page and one more row; another question's rows, all of them (`limit` None, or a finish that
    may drop rows) or those up to the end of the page (the file is read and its order worked out once, before
    the transaction)."""
    query = cypher.load(question.cypher_name).text
    order = order_columns(query, question.sort_key)

    def rows(read: Read, params: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
        if question.paged:
            text, page = statement(question, params, limit=None if limit is None else limit + 1, offset=offset)
            return list(read(text, page)), offset
        found = read(query, params)
        if limit is None or question.finish:
            return list(found), 0
        return page_end(found, offset + limit, order), 0

    return rows


_ORDER_BY = re.compile(r"\bORDER\s+BY\s+([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*;?\s*\Z",
                       re.IGNORECASE)


def order_columns(query: str, sort_key: tuple[str, ...]) -> tuple[str, ...] | None:
    """The columns of a query's final `ORDER BY a, b` (plain ascending columns that begin the question's sort key),
    or None when the query does not end so: then its order says nothing about the question's."""
    code = "\n".join(line.split("//", 1)[0] if not line.lstrip().startswith("//") else "" for line in query.splitlines())
    m = _ORDER_BY.search(code.rstrip())
    if not m:
        return None
    columns = tuple(c.strip() for c in m.group(1).split(","))
    if any(c.upper() in ("ASC", "DESC", "ASCENDING", "DESCENDING") for c in columns):
        return None
    return columns if not sort_key or sort_key[:len(columns)] == columns else None


def page_end(rows: Iterable[Any], limit: int, order: tuple[str, ...] | None) -> list[dict[str, Any]]:
    """From an iterator of rows in a query's order (`order`: its ORDER BY columns, a prefix of the question's sort
    key; None: unknown), the rows that can be among the first `limit` in the question's canonical order, and one
    more when there are more: the first `limit`, the rest of the last one's group of equal `order` values, and the
    next row. With an unknown order, every row."""
    out: list[dict[str, Any]] = []
    last: tuple[Any, ...] | None = None
    for record in rows:
        row = record.data() if hasattr(record, "data") else record
        out.append(row)
        if order is None or len(out) < limit:
            continue
        key = tuple(row.get(c) for c in order)
        if len(out) == limit:
            last = key
        elif key != last:
            break
    return out
