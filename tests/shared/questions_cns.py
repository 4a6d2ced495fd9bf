"""Question cases of kg/questions/cns.py besides the flagship (trials-for-drug, evidence-for, cns-penetration);
same shape as tests/shared/questions.py. Expected values follow the audit of 2026-12-03 (section 3b: each number
beside its own source; section 4: population labels, unverified claims, response classes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Rows = list[dict[str, Any]]


def trial_ids(rows: Rows) -> list[tuple]:
    return [(r["trial"], r["verified"]) for r in rows]


def finding_labels(*ids: str) -> Callable[[Rows], list[tuple]]:
    """(finding, value, subgroup, arm, analysis, own source ids) of the named findings."""
    def project(rows: Rows) -> list[tuple]:
        return sorted((f["finding"], f["value"], f["subgroup"], f["arm"], f["analysis"],
                       sorted(s["id"] for s in f["sources"]))
                      for r in rows for f in r["findings"] if f["finding"] in ids)
    return project


def evidence_rows(kind: str) -> Callable[[Rows], list[tuple]]:
    def project(rows: Rows) -> list[tuple]:
        return sorted(((r["name"], r["site"], r["state"], [s["id"] for s in r["sources"]])
                       for r in rows if r["kind"] == kind), key=repr)
    return project


def transporter_rows(rows: Rows) -> list[tuple]:
    return sorted(((r["name"], r["state"], r["detail"]["system"], r["detail"]["species"], r["detail"]["strength"],
                    [s["id"] for s in r["sources"]]) for r in rows if r["kind"] == "transporter"), key=repr)


CASE = "ALK-positive lung adenocarcinoma: leptomeningeal and cervical spinal cord metastases responding to alectinib after crizotinib"
CASE_REPORT = "oncokg:src-case-report-alectinib-cns"

CASES: list[tuple[str, str, dict[str, Any], Callable[[Rows], Any], Any]] = [
    # AF-002JG is an unverified placeholder: not a trial that tested alectinib unless unverified records are asked for.
    ("seed", "trials-for-drug", {}, trial_ids,
     [("ALEX", True), ("ALUR", True), ("J-ALEX", True), ("NP28673", True), ("NP28761", True)]),
    ("seed", "trials-for-drug", {"include_unverified": True}, trial_ids,
     [("AF-002JG", False), ("ALEX", True), ("ALUR", True), ("J-ALEX", True), ("NP28673", True), ("NP28761", True)]),
    # ALEX's prior-radiotherapy split and J-ALEX's baseline-CNS split, each number with its own source.
    ("seed", "trials-for-drug", {}, finding_labels(
        "oncokg:finding-alex-cns-orr-prior-radiotherapy", "oncokg:finding-alex-cns-orr-no-prior-radiotherapy",
        "oncokg:finding-j-alex-cns-progression-hr-baseline-cns-metastases",
        "oncokg:finding-j-alex-cns-progression-hr-no-baseline-cns-metastases"), [
        ("oncokg:finding-alex-cns-orr-no-prior-radiotherapy", 78.6,
         "measurable CNS metastases; no prior brain radiotherapy",
         "alectinib 600 mg twice daily vs crizotinib 250 mg twice daily",
         "ALEX CNS efficacy analysis (Gadgeel et al., Ann Oncol 2018)", ["oncokg:src-gadgeel-2018-alex-cns"]),
        ("oncokg:finding-alex-cns-orr-prior-radiotherapy", 85.7, "measurable CNS metastases; prior brain radiotherapy",
         "alectinib 600 mg twice daily vs crizotinib 250 mg twice daily",
         "ALEX CNS efficacy analysis (Gadgeel et al., Ann Oncol 2018)", ["oncokg:src-gadgeel-2018-alex-cns"]),
        ("oncokg:finding-j-alex-cns-progression-hr-baseline-cns-metastases", 0.51, "with baseline CNS metastases",
         "alectinib 300 mg twice daily vs crizotinib 250 mg twice daily",
         "CNS efficacy analysis of J-ALEX with competing-risk methods (Nishio et al., Lung Cancer 2018)", ["PMID:29858024"]),
        ("oncokg:finding-j-alex-cns-progression-hr-no-baseline-cns-metastases", 0.19, "without baseline CNS metastases",
         "alectinib 300 mg twice daily vs crizotinib 250 mg twice daily",
         "CNS efficacy analysis of J-ALEX with competing-risk methods (Nishio et al., Lung Cancer 2018)", ["PMID:29858024"]),
    ]),
    # CROWN's two hazard ratios of 0.06 are different analyses, each beside its own source.
    ("seed", "trials-for-drug", {"drug": "lorlatinib"}, lambda rows: sorted(
        (f["finding"], f["analysis"].split(" (")[0], [s["id"] for s in f["sources"]])
        for r in rows for f in r["findings"] if f["value"] == 0.06), [
        ("oncokg:finding-crown-cns-progression-hr-interim", "interim analysis", ["oncokg:src-scanctd-crown"]),
        ("oncokg:finding-crown-time-to-ic-progression-hr-5yr", "5-year update, investigator-assessed, post hoc",
         ["PMID:38819031"]),
    ]),
    # ALTA's arms are named.
    ("seed", "trials-for-drug", {"drug": "brigatinib"}, lambda rows: sorted(
        (f["value"], f["arm"].split(":")[0]) for r in rows for f in r["findings"] if f["metric"] ==
        "intracranial objective response rate"), [(46.0, "arm A"), (67.0, "arm B")]),
    # Case observations carry their class and the line of therapy, never the step number.
    ("seed", "evidence-for", {"drug": "crizotinib", "evidence": "cases"}, evidence_rows("case observation"),
     [(f"{CASE}, line 2: crizotinib", "leptomeninges", "progression", [CASE_REPORT])]),
    ("seed", "evidence-for", {"evidence": "cases"}, evidence_rows("case observation"), sorted([
        (f"{CASE}, line 3: alectinib", "cervical spinal cord", "response", [CASE_REPORT]),
        (f"{CASE}, line 3: alectinib", "cervical spinal cord", "response", [CASE_REPORT]),
        (f"{CASE}, line 3: alectinib", "leptomeninges", "response", [CASE_REPORT]),
    ], key=repr)),
    # One row per transporter statement, with its system, species, strength and own source.
    ("seed", "evidence-for", {"drug": "lorlatinib", "evidence": "transporters"}, transporter_rows, sorted([
        ("ABCB1", "inducer", "patients", "human", None, ["PMID:38079095"]),
        ("ABCB1", "substrate", "in vitro", "human and mouse", "modest", ["PMID:29744867"]),
        ("ABCG2", "substrate", "in vitro", "mouse", "weak", ["PMID:29744867"]),
    ], key=repr)),
    # The case report's unverified claim is left out by default.
    ("seed", "evidence-for", {"evidence": "findings"},
     lambda rows: [r["evidence"] for r in rows if "case-report-claim" in r["evidence"]], []),
    ("seed", "evidence-for", {"evidence": "findings", "include_unverified": True},
     lambda rows: [(r["evidence"], r["verified"]) for r in rows if "case-report-claim" in r["evidence"]],
     [("oncokg:finding-case-report-claim-alectinib-cns-orr-21-patients", False)]),
    # Penetration figures: each with its own source, kind, evidence level and verification.
    ("seed", "cns-penetration", {"metric": "CSF-to-plasma"}, lambda rows: [
        (r["drug"], r["value"], r["n"], [(s["id"], s["kind"], s["evidence"], s["verified"]) for s in r["sources"]])
        for r in rows], [
        ("crizotinib", 0.0026, 1, [("oncokg:src-costa-2011-crizotinib-csf", "case report", "primary", True)]),
    ]),
]
