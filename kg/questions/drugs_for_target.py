"""The question `drugs-for-target`: the drugs that inhibit a target, with the role, qualifier and sources of each
statement."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import DRUG_CLASSES, drug_row, in_edges, name, source_refs

TARGET_ROLES = ("primary", "secondary")


def target_statement(g: nx.MultiDiGraph, text: str) -> dict[str, Any]:
    """A stored drug–target statement ('sources | role | qualifier', absent parts left out) with its own sources."""
    ids, _, rest = text.partition(" | ")
    parts = rest.split(" | ") if rest else []
    role = parts[0] if parts and parts[0] in TARGET_ROLES else None
    qualifier = " | ".join(parts[1:] if role else parts) or None
    return {"role": role, "qualifier": qualifier, "sources": source_refs(g, ids.split(", "))}


def drugs_for_target(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `drugs-for-target`."""
    target = p["target"]
    rows = []
    for drug, data in in_edges(g, target, Rel.INHIBITS):
        d = g.nodes[drug]
        if p["drug_class"] not in ("any", d["drug_class"]):
            continue
        rows.append({
            **drug_row(g, drug),
            "generation": d.get("generation"),
            "target": name(g, target),
            "roles": data.get("roles", []),
            "statements": [target_statement(g, s) for s in data.get("statements", [])],
        })
    return rows


def target_table(row: dict[str, Any]) -> dict[str, Any]:
    """One footnoted line per statement: 'primary: <qualifier>'."""
    return {
        "drug": row["drug"],
        "drug_class": row["drug_class"],
        "generation": row["generation"],
        "statements": [Cited((s["role"] or "role not stated") + (f": {s['qualifier']}" if s["qualifier"] else ""),
                             s["sources"]) for s in row["statements"]],
    }


def target_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    head = {k: row[k] for k in ("drug", "drug_id", "drug_class", "target")}
    return [{**head, **s} for s in row["statements"]]


DRUGS_FOR_TARGET = Question(
    id="drugs-for-target",
    title="Drugs that inhibit a target, with the role, qualifier and sources of each statement",
    description=(
        "Every drug with an INHIBITS relationship to TARGET (optionally only drugs of DRUG_CLASS), with its class "
        "and generation, `roles` (the roles the sources give the target for it: primary, secondary) and "
        "`statements`, one per curated record: its role (null when the source does not say), its qualifier and its "
        "own sources (id, name, kind, verified, evidence level). A drug that inhibits the target only as a "
        "secondary target is listed too."
    ),
    params=(
        Param("target", str, "ALK", "target the drugs inhibit (id, symbol or synonym)"),
        Param("drug_class", str, "any", "only drugs of this class", DRUG_CLASSES),
    ),
    memory=drugs_for_target,
    columns=("drug", "drug_class", "generation", "roles"),
    resolve={"target": (Label.TARGET.value,)},
    sort_key=("drug", "drug_id"),
    table=target_table,
    items=target_items,
)
