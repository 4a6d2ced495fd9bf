"""The import files of `neo4j-admin database import full`: typed headers, cells, file names, and the files of one
graph written from its nodes and relationships (what `kg export -f neo4j-csv` and `kg load --bulk` write)."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, TypedDict

from kg.errors import KGError

# Between the items of an array value. Not `;` (neo4j-admin's default): our qualifiers and statements use it.
# U+001F (the ASCII unit separator) is meant for exactly this; the writer refuses any value containing it.
NEO4J_ARRAY_DELIMITER = "\x1f"

NodeItem = tuple[str, str, dict[str, Any]]  # id, label, properties (no nulls)
EdgeItem = tuple[str, str, str, dict[str, Any]]  # start, type, end, properties (no nulls)


class Neo4jCsvFiles(TypedDict):
    """What `write_files` wrote, in the shape `neo4j-admin database import full` wants."""

    nodes: list[tuple[str, Path]]
    relationships: list[tuple[str, Path]]
    array_delimiter: str
    multiline_fields: bool


def neo4j_type(value: Any, where: str) -> str | None:
    """The header type of a value (`long`, `double`, `boolean`, `string`, or an array of one); None for an
    empty list, which neo4j-admin cannot store (the property is left out)."""
    if isinstance(value, list):
        if not value:
            return None
        kinds = {neo4j_type(v, where) for v in value}
        if len(kinds) != 1:
            raise KGError(f"{where}: a list mixes {' and '.join(sorted(map(str, kinds)))}; Neo4j arrays hold one type")
        return f"{kinds.pop()}[]"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    raise KGError(f"{where}: a {type(value).__name__} cannot be a Neo4j property")


_LONG = range(-(2**63), 2**63)


def neo4j_scalar(value: Any, where: str, quote: bool = True) -> str:
    """One value as a cell (or as an item of an array cell, unquoted)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value not in _LONG:
            raise KGError(f"{where}: {value} does not fit a Neo4j integer")
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    text = str(value)
    if NEO4J_ARRAY_DELIMITER in text:
        raise KGError(f"{where}: the value contains U+001F, the array delimiter of the import files")
    return '"' + text.replace('"', '""') + '"' if quote else text


def neo4j_cell(value: Any, where: str) -> str:
    """A property's cell: empty for a null or an empty list, an array joined by NEO4J_ARRAY_DELIMITER."""
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        items = NEO4J_ARRAY_DELIMITER.join(neo4j_scalar(v, where, quote=False) for v in value)
        return '"' + items.replace('"', '""') + '"'
    return neo4j_scalar(value, where)


def header_name(name: str, where: str) -> str:
    """A property name as a column name, or a one-line error when it cannot be one."""
    if not name or any(c in name for c in ',:"\n\r'):
        raise KGError(f"{where}: property name {name!r} cannot be a column of the import files")
    return name


def file_name(prefix: str, name: str, part: int) -> str:
    """`nodes-<Label>.csv`, `relationships-<TYPE>-2.csv`, ...: the file of one label or type (part 0, 1, ...)."""
    safe = re.sub(r"[^A-Za-z0-9_]", "_", name) or "_"
    return f"{prefix}-{safe}{'' if part == 0 else f'-{part + 1}'}.csv"


def _groups(types: dict[str, dict[str, set[str]]]) -> dict[str, tuple[dict[str, str], list[str]]]:
    """Per label (or type): the property types, and the properties whose type varies (their rows are split
    into separate files, one per combination, so that every value keeps its own type)."""
    out = {}
    for name, props in types.items():
        fixed = {p: next(iter(t)) for p, t in props.items() if len(t) == 1}
        varying = sorted(p for p, t in props.items() if len(t) > 1)
        out[name] = (fixed, varying)
    return out


def write_files(nodes: Callable[[], Iterable[NodeItem]], edges: Callable[[], Iterable[EdgeItem]],
                directory: Path) -> Neo4jCsvFiles:
    """CSV files for `neo4j-admin database import full` in `directory`, one per label (`nodes-<Label>.csv`) and
    per relationship type (`relationships-<TYPE>.csv`). `nodes()` and `edges()` give the graph's items; each is
    called twice (a pass to learn the types, a pass to write), and must give the same items both times.

    Nodes: `id:ID` (one global id space; also stored as the `id` property), `:LABEL`, then one typed column per
    property (`name:string`, `year:long`, `value:double`, `cns:boolean`, `sources:string[]`). Relationships:
    `:START_ID`, `:END_ID`, `:TYPE`, then the properties. Every value keeps its type: a property whose type
    differs between nodes of one label splits them into `nodes-<Label>-2.csv`, ... Strings are quoted (`""`
    inside), arrays are joined by U+001F (`array_delimiter` of the result; pass it as `--array-delimiter`),
    a null is an empty unquoted cell. An empty list is left out: neo4j-admin cannot store one (Neo4j
    issue 13566). `multiline_fields` says whether some value has a line break (then pass
    `--multiline-fields=true`). Returns the files with their label or type.
    """
    node_types: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    edge_types: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    multiline = False

    def see(table: dict[str, set[str]], props: dict[str, Any], where: str) -> None:
        nonlocal multiline
        for k, v in props.items():
            kind = neo4j_type(v, f"{where}: {k}")
            if kind is not None:
                table[header_name(k, where)].add(kind)
            if any(isinstance(x, str) and ("\n" in x or "\r" in x) for x in (v if isinstance(v, list) else [v])):
                multiline = True

    for node_id, label, props in nodes():
        see(node_types[label], props, f"node {node_id}")
    for start, rel, end, props in edges():
        see(edge_types[rel], props, f"relationship {start} -[{rel}]-> {end}")

    groups = {"nodes": _groups(node_types), "relationships": _groups(edge_types)}
    result: Neo4jCsvFiles = {"nodes": [], "relationships": [], "array_delimiter": NEO4J_ARRAY_DELIMITER,
                             "multiline_fields": multiline}
    with ExitStack() as stack:
        files: dict[tuple[str, str], list[tuple[tuple[str | None, ...], IO[str], list[str]]]] = defaultdict(list)

        def file_for(kind: str, name: str, props: dict[str, Any], where: str) -> tuple[IO[str], list[str]]:
            """The file of this label or type that fits the types of `props` (a property it lacks fits any),
            opened with its header when none does yet."""
            fixed, varying = groups[kind][name]
            sig = tuple(neo4j_type(props[p], where) if p in props else None for p in varying)
            for have, f, order in files[kind, name]:
                if all(t is None or t == h for t, h in zip(sig, have)):
                    return f, order
            seen = (node_types if kind == "nodes" else edge_types)[name]
            full = tuple(t or sorted(seen[p])[0] for t, p in zip(sig, varying))
            columns = dict(fixed)
            columns.update(zip(varying, full))
            order = sorted(columns)
            path = directory / file_name(kind, name, len(files[kind, name]))
            f = stack.enter_context(path.open("w", encoding="utf-8", newline=""))
            head = ["id:ID", ":LABEL"] if kind == "nodes" else [":START_ID", ":END_ID", ":TYPE"]
            f.write(",".join(head + [f"{p}:{columns[p]}" for p in order]) + "\n")
            files[kind, name].append((full, f, order))
            result[kind].append((name, path))  # type: ignore[literal-required]
            return f, order

        for node_id, label, props in nodes():
            where = f"node {node_id}"
            f, order = file_for("nodes", label, props, where)
            cells = [neo4j_scalar(node_id, where), label] + [neo4j_cell(props.get(p), f"{where}: {p}") for p in order]
            f.write(",".join(cells) + "\n")
        for start, rel, end, props in edges():
            where = f"relationship {start} -[{rel}]-> {end}"
            f, order = file_for("relationships", rel, props, where)
            cells = [neo4j_scalar(start, where), neo4j_scalar(end, where), rel]
            cells += [neo4j_cell(props.get(p), f"{where}: {p}") for p in order]
            f.write(",".join(cells) + "\n")
    for kind in ("nodes", "relationships"):
        result[kind].sort(key=lambda item: (item[0], str(item[1])))  # type: ignore[literal-required]
    return result
