"""Question cases of the CNS questions besides the flagship (trials-for-drug, evidence-for, cns-penetration);
same shape as tests/shared/questions.py. Expected values follow the audit of 2026-12-03 (section 3b: each number
beside its own source; section 4: population labels, unverified claims, response classes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.shared.questions_drugs import all_ranking, evidence, evidence_detail, refs, seed_evidence

Rows = list[dict[str, Any]]


def trials_own(rows: Rows) -> list[tuple]:
    """Each trial with its record's own sources (its findings keep theirs)."""
    return [(r["trial"], r["trial_id"], r["phase"], r["setting"], r["enrolled"], r["drugs"], refs(r["trial_sources"]))
            for r in rows]


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
    # Cases moved from questions_drugs.py, their expected values updated for issue 16 (own sources per item,
    # response classes, one row per transporter statement, source kinds of the audit).
    ('mini', 'trials-for-drug', {'drug': 'alphatestinib'}, trials_own,
     [('TEST-TWO',
       'oncokg:trial-test-two',
       '3',
       'ALK-inhibitor-naive',
       200,
       ['alphatestinib', 'priortinib'],
       [('oncokg:src-test-drugs-trial-paper', 'congress report')])]),
    ('mini', 'evidence-for', {'drug': 'alphatestinib'}, evidence,
     [('CNS penetration', 'measured', 'oncokg:finding-test-alpha-csf', 'central nervous system'),
      ('CNS progression', 'measured', 'oncokg:finding-test-two-cns-progression', 'central nervous system'),
      ('CNS response', 'no response', 'oncokg:finding-test-alpha-lepto-none', 'leptomeninges'),
      ('CNS response', 'response', 'oncokg:finding-test-two-ic-orr', 'brain'),
      ('case observation', 'response', 'oncokg:case-test-one/line-4/obs-1', 'leptomeninges'),
      ('transporter', 'asserted negative', 'HGNC:40', None),
      ('transporter', 'inhibitor', 'HGNC:74', None),
      ('transporter', 'not assessed', 'HGNC:74', None)]),
    ('mini', 'evidence-for', {'drug': 'gammatestinib'}, evidence_detail,
     [('CNS penetration',
       'measured',
       'gammatestinib CSF ratio (test)',
       {'analysis': None,
        'arm': None,
        'measure': None,
        'metric': 'CSF-to-plasma ratio',
        'n': None,
        'setting': 'not applicable',
        'species': 'human',
        'subgroup': None,
        'trial': None,
        'unit': 'ratio',
        'value': None,
        'value_text': 'detectable'},
       [('oncokg:src-test-drugs-pk', 'pharmacokinetic study')]),
      ('case observation',
       'progression',
       'Test case two, line not reported: gammatestinib',
       {'case': 'oncokg:case-test-two',
        'months': 2.0,
        'note': None,
        'response': 'progression',
        'step': 'line not reported: gammatestinib',
        'therapy_line': None},
       [('oncokg:src-test-paper-b', 'case report')]),
      ('transporter',
       'not assessed',
       'ABCB1',
       {'qualifier': None, 'resistance': None, 'role': None, 'species': None, 'strength': None, 'system': None},
       []),
      ('transporter',
       'not assessed',
       'ABCG2',
       {'qualifier': None, 'resistance': None, 'role': None, 'species': None, 'strength': None, 'system': None},
       [])]),
    ('mini', 'evidence-for', {'drug': 'deltatestinib', 'evidence': 'transporters'}, evidence_detail,
     [('transporter',
       'asserted negative',
       'ABCB1',
       {'qualifier': 'test label says no',
        'resistance': None,
        'role': 'not substrate',
        'species': None,
        'strength': None,
        'system': 'label'},
       [('oncokg:src-test-label-c', 'label')]),
      ('transporter',
       'substrate',
       'ABCB1',
       {'qualifier': 'test substrate in mice',
        'resistance': None,
        'role': 'substrate',
        'species': 'mouse',
        'strength': None,
        'system': 'animal'},
       [('oncokg:src-test-paper-a', 'in-vitro study')]),
      ('transporter',
       'not assessed',
       'ABCG2',
       {'qualifier': None, 'resistance': None, 'role': None, 'species': None, 'strength': None, 'system': None},
       [])]),
    ('seed', 'cns-penetration', {'species': 'human'}, all_ranking,
     [('alectinib', None, None, None, None, [('oncokg:src-fjuh-formulary-alectinib', 'drug information page')]),
      ('lorlatinib', 'ratio', 1, 0.7, None, [('DOI:10.1007/s40262-021-01015-z', 'pharmacokinetic study')]),
      ('erlotinib', '%', 1, 2.77, None, [('oncokg:src-togashi-gefitinib-erlotinib-csf', 'pharmacokinetic study')]),
      ('gefitinib', '%', 2, 1.13, None, [('oncokg:src-togashi-gefitinib-erlotinib-csf', 'pharmacokinetic study')]),
      ('crizotinib', 'ratio', 1, 0.0026, 1, [('oncokg:src-costa-2011-crizotinib-csf', 'case report')]),
      ('gefitinib', '%', 1, 1.3, 22, [('DOI:10.1016/j.cllc.2012.06.004', 'pharmacokinetic study')])]),
    ('seed', 'trials-for-drug', {}, lambda rows: [r[:5] for r in trials_own(rows)],
     [('ALEX', 'NCT:NCT02075840', '3', 'treatment-naive', 303),
      ('ALUR', 'NCT:NCT02604342', '3', 'crizotinib-refractory or intolerant', 107),
      ('J-ALEX', 'oncokg:trial-j-alex', '3', 'ALK-inhibitor-naive', None),
      ('NP28673', 'NCT:NCT01801111', '2', 'crizotinib-refractory', 138),
      ('NP28761', 'NCT:NCT01871805', '2', 'crizotinib-refractory', 87)]),
    ('seed', 'trials-for-drug', {'drug': 'alectinib'}, lambda rows: [(r["trial"], r["drugs"], refs(r["trial_sources"])) for r in rows if r["trial"] in ("ALEX", "ALUR")],
     [('ALEX',
       ['alectinib', 'crizotinib'],
       [('DOI:10.1056/NEJMoa1704795', 'trial'),
        ('oncokg:src-gadgeel-2018-alex-cns', 'trial'),
        ('oncokg:src-gadgeel-2017-esmo-alex-cns', 'congress report')]),
      ('ALUR',
       ['alectinib'],
       [('oncokg:src-registry-nct02604342', 'database'),
        ('PMID:29668860', 'trial'),
        ('oncokg:src-pubcompare-alur-methods', 'database')])]),
    ('seed', 'evidence-for', {'site': 'spinal cord'}, seed_evidence,
     [('case observation',
       'response',
       'oncokg:case-alectinib-cns-case-report/line-5/obs-2',
       'cervical spinal cord',
       [('oncokg:src-case-report-alectinib-cns', 'case report')]),
      ('case observation',
       'response',
       'oncokg:case-alectinib-cns-case-report/line-5/obs-3',
       'cervical spinal cord',
       [('oncokg:src-case-report-alectinib-cns', 'case report')]),
      ('transporter',
       'asserted negative',
       'HGNC:40',
       None,
       [('oncokg:src-alecensa-smpc-rxreasoner-pharmacology', 'label')]),
      ('transporter', 'asserted negative', 'HGNC:40', None, [('PMID:25205428', 'animal study')]),
      ('transporter', 'inhibitor', 'HGNC:40', None, [('DOI:10.1124/dmd.119.086975', 'in-vitro study')]),
      ('transporter',
       'asserted negative',
       'HGNC:74',
       None,
       [('oncokg:src-alecensa-smpc-rxreasoner-pharmacology', 'label')]),
      ('transporter',
       'inhibitor',
       'HGNC:74',
       None,
       [('oncokg:src-alecensa-smpc-rxreasoner-precautions', 'label')]),
      ('transporter', 'inhibitor', 'HGNC:74', None, [('DOI:10.1124/dmd.119.086975', 'in-vitro study')])]),
    ('seed', 'evidence-for', {'site': 'leptomeninges', 'evidence': 'cases'}, lambda rows: [(r["state"], r["detail"]) for r in rows],
     [('response',
       {'case': 'oncokg:case-alectinib-cns-case-report',
        'months': 3.0,
        'note': 'Marked reduction of the leptomeningeal carcinomatosis (Fig. 1b).',
        'response': 'marked response',
        'step': 'line 3: alectinib',
        'therapy_line': 3})]),
    ('seed', 'evidence-for', {'drug': 'crizotinib', 'site': 'leptomeninges'}, seed_evidence,
     [('case observation',
       'progression',
       'oncokg:case-alectinib-cns-case-report/line-3/obs-3',
       'leptomeninges',
       [('oncokg:src-case-report-alectinib-cns', 'case report')]),
      ('transporter', 'inhibitor', 'HGNC:40', None, [('oncokg:src-xalkori-ca-monograph', 'label')]),
      ('transporter', 'substrate', 'HGNC:40', None, [('oncokg:src-xalkori-ca-monograph', 'label')]),
      ('transporter', 'substrate', 'HGNC:40', None, [('PMID:24037730', 'animal study')]),
      ('transporter', 'asserted negative', 'HGNC:74', None, [('PMID:24037730', 'animal study')])]),
]
