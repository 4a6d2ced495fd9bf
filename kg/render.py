"""One renderer for every command that prints rows: table, json, jsonl, csv."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv")

# Keys left out of table cells (they stay in json, jsonl and csv).
_HIDDEN_IN_TABLE = {"observation", "state", "finding", "sources"}


def render(rows: list[dict[str, Any]], fmt: str = "table", columns: tuple[str, ...] | list[str] = ()) -> str:
    """Rows as text. json/jsonl/csv keep every field; table shows `columns` (default: all)."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    keys = list(columns) or _keys(rows)
    if fmt == "csv":
        buf = io.StringIO()
        fields = _keys(rows)
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _csv_cell(r.get(k)) for k in fields})
        return buf.getvalue().rstrip("\n")
    if fmt == "table":
        return _table(rows, keys)
    raise ValueError(f"unknown format {fmt!r}")


def _keys(rows: list[dict[str, Any]]) -> list[str]:
    keys: list[str] = []
    for r in rows:
        keys.extend(k for k in r if k not in keys)
    return keys


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _cell_lines(value: Any) -> list[str]:
    if value is None:
        return [""]
    if isinstance(value, list):
        lines = [line for item in value for line in _cell_lines(item)]
        return lines or [""]
    if isinstance(value, dict):
        if "id" in value and "kind" in value:
            return [f"{value['id']} ({value['kind']})"]
        parts = [_scalar(v) for k, v in value.items() if k not in _HIDDEN_IN_TABLE and v not in (None, [], "")]
        return ["; ".join(parts)]
    return [_scalar(value)]


def _scalar(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _table(rows: list[dict[str, Any]], keys: list[str]) -> str:
    if not rows:
        return "(no rows)"
    cells = [[_cell_lines(r.get(k)) for k in keys] for r in rows]
    widths = [max([len(k)] + [len(line) for row in cells for line in row[i]]) for i, k in enumerate(keys)]
    sep = "  "
    out = [sep.join(k.ljust(w) for k, w in zip(keys, widths)).rstrip(), sep.join("-" * w for w in widths)]
    for row in cells:
        height = max(len(c) for c in row)
        for i in range(height):
            out.append(sep.join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(row, widths)).rstrip())
    return "\n".join(out)
