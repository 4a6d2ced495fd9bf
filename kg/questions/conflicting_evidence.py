"""The question `conflicting-evidence`: where sources disagree about the same claim in the same system, and where
patients differ at a CNS site, with both sides and every item's own sources."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import PROGRESSION, RESPONSE, Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import DRUG_CLASSES, in_edges, name, nodes_with, source_refs, targets, verified_only
from kg.questions.findings import SUPPORTING_MEASURES
from kg.questions.transporters import statement_line, transporter_statements, with_claim

# The kinds of `conflicting-evidence`: two of sources in conflict, one of patients who differ.
TRANSPORTER_CONFLICT = "transporter substrate status"
RESISTANCE_CONFLICT = "transporter-mediated resistance"
CNS_HETEROGENEITY = "CNS response heterogeneity"


def population(item: dict[str, Any]) -> str:
    """'setting; subgroup: ...; arm: ...; analysis: ...' (what is given)."""
    parts = [item["setting"]] if item.get("setting") else []
    parts += [f"{k}: {item[k]}" for k in ("subgroup", "arm", "analysis") if item.get(k)]
    return "; ".join(parts)


def transporter_conflicts(g: nx.MultiDiGraph, drug: str, transporter: str, wanted: str) -> list[dict[str, Any]]:
    """Statements in the same system (system and species equal) that disagree: substrate against an asserted
    non-substrate, or 'confers resistance' against 'no resistance'."""
    statements = transporter_statements(g, drug, transporter)
    kinds = (
        (TRANSPORTER_CONFLICT, ("role", "substrate", "substrate"), ("role", "not substrate", "asserted negative")),
        (RESISTANCE_CONFLICT, ("resistance", "confers resistance", "confers resistance"),
         ("resistance", "no resistance", "no resistance")),
    )
    rows = []
    for system, species in sorted({(s["system"], s["species"]) for s in statements}, key=str):
        same = [s for s in statements if (s["system"], s["species"]) == (system, species)]
        for conflict, (pk, pv, pstate), (nk, nv, nstate) in kinds:
            yes = [s for s in same if s[pk] == pv]
            no = [s for s in same if s[nk] == nv]
            if wanted in ("any", conflict) and yes and no:
                rows.append({
                    "object": name(g, transporter), "object_id": transporter, "conflict": conflict,
                    "system": system, "species": species,
                    "positive": {"state": pstate, "items": yes}, "negative": {"state": nstate, "items": no},
                })
    return rows


def cns_items(g: nx.MultiDiGraph, drug: str) -> list[tuple[str, dict[str, Any]]]:
    """(site, item) for each CNS response finding with an outcome (not a time to or duration of response; with
    `verified`) and each case observation of the drug's lines classed response or progression, at a CNS site."""
    out = []
    for finding, _ in in_edges(g, drug, Rel.OF_DRUG):
        f = g.nodes[finding]
        if f.get("outcome") is None or f.get("measure") in SUPPORTING_MEASURES:
            continue
        for site in targets(g, finding, Rel.AT_SITE):
            if g.nodes[site].get("cns"):
                out.append((site, {
                    "evidence": finding, "kind": "finding",
                    "class": RESPONSE if f["outcome"] == "response" else "no response", "text": f["name"],
                    **{k: f.get(k) for k in ("value", "value_text", "unit", "n", "setting", "subgroup", "arm",
                                             "analysis")},
                    "months": None, "verified": f.get("verified", True),
                    "sources": source_refs(g, f.get("sources", [])),
                }))
    for line, _ in in_edges(g, drug, Rel.USED):
        for obs in targets(g, line, Rel.OBSERVED):
            o = g.nodes[obs]
            if o["response_class"] not in (RESPONSE, PROGRESSION):
                continue
            for site in targets(g, obs, Rel.AT_SITE):
                if g.nodes[site].get("cns"):
                    out.append((site, {
                        "evidence": obs, "kind": "case observation", "class": o["response_class"],
                        "text": f"{name(g, g.nodes[line]['case'])}: {o['name']}",
                        "value": None, "value_text": None, "unit": None, "n": None,
                        "setting": None, "subgroup": None, "arm": None, "analysis": None,
                        "months": o.get("months_after_start"), "verified": True,
                        "sources": source_refs(g, o.get("sources", [])),
                    }))
    return out


def conflicting_evidence(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `conflicting-evidence`."""
    rows = []
    for drug in nodes_with(g, Label.DRUG):
        if p["drug_class"] not in ("any", g.nodes[drug]["drug_class"]):
            continue
        subject = {"subject": name(g, drug), "subject_id": drug}
        if p["conflict"] in ("any", TRANSPORTER_CONFLICT, RESISTANCE_CONFLICT):
            for transporter in nodes_with(g, Label.TRANSPORTER):
                rows += [{**subject, **c} for c in transporter_conflicts(g, drug, transporter, p["conflict"])]
        if p["conflict"] in ("any", CNS_HETEROGENEITY):
            items = cns_items(g, drug)
            for site in sorted({s for s, _ in items}):
                yes = [i for s, i in items if s == site and i["class"] == RESPONSE]
                no = [i for s, i in items if s == site and i["class"] != RESPONSE]
                if yes and no:
                    rows.append({
                        **subject, "object": name(g, site), "object_id": site, "conflict": CNS_HETEROGENEITY,
                        "system": None, "species": None,
                        "positive": {"state": RESPONSE, "items": yes},
                        "negative": {"state": "progression or no response", "items": no},
                    })
    return rows


def conflict_finish(rows: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """The same for both stores: unverified findings left out unless INCLUDE_UNVERIFIED (a heterogeneity row left
    with one side only is dropped), and each transporter statement's claim in words."""
    def side(s: dict[str, Any]) -> dict[str, Any]:
        items = verified_only(s["items"], p["include_unverified"])
        return {**s, "items": [with_claim(i) if "role" in i else i for i in items]}
    out = []
    for row in rows:
        positive, negative = side(row["positive"]), side(row["negative"])
        if positive["items"] and negative["items"]:
            out.append({**row, "positive": positive, "negative": negative})
    return out


def side_lines(side: dict[str, Any]) -> list[Cited]:
    """One footnoted line per item of a side."""
    lines = []
    for i in side["items"]:
        if "claim" in i:
            lines.append(statement_line(i))
        else:
            where = population(i)
            flag = "" if i["verified"] else "UNVERIFIED "
            lines.append(Cited(f"{flag}{i['class']}: {i['text']}{item_value(i)}"
                               + (f"; population: {where}" if where else ""), i["sources"]))
    return lines


def item_value(item: dict[str, Any]) -> str:
    """': 50% (n=10)' for a finding, ' at 2 months' for a case observation, '' when neither is given."""
    if item.get("months") is not None:
        return f" at {item['months']:g} months"
    value = item.get("value")
    if value is None:
        return f": {item['value_text']}" if item.get("value_text") else ""
    text = f"{value:g}" + ("%" if item["unit"] == "%" else f" {item['unit']}" if item.get("unit") else "")
    return f": {text}" + (f" (n={item['n']})" if item.get("n") is not None else "")


def conflict_table(row: dict[str, Any]) -> dict[str, Any]:
    """Both sides, one footnoted line per item."""
    return {
        "subject": row["subject"],
        "object": row["object"],
        "conflict": row["conflict"],
        "one side": side_lines(row["positive"]),
        "other side": side_lines(row["negative"]),
    }


def conflict_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One item per statement, finding or observation of either side, with the side's state."""
    head = {k: row[k] for k in ("subject", "subject_id", "object", "object_id", "conflict", "system", "species")}
    return [{**head, "side": side["state"], **i} for side in (row["positive"], row["negative"]) for i in side["items"]]


CONFLICTING_EVIDENCE = Question(
    id="conflicting-evidence",
    title="Where sources disagree about the same claim in the same system, and where patients differ at a CNS site",
    description=(
        "Three kinds of row, each with both sides and every item with its own sources. Sources in conflict, "
        "between statements on one drug and transporter in the same system (their system and species are equal): "
        "'transporter substrate status' (substrate statements, side 'substrate', against asserted non-substrate "
        "statements, side 'asserted negative') and 'transporter-mediated resistance' (statements that the "
        "transporter 'confers resistance' against 'no resistance'); their items are the statements, with role, "
        "system, species, strength, resistance, qualifier and `claim`. Not a conflict of sources: 'CNS response "
        "heterogeneity', at one CNS site (the exact site, `cns: true`), different patients or populations given "
        "the drug responded (side 'response') or progressed or did not respond (side 'progression or no "
        "response'); its items are CNS findings with an outcome (never a time to or duration of "
        "response; with setting, subgroup, arm, analysis) and case observations classed response or progression "
        "(disease control is not the opposite of response, and is left out). Case observations count for every "
        "drug of their line. Unverified findings are left out unless INCLUDE_UNVERIFIED is true (then shown "
        "flagged, `verified` false)."
    ),
    params=(
        Param("conflict", str, "any", "kind of disagreement",
              ("any", TRANSPORTER_CONFLICT, RESISTANCE_CONFLICT, CNS_HETEROGENEITY)),
        Param("drug_class", str, "any", "only drugs of this class", DRUG_CLASSES),
        Param("include_unverified", bool, False, "also use findings that are not verified (shown flagged)"),
    ),
    memory=conflicting_evidence,
    columns=("subject", "object", "conflict", "system", "species"),
    sort_key=("conflict", "subject", "subject_id", "object_id", "system", "species"),
    paged=True,
    table=conflict_table,
    items=conflict_items,
    finish=conflict_finish,
)
