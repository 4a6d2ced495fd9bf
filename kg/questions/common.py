"""Helpers shared by the in-memory implementations of questions (graph walking, sources with kinds, drugs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, get_args

import networkx as nx

from kg.model import Drug, Label, Rel


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
    """Each source id with its name, kind, whether it was verified and its evidence level (a trial is of kind
    'trial', with no evidence level). The Cypher files build the same maps (see docs/questions-brief.md)."""
    out = []
    for s in sorted(set(ids)):
        data = g.nodes[s]
        trial = data["label"] == Label.TRIAL.value
        out.append({"id": s, "name": data.get("name"), "kind": "trial" if trial else data.get("kind"),
                    "verified": data.get("verified", True), "evidence": None if trial else data.get("evidence")})
    return out


STATEMENT_PARTS = ("sources", "system", "species", "strength", "resistance", "qualifier")


def parse_statement(text: str) -> dict[str, Any]:
    """A stored transporter statement ('sources | system | species | strength | resistance | qualifier', '-' when
    absent, see kg.graph.build.transporter_statement) as a dict; absent parts are None, sources a list of ids."""
    parts = dict(zip(STATEMENT_PARTS, text.split(" | ", len(STATEMENT_PARTS) - 1)))
    out: dict[str, Any] = {k: (None if v == "-" else v) for k, v in parts.items()}
    out["sources"] = parts["sources"].split(", ") if parts.get("sources") else []
    return out


def claim_text(role: str, statement: dict[str, Any]) -> str:
    """'weak substrate (in vitro, mouse only)': a transporter role with its strength, system and species."""
    head = f"{statement['strength']} {role}" if statement.get("strength") else role
    system = statement.get("system")
    where = [] if not system else ["system not reported"] if system == "not reported" else [system]
    species = statement.get("species")
    if species == "mouse" or species == "rat":
        where.append(f"{species} only")
    elif species:
        where.append(species)
    if statement.get("resistance"):
        where.append(statement["resistance"])
    return f"{head} ({', '.join(where)})" if where else head


def name(g: nx.MultiDiGraph, node: str) -> str | None:
    return g.nodes[node].get("name")


def verified_only(items: list[dict[str, Any]], include_unverified: bool) -> list[dict[str, Any]]:
    """Items whose own record (a finding, a trial) is verified, unless unverified ones are asked for. A source's
    own `verified` flag (e.g. a case report whose citation is unknown) is shown beside it, not used to drop it."""
    if include_unverified:
        return items
    return [i for i in items if i.get("verified", True)]


# The choices of a `drug_class` parameter: 'any', or a class of the model.
DRUG_CLASSES: tuple[str, ...] = ("any", *get_args(Drug.model_fields["drug_class"].annotation))


def drug_row(g: nx.MultiDiGraph, drug: str) -> dict[str, Any]:
    """The columns that name a drug in a row: its name, id and class."""
    d = g.nodes[drug]
    return {"drug": d["name"], "drug_id": drug, "drug_class": d["drug_class"]}
