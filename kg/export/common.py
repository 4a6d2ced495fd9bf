"""What every export format shares: label colours and captions, the attributes of the graph, a node and a
relationship, stable relationship ids, and where a writer writes (a file, a stream or a directory)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.errors import KGError
from kg.model import Label

Out = Path | str | IO[str]
Writer = Callable[[nx.MultiDiGraph, Any], Any]

# One colour per label: the HTML view, GEXF (Gephi) and the Neo4j Browser style file use the same.
LABEL_COLOURS: dict[Label, str] = {
    Label.DRUG: "#C990C0",
    Label.TARGET: "#F79767",
    Label.TRANSPORTER: "#57C7E3",
    Label.ALTERATION: "#F16667",
    Label.DISEASE: "#D9C8AE",
    Label.SITE: "#8DCC93",
    Label.TRIAL: "#ECB5C9",
    Label.PUBLICATION: "#4C8EDA",
    Label.CASE: "#FFC454",
    Label.TREATMENT_LINE: "#DA7194",
    Label.OBSERVATION: "#569480",
    Label.FINDING: "#7E57C2",
}
# What the views show on a node of these labels instead of its name (GraphML and GEXF `label`, the HTML view,
# Neo4j Browser): a treatment line's step names its line of therapy, where its name alone would read like the drug.
LABEL_CAPTIONS: dict[Label, str] = {Label.TREATMENT_LINE: "step"}


def label_of(value: Any) -> Label | None:
    """The schema label named `value`, or None."""
    try:
        return Label(value)
    except ValueError:
        return None


def rgb(colour: str) -> tuple[int, int, int]:
    """`#RRGGBB` as three integers."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def encode_list(value: list[Any]) -> str:
    """The one rule for formats without lists: compact JSON text, non-ASCII kept."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def edge_id(start: str, rel: str, end: str) -> str:
    """A stable relationship id: the same (start, type, end) has the same id in every export and slice."""
    digest = hashlib.sha256(f"{start}\t{rel}\t{end}".encode()).hexdigest()[:16]
    return f"oncokg:edge-{digest}"


def display_name(node_id: str, label: str, props: dict[str, Any]) -> str:
    """A node's `name` in every export, never empty: its name, else `<label> <id>`."""
    name = props.get("name")
    return str(name) if name else f"{label} {node_id}".strip()


def caption(node_id: str, data: dict[str, Any]) -> str:
    """What a tool shows on a node (data holds `label` and the properties): a treatment line's `step` (`line 2:
    crizotinib`: its name alone would read like the drug), else display_name."""
    label = str(data.get("label", ""))
    prop = LABEL_CAPTIONS.get(label_of(label))  # type: ignore[arg-type]
    if prop and data.get(prop):
        return str(data[prop])
    return display_name(node_id, label, data)


def graph_attributes(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the export is: `name` (a title), and where set the slice (`centre`, `depth`, `question`,
    `params`) and `source_fingerprint`, the fingerprint of the graph it was cut from."""
    out: dict[str, Any] = {"name": str(g.graph.get("title") or "OncoKG")}
    for k in ("centre", "depth", "question", "params", "source_fingerprint"):
        v = g.graph.get(k)
        if isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False, sort_keys=True)
        if isinstance(v, str | int | float | bool):
            out[k] = v
    return out


def node_attributes(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's attributes as every format writes them: id, labels, name (display_name: never empty), then the
    properties by name."""
    out: dict[str, Any] = {"id": node_id, "labels": label, "name": display_name(node_id, label, props)}
    out.update((k, props[k]) for k in sorted(props) if k != "name")
    return out


def edge_attributes(rel: str, props: dict[str, Any]) -> dict[str, Any]:
    """A relationship's attributes as every format writes them: type, then the properties by name."""
    out: dict[str, Any] = {"type": rel}
    out.update((k, props[k]) for k in sorted(props))
    return out


@contextmanager
def text_out(out: Out) -> Iterator[IO[str]]:
    """The text stream to write to: `out` itself, or the file at the path `out` (its directory must exist)."""
    if isinstance(out, str | Path):
        path = Path(out)
        if path.parent and not path.parent.exists():
            raise KGError(f"cannot write {path}: the directory {path.parent} does not exist")
        with path.open("w", encoding="utf-8", newline="\n") as f:
            yield f
    else:
        yield out


def directory(out: Out, fmt: str) -> Path:
    """The directory a format of several files writes into, made if missing; a one-line error for a stream."""
    if not isinstance(out, str | Path) or str(out) == "-":
        raise KGError(f"{fmt} writes several files: give a directory with -o DIRECTORY, not standard output")
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise KGError(f"{fmt} writes several files into a directory, but {path} is a file")
    path.mkdir(parents=True, exist_ok=True)
    return path


def json_text(value: Any) -> str:
    """Compact JSON, non-ASCII kept, no NaN."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def json_array(f: IO[str], items: Iterable[Any]) -> None:
    """A JSON array written item by item, one item a line."""
    f.write("[")
    for i, item in enumerate(items):
        f.write(",\n" if i else "\n")
        f.write(json_text(item))
    f.write("\n]")
