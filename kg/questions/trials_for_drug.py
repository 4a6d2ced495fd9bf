"""The question `trials-for-drug`: the trials that tested a drug, with their CNS findings, each with its own sources
and population labels."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import in_edges, name, source_refs, targets, verified_only
from kg.questions.findings import finding_line, finding_state, labels, population


def trials_for_drug(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `trials-for-drug`."""
    rows = []
    for trial, _ in in_edges(g, p["drug"], Rel.TESTED):
        t = g.nodes[trial]
        findings = []
        for finding, _ in in_edges(g, trial, Rel.FROM_TRIAL):
            f = g.nodes[finding]
            if not f["kind"].startswith("CNS"):
                continue
            drug = targets(g, finding, Rel.OF_DRUG)
            comparator = targets(g, finding, Rel.COMPARED_WITH)
            site = targets(g, finding, Rel.AT_SITE)
            findings.append({
                "finding": finding,
                "kind": f["kind"],
                "drug": name(g, drug[0]) if drug else None,
                "site": name(g, site[0]) if site else None,
                "metric": f["metric"],
                "value": f.get("value"),
                "value_text": f.get("value_text"),
                "unit": f.get("unit"),
                "n": f.get("n"),
                "denominator": f.get("denominator"),
                "comparator": name(g, comparator[0]) if comparator else None,
                "comparator_value": f.get("comparator_value"),
                "setting": f["setting"],
                "subgroup": f.get("subgroup"),
                "arm": f.get("arm"),
                "analysis": f.get("analysis"),
                "measure": f.get("measure"),
                "verified": f.get("verified", True),
                "state": finding_state(f),
                "sources": source_refs(g, f.get("sources", [])),
            })
        rows.append({
            "trial": t["name"],
            "trial_id": trial,
            "phase": t.get("phase"),
            "setting": t["setting"],
            "enrolled": t.get("enrolled"),
            "verified": t.get("verified", True),
            "drugs": sorted(name(g, d) for d in targets(g, trial, Rel.TESTED)),
            "trial_sources": source_refs(g, t.get("sources", [])),
            "findings": findings,
        })
    return rows


def trials_finish(rows: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """Unverified trials and findings are left out unless asked for."""
    out = []
    for row in rows:
        if not p["include_unverified"] and not row["verified"]:
            continue
        out.append({**row, "findings": verified_only(row["findings"], p["include_unverified"])})
    return out


def trial_finding_text(f: dict[str, Any]) -> str:
    flag = "UNVERIFIED " if not f["verified"] else ""
    return f"{flag}{f['kind']}, {f['drug'] or 'trial population'}: {finding_line(f)}{labels(f)}"


def trials_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The trial record itself, then one item per CNS finding, each with its own sources."""
    head = {k: row[k] for k in ("trial", "trial_id", "phase", "setting")}
    items = [{**head, "item": "trial", "text": f"{row['trial']}: tested {', '.join(row['drugs'])}",
              "verified": row["verified"], "sources": row["trial_sources"]}]
    items += [{**head, "item": "finding", "id": f["finding"], "text": trial_finding_text(f),
               "population": population(f), "verified": f["verified"], "sources": f["sources"]}
              for f in row["findings"]]
    return items


def trials_table(row: dict[str, Any]) -> dict[str, Any]:
    """One footnoted line for the trial record and one per CNS finding, with its population labels."""
    flag = "UNVERIFIED " if not row["verified"] else ""
    return {
        "trial": row["trial"],
        "phase": row["phase"] or "not reported",
        "setting": row["setting"],
        "enrolled": row["enrolled"] if row["enrolled"] is not None else "not reported",
        "evidence": [Cited(f"{flag}trial record: tested {', '.join(row['drugs'])}", row["trial_sources"])]
                    + [Cited(trial_finding_text(f), f["sources"]) for f in row["findings"]],
    }


TRIALS_FOR_DRUG = Question(
    id="trials-for-drug",
    title="Trials that tested a drug, with their CNS findings, each with its own sources and population labels",
    description=(
        "Every trial with a TESTED relationship to DRUG: phase, setting (prior therapy of its population), "
        "enrolment, the drugs it tested and the trial record's own sources, then its findings of a kind starting "
        "with 'CNS' (for any of its arms). Each finding is an item with its own sources and the labels that place "
        "its number: drug, site, metric, value, unit, n, denominator, comparator and comparator value, setting, "
        "subgroup, arm, analysis (data cut; interim, final or post hoc) and state ('response', 'no response' or "
        "'measured'). Unverified trials and findings are left out unless INCLUDE_UNVERIFIED is true."
    ),
    params=(
        Param("drug", str, "alectinib", "drug the trials tested (id, name or brand)"),
        Param("include_unverified", bool, False, "also list trials and findings that are not verified (flagged)"),
    ),
    memory=trials_for_drug,
    columns=("trial", "phase", "setting", "enrolled", "drugs", "findings"),
    resolve={"drug": (Label.DRUG.value,)},
    sort_key=("trial", "trial_id"),
    table=trials_table,
    items=trials_items,
    finish=trials_finish,
)
