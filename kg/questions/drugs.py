"""Questions about drugs and what is known (or not) of them: targets, transporter roles, gaps, conflicts.

Every statement, finding and observation an answer lists is an item with its own `sources`; tables print each
item as a footnoted line (`Cited`) and csv/jsonl give one line per item (`items`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

import networkx as nx

from kg.model import PROGRESSION, RESPONSE, TRANSPORTER_ROLE_REL, Drug, Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import (claim_text, in_edges, name, nodes_with, out_edges, parse_statement, source_refs,
                                 targets, verified_only)

DRUG_CLASSES: tuple[str, ...] = ("any", *get_args(Drug.model_fields["drug_class"].annotation))

# A drug's role for a transporter, by relationship type: 'substrate', 'not substrate', 'inhibitor', 'inducer'.
TRANSPORTER_ROLES: dict[Rel, str] = {rel: kind.value for kind, rel in TRANSPORTER_ROLE_REL.items()}

# The state of what is known of a drug's substrate status for one transporter.
SUBSTRATE_STATES = ("conflicting", "substrate", "not substrate", "inhibitor/inducer only", "not assessed")

# The exact strings of `knowledge-gaps` (besides '<transporter symbol> substrate status', one per transporter, and
# 'CNS response evidence after <prior drug>' for drugs of the prior drug's class).
PENETRATION_GAP = "CNS penetration finding"
RESPONSE_GAP = "CNS response evidence"

# The kinds of `conflicting-evidence`: two of sources in conflict, one of patients who differ.
TRANSPORTER_CONFLICT = "transporter substrate status"
RESISTANCE_CONFLICT = "transporter-mediated resistance"
CNS_HETEROGENEITY = "CNS response heterogeneity"

# Findings that describe responders (times to and durations of response): never counted as response evidence.
SUPPORTING_MEASURES = ("time to response", "duration of response")


@dataclass(frozen=True)
class AnyOrEntity(Param):
    """An entity parameter that also takes 'any' (no restriction). 'any' binds as None, which is never resolved."""

    def parse(self, value: Any, question: str) -> Any:
        if isinstance(value, str) and value.strip().lower() == "any":
            return None
        return super().parse(value, question)


def substrate_state(roles: list[str] | set[str]) -> str:
    """'conflicting' (substrate and asserted not), 'substrate', 'not substrate', 'inhibitor/inducer only', 'not assessed'."""
    if "substrate" in roles and "not substrate" in roles:
        return "conflicting"
    if "substrate" in roles:
        return "substrate"
    if "not substrate" in roles:
        return "not substrate"
    return "inhibitor/inducer only" if roles else "not assessed"


def transporter_statements(g: nx.MultiDiGraph, drug: str, transporter: str) -> list[dict[str, Any]]:
    """Each curated statement of the drug's role for the transporter, as stored on its edge: role, system,
    species, strength, resistance, qualifier and its own sources (`with_claim` adds the claim in words)."""
    out = []
    for rel, role in TRANSPORTER_ROLES.items():
        for end, data in out_edges(g, drug, rel):
            if end == transporter:
                for text in data.get("statements", []):
                    st = parse_statement(text)
                    out.append({"role": role, **st, "sources": source_refs(g, st["sources"])})
    return out


def with_claim(statement: dict[str, Any]) -> dict[str, Any]:
    """The statement with `claim`: 'weak substrate (in vitro, mouse only)' (role, strength, system, species)."""
    return {**statement, "claim": claim_text(statement["role"], statement)}


def system_text(statement: dict[str, Any]) -> str:
    """'in vitro, mouse only': a statement's system and species, worded as in its claim ('' when neither is given)."""
    return claim_text("", {"system": statement["system"], "species": statement["species"]}).strip()[1:-1]


def statement_line(statement: dict[str, Any]) -> Cited:
    """'weak substrate (in vitro, mouse only): <qualifier>' with the statement's own sources."""
    return Cited(f"{statement['claim']}: {statement['qualifier']}", statement["sources"])


def drug_row(g: nx.MultiDiGraph, drug: str) -> dict[str, Any]:
    d = g.nodes[drug]
    return {"drug": d["name"], "drug_id": drug, "drug_class": d["drug_class"]}


def population(item: dict[str, Any]) -> str:
    """'setting; subgroup: ...; arm: ...; analysis: ...' (what is given)."""
    parts = [item["setting"]] if item.get("setting") else []
    parts += [f"{k}: {item[k]}" for k in ("subgroup", "arm", "analysis") if item.get(k)]
    return "; ".join(parts)


# --------------------------------------------------------------------------- drugs-for-target

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


# --------------------------------------------------------------------------- transporter-profile


def transporter_profile(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `transporter-profile`."""
    transporters = [t for t in nodes_with(g, Label.TRANSPORTER) if p["transporter"] in (None, t)]
    rows = []
    for drug in nodes_with(g, Label.DRUG):
        if p["drug_class"] not in ("any", g.nodes[drug]["drug_class"]):
            continue
        for transporter in transporters:
            statements = transporter_statements(g, drug, transporter)
            roles = sorted({s["role"] for s in statements})
            if p["state"] not in ("any", substrate_state(roles)):
                continue
            rows.append({
                **drug_row(g, drug),
                "transporter": name(g, transporter),
                "transporter_id": transporter,
                "roles": roles,
                "state": substrate_state(roles),
                "statements": statements,
            })
    return rows


def profile_finish(rows: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """Each statement's claim in words, and the systems the substrate state rests on, the same for both stores."""
    return [{
        **row,
        "statements": [with_claim(s) for s in row["statements"]],
        "state_systems": sorted({system_text(s) for s in row["statements"]
                                 if s["role"] in ("substrate", "not substrate")} - {""}),
    } for row in rows]


def profile_table(row: dict[str, Any]) -> dict[str, Any]:
    """One footnoted line per statement, its own sources beside it."""
    systems = "; ".join(row["state_systems"])
    return {
        "drug": row["drug"],
        "transporter": row["transporter"],
        "state": row["state"] + (f" ({systems})" if systems else ""),
        "statements": [statement_line(s) for s in row["statements"]],
    }


def profile_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One item per statement; a drug and transporter with none is one item, 'not assessed', with no sources."""
    head = {k: row[k] for k in ("drug", "drug_id", "transporter", "transporter_id", "state")}
    return [{**head, **s} for s in row["statements"]] or [{**head, "sources": []}]


TRANSPORTER_PROFILE = Question(
    id="transporter-profile",
    title=("Every drug's role for P-gp (ABCB1) and BCRP (ABCG2), statement by statement, including what was never "
           "assessed"),
    description=(
        "One row per drug and transporter (every transporter of the graph, or TRANSPORTER), also when no "
        "relationship joins them. `roles` lists the roles stated (substrate, not substrate, inhibitor, inducer); "
        "`state` sums up substrate status over every system: 'conflicting' (some statement says substrate and "
        "another asserts not, whatever their systems; `conflicting-evidence` lists those in the same system), "
        "'substrate', 'not substrate' (asserted negative), 'inhibitor/inducer only' (no substrate statement), or "
        "'not assessed' (no relationship at all; unknown, never 'no'); `state_systems` the systems and species of the "
        "substrate and non-substrate statements it rests on (e.g. 'in vitro, mouse only'). STATE keeps rows in one "
        "state. "
        "`statements` holds each curated record: role, system (in vitro, animal, patients, label), species, "
        "strength (weak, modest), resistance ('confers resistance', 'no resistance'), qualifier, its own sources, "
        "and `claim`, e.g. 'weak substrate (in vitro, mouse only)'."
    ),
    params=(
        AnyOrEntity("transporter", str, None,
                    "'any' (default: every transporter, i.e. ABCB1 and ABCG2) or one (id, symbol or synonym, e.g. P-gp, BCRP)"),
        Param("drug_class", str, "any", "only drugs of this class", DRUG_CLASSES),
        Param("state", str, "any", "only rows in this state", ("any", *SUBSTRATE_STATES)),
    ),
    memory=transporter_profile,
    columns=("drug", "transporter", "state", "roles"),
    resolve={"transporter": (Label.TRANSPORTER.value,)},
    sort_key=("drug", "drug_id", "transporter", "transporter_id"),
    table=profile_table,
    items=profile_items,
    finish=profile_finish,
)


# --------------------------------------------------------------------------- knowledge-gaps


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
    items=gap_items,
)


# --------------------------------------------------------------------------- conflicting-evidence


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
    table=conflict_table,
    items=conflict_items,
    finish=conflict_finish,
)


QUESTIONS: tuple[Question, ...] = (DRUGS_FOR_TARGET, TRANSPORTER_PROFILE, KNOWLEDGE_GAPS, CONFLICTING_EVIDENCE)
