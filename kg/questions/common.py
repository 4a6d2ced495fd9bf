"""Helpers shared by the in-memory implementations of questions (graph walking, sources with kinds)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from kg.models import Label, Rel


def out_edges(g: nx.MultiDiGraph, node: str, rel: Rel) -> Iterator[tuple[str, dict[str, Any]]]:
    """(end, props) of the `rel` relationships leaving `node`."""
    for _, end, key, data in g.out_edges(node, keys=True, data=True):
        if key == rel.value:
            yield end, data


def in_edges(g: nx.MultiDiGraph, node: str, rel: Rel) -> Iterator[tuple[str, dict[str, Any]]]:
    """(start, props) of the `rel` relationships arriving at `node`."""
    for start, _, key, data in g.in_edges(node, keys=True, data=True):
        if key == rel.value:
            yield start, data


def targets(g: nx.MultiDiGraph, node: str, rel: Rel) -> list[str]:
    return [end for end, _ in out_edges(g, node, rel)]


def nodes_with(g: nx.MultiDiGraph, label: Label) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d["label"] == label.value)


def site_and_parts(g: nx.MultiDiGraph, site: str) -> set[str]:
    """The site and every site PART_OF it, at any depth."""
    found = {site}
    frontier = [site]
    while frontier:
        current = frontier.pop()
        for start, _ in in_edges(g, current, Rel.PART_OF):
            if start not in found:
                found.add(start)
                frontier.append(start)
    return found


def source_refs(g: nx.MultiDiGraph, ids: Iterable[str]) -> list[dict[str, Any]]:
    """Each source id with its name and kind (a trial is of kind 'trial')."""
    out = []
    for s in sorted(set(ids)):
        data = g.nodes[s]
        kind = "trial" if data["label"] == Label.TRIAL.value else data.get("kind")
        out.append({"id": s, "name": data.get("name"), "kind": kind})
    return out


def name(g: nx.MultiDiGraph, node: str) -> str | None:
    return g.nodes[node].get("name")


def source_lines(sources: list[dict[str, Any]]) -> list[str]:
    """Sources as table lines: 'PMID:25205428 (animal study)'."""
    return [f"{s['id']} ({s['kind']})" for s in sources]
