"""One renderer for every command that prints rows: table, json, jsonl, csv.

Tables footnote evidence: a cell line that is a `Cited` prints as 'text [1][3]', and the numbered sources are
listed once under the table, as a paper does, so no source ever stands beside a line it does not support.

A table is plain text sized to its cells unless a `Display` asks for a width (long cells are then wrapped to fit)
or colour; those are drawn by rich. The CLI asks for the terminal's width and colour on a terminal, for
$COLUMNS when it is set and output is not a terminal, and for no colour when NO_COLOR is set."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from kg.errors import one_line
from kg.questions.catalogue import Cited, Question

FORMATS = ("table", "json", "jsonl", "csv")


@dataclass(frozen=True)
class Display:
    """How a table is shown: wrapped to `width` characters (None: as wide as its cells), in colour or not."""

    width: int | None = None
    color: bool = False


PLAIN = Display()

# Keys left out of table cells (they stay in json, jsonl and csv).
_HIDDEN_IN_TABLE = {"observation", "state", "finding", "sources"}


def render(rows: list[dict[str, Any]], fmt: str = "table", columns: tuple[str, ...] | list[str] = (),
           display: Display = PLAIN) -> str:
    """Rows as text. json/jsonl/csv keep every field; table shows `columns` (default: all), as `display` says."""
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
        return _table(rows, keys, display)
    raise ValueError(f"unknown format {fmt!r}")


def render_answer(rows: list[dict[str, Any]], question: Question, fmt: str = "table",
                  columns: tuple[str, ...] | list[str] = (), display: Display = PLAIN) -> str:
    """A question's rows: a table through its `table` view (footnoted), one line per evidence item in csv and
    jsonl (its `items`), the nested rows in json."""
    if fmt == "table" and question.table:
        return render([question.table(r) for r in rows], fmt, display=display)
    if fmt in ("csv", "jsonl") and question.items:
        return render([item for r in rows for item in question.items(r)], fmt)
    return render(rows, fmt, columns, display)


def source_note(number: int, source: dict[str, Any]) -> str:
    """'[2] PMID:29668860  Novello 2018, Ann Oncol (trial; primary)', with 'not verified' when it is not."""
    about = [source.get("kind"), source.get("evidence")]
    if source.get("verified") is False:
        about.append("not verified")
    detail = "; ".join(a for a in about if a)
    name = f"  {source['name']}" if source.get("name") else ""
    return f"[{number}] {source['id']}{name}" + (f" ({detail})" if detail else "")


class _Notes:
    """Footnote numbers of a table, in order of first use."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.sources: list[dict[str, Any]] = []

    def marks(self, sources: list[dict[str, Any]]) -> str:
        out = []
        for source in sources:
            if source["id"] not in self.numbers:
                self.numbers[source["id"]] = len(self.numbers) + 1
                self.sources.append(source)
            out.append(f"[{self.numbers[source['id']]}]")
        return "".join(sorted(set(out), key=lambda m: int(m[1:-1])))

    def lines(self) -> list[str]:
        return [source_note(i + 1, s) for i, s in enumerate(self.sources)]


def _keys(rows: list[dict[str, Any]]) -> list[str]:
    keys: list[str] = []
    for r in rows:
        keys.extend(k for k in r if k not in keys)
    return keys


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _cell_lines(value: Any, notes: _Notes | None = None) -> list[str]:
    if value is None:
        return [""]
    if isinstance(value, Cited):
        marks = notes.marks(value.sources) if notes is not None else ""
        return [f"{value.text} {marks}".rstrip()]
    if isinstance(value, list):
        lines = [line for item in value for line in _cell_lines(item, notes)]
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
    return one_line(str(value))


def _table(rows: list[dict[str, Any]], keys: list[str], display: Display = PLAIN) -> str:
    if not rows:
        return "(no rows)"
    notes = _Notes()
    cells = [[_cell_lines(r.get(k), notes) for k in keys] for r in rows]
    widths = [max([len(k)] + [len(line) for row in cells for line in row[i]]) for i, k in enumerate(keys)]
    sep = "  "
    fits = display.width is None or sum(widths) + len(sep) * (len(widths) - 1) <= display.width
    if fits and not display.color:
        out = [sep.join(k.ljust(w) for k, w in zip(keys, widths)).rstrip(), sep.join("-" * w for w in widths)]
        for row in cells:
            height = max(len(c) for c in row)
            for i in range(height):
                out.append(sep.join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(row, widths)).rstrip())
    else:
        out = _drawn(keys, cells, widths, display.width or sum(widths) + len(sep) * len(widths), display.color)
    if notes.sources:
        out += ["", "Sources:"] + notes.lines()
    return "\n".join(out)


def _drawn(keys: list[str], cells: list[list[list[str]]], widths: list[int], width: int, color: bool) -> list[str]:
    """The table's lines drawn by rich: the plain layout (a dashed rule under the header, two spaces between
    columns), long cells wrapped at spaces to fit `width`, wider content getting more of it (columns share the
    width in proportion to the square root of their natural width); with `color`, a bold header and coloured
    footnote marks (ANSI)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    squeezed = sum(widths) + len(widths) > width  # rich shares the width by the ratios only when it expands
    table = Table(box=_rule_box(), show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold" if color else "", collapse_padding=True, expand=squeezed)
    for key, natural in zip(keys, widths):
        short = natural <= 12  # short cells keep their width; longer ones share the rest
        table.add_column(key, overflow="fold", ratio=None if short else round(natural ** 0.5),
                         min_width=natural if short else None, no_wrap=short)
    for row in cells:
        texts = []
        for lines in row:
            text = Text("\n".join(lines))  # Text, not markup: '[1]' stays as it is
            if color:
                text.highlight_regex(r"\[\d+\]", "cyan")
            texts.append(text)
        table.add_row(*texts)
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, markup=False, emoji=False, legacy_windows=False,
                      _environ={})  # width and colour come from `display` only, never from the environment
    console.print(table)
    return [line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n")]


def _rule_box() -> Any:
    from rich.box import Box

    # Eight lines of four characters (left, line, divider, right): only the rule under the header is drawn.
    return Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)
