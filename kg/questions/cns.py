"""Questions about CNS activity of targeted drugs: the flagship `alk-cns-after-crizotinib`, CNS penetration
ranked metric by metric, the trials of a drug with their CNS findings, and all evidence for a drug at a site."""

from __future__ import annotations

from typing import Any, get_args

import networkx as nx

from kg.model import Finding, Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import (claim_text, in_edges, name, nodes_with, out_edges, parse_statement, site_and_parts,
                                 source_refs, targets, verified_only)
from kg.questions.drugs import TRANSPORTER_ROLES, substrate_state, transporter_statements

TRANSPORTER_STATES = ("not substrate", "substrate", "conflicting", "not assessed", "any")

# Findings that describe responders rather than count them: shown as supporting detail, never counted.
SUPPORTING_MEASURES = ("time to response", "duration of response")


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


def _number(value: Any, unit: str | None) -> str:
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else str(value)
    return f"{text}%" if unit == "%" else f"{text} {unit}" if unit else text


def population(f: dict[str, Any]) -> str:
    """'crizotinib-refractory; subgroup: measurable CNS disease; arm: ...; analysis: ...' (what is given)."""
    parts = [f["setting"]] + [f"{k}: {f[k]}" for k in ("subgroup", "arm", "analysis") if f.get(k)]
    return "; ".join(parts)


def finding_value(f: dict[str, Any]) -> str:
    text = _number(f["value"], f["unit"]) or f.get("value_text") or "not reported"
    return text + (f" (n={f['n']})" if f.get("n") is not None else "")


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


# --------------------------------------------------------------------------- shared by the questions below


def finding_state(f: dict[str, Any]) -> str:
    """'response' or 'no response' for a finding with an outcome, else 'measured'."""
    outcome = f.get("outcome")
    if outcome is None:
        return "measured"
    return "response" if outcome == "response" else "no response"


SPECIES: tuple[str, ...] = ("any", *get_args(Finding.model_fields["species"].annotation))

# A transporter statement's state in `evidence-for`: the negative is asserted, never inferred.
TRANSPORTER_FACT_STATES = {"substrate": "substrate", "not substrate": "asserted negative",
                           "inhibitor": "inhibitor", "inducer": "inducer"}


# --------------------------------------------------------------------------- cns-penetration


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
    value = _number(row["value"], None) if row["value"] is not None else (row["value_text"] or "not reported")
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
    table=penetration_table,
)


# --------------------------------------------------------------------------- trials-for-drug


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


def finding_line(f: dict[str, Any]) -> str:
    """'metric: 54.2% (n=24)' with the comparator's value when there is one."""
    line = f"{f['metric']}: {_number(f['value'], f['unit']) or f['value_text'] or 'not reported'}"
    if f.get("n") is not None:
        line += f" (n={f['n']})"
    if f.get("comparator") and f.get("comparator_value") is not None and f.get("value") is not None:
        line += f" vs {f['comparator']} {_number(f['comparator_value'], f['unit'])}"
    return line


def labels(f: dict[str, Any]) -> str:
    """'; subgroup: ...; arm: ...; analysis: ...': the population labels a number belongs to, where given."""
    return "".join(f"; {k}: {f[k]}" for k in ("subgroup", "arm", "analysis") if f.get(k))


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


# --------------------------------------------------------------------------- evidence-for


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


QUESTIONS: tuple[Question, ...] = (ALK_CNS_AFTER_CRIZOTINIB, CNS_PENETRATION, TRIALS_FOR_DRUG, EVIDENCE_FOR)
