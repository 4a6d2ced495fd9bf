"""Questions about drugs and what is known (or not) of them: targets, transporter roles, gaps, conflicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

import networkx as nx

from kg.models import TRANSPORTER_ROLE_REL, Drug, Label, Rel
from kg.questions.catalogue import Param, Question
from kg.questions.common import in_edges, name, nodes_with, out_edges, source_refs, targets, source_lines

DRUG_CLASSES: tuple[str, ...] = ("any", *get_args(Drug.model_fields["drug_class"].annotation))

# A drug's role for a transporter, by relationship type: 'substrate', 'not substrate', 'inhibitor', 'inducer'.
TRANSPORTER_ROLES: dict[Rel, str] = {rel: kind.value for kind, rel in TRANSPORTER_ROLE_REL.items()}

# The state of what is known of a drug's substrate status for one transporter.
SUBSTRATE_STATES = ("conflicting", "substrate", "not substrate", "inhibitor/inducer only", "not assessed")

# The exact strings of `knowledge-gaps` (besides '<transporter symbol> substrate status', one per transporter).
PENETRATION_GAP = "CNS penetration finding"
RESPONSE_GAP = "CNS response evidence"

# The two kinds of `conflicting-evidence`.
TRANSPORTER_CONFLICT = "transporter substrate status"
CNS_CONFLICT = "CNS response"


@dataclass(frozen=True)
class AnyOrEntity(Param):
    """An entity parameter that also takes 'any' (no restriction). 'any' binds as None, which is never resolved."""

    def parse(self, value: Any, question: str) -> Any:
        if isinstance(value, str) and value.strip().lower() == "any":
            return None
        return super().parse(value, question)


def union(lists: list[list[Any]]) -> list[Any]:
    return sorted({x for items in lists for x in items})


def substrate_state(roles: list[str] | set[str]) -> str:
    """'conflicting' (substrate and asserted not), 'substrate', 'not substrate', 'inhibitor/inducer only', 'not assessed'."""
    if "substrate" in roles and "not substrate" in roles:
        return "conflicting"
    if "substrate" in roles:
        return "substrate"
    if "not substrate" in roles:
        return "not substrate"
    return "inhibitor/inducer only" if roles else "not assessed"


def transporter_facts(g: nx.MultiDiGraph, drug: str, transporter: str) -> list[dict[str, Any]]:
    """Each role the drug has for the transporter (one merged edge per role), with its qualifiers and sources."""
    facts = []
    for rel, role in TRANSPORTER_ROLES.items():
        for end, data in out_edges(g, drug, rel):
            if end == transporter:
                facts.append({
                    "role": role,
                    "systems": data.get("systems", []),
                    "species": data.get("species", []),
                    "qualifiers": data.get("qualifiers", []),
                    "statements": data.get("statements", []),
                    "sources": data.get("sources", []),
                })
    return facts


def fact_lines(fact: dict[str, Any]) -> list[str]:
    """'substrate: <sources> | <system> | <species> | <qualifier>', one line per statement, for terminal tables."""
    head = fact.get("role") or fact["state"]
    return [f"{head}: {s}" for s in fact["statements"]] or [head]


def drug_row(g: nx.MultiDiGraph, drug: str) -> dict[str, Any]:
    d = g.nodes[drug]
    return {"drug": d["name"], "drug_id": drug, "drug_class": d["drug_class"]}


# --------------------------------------------------------------------------- drugs-for-target


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
            "qualifiers": data.get("qualifiers", []),
            "statements": data.get("statements", []),
            "sources": source_refs(g, data.get("sources", [])),
        })
    return rows


DRUGS_FOR_TARGET = Question(
    id="drugs-for-target",
    title="Drugs that inhibit a target, with the role, qualifiers and sources of each statement",
    description=(
        "Every drug with an INHIBITS relationship to TARGET (optionally only drugs of DRUG_CLASS), with its class "
        "and generation, the roles the sources give the target for it (primary, secondary), their qualifiers, "
        "`statements` (each record's own 'sources | role | qualifier'), and every source with its kind. A drug "
        "that inhibits the target only as a secondary target is listed too."
    ),
    params=(
        Param("target", str, "ALK", "target the drugs inhibit (id, symbol or synonym)"),
        Param("drug_class", str, "any", "only drugs of this class", DRUG_CLASSES),
    ),
    memory=drugs_for_target,
    columns=("drug", "drug_class", "generation", "roles", "qualifiers", "sources"),
    resolve={"target": (Label.TARGET.value,)},
    sort_key=("drug", "drug_id"),
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
            facts = transporter_facts(g, drug, transporter)
            roles = sorted({f["role"] for f in facts})
            if p["state"] not in ("any", substrate_state(roles)):
                continue
            rows.append({
                **drug_row(g, drug),
                "transporter": name(g, transporter),
                "transporter_id": transporter,
                "roles": roles,
                "state": substrate_state(roles),
                "systems": union([f["systems"] for f in facts]),
                "species": union([f["species"] for f in facts]),
                "qualifiers": union([f["qualifiers"] for f in facts]),
                "facts": facts,
                "sources": source_refs(g, union([f["sources"] for f in facts])),
            })
    return rows


def profile_table(row: dict[str, Any]) -> dict[str, Any]:
    """One line per stated role and qualifier."""
    return {
        "drug": row["drug"],
        "transporter": row["transporter"],
        "state": row["state"],
        "statements": [line for f in row["facts"] for line in fact_lines(f)],
        "sources": source_lines(row["sources"]),
    }


TRANSPORTER_PROFILE = Question(
    id="transporter-profile",
    title="Every drug's role for P-gp (ABCB1) and BCRP (ABCG2), including what was never assessed",
    description=(
        "One row per drug and transporter (every transporter of the graph, or TRANSPORTER), also when no "
        "relationship joins them. `roles` lists the roles stated (substrate, not substrate, inhibitor, inducer); "
        "`state` sums up substrate status: 'conflicting' (sources say substrate and others assert not), "
        "'substrate', 'not substrate' (asserted negative), 'inhibitor/inducer only' (no substrate statement), or "
        "'not assessed' (no relationship at all; unknown, never 'no'). Systems, species and qualifiers are the union "
        "over the roles (STATE keeps rows in one state); `facts` keeps them per role, with source ids and `statements` (each record's own "
        "'sources | system | species | qualifier'); `sources` gives each source with its kind."
    ),
    params=(
        AnyOrEntity("transporter", str, None,
                    "'any' (default: every transporter, i.e. ABCB1 and ABCG2) or one (id, symbol or synonym, e.g. P-gp, BCRP)"),
        Param("drug_class", str, "any", "only drugs of this class", DRUG_CLASSES),
        Param("state", str, "any", "only rows in this state", ("any", *SUBSTRATE_STATES)),
    ),
    memory=transporter_profile,
    columns=("drug", "transporter", "state", "roles", "systems", "species", "qualifiers", "sources"),
    resolve={"transporter": (Label.TRANSPORTER.value,)},
    sort_key=("drug", "drug_id", "transporter", "transporter_id"),
    table=profile_table,
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


def knowledge_gaps(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `knowledge-gaps`."""
    rows = []
    for drug in nodes_with(g, Label.DRUG):
        if p["drug_class"] not in ("any", g.nodes[drug]["drug_class"]):
            continue
        substrate_ends = set(targets(g, drug, Rel.SUBSTRATE_OF)) | set(targets(g, drug, Rel.NOT_SUBSTRATE_OF))
        finding_kinds = {g.nodes[f]["kind"] for f, _ in in_edges(g, drug, Rel.OF_DRUG)}
        checks = [(f"{name(g, t)} substrate status", t in substrate_ends) for t in nodes_with(g, Label.TRANSPORTER)]
        checks.append((PENETRATION_GAP, "CNS penetration" in finding_kinds))
        checks.append((RESPONSE_GAP, "CNS response" in finding_kinds or has_cns_case_observation(g, drug)))
        rows.append({
            **drug_row(g, drug),
            "missing": sorted(what for what, known in checks if not known),
            "known": sorted(what for what, known in checks if known),
        })
    return rows


KNOWLEDGE_GAPS = Question(
    id="knowledge-gaps",
    title="What the graph does not know about each drug of a class (open world: no edge means unknown)",
    description=(
        "One row per drug of DRUG_CLASS; `missing` lists what the graph holds nothing about, `known` the rest, "
        "as these exact strings: '<transporter symbol> substrate status' for each transporter (e.g. 'ABCB1 "
        "substrate status': no SUBSTRATE_OF or NOT_SUBSTRATE_OF relationship; an inhibitor or inducer statement "
        "does not count), 'CNS penetration finding' (no Finding of kind 'CNS penetration' of the drug), and "
        "'CNS response evidence' (no Finding of kind 'CNS response' of the drug, whatever its outcome, and no case "
        "observation at a CNS site after a line using the drug). A gap means not assessed, never 'no'."
    ),
    params=(Param("drug_class", str, "ALK inhibitor", "only drugs of this class ('any' for all)", DRUG_CLASSES),),
    memory=knowledge_gaps,
    columns=("drug", "drug_class", "missing"),
    sort_key=("drug", "drug_id"),
)


# --------------------------------------------------------------------------- conflicting-evidence


def transporter_side(g: nx.MultiDiGraph, fact: dict[str, Any], state: str) -> dict[str, Any]:
    return {
        "state": state,
        "systems": fact["systems"],
        "species": fact["species"],
        "qualifiers": fact["qualifiers"],
        "statements": fact["statements"],
        "sources": source_refs(g, fact["sources"]),
    }


def cns_statements(g: nx.MultiDiGraph, drug: str) -> list[dict[str, Any]]:
    """Findings with an outcome and case observations of the drug at CNS sites: (site, state, id, text, sources)."""
    out = []
    for finding, _ in in_edges(g, drug, Rel.OF_DRUG):
        f = g.nodes[finding]
        if f.get("outcome") is None:
            continue
        for site in targets(g, finding, Rel.AT_SITE):
            if g.nodes[site].get("cns"):
                out.append({"site": site, "state": "response" if f["outcome"] == "response" else "tested without effect",
                            "id": finding, "text": f["name"], "sources": f.get("sources", [])})
    for line, _ in in_edges(g, drug, Rel.USED):
        ln = g.nodes[line]
        for obs in targets(g, line, Rel.OBSERVED):
            o = g.nodes[obs]
            for site in targets(g, obs, Rel.AT_SITE):
                if g.nodes[site].get("cns"):
                    text = f"{name(g, ln['case'])}, line {ln['order']} ({ln['name']}): {o['response']}"
                    out.append({"site": site, "state": "response" if o["responded"] else "tested without effect",
                                "id": obs, "text": text, "sources": o.get("sources", [])})
    return out


def cns_side(g: nx.MultiDiGraph, items: list[dict[str, Any]], state: str) -> dict[str, Any]:
    return {
        "state": state,
        "evidence": sorted(i["id"] for i in items),
        "qualifiers": sorted(i["text"] for i in items),
        "sources": source_refs(g, union([i["sources"] for i in items])),
    }


def conflicting_evidence(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `conflicting-evidence`."""
    rows = []
    for drug in nodes_with(g, Label.DRUG):
        if p["drug_class"] not in ("any", g.nodes[drug]["drug_class"]):
            continue
        subject = {"subject": name(g, drug), "subject_id": drug}
        if p["conflict"] in ("any", TRANSPORTER_CONFLICT):
            for transporter in nodes_with(g, Label.TRANSPORTER):
                facts = {f["role"]: f for f in transporter_facts(g, drug, transporter)}
                if "substrate" in facts and "not substrate" in facts:
                    rows.append({
                        **subject,
                        "object": name(g, transporter),
                        "object_id": transporter,
                        "conflict": TRANSPORTER_CONFLICT,
                        "positive": transporter_side(g, facts["substrate"], "substrate"),
                        "negative": transporter_side(g, facts["not substrate"], "asserted negative"),
                    })
        if p["conflict"] in ("any", CNS_CONFLICT):
            statements = cns_statements(g, drug)
            for site in sorted({s["site"] for s in statements}):
                yes = [s for s in statements if s["site"] == site and s["state"] == "response"]
                no = [s for s in statements if s["site"] == site and s["state"] != "response"]
                if yes and no:
                    rows.append({
                        **subject,
                        "object": name(g, site),
                        "object_id": site,
                        "conflict": CNS_CONFLICT,
                        "positive": cns_side(g, yes, "response"),
                        "negative": cns_side(g, no, "tested without effect"),
                    })
    return rows


def side_lines(s: dict[str, Any]) -> list[str]:
    if "statements" in s:
        return fact_lines(s)
    return [f"{s['state']}: {q}" for q in s["qualifiers"]]


def conflict_table(row: dict[str, Any]) -> dict[str, Any]:
    """Both sides, one line per statement, and every source of either side."""
    return {
        "subject": row["subject"],
        "object": row["object"],
        "conflict": row["conflict"],
        "one side": side_lines(row["positive"]),
        "other side": side_lines(row["negative"]),
        "sources": source_lines(row["positive"]["sources"]) + source_lines(row["negative"]["sources"]),
    }


CONFLICTING_EVIDENCE = Question(
    id="conflicting-evidence",
    title="Where sources disagree: substrate and asserted non-substrate, response and no response at one CNS site",
    description=(
        "Two kinds of disagreement, each row with both sides, their qualifiers and sources with kinds. "
        "'transporter substrate status': a drug with both SUBSTRATE_OF and NOT_SUBSTRATE_OF to one transporter "
        "(positive side 'substrate', negative side 'asserted negative', each with systems, species, qualifiers and "
        "statements). "
        "'CNS response': at one CNS site (the exact site, `cns: true`), a drug with findings or case observations "
        "that saw a response and others that saw none (positive side 'response', negative side 'tested without "
        "effect'; `evidence` lists the finding and observation ids, `qualifiers` the finding names or "
        "'<case>, line <n> (<line>): <response>'). Case observations count for every drug of their line; a later "
        "progression in the same case also shows here."
    ),
    params=(
        Param("conflict", str, "any", "kind of disagreement", ("any", TRANSPORTER_CONFLICT, CNS_CONFLICT)),
        Param("drug_class", str, "any", "only drugs of this class", DRUG_CLASSES),
    ),
    memory=conflicting_evidence,
    columns=("subject", "object", "conflict", "positive", "negative"),
    sort_key=("conflict", "subject", "subject_id", "object_id"),
    table=conflict_table,
)


QUESTIONS: tuple[Question, ...] = (DRUGS_FOR_TARGET, TRANSPORTER_PROFILE, KNOWLEDGE_GAPS, CONFLICTING_EVIDENCE)
