"""The question contract: a named, documented unit with typed parameters and two implementations.

A question has an id (kebab-case), a title, a description, typed parameters with defaults, one
`cypher/questions/<id with underscores>.cypher` for Neo4j, and one function over the in-memory graph.
Both return plain dict rows; `finish` puts them in one canonical order so the stores can be compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx

from kg.errors import KGError


@dataclass(frozen=True)
class Param:
    name: str
    type: type
    default: Any
    help: str
    choices: tuple[str, ...] | None = None

    def parse(self, value: Any, question: str) -> Any:
        """Convert a CLI string (or a Python value) to this parameter's type, or raise a one-line KGError."""
        try:
            if self.type is bool and isinstance(value, str):
                if value.lower() not in ("true", "false", "yes", "no", "1", "0"):
                    raise ValueError
                parsed: Any = value.lower() in ("true", "yes", "1")
            elif self.type is int and isinstance(value, bool):
                raise ValueError
            else:
                parsed = self.type(value)
        except (TypeError, ValueError, OverflowError):  # OverflowError: int(float('inf'))
            raise KGError(f"{question}: parameter {self.name!r} must be {self.type.__name__}, got {value!r}") from None
        if isinstance(parsed, str) and not 0 < len(parsed) <= 200:
            raise KGError(f"{question}: parameter {self.name!r} must be 1 to 200 characters")
        if isinstance(parsed, str) and not parsed.isprintable() and any("\ud800" <= c <= "\udfff" for c in parsed):
            # A lone surrogate (what an invalid UTF-8 byte in a shell argument becomes) cannot be sent to Neo4j.
            raise KGError(f"{question}: parameter {self.name!r} must be valid Unicode text, got {parsed!r}")
        if self.choices and parsed not in self.choices:
            raise KGError(f"{question}: parameter {self.name!r} must be one of {', '.join(self.choices)}; got {parsed!r}")
        return parsed


MemoryImpl = Callable[[nx.MultiDiGraph, dict[str, Any]], list[dict[str, Any]]]


class Cited(NamedTuple):
    """One line of a table cell with the sources that support that line, and only that line: the renderer
    prints it with footnote marks ('text [1][3]') and lists the numbered sources under the table."""

    text: str
    sources: list[dict[str, Any]]


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    description: str
    params: tuple[Param, ...]
    memory: MemoryImpl
    columns: tuple[str, ...]
    # Fields resolved to node ids before running (param name -> labels it may name).
    resolve: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort_key: tuple[str, ...] = ()
    # Optional: how one row reads in a terminal table (column -> text, or a list of lines; a line that states
    # evidence is a Cited, so the renderer can footnote its own sources).
    table: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # Optional: the evidence items of one row, for csv and jsonl (one line per item, each with its own
    # `sources` and the row's identifying fields). Without it a row is one item.
    items: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None
    # Optional: fields derived from the rows of either store (the same code for both), given the bound parameters.
    finish: Callable[[list[dict[str, Any]], dict[str, Any]], list[dict[str, Any]]] | None = None
    # True when the Cypher file returns one page itself (`SKIP $offset LIMIT $limit` after an ORDER BY that is the
    # whole sort key, in canonical_rows' order), so the server stops at the page's end; its finish keeps every row.
    paged: bool = False

    @property
    def cypher_name(self) -> str:
        return "questions/" + self.id.replace("-", "_")

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Defaults, then given values, each parsed; unknown names are an error listing the valid ones."""
        known = {p.name: p for p in self.params}
        for name in given:
            if name not in known:
                valid = ", ".join(known) or "none"
                raise KGError(f"{self.id}: unknown parameter {name!r} (valid: {valid})")
        return {p.name: p.parse(given[p.name], self.id) if p.name in given else p.default for p in self.params}


def canonical_rows(rows: list[dict[str, Any]], sort_key: tuple[str, ...]) -> list[dict[str, Any]]:
    """Sort nested lists, nested keys and the rows themselves, so both stores give identical output."""
    out = [{k: _canon(v) for k, v in r.items()} for r in rows]
    key = sort_key or (tuple(out[0].keys()) if out else ())
    return sorted(out, key=lambda r: tuple(_sortable(r.get(k)) for k in key))


def _canon(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canon(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        items = [_canon(v) for v in value]
        if any(isinstance(v, dict | list) for v in items):
            return sorted(items, key=lambda v: repr(_sortable(v)))
        return sorted(items, key=_sortable)
    if isinstance(value, float) and value.is_integer():
        return value
    return value


def _sortable(value: Any) -> Any:
    if value is None:
        return (0, "")
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, int | float):
        return (2, value)
    if isinstance(value, dict):
        return (4, repr(sorted((k, _sortable(v)) for k, v in value.items())))
    if isinstance(value, list):
        return (5, repr([_sortable(v) for v in value]))
    return (3, str(value))
