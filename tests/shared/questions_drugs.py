"""Question cases of kg/questions/drugs.py and of the CNS questions of kg/questions/cns.py other than the flagship
(cns-penetration, trials-for-drug, evidence-for); same shape as tests/shared/questions.py.

Mini cases rest on tests/fixtures/mini/mini.yaml and drugs.yaml. Questions that list every drug are projected
onto the drugs of those two files (MINI_DRUGS), so that fictional drugs added for other families do not change
these answers. Seed cases hold exact values read from seed/*.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Rows = list[dict[str, Any]]

MINI_DRUGS = {"priortinib", "alphatestinib", "betatestinib", "gammatestinib", "deltatestinib", "chemotestin",
              "epsilontestinib", "zetatestinib"}

# Short names of the mini sources.
A = ("oncokg:src-test-paper-a", "in-vitro study")
B = ("oncokg:src-test-paper-b", "case report")
C = ("oncokg:src-test-label-c", "label")
PK = ("oncokg:src-test-drugs-pk", "pharmacokinetic study")
MOUSE = ("oncokg:src-test-drugs-mouse", "animal study")
PAPER_F = ("oncokg:src-test-drugs-trial-paper", "congress report")
TEST_TWO = ("oncokg:trial-test-two", "trial")


def refs(sources: list[dict[str, Any]]) -> list[tuple]:
    return [(s["id"], s["kind"]) for s in sources]


def mini(rows: Rows, key: str = "drug") -> Rows:
    return [r for r in rows if r[key] in MINI_DRUGS]


# --------------------------------------------------------------------------- projections


def target_rows(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["drug_class"], r["generation"], r["target"], r["roles"], r["qualifiers"], refs(r["sources"]))
            for r in mini(rows)]


def drug_names(rows: Rows) -> list[str]:
    return [r["drug"] for r in mini(rows)]


def profile_states(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["transporter"], r["roles"], r["state"]) for r in mini(rows)]


def profile_detail(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["transporter"], r["state"], r["systems"], r["species"], r["qualifiers"],
             [(f["role"], f["sources"]) for f in r["facts"]], refs(r["sources"])) for r in mini(rows)]


def gaps(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["missing"]) for r in mini(rows)]


def gaps_known(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["missing"], r["known"]) for r in mini(rows)]


def side(s: dict[str, Any]) -> tuple:
    if "evidence" in s:
        return (s["state"], s["evidence"], s["qualifiers"], refs(s["sources"]))
    return (s["state"], s["systems"], s["species"], s["qualifiers"], refs(s["sources"]))


def conflicts(rows: Rows) -> list[tuple]:
    return [(r["conflict"], r["subject"], r["object"], r["object_id"], side(r["positive"]), side(r["negative"]))
            for r in mini(rows, "subject")]


def conflict_pairs(rows: Rows) -> list[tuple]:
    return [(r["conflict"], r["subject"], r["object"]) for r in rows]


def ranking(rows: Rows) -> list[tuple]:
    return [(r["metric"], r["unit"], r["rank"], r["drug"], r["value"]) for r in rows if r["drug"] in MINI_DRUGS]


def penetration_detail(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["finding"], r["value_text"], r["species"], r["n"], r["setting"], r["site"], r["evidence"],
             r["note"], refs(r["sources"])) for r in rows if r["drug"] in MINI_DRUGS]


def trials(rows: Rows) -> list[tuple]:
    return [(r["trial"], r["trial_id"], r["phase"], r["setting"], r["enrolled"], r["drugs"], refs(r["sources"]))
            for r in rows]


def trial_findings(rows: Rows) -> list[tuple]:
    return [(r["trial"], [(f["finding"], f["kind"], f["drug"], f["site"], f["metric"], f["value"], f["unit"], f["n"],
                           f["denominator"], f["comparator"], f["comparator_value"], f["arm"], f["analysis"],
                           f["state"]) for f in sorted(r["findings"], key=lambda f: f["finding"])]) for r in rows]


def evidence(rows: Rows) -> list[tuple]:
    return [(r["kind"], r["state"], r["evidence"], r["site"]) for r in rows]


def evidence_detail(rows: Rows) -> list[tuple]:
    return [(r["kind"], r["state"], r["name"], r["detail"], refs(r["sources"])) for r in rows]


def seed_target_rows(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["drug_class"], r["roles"], r["qualifiers"], refs(r["sources"])) for r in rows]


def all_profile_states(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["transporter"], r["roles"], r["state"]) for r in rows]


def all_gaps(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["missing"]) for r in rows]


def all_conflicts(rows: Rows) -> list[tuple]:
    return [(r["conflict"], r["subject"], r["object"], r["object_id"], side(r["positive"]), side(r["negative"]))
            for r in rows]


def all_ranking(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["unit"], r["rank"], r["value"], r["n"], refs(r["sources"])) for r in rows]


def seed_evidence(rows: Rows) -> list[tuple]:
    return [(r["kind"], r["state"], r["evidence"], r["site"], refs(r["sources"])) for r in rows]


# Seed source kinds, as in seed/publications-*.yaml.
PGP_ANIMAL = ("PMID:21088257", "animal study")
JPET_TABLE = ("oncokg:src-jpet-erlotinib-knockout-brain-table", "animal study")
CASE_REPORT = ("oncokg:src-case-report-alectinib-cns", "case report")
ALECENSA_PHARMACOLOGY = ("oncokg:src-alecensa-smpc-rxreasoner-pharmacology", "label")
DMD_2019 = ("DOI:10.1124/dmd.119.086975", "in-vitro study")

# The detail of a 'not assessed' transporter row of evidence-for.
NOT_ASSESSED = {"qualifiers": [], "role": None, "species": [], "statements": [], "systems": []}

# --------------------------------------------------------------------------- cases

CASES: list[tuple[str, str, dict[str, Any], Callable[[Rows], Any], Any]] = [
    # ---------------------------------------------------------------- drugs-for-target (mini)
    ("mini", "drugs-for-target", {}, target_rows, [
        ("alphatestinib", "ALK inhibitor", None, "ALK", ["primary"], ["second statement"], [C, A]),
        ("betatestinib", "ALK inhibitor", None, "ALK", ["primary"], [], [C]),
        ("deltatestinib", "ALK inhibitor", None, "ALK", ["primary"], [], [C]),
        ("epsilontestinib", "EGFR inhibitor", "test generation two", "ALK", ["secondary"],
         ["weak test activity on ALK"], [PK, A]),
        ("gammatestinib", "ALK inhibitor", None, "ALK", ["primary"], [], [C]),
        ("priortinib", "ALK inhibitor", None, "ALK", ["primary"], [], [C]),
        ("zetatestinib", "ALK inhibitor", "test generation three", "ALK", ["primary"], [], [PK]),
    ]),
    ("mini", "drugs-for-target", {"drug_class": "EGFR inhibitor"}, drug_names, ["epsilontestinib"]),
    # Two records state alphatestinib–ALK; the edge keeps each record's own pairing of source and qualifier.
    ("mini", "drugs-for-target", {}, lambda rows: [r["statements"] for r in rows if r["drug"] == "alphatestinib"],
     [["oncokg:src-test-label-c | primary", "oncokg:src-test-paper-a | primary | second statement"]]),
    ("mini", "drugs-for-target", {"target": "EGFR"}, target_rows, [
        ("epsilontestinib", "EGFR inhibitor", "test generation two", "EGFR", ["primary"], [], [C]),
    ]),
    ("mini", "drugs-for-target", {"target": "HGNC:427", "drug_class": "chemotherapy"}, drug_names, []),
    # ---------------------------------------------------------------- transporter-profile (mini)
    ("mini", "transporter-profile", {}, profile_states, [
        ("alphatestinib", "ABCB1", ["not substrate"], "not substrate"),
        ("alphatestinib", "ABCG2", ["inhibitor"], "inhibitor/inducer only"),
        ("betatestinib", "ABCB1", ["inducer", "substrate"], "substrate"),
        ("betatestinib", "ABCG2", ["not substrate"], "not substrate"),
        ("chemotestin", "ABCB1", [], "not assessed"),
        ("chemotestin", "ABCG2", [], "not assessed"),
        ("deltatestinib", "ABCB1", ["not substrate", "substrate"], "conflicting"),
        ("deltatestinib", "ABCG2", [], "not assessed"),
        ("epsilontestinib", "ABCB1", [], "not assessed"),
        ("epsilontestinib", "ABCG2", ["not substrate", "substrate"], "conflicting"),
        ("gammatestinib", "ABCB1", [], "not assessed"),
        ("gammatestinib", "ABCG2", [], "not assessed"),
        ("priortinib", "ABCB1", ["substrate"], "substrate"),
        ("priortinib", "ABCG2", [], "not assessed"),
        ("zetatestinib", "ABCB1", [], "not assessed"),
        ("zetatestinib", "ABCG2", [], "not assessed"),
    ]),
    ("mini", "transporter-profile", {"transporter": "BCRP"}, profile_detail, [
        ("alphatestinib", "ABCG2", "inhibitor/inducer only", ["in vitro"], [], ["test BCRP inhibitor"],
         [("inhibitor", ["oncokg:src-test-paper-a"])], [A]),
        ("betatestinib", "ABCG2", "not substrate", ["animal"], ["mouse"], ["test knockout mice show no BCRP effect"],
         [("not substrate", ["oncokg:src-test-drugs-mouse"])], [MOUSE]),
        ("chemotestin", "ABCG2", "not assessed", [], [], [], [], []),
        ("deltatestinib", "ABCG2", "not assessed", [], [], [], [], []),
        ("epsilontestinib", "ABCG2", "conflicting", ["animal", "in vitro", "label"], ["human", "mouse"],
         ["test knockout mice", "test label says no", "test transwell transport"],
         [("substrate", ["oncokg:src-test-drugs-mouse", "oncokg:src-test-paper-a"]),
          ("not substrate", ["oncokg:src-test-label-c"])], [MOUSE, C, A]),
        ("gammatestinib", "ABCG2", "not assessed", [], [], [], [], []),
        ("priortinib", "ABCG2", "not assessed", [], [], [], [], []),
        ("zetatestinib", "ABCG2", "not assessed", [], [], [], [], []),
    ]),
    ("mini", "transporter-profile", {"transporter": "P-gp", "drug_class": "ALK inhibitor"}, profile_states, [
        ("alphatestinib", "ABCB1", ["not substrate"], "not substrate"),
        ("betatestinib", "ABCB1", ["inducer", "substrate"], "substrate"),
        ("deltatestinib", "ABCB1", ["not substrate", "substrate"], "conflicting"),
        ("gammatestinib", "ABCB1", [], "not assessed"),
        ("priortinib", "ABCB1", ["substrate"], "substrate"),
        ("zetatestinib", "ABCB1", [], "not assessed"),
    ]),
    ("mini", "transporter-profile", {"state": "inhibitor/inducer only"}, profile_states,
     [("alphatestinib", "ABCG2", ["inhibitor"], "inhibitor/inducer only")]),
    ("mini", "transporter-profile", {"transporter": "any", "drug_class": "chemotherapy"}, profile_states, [
        ("chemotestin", "ABCB1", [], "not assessed"),
        ("chemotestin", "ABCG2", [], "not assessed"),
    ]),
    # ---------------------------------------------------------------- knowledge-gaps (mini)
    ("mini", "knowledge-gaps", {}, gaps_known, [
        ("alphatestinib", ["ABCG2 substrate status"],
         ["ABCB1 substrate status", "CNS penetration finding", "CNS response evidence"]),
        ("betatestinib", [],
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence"]),
        ("deltatestinib", ["ABCG2 substrate status"],
         ["ABCB1 substrate status", "CNS penetration finding", "CNS response evidence"]),
        ("gammatestinib", ["ABCB1 substrate status", "ABCG2 substrate status"],
         ["CNS penetration finding", "CNS response evidence"]),
        # priortinib's CNS response evidence is a case observation that saw no response (a new lesion).
        ("priortinib", ["ABCG2 substrate status"],
         ["ABCB1 substrate status", "CNS penetration finding", "CNS response evidence"]),
        ("zetatestinib",
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence"], []),
    ]),
    ("mini", "knowledge-gaps", {"drug_class": "any"}, gaps, [
        ("alphatestinib", ["ABCG2 substrate status"]),
        ("betatestinib", []),
        # chemotestin's only observation is at the lung, not a CNS site.
        ("chemotestin",
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence"]),
        ("deltatestinib", ["ABCG2 substrate status"]),
        ("epsilontestinib", ["ABCB1 substrate status", "CNS response evidence"]),
        ("gammatestinib", ["ABCB1 substrate status", "ABCG2 substrate status"]),
        ("priortinib", ["ABCG2 substrate status"]),
        ("zetatestinib",
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence"]),
    ]),
    # ---------------------------------------------------------------- conflicting-evidence (mini)
    ("mini", "conflicting-evidence", {}, conflicts, [
        ("CNS response", "alphatestinib", "leptomeninges", "UBERON:0000391",
         ("response", ["oncokg:case-test-one/line-4/obs-1"],
          ["Test case one, line 4 (alphatestinib): marked response"], [B]),
         ("tested without effect", ["oncokg:finding-test-alpha-lepto-none"],
          ["alphatestinib leptomeningeal cohort, no response (test)"], [B])),
        ("transporter substrate status", "deltatestinib", "ABCB1", "HGNC:40",
         ("substrate", ["animal"], ["mouse"], ["test substrate in mice"], [A]),
         ("asserted negative", ["label"], [], ["test label says no"], [C])),
        ("transporter substrate status", "epsilontestinib", "ABCG2", "HGNC:74",
         ("substrate", ["animal", "in vitro"], ["human", "mouse"], ["test knockout mice", "test transwell transport"],
          [MOUSE, A]),
         ("asserted negative", ["label"], [], ["test label says no"], [C])),
    ]),
    ("mini", "conflicting-evidence", {"conflict": "transporter substrate status", "drug_class": "EGFR inhibitor"},
     conflict_pairs, [("transporter substrate status", "epsilontestinib", "ABCG2")]),
    ("mini", "conflicting-evidence", {"conflict": "CNS response"}, conflict_pairs,
     [("CNS response", "alphatestinib", "leptomeninges")]),
    ("mini", "conflicting-evidence", {"drug_class": "chemotherapy"}, conflict_pairs, []),
    # ---------------------------------------------------------------- cns-penetration (mini)
    ("mini", "cns-penetration", {}, ranking, [
        ("CSF-to-plasma ratio", "%", 1, "priortinib", 3),
        ("CSF-to-plasma ratio", "ratio", None, "gammatestinib", None),
        ("CSF-to-plasma ratio", "ratio", 1, "betatestinib", 0.8),
        ("CSF-to-plasma ratio", "ratio", 2, "alphatestinib", 0.5),
        ("CSF-to-plasma ratio", "ratio", 2, "epsilontestinib", 0.5),
        ("brain-to-plasma ratio in knockout mice", "fold", 1, "deltatestinib", 2),
    ]),
    ("mini", "cns-penetration", {"species": "human", "metric": "csf-TO"}, penetration_detail, [
        ("priortinib", "oncokg:finding-test-prior-csf-percent", None, "human", 7, "not applicable",
         "central nervous system", "primary", None, [PK]),
        ("gammatestinib", "oncokg:finding-test-gamma-csf", "detectable", "human", None, "not applicable",
         "central nervous system", "primary", None, [PK]),
        ("betatestinib", "oncokg:finding-test-beta-csf", None, "human", 3, "not applicable",
         "central nervous system", "primary", None, [PK]),
        ("alphatestinib", "oncokg:finding-test-alpha-csf", "about 0.5", "human", 5, "not applicable",
         "central nervous system", "primary", "test note", [PK]),
        ("epsilontestinib", "oncokg:finding-test-epsilon-csf", None, "human", None, "not applicable",
         "central nervous system", "single_secondary", None, [PK]),
    ]),
    ("mini", "cns-penetration", {"species": "mouse"}, ranking, [
        ("brain-to-plasma ratio in knockout mice", "fold", 1, "deltatestinib", 2),
    ]),
    ("mini", "cns-penetration", {"metric": "no such metric"}, ranking, []),
    # ---------------------------------------------------------------- trials-for-drug (mini)
    ("mini", "trials-for-drug", {"drug": "alphatestinib"}, trials, [
        ("TEST-TWO", "oncokg:trial-test-two", "3", "ALK-inhibitor-naive", 200, ["alphatestinib", "priortinib"],
         [PAPER_F, TEST_TWO]),
    ]),
    ("mini", "trials-for-drug", {"drug": "Alphabrand"}, trial_findings, [
        ("TEST-TWO", [
            ("oncokg:finding-test-two-cns-progression", "CNS progression", "alphatestinib", "central nervous system",
             "12-month CNS progression", 10, "%", None, None, "priortinib", 40, None, "final analysis", "measured"),
            ("oncokg:finding-test-two-ic-orr", "CNS response", "alphatestinib", "brain",
             "intracranial objective response rate", 60, "%", 30, "patients with measurable brain lesions",
             "priortinib", 20, "alphatestinib arm", "primary analysis", "response"),
        ]),
    ]),
    ("mini", "trials-for-drug", {"drug": "priortinib"}, lambda rows: [r["trial"] for r in rows], ["TEST-TWO"]),
    ("mini", "trials-for-drug", {"drug": "betatestinib"}, trial_findings, [
        ("TEST-ONE", [
            ("oncokg:finding-test-beta-cns", "CNS response", "betatestinib", "brain",
             "intracranial objective response rate", 40, "%", 10, "patients with measurable CNS lesions",
             None, None, None, None, "response"),
        ]),
    ]),
    ("mini", "trials-for-drug", {"drug": "zetatestinib"}, trials, []),
    # ---------------------------------------------------------------- evidence-for (mini)
    ("mini", "evidence-for", {"drug": "alphatestinib"}, evidence, [
        ("CNS penetration", "measured", "oncokg:finding-test-alpha-csf", "central nervous system"),
        ("CNS progression", "measured", "oncokg:finding-test-two-cns-progression", "central nervous system"),
        ("CNS response", "tested without effect", "oncokg:finding-test-alpha-lepto-none", "leptomeninges"),
        ("CNS response", "response", "oncokg:finding-test-two-ic-orr", "brain"),
        ("case observation", "response", "oncokg:case-test-one/line-4/obs-1", "leptomeninges"),
        ("transporter", "asserted negative", "HGNC:40", None),
        ("transporter", "inhibitor", "HGNC:74", None),
        ("transporter", "not assessed", "HGNC:74", None),
    ]),
    ("mini", "evidence-for", {"drug": "Alphabrand", "site": "brain"}, evidence, [
        ("CNS response", "response", "oncokg:finding-test-two-ic-orr", "brain"),
        ("transporter", "asserted negative", "HGNC:40", None),
        ("transporter", "inhibitor", "HGNC:74", None),
        ("transporter", "not assessed", "HGNC:74", None),
    ]),
    ("mini", "evidence-for", {"drug": "alphatestinib", "site": "lung", "evidence": "cases"}, evidence, [
        ("case observation", "response", "oncokg:case-test-one/line-4/obs-2", "lung"),
    ]),
    ("mini", "evidence-for", {"drug": "gammatestinib"}, evidence_detail, [
        ("CNS penetration", "measured", "gammatestinib CSF ratio (test)",
         {"metric": "CSF-to-plasma ratio", "n": None, "setting": "not applicable", "species": "human", "trial": None,
          "unit": "ratio", "value": None, "value_text": "detectable"}, [PK]),
        ("case observation", "tested without effect", "Test case two, line 2 (gammatestinib)",
         {"case": "oncokg:case-test-two", "line": 2, "months": 2, "response": "progression",
          "therapy": "gammatestinib"}, [B]),
        ("transporter", "not assessed", "ABCB1", NOT_ASSESSED, []),
        ("transporter", "not assessed", "ABCG2", NOT_ASSESSED, []),
    ]),
    ("mini", "evidence-for", {"drug": "deltatestinib", "evidence": "transporters"}, evidence_detail, [
        ("transporter", "asserted negative", "ABCB1",
         {"qualifiers": ["test label says no"], "role": "not substrate", "species": [], "systems": ["label"],
          "statements": ["oncokg:src-test-label-c | label | test label says no"]}, [C]),
        ("transporter", "substrate", "ABCB1",
         {"qualifiers": ["test substrate in mice"], "role": "substrate", "species": ["mouse"], "systems": ["animal"],
          "statements": ["oncokg:src-test-paper-a | animal | mouse | test substrate in mice"]}, [A]),
        ("transporter", "not assessed", "ABCG2", NOT_ASSESSED, []),
    ]),
    # ================================================================ the curated seed (values from seed/*.yaml)
    # drugs-for-target: seed/drugs.yaml drug_targets.
    ("seed", "drugs-for-target", {}, seed_target_rows, [
        ("alectinib", "ALK inhibitor", ["primary"], [], [("oncokg:src-nci-formulary-alectinib", "label")]),
        ("brigatinib", "ALK inhibitor", ["primary"], [],
         [("DOI:10.2147/LCTT.S126507", "review"), ("oncokg:src-cgcof-brigatinib-evaluation", "review"),
          ("oncokg:src-hoy-2021-brigatinib", "review")]),
        ("ceritinib", "ALK inhibitor", ["primary"], ["described in the EU label as highly selective for ALK"],
         [("oncokg:src-zykadia-smpc-rxreasoner", "label")]),
        ("crizotinib", "ALK inhibitor", ["primary"], [],
         [("PMID:24756793", "review"), ("oncokg:src-chembl-blog-2011-crizotinib", "commentary")]),
        ("ensartinib", "ALK inhibitor", ["primary"],
         ["more potent on ALK than crizotinib in the preclinical study of X-396"], [("PMID:21613408", "in-vitro study")]),
        ("lorlatinib", "ALK inhibitor", ["primary"], ["in vitro activity on wild-type and mutant ALK (label)"],
         [("oncokg:src-lorbrena-uspi-12-1", "label")]),
    ]),
    ("seed", "drugs-for-target", {"target": "EGFR"}, lambda rows: [(r["drug"], r["roles"]) for r in rows],
     [("brigatinib", ["secondary"]), ("erlotinib", ["primary"]), ("gefitinib", ["primary"]),
      ("osimertinib", ["primary"])]),
    ("seed", "drugs-for-target", {"target": "EGFR", "drug_class": "EGFR inhibitor"}, seed_target_rows, [
        ("erlotinib", "EGFR inhibitor", ["primary"], ["reversible inhibitor at the ATP site of the EGFR kinase"],
         [("oncokg:src-dhimmel-drugbank-tsv", "database")]),
        ("gefitinib", "EGFR inhibitor", ["primary"], [], [("DOI:10.1124/jpet.110.167601", "animal study")]),
        ("osimertinib", "EGFR inhibitor", ["primary"],
         ["irreversible and mutant-selective (T790M, L858R, exon 19 deletion), active at about 9-fold lower "
          "concentration than on wild-type EGFR (label)"], [("oncokg:src-tagrisso-uspi-12-1", "label")]),
    ]),
    ("seed", "drugs-for-target", {"target": "HGNC:7029"}, lambda rows: [(r["drug"], r["roles"]) for r in rows],
     [("crizotinib", ["primary"]), ("ensartinib", ["secondary"])]),
    # transporter-profile: seed/drugs.yaml transporter_roles (ensartinib's P-gp disagreement is two substrate
    # statements, so its state is 'substrate'; erlotinib's is substrate against an asserted negative).
    ("seed", "transporter-profile", {"drug_class": "ALK inhibitor"}, all_profile_states, [
        ("alectinib", "ABCB1", ["inhibitor", "not substrate"], "not substrate"),
        ("alectinib", "ABCG2", ["inhibitor", "not substrate"], "not substrate"),
        ("brigatinib", "ABCB1", ["substrate"], "substrate"),
        ("brigatinib", "ABCG2", ["substrate"], "substrate"),
        ("ceritinib", "ABCB1", ["substrate"], "substrate"),
        ("ceritinib", "ABCG2", ["substrate"], "substrate"),
        ("crizotinib", "ABCB1", ["inhibitor", "substrate"], "substrate"),
        ("crizotinib", "ABCG2", ["not substrate"], "not substrate"),
        ("ensartinib", "ABCB1", ["inhibitor", "substrate"], "substrate"),
        ("ensartinib", "ABCG2", ["inhibitor", "not substrate"], "not substrate"),
        ("lorlatinib", "ABCB1", ["inducer", "substrate"], "substrate"),
        ("lorlatinib", "ABCG2", ["substrate"], "substrate"),
    ]),
    ("seed", "transporter-profile", {"drug_class": "EGFR inhibitor"}, all_profile_states, [
        ("erlotinib", "ABCB1", ["not substrate", "substrate"], "conflicting"),
        ("erlotinib", "ABCG2", ["substrate"], "substrate"),
        ("gefitinib", "ABCB1", ["substrate"], "substrate"),
        ("gefitinib", "ABCG2", ["substrate"], "substrate"),
        ("osimertinib", "ABCB1", [], "not assessed"),
        ("osimertinib", "ABCG2", ["inhibitor"], "inhibitor/inducer only"),
    ]),
    ("seed", "transporter-profile", {"state": "not assessed"}, all_profile_states, [
        ("bevacizumab", "ABCB1", [], "not assessed"), ("bevacizumab", "ABCG2", [], "not assessed"),
        ("carboplatin", "ABCB1", [], "not assessed"), ("carboplatin", "ABCG2", [], "not assessed"),
        ("osimertinib", "ABCB1", [], "not assessed"),
        ("paclitaxel", "ABCB1", [], "not assessed"), ("paclitaxel", "ABCG2", [], "not assessed"),
    ]),
    ("seed", "transporter-profile", {"state": "conflicting"}, all_profile_states,
     [("erlotinib", "ABCB1", ["not substrate", "substrate"], "conflicting")]),
    ("seed", "transporter-profile", {"transporter": "BCRP", "drug_class": "chemotherapy"}, all_profile_states, [
        ("carboplatin", "ABCG2", [], "not assessed"),
        ("paclitaxel", "ABCG2", [], "not assessed"),
    ]),
    ("seed", "transporter-profile", {"transporter": "P-glycoprotein", "drug_class": "ALK inhibitor"},
     lambda rows: [(r["drug"], r["systems"], r["species"], sorted(f["role"] for f in r["facts"]), refs(r["sources"]))
                   for r in rows if r["drug"] in ("alectinib", "lorlatinib")], [
        ("alectinib", ["in vitro", "label"], ["human"], ["inhibitor", "not substrate"],
         [DMD_2019, ("PMID:25205428", "animal study"), ALECENSA_PHARMACOLOGY]),
        ("lorlatinib", ["in vitro", "patients"], ["human", "human and mouse"], ["inducer", "substrate"],
         [("PMID:29744867", "animal study"), ("PMID:38079095", "pharmacokinetic study")]),
    ]),
    ("seed", "transporter-profile", {"transporter": "ABCB1"},
     lambda rows: [(f["role"], f["statements"]) for r in rows if r["drug"] == "alectinib"
                   for f in sorted(r["facts"], key=lambda f: f["role"])], [
        ("inhibitor", ["DOI:10.1124/dmd.119.086975 | in vitro | inhibited ABCB1 in MDCKII accumulation assays and "
                       "reversed ABCB1-mediated multidrug resistance"]),
        ("not substrate", [
            "PMID:25205428 | in vitro | human | preclinical evidence only: the parent drug was not transported by "
            "P-gp in a Caco-2 permeability assay. A claim that the metabolite M4 is a P-gp substrate was seen on one "
            "secondary page only and is not loaded",
            "oncokg:src-alecensa-smpc-rxreasoner-pharmacology | label | EU label statement, explicitly based on "
            "preclinical data, about the parent drug"]),
    ]),
    # knowledge-gaps: ensartinib has no CNS penetration finding in seed/findings-drugs.yaml.
    ("seed", "knowledge-gaps", {}, all_gaps, [
        ("alectinib", []), ("brigatinib", []), ("ceritinib", []), ("crizotinib", []),
        ("ensartinib", ["CNS penetration finding"]), ("lorlatinib", []),
    ]),
    ("seed", "knowledge-gaps", {"drug_class": "any"}, all_gaps, [
        ("alectinib", []),
        ("bevacizumab", ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding"]),
        ("brigatinib", []),
        ("carboplatin", ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding"]),
        ("ceritinib", []),
        ("crizotinib", []),
        ("ensartinib", ["CNS penetration finding"]),
        ("erlotinib", ["CNS response evidence"]),
        ("gefitinib", ["CNS response evidence"]),
        ("lorlatinib", []),
        ("osimertinib", ["ABCB1 substrate status", "ABCG2 substrate status", "CNS response evidence"]),
        ("paclitaxel", ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding"]),
    ]),
    # conflicting-evidence: only erlotinib and P-gp (audit item 7: the answer depends on the metric).
    ("seed", "conflicting-evidence", {}, all_conflicts, [
        ("transporter substrate status", "erlotinib", "ABCB1", "HGNC:40",
         ("substrate", ["animal"], ["mouse"],
          ["METRIC-SPECIFIC: by total brain-to-plasma partitioning, about 2.95-fold higher in Mdr1a/1b knockout and "
           "about 8.5-fold higher in Mdr1a/1b;Bcrp double knockout mice. CONFLICT with the microdialysis result"],
          [JPET_TABLE]),
         ("asserted negative", ["animal"], ["mouse"],
          ["METRIC-SPECIFIC: by brain extracellular-fluid microdialysis, Mdr1a/b knockout alone did not "
           "significantly raise erlotinib penetration, and P-gp-overexpressing cells accumulated erlotinib normally "
           "(only the metabolite OSI-420 was affected). CONFLICT with total-brain partitioning data"],
          [PGP_ANIMAL])),
    ]),
    ("seed", "conflicting-evidence", {"conflict": "CNS response"}, all_conflicts, []),
    # cns-penetration: seed/findings-drugs.yaml; each human metric is its own group.
    ("seed", "cns-penetration", {"species": "human"}, all_ranking, [
        ("alectinib", None, None, None, None, [("oncokg:src-fjuh-formulary-alectinib", "label")]),
        ("lorlatinib", "ratio", 1, 0.70, None, [("DOI:10.1007/s40262-021-01015-z", "pharmacokinetic study")]),
        ("erlotinib", "%", 1, 2.77, None, [("oncokg:src-togashi-gefitinib-erlotinib-csf", "pharmacokinetic study")]),
        ("gefitinib", "%", 2, 1.13, None, [("oncokg:src-togashi-gefitinib-erlotinib-csf", "pharmacokinetic study")]),
        ("crizotinib", "ratio", 1, 0.0026, 1, [("oncokg:src-costa-2011-crizotinib-csf", "case report")]),
        ("gefitinib", "%", 1, 1.3, 22, [("DOI:10.1016/j.cllc.2012.06.004", "pharmacokinetic study")]),
    ]),
    ("seed", "cns-penetration", {"metric": "brain accumulation, Abcb1a/1b knockout"}, all_ranking, [
        ("brigatinib", "fold", 1, 19.3, None, [("DOI:10.1016/j.phrs.2018.09.020", "animal study")]),
        ("lorlatinib", "fold", 2, 4, None, [("PMID:29744867", "animal study")]),
    ]),
    ("seed", "cns-penetration", {"species": "rat"},
     lambda rows: [(r["metric"], r["rank"], r["drug"], r["value_text"]) for r in rows],
     [("brain-to-plasma ratio by radiolabel autoradiography", None, "alectinib",
       "high (no number shown in the abstract read)")]),
    # trials-for-drug: seed/trials.yaml and seed/findings-trials.yaml.
    ("seed", "trials-for-drug", {}, lambda rows: [r[:5] for r in trials(rows)], [
        ("AF-002JG", "oncokg:trial-af-002jg", None, "not applicable", None),
        ("ALEX", "NCT:NCT02075840", "3", "treatment-naive", 303),
        ("ALUR", "NCT:NCT02604342", "3", "crizotinib-pretreated", 107),
        ("J-ALEX", "oncokg:trial-j-alex", "3", "ALK-inhibitor-naive", None),
        ("NP28673", "NCT:NCT01801111", "2", "crizotinib-pretreated", 138),
        ("NP28761", "NCT:NCT01871805", "2", "crizotinib-pretreated", 87),
    ]),
    ("seed", "trials-for-drug", {"drug": "Alecensa"},
     lambda rows: [x for x in trial_findings(rows) if x[0] in ("ALEX", "ALUR")], [
        ("ALEX", [
            ("oncokg:finding-alex-baseline-cns-metastases", "CNS metastasis rate", None, "central nervous system",
             "patients with CNS metastases at baseline (independent review)", 64, "patients", 152,
             "randomised patients per arm (152 alectinib, 151 crizotinib)", "crizotinib", 58,
             "alectinib 600 mg twice daily vs crizotinib 250 mg twice daily",
             "ALEX CNS efficacy analysis (Gadgeel et al., Ann Oncol 2018)", "measured"),
            ("oncokg:finding-alex-cns-orr-no-prior-radiotherapy", "CNS response", "alectinib", "central nervous system",
             "CNS objective response rate", 78.6, "%", None,
             "patients with measurable CNS metastases (43 in all: 21 alectinib, 22 crizotinib) without prior brain "
             "radiotherapy; the size of this subgroup was not given", "crizotinib", 40.0,
             "alectinib 600 mg twice daily vs crizotinib 250 mg twice daily",
             "ALEX CNS efficacy analysis (Gadgeel et al., Ann Oncol 2018)", "response"),
            ("oncokg:finding-alex-cns-orr-prior-radiotherapy", "CNS response", "alectinib", "central nervous system",
             "CNS objective response rate", 85.7, "%", None,
             "patients with measurable CNS metastases (43 in all: 21 alectinib, 22 crizotinib) who had prior brain "
             "radiotherapy; the size of this subgroup was not given", "crizotinib", 71.4,
             "alectinib 600 mg twice daily vs crizotinib 250 mg twice daily",
             "ALEX CNS efficacy analysis (Gadgeel et al., Ann Oncol 2018)", "response"),
            ("oncokg:finding-alex-cns-progression-cause-specific-hr", "CNS progression", "alectinib",
             "central nervous system", "cause-specific hazard ratio for CNS progression", 0.16, "hazard ratio", None,
             "all randomised patients (152 alectinib, 151 crizotinib)", "crizotinib", None,
             "alectinib 600 mg twice daily vs crizotinib 250 mg twice daily",
             "primary analysis (Peters et al., N Engl J Med 2017)", "measured"),
            ("oncokg:finding-alex-cns-progression-events", "CNS progression", "alectinib", "central nervous system",
             "patients with a CNS progression event", 12, "%", 152,
             "all randomised patients per arm, with or without CNS metastases at baseline", "crizotinib", 45,
             "alectinib 600 mg twice daily vs crizotinib 250 mg twice daily",
             "primary analysis (Peters et al., N Engl J Med 2017)", "measured"),
        ]),
        ("ALUR", [
            ("oncokg:finding-alur-cns-orr-measurable", "CNS response", "alectinib", "central nervous system",
             "CNS objective response rate by independent review", 54.2, "%", 24,
             "alectinib-arm patients with measurable CNS disease at baseline (24 of the 40 such patients; 16 in the "
             "chemotherapy arm)", None, None, "alectinib 600 mg twice daily (the chemotherapy arm's value was not seen)",
             "primary analysis (Novello et al., Ann Oncol 2018); key secondary endpoint", "response"),
        ]),
    ]),
    ("seed", "trials-for-drug", {"drug": "alectinib"},
     lambda rows: [(r["trial"], r["drugs"], refs(r["sources"])) for r in rows if r["trial"] in ("ALEX", "ALUR")], [
        ("ALEX", ["alectinib", "crizotinib"],
         [("DOI:10.1056/NEJMoa1704795", "trial"), ("oncokg:src-gadgeel-2017-esmo-alex-cns", "congress report"),
          ("oncokg:src-gadgeel-2018-alex-cns", "trial")]),
        ("ALUR", ["alectinib"],
         [("PMID:29668860", "trial"), ("oncokg:src-pubcompare-alur-methods", "trial"),
          ("oncokg:src-registry-nct02604342", "database")]),
    ]),
    ("seed", "trials-for-drug", {"drug": "lorlatinib"}, lambda rows: [(r["trial"], r["phase"]) for r in rows], [
        ("CROWN", "3"), ("Lorlatinib brain-only progression phase 2", "2"),
        ("Lorlatinib phase 1/2 (global phase 2)", "1/2"),
    ]),
    # evidence-for: the case report's line 5 (alectinib) and alectinib's transporter facts.
    ("seed", "evidence-for", {"site": "spinal cord"}, seed_evidence, [
        ("case observation", "response", "oncokg:case-alectinib-cns-case-report/line-5/obs-2", "cervical spinal cord",
         [CASE_REPORT]),
        ("case observation", "response", "oncokg:case-alectinib-cns-case-report/line-5/obs-3", "cervical spinal cord",
         [CASE_REPORT]),
        ("transporter", "asserted negative", "HGNC:40", None, [("PMID:25205428", "animal study"), ALECENSA_PHARMACOLOGY]),
        ("transporter", "inhibitor", "HGNC:40", None, [DMD_2019]),
        ("transporter", "asserted negative", "HGNC:74", None, [ALECENSA_PHARMACOLOGY]),
        ("transporter", "inhibitor", "HGNC:74", None,
         [DMD_2019, ("oncokg:src-alecensa-smpc-rxreasoner-precautions", "label")]),
    ]),
    ("seed", "evidence-for", {"site": "leptomeninges", "evidence": "cases"},
     lambda rows: [(r["state"], r["detail"]) for r in rows], [
        ("response", {"case": "oncokg:case-alectinib-cns-case-report", "line": 5, "months": 3,
                      "response": "marked response", "therapy": "alectinib"}),
    ]),
    ("seed", "evidence-for", {}, lambda rows: sorted({(r["kind"], r["state"]) for r in rows}), [
        ("CNS disease control", "measured"), ("CNS metastasis rate", "measured"), ("CNS penetration", "measured"),
        ("CNS progression", "measured"), ("CNS response", "response"), ("case observation", "response"),
        ("transporter", "asserted negative"), ("transporter", "inhibitor"),
    ]),
    ("seed", "evidence-for", {"drug": "Tagrisso", "evidence": "transporters"}, seed_evidence, [
        ("transporter", "not assessed", "HGNC:40", None, []),
        ("transporter", "inhibitor", "HGNC:74", None,
         [("oncokg:src-pmc6256010-osimertinib-rosuvastatin", "pharmacokinetic study")]),
        ("transporter", "not assessed", "HGNC:74", None, []),
    ]),
    ("seed", "evidence-for", {"drug": "crizotinib", "site": "leptomeninges"}, seed_evidence, [
        ("case observation", "tested without effect", "oncokg:case-alectinib-cns-case-report/line-3/obs-3",
         "leptomeninges", [CASE_REPORT]),
        ("transporter", "inhibitor", "HGNC:40", None, [("oncokg:src-xalkori-ca-monograph", "label")]),
        ("transporter", "substrate", "HGNC:40", None,
         [("PMID:24037730", "animal study"), ("oncokg:src-xalkori-ca-monograph", "label")]),
        ("transporter", "asserted negative", "HGNC:74", None, [("PMID:24037730", "animal study")]),
    ]),
]
