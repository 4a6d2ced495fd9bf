"""The identity of a graph: its fingerprint (one line per node and relationship, hashed in order), its rows, and
its counts per label and relationship type."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx


def canonical(nodes: Iterable[tuple[str, str, dict]], edges: Iterable[tuple[str, str, str, dict]]) -> str:
    """Fingerprint of a graph given as (id, label, props) and (start, type, end, props) tuples.

    Both stores call this on what they hold, so equal fingerprints mean equal graphs.
    """
    h = hashlib.sha256()
    for node_id, label, properties in sorted(nodes, key=lambda n: n[0]):
        h.update(node_line(node_id, label, properties).encode())
        h.update(b"\n")
    h.update(b"--\n")
    for start, rel, end, properties in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        h.update(edge_line(start, rel, end, properties).encode())
        h.update(b"\n")
    return h.hexdigest()


_LINE = json.JSONEncoder(sort_keys=True, ensure_ascii=True).encode  # json.dumps(..., sort_keys=True), made once


def node_line(node_id: str, label: str, properties: dict[str, Any]) -> str:
    """A node's line of the fingerprint (`canonical` hashes these in order of id)."""
    return _LINE([node_id, label, _canon(properties)])


def edge_line(start: str, rel: str, end: str, properties: dict[str, Any]) -> str:
    """A relationship's line of the fingerprint (`canonical` hashes these in order of (start, type, end))."""
    return _LINE([start, rel, end, _canon(properties)])


def _canon(properties: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in properties.items():
        if k in ("id", "type", "label"):
            continue
        if isinstance(v, list):
            v = sorted(v, key=lambda x: (str(type(x)), x))
        elif isinstance(v, float) and v.is_integer():
            v = float(v)
        out[k] = v
    return out


def node_rows(g: nx.MultiDiGraph) -> Iterable[tuple[str, str, dict]]:
    for node_id, data in g.nodes(data=True):
        yield node_id, data["label"], {k: v for k, v in data.items() if k != "label"}


def edge_rows(g: nx.MultiDiGraph) -> Iterable[tuple[str, str, str, dict]]:
    for u, v, key, data in g.edges(keys=True, data=True):
        yield u, key, v, {k: val for k, val in data.items() if k != "type"}


def fingerprint(g: nx.MultiDiGraph) -> str:
    return canonical(node_rows(g), edge_rows(g))


def counts(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Counts per label and per relationship type, sorted by name."""
    labels = Counter(data["label"] for _, data in g.nodes(data=True))
    rels = Counter(key for _, _, key in g.edges(keys=True))
    return {"labels": dict(sorted(labels.items())), "relationships": dict(sorted(rels.items()))}
