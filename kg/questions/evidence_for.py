"""The question `evidence-for`: all evidence for a drug at a site (findings, case observations and transporter
statements), each with its own sources."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import (claim_text, in_edges, name, nodes_with, out_edges, parse_statement, site_and_parts,
                                 source_refs, targets, verified_only)
from kg.questions.findings import finding_line, finding_state, labels
from kg.questions.transporters import TRANSPORTER_ROLES

# A transporter statement's state in `evidence-for`: the negative is asserted, never inferred.
TRANSPORTER_FACT_STATES = {"substrate": "substrate", "not substrate": "asserted negative",
                           "inhibitor": "inhibitor", "inducer": "inducer"}


def evidence_for(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `evidence-for`."""
    drug, area, wanted = p["drug"], site_and_parts(g, p["site"]), p["evidence"]
    rows = []
    if wanted in ("any", "findings"):
        for finding, _ in in_edges(g, drug, Rel.OF_DRUG):
            f = g.nodes[finding]
            trial = targets(g, finding, Rel.FROM_TRIAL)
            for site in targets(g, finding, Rel.AT_SITE):
                if site not in area:
                    continue
                rows.append({
                    "kind": f["kind"], "state": finding_state(f), "evidence": finding, "name": f["name"],
                    "site": name(g, site), "verified": f.get("verified", True),
                    "detail": {"metric": f["metric"], "value": f.get("value"), "value_text": f.get("value_text"),
                               "unit": f.get("unit"), "n": f.get("n"), "setting": f["setting"],
                               "subgroup": f.get("subgroup"), "arm": f.get("arm"), "analysis": f.get("analysis"),
                               "measure": f.get("measure"), "species": f.get("species"),
                               "trial": name(g, trial[0]) if trial else None},
                    "sources": source_refs(g, f.get("sources", [])),
                })
    if wanted in ("any", "cases"):
        for line, _ in in_edges(g, drug, Rel.USED):
            ln = g.nodes[line]
            for obs in targets(g, line, Rel.OBSERVED):
                o = g.nodes[obs]
                for site in targets(g, obs, Rel.AT_SITE):
                    if site not in area:
                        continue
                    rows.append({
                        "kind": "case observation",
                        "state": o["response_class"],
                        "evidence": obs,
                        "name": f"{name(g, ln['case'])}, {ln['step']}",
                        "site": name(g, site),
                        "verified": True,
                        "detail": {"case": ln["case"], "step": ln["step"], "therapy_line": ln.get("therapy_line"),
                                   "response": o["response"], "months": o.get("months_after_start"),
                                   "note": o.get("note")},
                        "sources": source_refs(g, o.get("sources", [])),
                    })
    if wanted in ("any", "transporters"):
        for transporter in nodes_with(g, Label.TRANSPORTER):
            roles = set()
            for rel, role in TRANSPORTER_ROLES.items():
                for end, data in out_edges(g, drug, rel):
                    if end != transporter:
                        continue
                    roles.add(role)
                    for text in data.get("statements", []):
                        st = parse_statement(text)
                        rows.append({
                            "kind": "transporter", "state": TRANSPORTER_FACT_STATES[role], "evidence": transporter,
                            "name": name(g, transporter), "site": None, "verified": True,
                            "detail": {"role": role, **{k: st[k] for k in STATEMENT_DETAIL}},
                            "sources": source_refs(g, st["sources"]),
                        })
            if not roles & {"substrate", "not substrate"}:
                rows.append({
                    "kind": "transporter", "state": "not assessed", "evidence": transporter,
                    "name": name(g, transporter), "site": None, "verified": True,
                    "detail": {"role": None, **{k: None for k in STATEMENT_DETAIL}},
                    "sources": [],
                })
    return rows


STATEMENT_DETAIL = ("system", "species", "strength", "resistance", "qualifier")


def evidence_finish(rows: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """Unverified findings are left out unless asked for."""
    return verified_only(rows, p["include_unverified"])


def evidence_text(row: dict[str, Any]) -> str:
    """The detail of one row as one readable line."""
    d = row["detail"]
    if row["kind"] == "transporter":
        return f"{row['name']}: {claim_text(d['role'], d)}" if d["role"] else f"{row['name']}: no substrate statement"
    if row["kind"] == "case observation":
        return d["response"] + (f" at {d['months']:g} months" if d["months"] is not None else "") + \
            (f"; note: {d['note']}" if d.get("note") else "")
    flag = "UNVERIFIED " if not row["verified"] else ""
    return flag + finding_line(d) + labels(d) + (f", {d['trial']}" if d["trial"] else "") + \
        f" ({d['setting']}" + (f", {d['species']}" if d.get("species") and d["species"] != "human" else "") + ")"


def evidence_table(row: dict[str, Any]) -> dict[str, Any]:
    """One footnoted line per row."""
    return {
        "kind": row["kind"],
        "state": row["state"],
        "evidence": row["name"],
        "site": row["site"],
        "detail": Cited(evidence_text(row), row["sources"]),
    }


EVIDENCE_FOR = Question(
    id="evidence-for",
    title="All evidence for a drug at a site: findings, case observations and transporter statements, each with its own sources",
    description=(
        "For DRUG at SITE (every site PART_OF it counts): its findings at the site (kind as curated; state "
        "'response', 'no response' or 'measured' (no outcome, e.g. penetration); with setting, subgroup, arm, "
        "analysis and species); case observations at the site after a line using the drug (kind 'case "
        "observation'; state its class: response, disease control, progression or not assessed; named by the "
        "line of therapy, never the step number); and its transporter statements, which hold for every site "
        "(kind 'transporter', one row per curated statement with its system, species, strength and its own "
        "sources; state 'substrate', 'asserted negative', 'inhibitor', 'inducer', or 'not assessed' when nothing "
        "says whether it is a substrate). Unverified findings are left out unless INCLUDE_UNVERIFIED is true."
    ),
    params=(
        Param("drug", str, "alectinib", "drug (id, name or brand)"),
        Param("site", str, "central nervous system", "site; every site PART_OF it counts (id, name or synonym)"),
        Param("evidence", str, "any", "evidence to list", ("any", "findings", "cases", "transporters")),
        Param("include_unverified", bool, False, "also list findings that are not verified (flagged)"),
    ),
    memory=evidence_for,
    columns=("kind", "state", "name", "site", "detail"),
    resolve={"drug": (Label.DRUG.value,), "site": (Label.SITE.value,)},
    sort_key=("kind", "evidence", "state", "detail"),
    table=evidence_table,
    finish=evidence_finish,
)
