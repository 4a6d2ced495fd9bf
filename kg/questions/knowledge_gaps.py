"""The question `knowledge-gaps`: what the graph does not know about each drug of a class (open world: no edge means
unknown)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import Label, Rel
from kg.questions.catalogue import Param, Question
from kg.questions.common import DRUG_CLASSES, drug_row, in_edges, name, nodes_with, targets

# The exact strings of `knowledge-gaps` (besides '<transporter symbol> substrate status', one per transporter, and
# 'CNS response evidence after <prior drug>' for drugs of the prior drug's class).
PENETRATION_GAP = "CNS penetration finding"
RESPONSE_GAP = "CNS response evidence"


def has_cns_case_observation(g: nx.MultiDiGraph, drug: str) -> bool:
    """Whether any case observation at a CNS site (`cns: true`) follows a line that used the drug."""
    return any(
        g.nodes[site].get("cns")
        for line, _ in in_edges(g, drug, Rel.USED)
        for obs in targets(g, line, Rel.OBSERVED)
        for site in targets(g, obs, Rel.AT_SITE)
    )


def first_use(g: nx.MultiDiGraph, drug: str) -> dict[str, int]:
    """Case id -> the order of its first line using the drug."""
    first: dict[str, int] = {}
    for line, _ in in_edges(g, drug, Rel.USED):
        ln = g.nodes[line]
        first[ln["case"]] = min(first.get(ln["case"], ln["order"]), ln["order"])
    return first


def has_cns_evidence_after(g: nx.MultiDiGraph, drug: str, prior: str, prior_first: dict[str, int]) -> bool:
    """Whether a CNS response finding of the drug at a CNS site is in a population pretreated with `prior`, or a
    case observation at a CNS site follows a line with the drug that comes after a line with `prior`
    (`prior_first`: see first_use)."""
    for finding, _ in in_edges(g, drug, Rel.OF_DRUG):
        if (g.nodes[finding]["kind"] == "CNS response" and prior in targets(g, finding, Rel.AFTER)
                and any(g.nodes[s].get("cns") for s in targets(g, finding, Rel.AT_SITE))):
            return True
    for line, _ in in_edges(g, drug, Rel.USED):
        ln = g.nodes[line]
        if ln["case"] in prior_first and prior_first[ln["case"]] < ln["order"] and any(
                g.nodes[site].get("cns") for obs in targets(g, line, Rel.OBSERVED)
                for site in targets(g, obs, Rel.AT_SITE)):
            return True
    return False


def knowledge_gaps(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `knowledge-gaps`."""
    prior = p["prior_drug"]
    prior_first = first_use(g, prior)
    rows = []
    for drug in nodes_with(g, Label.DRUG):
        drug_class = g.nodes[drug]["drug_class"]
        if p["drug_class"] not in ("any", drug_class):
            continue
        substrate_ends = set(targets(g, drug, Rel.SUBSTRATE_OF)) | set(targets(g, drug, Rel.NOT_SUBSTRATE_OF))
        finding_kinds = {g.nodes[f]["kind"] for f, _ in in_edges(g, drug, Rel.OF_DRUG)}
        checks = [(f"{name(g, t)} substrate status", t in substrate_ends) for t in nodes_with(g, Label.TRANSPORTER)]
        checks.append((PENETRATION_GAP, "CNS penetration" in finding_kinds))
        checks.append((RESPONSE_GAP, "CNS response" in finding_kinds or has_cns_case_observation(g, drug)))
        if drug != prior and drug_class == g.nodes[prior]["drug_class"]:
            known = has_cns_evidence_after(g, drug, prior, prior_first)
            checks.append((f"{RESPONSE_GAP} after {name(g, prior)}", known))
        rows.append({
            **drug_row(g, drug),
            "missing": sorted(what for what, known in checks if not known),
            "known": sorted(what for what, known in checks if known),
        })
    return rows


def gap_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One line per check: what, and whether the graph holds it ('missing' or 'known'). A gap has no sources."""
    head = {k: row[k] for k in ("drug", "drug_id", "drug_class")}
    return [{**head, "what": what, "state": state}
            for state, whats in (("missing", row["missing"]), ("known", row["known"])) for what in whats]


KNOWLEDGE_GAPS = Question(
    id="knowledge-gaps",
    title="What the graph does not know about each drug of a class (open world: no edge means unknown)",
    description=(
        "One row per drug of DRUG_CLASS; `missing` lists what the graph holds nothing about, `known` the rest, "
        "as these exact strings: '<transporter symbol> substrate status' for each transporter (e.g. 'ABCB1 "
        "substrate status': no SUBSTRATE_OF or NOT_SUBSTRATE_OF relationship; an inhibitor or inducer statement "
        "does not count), 'CNS penetration finding' (no Finding of kind 'CNS penetration' of the drug), "
        "'CNS response evidence' (no Finding of kind 'CNS response' of the drug, whatever its outcome, and no case "
        "observation at a CNS site after a line using the drug), and, for drugs of PRIOR_DRUG's class other than "
        "it, 'CNS response evidence after <prior drug>' (no CNS response finding at a CNS site in a population "
        "pretreated with it, and no case observation at a CNS site after a line with the drug that follows a line "
        "with it). A gap means not assessed, never 'no'."
    ),
    params=(
        Param("drug_class", str, "ALK inhibitor", "only drugs of this class ('any' for all)", DRUG_CLASSES),
        Param("prior_drug", str, "crizotinib",
              "prior drug of the 'CNS response evidence after' check (id, name or brand)"),
    ),
    memory=knowledge_gaps,
    columns=("drug", "drug_class", "missing"),
    resolve={"prior_drug": (Label.DRUG.value,)},
    sort_key=("drug", "drug_id"),
    paged=True,
    items=gap_items,
)
