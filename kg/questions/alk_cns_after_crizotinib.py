"""The flagship question `alk-cns-after-crizotinib`: inhibitors of a target that evade a transporter and show a CNS
response after a prior drug, each drug with its evidence or why it is not included."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import (claim_text, in_edges, name, nodes_with, site_and_parts, source_refs, targets,
                                 verified_only)
from kg.questions.findings import SUPPORTING_MEASURES, finding_value, population
from kg.questions.transporters import substrate_state, transporter_statements

TRANSPORTER_STATES = ("not substrate", "substrate", "conflicting", "not assessed", "any")


def substrate_statements(g: nx.MultiDiGraph, drug: str, transporter: str) -> list[dict[str, Any]]:
    """Each curated statement that the drug is, or is not, a substrate of the transporter, with its own sources."""
    return [st for st in transporter_statements(g, drug, transporter) if st["role"] in ("substrate", "not substrate")]


def line_path(g: nx.MultiDiGraph, first: str, last: str) -> str:
    """'line 2: crizotinib -> whole-brain radiotherapy, after line 2 -> line 3: alectinib', from one line to a
    later one, by the lines' step texts (never their position in the history). The members of a group given in
    an unknown order between the two are one part: '[line 2 or 3 (order not reported): a; ... : b]'."""
    lo, hi = g.nodes[first]["order"], g.nodes[last]["order"]
    case = g.nodes[first]["case"]
    between = sorted((s for s in targets(g, case, Rel.HAD_LINE) if lo < g.nodes[s]["order"] < hi),
                     key=lambda s: (g.nodes[s]["order"], s))
    parts: list[list[str]] = [[g.nodes[first]["step"]]]
    orders = [lo]
    for step in between:
        if g.nodes[step]["order"] == orders[-1]:
            parts[-1].append(g.nodes[step]["step"])
        else:
            parts.append([g.nodes[step]["step"]])
            orders.append(g.nodes[step]["order"])
    if last != first:
        parts.append([g.nodes[last]["step"]])
    return " -> ".join(p[0] if len(p) == 1 else "[" + "; ".join(p) + "]" for p in parts)


def case_evidence(g: nx.MultiDiGraph, drug: str, prior: str, area: set[str]) -> list[dict[str, Any]]:
    """Observations at a site of `area` after a line using `drug` that follows a line using `prior`, whatever
    their class (response, disease control, progression)."""
    out = []
    prior_lines = {line for line, _ in in_edges(g, prior, Rel.USED)}
    for line, _ in in_edges(g, drug, Rel.USED):
        order = g.nodes[line]["order"]
        case = g.nodes[line]["case"]
        earlier = [p for p in prior_lines if g.nodes[p]["case"] == case and g.nodes[p]["order"] < order]
        if not earlier:
            continue
        first = min(earlier, key=lambda p: (g.nodes[p]["order"], p))
        for obs in targets(g, line, Rel.OBSERVED):
            for site in targets(g, obs, Rel.AT_SITE):
                if site not in area:
                    continue
                o = g.nodes[obs]
                out.append({
                    "case": case,
                    "series": next(iter(targets(g, case, Rel.IN_SERIES)), None),
                    "observation": obs,
                    "path": line_path(g, first, line),
                    "site": name(g, site),
                    "response": o["response"],
                    "class": o["response_class"],
                    "months": o.get("months_after_start"),
                    "patients": o.get("patients"),
                    "of": o.get("of"),
                    "note": o.get("note"),
                    "sources": source_refs(g, o.get("sources", [])),
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
            "subgroup": f.get("subgroup"),
            "arm": f.get("arm"),
            "analysis": f.get("analysis"),
            "measure": f.get("measure"),
            "site": name(g, sites[0]),
            "trial": name(g, trial[0]) if trial else None,
            "evidence": f["evidence"],
            "verified": f.get("verified", True),
            "class": "response" if f["outcome"] == "response" else "no response",
            "sources": source_refs(g, f.get("sources", [])),
        })
    return out


def alk_cns_after_crizotinib(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `alk-cns-after-crizotinib`: every drug inhibiting the target, with its
    substrate statements and all its CNS evidence after the prior drug (`flagship_finish` decides inclusion)."""
    target, transporter, prior, site = p["target"], p["transporter"], p["prior_drug"], p["site"]
    area = site_and_parts(g, site)
    rows = []
    for drug in nodes_with(g, Label.DRUG):
        if target not in targets(g, drug, Rel.INHIBITS):
            continue
        statements = substrate_statements(g, drug, transporter)
        rows.append({
            "drug": name(g, drug),
            "drug_id": drug,
            "prior_drug": name(g, prior),
            "is_prior": drug == prior,
            "transporter": name(g, transporter),
            "transporter_state": substrate_state({st["role"] for st in statements}),
            "transporter_statements": statements,
            "cases": [] if drug == prior else case_evidence(g, drug, prior, area),
            "findings": [] if drug == prior else finding_evidence(g, drug, prior, area),
        })
    return rows


def counted(item: dict[str, Any]) -> bool:
    """A response rate or a case observation counts as evidence; a time to or duration of response does not."""
    return item.get("measure") not in SUPPORTING_MEASURES


def cns_summary(cases: list[dict[str, Any]], findings: list[dict[str, Any]]) -> str:
    """'response in 6 findings and 1 case; progression in 1 case; 3 supporting details' (never 'response' alone
    when the graph holds progression or no response for the same drug and prior therapy). A series counts its
    patients, said to be series-level: 'response in 1 case and 3 of 4 patients of a series (series-level)'."""
    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    parts = []
    for cls in ("response", "disease control", "progression", "no response"):
        nf = sum(1 for f in findings if f["class"] == cls and counted(f))
        series = sorted({(c["case"], c["patients"], c["of"]) for c in cases
                         if c["class"] == cls and c.get("of") is not None})
        pooled = {sid for sid, _, _ in series}
        nc = len({c["case"] for c in cases if c["class"] == cls and c.get("of") is None
                  and c.get("series") not in pooled})  # a patient of a series counted there is not counted again
        if nf or nc or series:
            what = [plural(nf, "finding")] * bool(nf) + [plural(nc, "case")] * bool(nc)
            for sid, p, n in series:
                alone = len({c["case"] for c in cases if c["class"] == cls and c.get("series") == sid})
                also = f"; {alone} of them also described individually" if alone else ""
                what.append(f"{p} of {n} patients of a series (series-level{also})")
            parts.append(f"{cls} in {' and '.join(what)}")
    detail = sum(1 for f in findings if not counted(f))
    if detail:
        parts.append(plural(detail, "supporting detail"))
    return "; ".join(parts) or "none loaded"


def flagship_finish(rows: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """Derived fields, the same for both stores: unverified evidence dropped unless asked for, the CNS summary,
    the transporter claim in words, and for each drug whether it answers the question or why not."""
    out = []
    for row in rows:
        cases = [c for c in row["cases"] if p["evidence"] in ("any", "cases")]
        findings = [f for f in row["findings"] if p["evidence"] in ("any", "findings")]
        cases = verified_only(cases, p["include_unverified"])
        findings = verified_only(findings, p["include_unverified"])
        responses = [e for e in cases + findings if e["class"] == "response" and counted(e)]
        why = []
        if row["is_prior"]:
            why.append("the prior drug itself")
        else:
            if p["transporter_state"] not in ("any", row["transporter_state"]):
                why.append(f"{row['transporter']}: {transporter_claim(row)}")
            if not cases and not findings:
                hidden = len(row["cases"]) + len(row["findings"])
                why.append(f"only unverified {row['prior_drug']}-pretreated CNS evidence (include_unverified=true "
                           "shows it)" if hidden else
                           f"no {row['prior_drug']}-pretreated CNS finding or case loaded (not assessed)")
            elif p["outcome"] == "response" and not responses:
                why.append(f"no CNS response after {row['prior_drug']} in the graph: {cns_summary(cases, findings)}")
        out.append({
            **{k: v for k, v in row.items() if k not in ("cases", "findings", "is_prior")},
            "transporter_claim": transporter_claim(row),
            "included": not why,
            "why_not": "; ".join(why) or None,
            "cns": cns_summary(cases, findings),
            "cases": cases,
            "findings": findings,
        })
    return out


def transporter_claim(row: dict[str, Any]) -> str:
    """'not substrate (in vitro, human); not substrate (label)': each distinct claim with its system."""
    claims = sorted({claim_text(st["role"], st) for st in row["transporter_statements"]})
    return "; ".join(claims) or "not assessed (no statement)"


def case_line(c: dict[str, Any]) -> str:
    """The observation with its class and, where the curator wrote one, its note (e.g. a curator's inference)."""
    months = f" at {c['months']:g} months" if c.get("months") is not None else ""
    note = f"; note: {c['note']}" if c.get("note") else ""
    return f"{c['path']}: {c['site']} {c['response']}{months} ({c['class']}){note}"


def flagship_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One item per transporter statement, case observation and finding, each with its own sources."""
    head = {k: row[k] for k in ("drug", "drug_id", "included", "transporter", "transporter_state")}
    items = [{**head, "item": "transporter statement", "text": f"{row['transporter']}: {claim_text(st['role'], st)}",
              "detail": st["qualifier"], "sources": st["sources"]} for st in row["transporter_statements"]]
    items += [{**head, "item": "case observation", "id": c["observation"], "class": c["class"], "text": case_line(c),
               "detail": c.get("note"), "sources": c["sources"]} for c in row["cases"]]
    items += [{**head, "item": "finding" if counted(f) else "supporting detail", "id": f["finding"],
               "class": f["class"], "text": f"{f['name']}: {finding_value(f)}", "detail": population(f),
               "verified": f["verified"], "sources": f["sources"]} for f in row["findings"]]
    return items


def flagship_table(row: dict[str, Any]) -> dict[str, Any]:
    """The flagship row as a terminal reads it: one footnoted line per piece of evidence, or why not."""
    lines: list[Any] = []
    for item in flagship_items(row):
        prefix = "" if item["item"] in ("finding", "case observation", "transporter statement") else f"{item['item']}: "
        if item.get("verified") is False:
            prefix = "UNVERIFIED " + prefix
        population = item["item"] in ("finding", "supporting detail") and item.get("detail")
        text = prefix + item["text"] + (f"; population: {item['detail']}" if population else "")
        lines.append(Cited(text, item["sources"]))
    if not row["included"]:
        lines = [f"not included: {row['why_not']}"]
    return {
        "drug": row["drug"],
        row["transporter"]: row["transporter_claim"],
        f"CNS after {row['prior_drug']}": row["cns"],
        "evidence": lines,
    }


ALK_CNS_AFTER_CRIZOTINIB = Question(
    id="alk-cns-after-crizotinib",
    title="Inhibitors of a target that evade a transporter and show a CNS response after a prior drug",
    description=(
        "Every drug inhibiting TARGET, included when its role for TRANSPORTER is TRANSPORTER_STATE (by default an "
        "asserted non-substrate, never a missing statement) and it has CNS evidence at SITE (or a site PART_OF it) "
        "after PRIOR_DRUG: a case observation in a later line than the prior drug, or a CNS response finding in a "
        "population pretreated with it. A drug that is not included says why not. Each transporter statement, "
        "case observation and finding is an item with its own sources (verified flag and evidence level), its "
        "system (in vitro, animal, patients, label) or its population (setting, subgroup, arm, analysis), and its "
        "class: response, disease control, progression (cases) or response / no response (findings). Times to "
        "and durations of response describe responders and are supporting detail, never counted. Unverified "
        "evidence is left out unless INCLUDE_UNVERIFIED is true."
    ),
    params=(
        Param("target", str, "ALK", "target the drugs inhibit (id, symbol or synonym)"),
        Param("transporter", str, "ABCB1", "efflux transporter (id, symbol or synonym, e.g. P-gp, BCRP)"),
        Param("prior_drug", str, "crizotinib", "drug the response must come after (id, name or brand)"),
        Param("site", str, "central nervous system", "site; every site PART_OF it counts (id, name or synonym)"),
        Param("transporter_state", str, "not substrate", "the drug's transporter role to require", TRANSPORTER_STATES),
        Param("evidence", str, "any", "evidence to use", ("any", "cases", "findings")),
        Param("outcome", str, "response", "'response' includes drugs with a counted CNS response; 'any' drugs with "
              "any CNS evidence", ("response", "any")),
        Param("include_unverified", bool, False, "also use evidence that is not verified (shown flagged)"),
    ),
    memory=alk_cns_after_crizotinib,
    columns=("drug", "transporter_claim", "cns", "included", "why_not"),
    resolve={
        "target": (Label.TARGET.value,),
        "transporter": (Label.TRANSPORTER.value,),
        "prior_drug": (Label.DRUG.value,),
        "site": (Label.SITE.value,),
    },
    sort_key=("drug", "drug_id"),
    table=flagship_table,
    items=flagship_items,
    finish=flagship_finish,
)
