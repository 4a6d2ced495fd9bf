"""The question `cns-penetration`: drugs ranked by CNS exposure, metric by metric (never mixing metrics or units)."""

from __future__ import annotations

from typing import Any, get_args

import networkx as nx

from kg.model import Finding, Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import name, nodes_with, source_refs, targets
from kg.questions.findings import number

SPECIES: tuple[str, ...] = ("any", *get_args(Finding.model_fields["species"].annotation))


def cns_penetration(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `cns-penetration`."""
    chosen = []
    for finding in nodes_with(g, Label.FINDING):
        f = g.nodes[finding]
        if f["kind"] != "CNS penetration" or p["species"] not in ("any", f.get("species")):
            continue
        if p["metric"] != "any" and p["metric"].lower() not in f["metric"].lower():
            continue
        chosen.append(finding)
    values: dict[tuple[str, str | None], list[float]] = {}
    for finding in chosen:
        f = g.nodes[finding]
        if f.get("value") is not None:
            values.setdefault((f["metric"], f.get("unit")), []).append(f["value"])
    rows = []
    for finding in chosen:
        f = g.nodes[finding]
        value = f.get("value")
        group = values.get((f["metric"], f.get("unit")), [])
        drug = targets(g, finding, Rel.OF_DRUG)
        site = targets(g, finding, Rel.AT_SITE)
        rows.append({
            "metric": f["metric"],
            "unit": f.get("unit"),
            "rank": None if value is None else 1 + sum(1 for v in group if v > value),
            "drug": name(g, drug[0]) if drug else None,
            "drug_id": drug[0] if drug else None,
            "finding": finding,
            "value": value,
            "value_text": f.get("value_text"),
            "species": f.get("species"),
            "n": f.get("n"),
            "setting": f["setting"],
            "site": name(g, site[0]) if site else None,
            "evidence": f["evidence"],
            "note": f.get("note"),
            "sources": source_refs(g, f.get("sources", [])),
        })
    return rows


def penetration_table(row: dict[str, Any]) -> dict[str, Any]:
    """One footnoted value per row, with its species, n and setting."""
    value = number(row["value"], None) if row["value"] is not None else (row["value_text"] or "not reported")
    return {
        "metric": row["metric"] + (f" ({row['unit']})" if row["unit"] else ""),
        "rank": row["rank"] if row["rank"] is not None else "unranked",
        "drug": row["drug"],
        "value": Cited(value, row["sources"]),
        "species": row["species"],
        "n": row["n"] if row["n"] is not None else "not reported",
        "setting": row["setting"],
    }


CNS_PENETRATION = Question(
    id="cns-penetration",
    title="Drugs ranked by CNS exposure, metric by metric (never mixing metrics or units)",
    description=(
        "Every Finding of kind 'CNS penetration' (optionally whose metric contains METRIC, of SPECIES), grouped by "
        "metric and unit and ranked within that group by value, highest first (ties share a rank; a finding "
        "reported only as text has no rank). Values of different metrics are never compared: CSF/total plasma, "
        "CSF/unbound plasma, brain/plasma and knockout/wild-type fold changes are different quantities, and a "
        "fold change ranks the transporter's effect, not penetration. Each row keeps species, n, setting, "
        "evidence level, note and every source with its kind."
    ),
    params=(
        Param("metric", str, "any", "'any', or text the metric must contain (case-insensitive), e.g. CSF"),
        Param("species", str, "any", "only findings in this species", SPECIES),
    ),
    memory=cns_penetration,
    columns=("metric", "unit", "rank", "drug", "value", "value_text", "species", "n", "evidence", "sources"),
    sort_key=("metric", "unit", "rank", "drug", "finding"),
    paged=True,
    table=penetration_table,
)
