"""Questions about CNS activity of targeted drugs: the flagship `alk-cns-after-crizotinib`."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.models import Label, Rel
from kg.questions.catalogue import Param, Question
from kg.questions.common import in_edges, name, nodes_with, out_edges, site_and_parts, source_refs, targets

TRANSPORTER_STATES = ("not substrate", "substrate", "conflicting", "not assessed", "any")


def transporter_state(g: nx.MultiDiGraph, drug: str, transporter: str) -> tuple[str, list[str]]:
    """Asserted non-substrate, substrate, both (conflicting), or no edge at all (not assessed)."""
    negative = [d for end, d in out_edges(g, drug, Rel.NOT_SUBSTRATE_OF) if end == transporter]
    positive = [d for end, d in out_edges(g, drug, Rel.SUBSTRATE_OF) if end == transporter]
    sources = sorted({s for d in negative + positive for s in d.get("sources", [])})
    if negative and positive:
        return "conflicting", sources
    if negative:
        return "not substrate", sources
    if positive:
        return "substrate", sources
    return "not assessed", sources


def line_path(g: nx.MultiDiGraph, first: str, last: str) -> str:
    """'3. crizotinib -> 4. whole-brain radiotherapy -> 5. alectinib' from one line to a later one."""
    steps = [first]
    while steps[-1] != last:
        nxt = targets(g, steps[-1], Rel.NEXT)
        if not nxt:
            break
        steps.append(nxt[0])
    return " -> ".join(f"{g.nodes[s]['order']}. {g.nodes[s]['name']}" for s in steps)


def case_evidence(g: nx.MultiDiGraph, drug: str, prior: str, area: set[str]) -> list[dict[str, Any]]:
    """Observations at a site of `area` after a line using `drug` that follows a line using `prior`."""
    out = []
    prior_lines = {line for line, _ in in_edges(g, prior, Rel.USED)}
    for line, _ in in_edges(g, drug, Rel.USED):
        order = g.nodes[line]["order"]
        case = g.nodes[line]["case"]
        earlier = [p for p in prior_lines if g.nodes[p]["case"] == case and g.nodes[p]["order"] < order]
        if not earlier:
            continue
        first = min(earlier, key=lambda p: g.nodes[p]["order"])
        for obs in targets(g, line, Rel.OBSERVED):
            for site in targets(g, obs, Rel.AT_SITE):
                if site not in area:
                    continue
                o = g.nodes[obs]
                out.append({
                    "case": case,
                    "observation": obs,
                    "path": line_path(g, first, line),
                    "site": name(g, site),
                    "response": o["response"],
                    "months": o.get("months_after_start"),
                    "state": "response" if o["responded"] else "tested without effect",
                    "sources": o.get("sources", []),
                })
    return out


def finding_evidence(g: nx.MultiDiGraph, drug: str, prior: str, area: set[str]) -> list[dict[str, Any]]:
    """CNS response findings of `drug` in a population pretreated with `prior`, at a site of `area`."""
    out = []
    for finding, _ in in_edges(g, drug, Rel.OF_DRUG):
        f = g.nodes[finding]
        if f["kind"] != "CNS response" or prior not in targets(g, finding, Rel.AFTER):
            continue
        sites = [s for s in targets(g, finding, Rel.AT_SITE) if s in area]
        if not sites:
            continue
        trial = targets(g, finding, Rel.FROM_TRIAL)
        out.append({
            "finding": finding,
            "name": f["name"],
            "metric": f["metric"],
            "value": f.get("value"),
            "value_text": f.get("value_text"),
            "unit": f.get("unit"),
            "n": f.get("n"),
            "denominator": f.get("denominator"),
            "setting": f["setting"],
            "site": name(g, sites[0]),
            "trial": name(g, trial[0]) if trial else None,
            "evidence": f["evidence"],
            "state": "response" if f["outcome"] == "response" else "tested without effect",
            "sources": f.get("sources", []),
        })
    return out


def alk_cns_after_crizotinib(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `alk-cns-after-crizotinib`."""
    target, transporter, prior, site = p["target"], p["transporter"], p["prior_drug"], p["site"]
    area = site_and_parts(g, site)
    rows = []
    for drug in nodes_with(g, Label.DRUG):
        if drug == prior or target not in targets(g, drug, Rel.INHIBITS):
            continue
        state, transporter_sources = transporter_state(g, drug, transporter)
        if p["transporter_state"] not in ("any", state):
            continue
        cases = case_evidence(g, drug, prior, area) if p["evidence"] in ("any", "cases") else []
        findings = finding_evidence(g, drug, prior, area) if p["evidence"] in ("any", "findings") else []
        evidence = cases + findings
        if p["outcome"] == "response":
            evidence = [e for e in evidence if e["state"] == "response"]
            cases = [e for e in cases if e["state"] == "response"]
            findings = [e for e in findings if e["state"] == "response"]
        if not evidence:
            continue
        cns_state = "response" if any(e["state"] == "response" for e in evidence) else "tested without effect"
        sources = set(transporter_sources) | {s for e in evidence for s in e["sources"]}
        rows.append({
            "drug": name(g, drug),
            "drug_id": drug,
            "transporter": name(g, transporter),
            "transporter_state": state,
            "transporter_sources": transporter_sources,
            "cns_state": cns_state,
            "cases": [{k: v for k, v in e.items() if k != "sources"} for e in cases],
            "findings": [{k: v for k, v in e.items() if k != "sources"} for e in findings],
            "sources": source_refs(g, sources),
        })
    return rows


def _number(value: Any, unit: str | None) -> str:
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else str(value)
    return f"{text}%" if unit == "%" else f"{text} {unit}" if unit else text


def flagship_table(row: dict[str, Any]) -> dict[str, Any]:
    """The flagship row as a terminal reads it: one line per piece of evidence."""
    cases = [
        f"{c['path']}: {c['site']} {c['response']}" + (f" at {c['months']:g} months" if c["months"] is not None else "")
        for c in row["cases"]
    ]
    findings = [
        f"{f['name']}: {_number(f['value'], f['unit']) or f['value_text']}" + (f" (n={f['n']})" if f["n"] is not None else "")
        for f in row["findings"]
    ]
    return {
        "drug": row["drug"],
        f"{row['transporter']}": row["transporter_state"],
        "CNS": row["cns_state"],
        "evidence": cases + findings,
        "sources": [f"{s['id']} ({s['kind']})" for s in row["sources"]],
    }


ALK_CNS_AFTER_CRIZOTINIB = Question(
    id="alk-cns-after-crizotinib",
    title="Inhibitors of a target that evade a transporter and show a CNS response after a prior drug",
    description=(
        "Drugs inhibiting TARGET whose role for TRANSPORTER is TRANSPORTER_STATE (by default an asserted "
        "non-substrate, never a missing edge), with a response at SITE or any site part of it, seen after "
        "PRIOR_DRUG: in a case (a later line than the prior drug, an observation at the site) or in a finding "
        "of a population pretreated with the prior drug. Each row lists the case paths and findings it rests "
        "on, and every source with its kind."
    ),
    params=(
        Param("target", str, "ALK", "target the drugs inhibit (id, symbol or synonym)"),
        Param("transporter", str, "ABCB1", "efflux transporter (id, symbol or synonym, e.g. P-gp, BCRP)"),
        Param("prior_drug", str, "crizotinib", "drug the response must come after (id, name or brand)"),
        Param("site", str, "central nervous system", "site; every site PART_OF it counts (id, name or synonym)"),
        Param("transporter_state", str, "not substrate", "the drug's transporter role to require", TRANSPORTER_STATES),
        Param("evidence", str, "any", "evidence to use", ("any", "cases", "findings")),
        Param("outcome", str, "response", "'response' keeps responses only; 'any' also shows tested without effect",
              ("response", "any")),
    ),
    memory=alk_cns_after_crizotinib,
    columns=("drug", "transporter_state", "cns_state", "cases", "findings", "sources"),
    resolve={
        "target": (Label.TARGET.value,),
        "transporter": (Label.TRANSPORTER.value,),
        "prior_drug": (Label.DRUG.value,),
        "site": (Label.SITE.value,),
    },
    sort_key=("drug",),
    table=flagship_table,
)


QUESTIONS: tuple[Question, ...] = (ALK_CNS_AFTER_CRIZOTINIB,)
