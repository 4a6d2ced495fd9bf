"""Question cases of the drug questions (drugs-for-target, transporter-profile, knowledge-gaps, conflicting-evidence)
and of the CNS questions other than the flagship (cns-penetration, trials-for-drug, evidence-for); same shape as
tests/shared/questions.py.

Mini cases rest on tests/fixtures/mini/mini.yaml, drugs.yaml and conflicts.yaml. Questions that list every drug are
projected onto the drugs of those files (MINI_DRUGS), so that fictional drugs added for other families do not change
these answers. Seed cases hold exact values read from seed/*.yaml; the seed cases of the CNS questions are in
tests/shared/questions_cns.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.questions import get
from kg.render import render_answer

Rows = list[dict[str, Any]]

MINI_DRUGS = {"priortinib", "alphatestinib", "betatestinib", "gammatestinib", "deltatestinib", "chemotestin",
              "epsilontestinib", "zetatestinib", "thetatestinib"}

# Short names of the mini sources.
A = ("oncokg:src-test-paper-a", "in-vitro study")
B = ("oncokg:src-test-paper-b", "case report")
C = ("oncokg:src-test-label-c", "label")
PK = ("oncokg:src-test-drugs-pk", "pharmacokinetic study")
MOUSE = ("oncokg:src-test-drugs-mouse", "animal study")
PAPER_F = ("oncokg:src-test-drugs-trial-paper", "congress report")
TEST_TWO = ("oncokg:trial-test-two", "trial")
E = ("oncokg:src-test-conflicts-e", "in-vitro study")  # not verified


# --------------------------------------------------------------------------- projections


def refs(sources: list[dict[str, Any]]) -> list[tuple]:
    return [(s["id"], s["kind"]) for s in sources]


def checked(sources: list[dict[str, Any]]) -> list[tuple]:
    """(id, kind, verified) of each source: an unverified source stays flagged on every item it supports."""
    return [(s["id"], s["kind"], s["verified"]) for s in sources]


def ids(sources: list[dict[str, Any]]) -> list[str]:
    return [s["id"] for s in sources]


def mini(rows: Rows, key: str = "drug") -> Rows:
    return [r for r in rows if r[key] in MINI_DRUGS]


def target_rows(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["drug_class"], r["generation"], r["target"], r["roles"],
             [(s["role"], s["qualifier"], refs(s["sources"])) for s in r["statements"]]) for r in mini(rows)]


def drug_names(rows: Rows) -> list[str]:
    return [r["drug"] for r in mini(rows)]


def profile_states(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["transporter"], r["roles"], r["state"]) for r in mini(rows)]


def profile_detail(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["transporter"], r["state"],
             [(s["claim"], s["qualifier"], checked(s["sources"])) for s in r["statements"]]) for r in mini(rows)]


def claims(rows: Rows) -> list[tuple]:
    """Each statement's claim beside the ids of its own sources."""
    return [(r["drug"], r["transporter"], r["state"], [(s["claim"], ids(s["sources"])) for s in r["statements"]])
            for r in rows]


def gaps(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["missing"]) for r in mini(rows)]


def gaps_known(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["missing"], r["known"]) for r in mini(rows)]


def conflict_item(i: dict[str, Any]) -> tuple:
    if "claim" in i:
        return (i["claim"], i["qualifier"], checked(i["sources"]))
    return (i["evidence"], i["class"], i["text"], i["value"], i["n"], i["setting"], i["subgroup"], i["arm"],
            i["analysis"], i["months"], checked(i["sources"]))


def conflicts(rows: Rows) -> list[tuple]:
    return [(r["conflict"], r["subject"], r["object"], r["system"], r["species"],
             (r["positive"]["state"], [conflict_item(i) for i in r["positive"]["items"]]),
             (r["negative"]["state"], [conflict_item(i) for i in r["negative"]["items"]])) for r in rows]


def conflict_pairs(rows: Rows) -> list[tuple]:
    return [(r["conflict"], r["subject"], r["object"]) for r in rows]


def cells(question: str, column: str, keep: set[str] | None = None, key: str = "drug") -> Callable[[Rows], Any]:
    """The lines of one table column, each as (text, ids of the sources footnoted on that line)."""
    def project(rows: Rows) -> list[tuple]:
        view = get(question).table
        return [(r[key], [(c.text, ids(c.sources)) for c in view(r)[column]])
                for r in rows if keep is None or r[key] in keep]
    return project


def table(question: str, squeeze: bool = False) -> Callable[[Rows], list[str]]:
    """The table as a terminal prints it, line by line, with its numbered sources (`squeeze`, for tables too wide to
    write out: runs of spaces as one, and without the rule under the header)."""
    def project(rows: Rows) -> list[str]:
        lines = render_answer(rows, get(question), "table").split("\n")
        return [" ".join(line.split()) for i, line in enumerate(lines) if i != 1] if squeeze else lines
    return project


def items(question: str, *keys: str) -> Callable[[Rows], list[tuple]]:
    """The csv/jsonl items (one per evidence item): the given fields and the ids of the item's own sources."""
    return lambda rows: [tuple(i.get(k) for k in keys) + (ids(i["sources"]),) for r in rows for i in get(question).items(r)]


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


def all_profile_states(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["transporter"], r["roles"], r["state"]) for r in rows]


def all_gaps(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["missing"]) for r in rows]


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


GAPS_ALL = ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence"]

CASES: list[tuple[str, str, dict[str, Any], Callable[[Rows], Any], Any]] = [
    # ---------------------------------------------------------------- drugs-for-target (mini)
    # Two records state alphatestinib–ALK: each statement keeps its own role, qualifier and sources.
    ("mini", "drugs-for-target", {}, target_rows, [
        ("alphatestinib", "ALK inhibitor", None, "ALK", ["primary"],
         [("primary", None, [C]), ("primary", "second statement", [A])]),
        ("betatestinib", "ALK inhibitor", None, "ALK", ["primary"], [("primary", None, [C])]),
        ("deltatestinib", "ALK inhibitor", None, "ALK", ["primary"], [("primary", None, [C])]),
        ("epsilontestinib", "EGFR inhibitor", "test generation two", "ALK", ["secondary"],
         [("secondary", "weak test activity on ALK", [PK, A])]),
        ("gammatestinib", "ALK inhibitor", None, "ALK", ["primary"], [("primary", None, [C])]),
        ("priortinib", "ALK inhibitor", None, "ALK", ["primary"], [("primary", None, [C])]),
        ("zetatestinib", "ALK inhibitor", "test generation three", "ALK", ["primary"], [("primary", None, [PK])]),
    ]),
    ("mini", "drugs-for-target", {"drug_class": "EGFR inhibitor"}, drug_names, ["epsilontestinib"]),
    ("mini", "drugs-for-target", {"target": "EGFR"}, target_rows, [
        ("epsilontestinib", "EGFR inhibitor", "test generation two", "EGFR", ["primary"], [("primary", None, [C])]),
    ]),
    ("mini", "drugs-for-target", {"target": "HGNC:427", "drug_class": "chemotherapy"}, drug_names, []),
    # The table footnotes each statement with its own sources only; csv/jsonl give one line per statement.
    ("mini", "drugs-for-target", {}, cells("drugs-for-target", "statements", {"alphatestinib", "epsilontestinib"}), [
        ("alphatestinib", [("primary", [C[0]]), ("primary: second statement", [A[0]])]),
        ("epsilontestinib", [("secondary: weak test activity on ALK", [PK[0], A[0]])]),
    ]),
    ("mini", "drugs-for-target", {}, items("drugs-for-target", "drug", "target", "role", "qualifier"), [
        ("alphatestinib", "ALK", "primary", None, [C[0]]),
        ("alphatestinib", "ALK", "primary", "second statement", [A[0]]),
        ("betatestinib", "ALK", "primary", None, [C[0]]),
        ("deltatestinib", "ALK", "primary", None, [C[0]]),
        ("epsilontestinib", "ALK", "secondary", "weak test activity on ALK", [PK[0], A[0]]),
        ("gammatestinib", "ALK", "primary", None, [C[0]]),
        ("priortinib", "ALK", "primary", None, [C[0]]),
        ("zetatestinib", "ALK", "primary", None, [PK[0]]),
    ]),
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
        ("thetatestinib", "ABCB1", ["not substrate", "substrate"], "conflicting"),
        ("thetatestinib", "ABCG2", ["not substrate", "substrate"], "conflicting"),
        ("zetatestinib", "ABCB1", [], "not assessed"),
        ("zetatestinib", "ABCG2", [], "not assessed"),
    ]),
    # Each statement: its role with strength, system and species ('mouse only' for a mouse result), its
    # qualifier, and its own sources (paper E unverified).
    ("mini", "transporter-profile", {"transporter": "BCRP"}, profile_detail, [
        ("alphatestinib", "ABCG2", "inhibitor/inducer only",
         [("inhibitor (in vitro)", "test BCRP inhibitor", [(*A, True)])]),
        ("betatestinib", "ABCG2", "not substrate",
         [("not substrate (animal, mouse only)", "test knockout mice show no BCRP effect", [(*MOUSE, True)])]),
        ("chemotestin", "ABCG2", "not assessed", []),
        ("deltatestinib", "ABCG2", "not assessed", []),
        ("epsilontestinib", "ABCG2", "conflicting",
         [("not substrate (label)", "test label says no", [(*C, True)]),
          ("substrate (animal, mouse only)", "test knockout mice", [(*MOUSE, True)]),
          ("substrate (in vitro, human)", "test transwell transport", [(*A, True)])]),
        ("gammatestinib", "ABCG2", "not assessed", []),
        ("priortinib", "ABCG2", "not assessed", []),
        ("thetatestinib", "ABCG2", "conflicting",
         [("not substrate (in vitro, human)", "test human ABCG2 no transport", [(*E, False)]),
          ("weak substrate (animal, mouse only)", "test mouse Abcg2 only", [(*A, True)])]),
        ("zetatestinib", "ABCG2", "not assessed", []),
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
    # The table: the state with the systems it rests on, one footnoted line per statement, no sources column; an
    # unverified source is flagged below it.
    ("mini", "transporter-profile", {"transporter": "BCRP", "drug_class": "EGFR inhibitor"},
     table("transporter-profile"), [
        "drug             transporter  state                                                     statements",
        "---------------  -----------  --------------------------------------------------------  "
        "------------------------------------------------------------------",
        "epsilontestinib  ABCG2        conflicting (animal, mouse only; in vitro, human; label)  "
        "not substrate (label): test label says no [1]",
        "                                                                                        "
        "substrate (animal, mouse only): test knockout mice [2]",
        "                                                                                        "
        "substrate (in vitro, human): test transwell transport [3]",
        "thetatestinib    ABCG2        conflicting (animal, mouse only; in vitro, human)         "
        "not substrate (in vitro, human): test human ABCG2 no transport [4]",
        "                                                                                        "
        "weak substrate (animal, mouse only): test mouse Abcg2 only [3]",
        "",
        "Sources:",
        "[1] oncokg:src-test-label-c  Test label C (label; regulatory_label)",
        "[2] oncokg:src-test-drugs-mouse  Test mouse study E (animal study; primary)",
        "[3] oncokg:src-test-paper-a  Test paper A (in-vitro study; primary)",
        "[4] oncokg:src-test-conflicts-e  Test paper E (in-vitro study; primary; not verified)",
    ]),
    # csv/jsonl: one line per statement; a pair never assessed is one line with no sources.
    ("mini", "transporter-profile", {"transporter": "P-gp", "drug_class": "EGFR inhibitor"},
     items("transporter-profile", "drug", "transporter", "state", "claim"), [
        ("epsilontestinib", "ABCB1", "not assessed", None, []),
        ("thetatestinib", "ABCB1", "conflicting", "not substrate (in vitro, human)", [E[0]]),
        ("thetatestinib", "ABCB1", "conflicting", "substrate (in vitro, human, no resistance)", [E[0]]),
        ("thetatestinib", "ABCB1", "conflicting", "weak substrate (in vitro, human, confers resistance)", [A[0]]),
    ]),
    # ---------------------------------------------------------------- knowledge-gaps (mini)
    ("mini", "knowledge-gaps", {"prior_drug": "priortinib"}, gaps_known, [
        ("alphatestinib", ["ABCG2 substrate status"],
         ["ABCB1 substrate status", "CNS penetration finding", "CNS response evidence",
          "CNS response evidence after priortinib"]),
        ("betatestinib", [],
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence",
          "CNS response evidence after priortinib"]),
        ("deltatestinib", ["ABCG2 substrate status"],
         ["ABCB1 substrate status", "CNS penetration finding", "CNS response evidence",
          "CNS response evidence after priortinib"]),
        ("gammatestinib", ["ABCB1 substrate status", "ABCG2 substrate status"],
         ["CNS penetration finding", "CNS response evidence", "CNS response evidence after priortinib"]),
        # priortinib's CNS response evidence is a case observation of progression (a new lesion); the check after
        # priortinib is not made for priortinib itself.
        ("priortinib", ["ABCG2 substrate status"],
         ["ABCB1 substrate status", "CNS penetration finding", "CNS response evidence"]),
        ("zetatestinib",
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence",
          "CNS response evidence after priortinib"], []),
    ]),
    # Drugs of other classes than the prior drug's get no 'after' check.
    ("mini", "knowledge-gaps", {"drug_class": "any", "prior_drug": "priortinib"}, gaps, [
        ("alphatestinib", ["ABCG2 substrate status"]),
        ("betatestinib", []),
        # chemotestin's only observation is at the lung, not a CNS site.
        ("chemotestin",
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence"]),
        ("deltatestinib", ["ABCG2 substrate status"]),
        ("epsilontestinib", ["ABCB1 substrate status", "CNS response evidence"]),
        ("gammatestinib", ["ABCB1 substrate status", "ABCG2 substrate status"]),
        ("priortinib", ["ABCG2 substrate status"]),
        ("thetatestinib", ["CNS penetration finding"]),
        ("zetatestinib",
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence",
          "CNS response evidence after priortinib"]),
    ]),
    # thetatestinib has CNS response evidence (cases, findings) but none after epsilontestinib: that gap shows.
    ("mini", "knowledge-gaps", {"drug_class": "EGFR inhibitor", "prior_drug": "epsilontestinib"}, gaps_known, [
        ("epsilontestinib", ["ABCB1 substrate status", "CNS response evidence"],
         ["ABCG2 substrate status", "CNS penetration finding"]),
        ("thetatestinib", ["CNS penetration finding", "CNS response evidence after epsilontestinib"],
         ["ABCB1 substrate status", "ABCG2 substrate status", "CNS response evidence"]),
    ]),
    # csv/jsonl: one line per check and drug
    ("mini", "knowledge-gaps", {"drug_class": "EGFR inhibitor", "prior_drug": "epsilontestinib"},
     lambda rows: [(i["drug"], i["what"], i["state"]) for r in rows for i in get("knowledge-gaps").items(r)
                   if i["drug"] == "thetatestinib"], [
        ("thetatestinib", "CNS penetration finding", "missing"),
        ("thetatestinib", "CNS response evidence after epsilontestinib", "missing"),
        ("thetatestinib", "ABCB1 substrate status", "known"),
        ("thetatestinib", "ABCG2 substrate status", "known"),
        ("thetatestinib", "CNS response evidence", "known"),
    ]),
    # ---------------------------------------------------------------- conflicting-evidence (mini)
    # Sources in conflict only in the same system: thetatestinib–ABCB1 in vitro, human (substrate status and
    # resistance). deltatestinib–ABCB1 and epsilontestinib–ABCG2 (label against animal or in vitro) and
    # thetatestinib–ABCG2 (mouse only against human in vitro) are different systems: no row. Patients who differ
    # at a CNS site are heterogeneity: a response against progression or no response; thetatestinib's time to
    # response and unverified finding are left out, and so is disease control (its leptomeninges).
    ("mini", "conflicting-evidence", {}, lambda rows: conflicts(mini(rows, "subject")), [
        ("CNS response heterogeneity", "alphatestinib", "leptomeninges", None, None,
         ("response", [("oncokg:case-test-one/line-4/obs-1", "response",
                        "Test case one: leptomeninges: marked response (line 3: alphatestinib)",
                        None, None, None, None, None, None, 3, [(*B, True)])]),
         ("progression or no response", [("oncokg:finding-test-alpha-lepto-none", "no response",
                                          "alphatestinib leptomeningeal cohort, no response (test)",
                                          0, 4, "treatment-naive", None, None, None, None, [(*B, True)])])),
        ("CNS response heterogeneity", "thetatestinib", "brain", None, None,
         ("response", [("oncokg:case-test-four/line-1/obs-1", "response",
                        "Test case four: brain: partial response (line 1: thetatestinib)",
                        None, None, None, None, None, None, 2, [(*B, True)]),
                       ("oncokg:finding-test-theta-brain-orr", "response", "thetatestinib brain response cohort (test)",
                        50, 10, "ALK-inhibitor-naive", "measurable brain lesions", "thetatestinib 50 mg",
                        "final analysis", None, [(*E, False)])]),
         ("progression or no response", [("oncokg:case-test-five/line-1/obs-1", "progression",
                                          "Test case five: brain: progression (line 1: thetatestinib)",
                                          None, None, None, None, None, None, 3, [(*B, True)])])),
        ("transporter substrate status", "thetatestinib", "ABCB1", "in vitro", "human",
         ("substrate", [("substrate (in vitro, human, no resistance)", "test transport without resistance",
                         [(*E, False)]),
                        ("weak substrate (in vitro, human, confers resistance)", "test weak transport, resistant cells",
                         [(*A, True)])]),
         ("asserted negative", [("not substrate (in vitro, human)", "test no transport", [(*E, False)])])),
        ("transporter-mediated resistance", "thetatestinib", "ABCB1", "in vitro", "human",
         ("confers resistance", [("weak substrate (in vitro, human, confers resistance)",
                                  "test weak transport, resistant cells", [(*A, True)])]),
         ("no resistance", [("substrate (in vitro, human, no resistance)", "test transport without resistance",
                             [(*E, False)])])),
    ]),
    ("mini", "conflicting-evidence", {"conflict": "transporter substrate status", "drug_class": "EGFR inhibitor"},
     conflict_pairs, [("transporter substrate status", "thetatestinib", "ABCB1")]),
    ("mini", "conflicting-evidence", {"conflict": "CNS response heterogeneity"}, conflict_pairs,
     [("CNS response heterogeneity", "alphatestinib", "leptomeninges"),
      ("CNS response heterogeneity", "thetatestinib", "brain")]),
    ("mini", "conflicting-evidence", {"drug_class": "chemotherapy"}, conflict_pairs, []),
    ("mini", "conflicting-evidence", {"conflict": "CNS response heterogeneity", "drug_class": "EGFR inhibitor"},
     table("conflicting-evidence", squeeze=True), [
        "subject object conflict one side other side",
        "thetatestinib brain CNS response heterogeneity response: Test case four: brain: partial response (line 1: "
        "thetatestinib) at 2 months [1] progression: Test case five: brain: progression (line 1: thetatestinib) at 3 "
        "months [1]",
        "response: thetatestinib brain response cohort (test): 50% (n=10); population: ALK-inhibitor-naive; subgroup: "
        "measurable brain lesions; arm: thetatestinib 50 mg; analysis: final analysis [2]",
        "",
        "Sources:",
        "[1] oncokg:src-test-paper-b Test paper B (case report; primary)",
        "[2] oncokg:src-test-conflicts-e Test paper E (in-vitro study; primary; not verified)",
    ]),
    # Asked for, the unverified finding joins the other side, flagged (its verified flag and its source's).
    ("mini", "conflicting-evidence", {"conflict": "CNS response heterogeneity", "drug_class": "EGFR inhibitor",
                                      "include_unverified": "true"},
     cells("conflicting-evidence", "other side", key="subject"), [
        ("thetatestinib", [
            ("UNVERIFIED no response: thetatestinib brain cohort, no response, unverified (test): 0%; "
             "population: ALK-inhibitor-naive", [A[0]]),
            ("progression: Test case five: brain: progression (line 1: thetatestinib) at 3 months", [B[0]]),
        ]),
    ]),
    ("mini", "conflicting-evidence", {"conflict": "transporter-mediated resistance"},
     items("conflicting-evidence", "subject", "object", "conflict", "system", "species", "side", "claim"), [
        ("thetatestinib", "ABCB1", "transporter-mediated resistance", "in vitro", "human", "confers resistance",
         "weak substrate (in vitro, human, confers resistance)", [A[0]]),
        ("thetatestinib", "ABCB1", "transporter-mediated resistance", "in vitro", "human", "no resistance",
         "substrate (in vitro, human, no resistance)", [E[0]]),
    ]),
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
    ("mini", "evidence-for", {"drug": "Alphabrand", "site": "brain"}, evidence, [
        ("CNS response", "response", "oncokg:finding-test-two-ic-orr", "brain"),
        ("transporter", "asserted negative", "HGNC:40", None),
        ("transporter", "inhibitor", "HGNC:74", None),
        ("transporter", "not assessed", "HGNC:74", None),
    ]),
    ("mini", "evidence-for", {"drug": "alphatestinib", "site": "lung", "evidence": "cases"}, evidence, [
        ("case observation", "response", "oncokg:case-test-one/line-4/obs-2", "lung"),
    ]),
    # ================================================================ the curated seed (values from seed/*.yaml)
    # drugs-for-target: seed/drugs.yaml drug_targets; each statement with its own sources.
    ("seed", "drugs-for-target", {}, lambda rows: [(r["drug"], r["roles"], [(s["role"], s["qualifier"], ids(s["sources"]))
                                                                          for s in r["statements"]]) for r in rows], [
        ("alectinib", ["primary"], [("primary", None, ["oncokg:src-nci-formulary-alectinib"])]),
        ("brigatinib", ["primary"], [("primary", None, ["oncokg:src-cgcof-brigatinib-evaluation",
                                                        "DOI:10.2147/LCTT.S126507", "oncokg:src-hoy-2021-brigatinib"])]),
        ("ceritinib", ["primary"], [("primary", "described in the EU label as highly selective for ALK",
                                     ["oncokg:src-zykadia-smpc-rxreasoner"])]),
        ("crizotinib", ["primary"], [("primary", None, ["oncokg:src-chembl-blog-2011-crizotinib", "PMID:24756793"])]),
        ("ensartinib", ["primary"], [("primary", "more potent on ALK than crizotinib in the preclinical study of X-396",
                                      ["PMID:21613408"])]),
        ("lorlatinib", ["primary"], [("primary", "in vitro activity on wild-type and mutant ALK (label)",
                                      ["oncokg:src-lorbrena-uspi-12-1"])]),
    ]),
    ("seed", "drugs-for-target", {"target": "EGFR"}, lambda rows: [(r["drug"], r["roles"]) for r in rows],
     [("brigatinib", ["secondary"]), ("erlotinib", ["primary"]), ("gefitinib", ["primary"]),
      ("osimertinib", ["primary"])]),
    ("seed", "drugs-for-target", {"target": "HGNC:7029"}, lambda rows: [(r["drug"], r["roles"]) for r in rows],
     [("crizotinib", ["primary"]), ("ensartinib", ["secondary"])]),
    # transporter-profile: seed/drugs.yaml transporter_roles. Audit 2026-12-03 §4 and 1d items 2, 4, 5: every
    # claim says its system, species and strength, beside its own sources (one line per statement): alectinib's
    # 'not substrate' is in vitro (Kodama's Caco-2 assay) and a label line; lorlatinib's ABCB1 call is a modest
    # in-vitro substrate and its ABCG2 call a weak, mouse-only one; ceritinib's bulletin states no system.
    ("seed", "transporter-profile", {"drug_class": "ALK inhibitor"}, claims, [
        ("alectinib", "ABCB1", "not substrate",
         [("inhibitor (in vitro)", ["DOI:10.1124/dmd.119.086975"]),
          ("not substrate (in vitro, human)", ["PMID:25205428"]),
          ("not substrate (label)", ["oncokg:src-alecensa-smpc-rxreasoner-pharmacology"])]),
        ("alectinib", "ABCG2", "not substrate",
         [("inhibitor (in vitro)", ["DOI:10.1124/dmd.119.086975"]),
          ("inhibitor (label)", ["oncokg:src-alecensa-smpc-rxreasoner-precautions"]),
          ("not substrate (label)", ["oncokg:src-alecensa-smpc-rxreasoner-pharmacology"])]),
        ("brigatinib", "ABCB1", "substrate",
         [("substrate (in vitro, human and mouse)", ["DOI:10.1016/j.phrs.2018.09.020"])]),
        ("brigatinib", "ABCG2", "substrate",
         [("substrate (in vitro, human and mouse)", ["DOI:10.1016/j.phrs.2018.09.020"])]),
        ("ceritinib", "ABCB1", "substrate",
         [("substrate (in vitro, human and mouse)", ["oncokg:src-ceritinib-abcb1-abcg2-knockout-mice"]),
          ("substrate (system not reported)", ["oncokg:src-australian-prescriber-ceritinib"])]),
        ("ceritinib", "ABCG2", "substrate",
         [("substrate (in vitro, human and mouse)", ["oncokg:src-ceritinib-abcb1-abcg2-knockout-mice"])]),
        ("crizotinib", "ABCB1", "substrate",
         [("inhibitor (label, human)", ["oncokg:src-xalkori-ca-monograph"]),
          ("substrate (in vitro, human and mouse)", ["PMID:24037730"]),
          ("substrate (label, human)", ["oncokg:src-xalkori-ca-monograph"])]),
        ("crizotinib", "ABCG2", "not substrate", [("not substrate (in vitro, human and mouse)", ["PMID:24037730"])]),
        ("ensartinib", "ABCB1", "substrate",
         [("inhibitor (in vitro)", ["DOI:10.3390/cancers12040813"]),
          ("substrate (in vitro, confers resistance)", ["DOI:10.3390/cancers14092341"]),
          ("substrate (in vitro, no resistance)", ["DOI:10.3390/cancers12040813"])]),
        ("ensartinib", "ABCG2", "not substrate",
         [("inhibitor (in vitro)", ["DOI:10.3390/cancers12040813"]),
          ("not substrate (in vitro)", ["DOI:10.3390/cancers12040813"])]),
        ("lorlatinib", "ABCB1", "substrate",
         [("inducer (patients, human)", ["PMID:38079095"]),
          ("modest substrate (in vitro, human and mouse)", ["PMID:29744867"])]),
        ("lorlatinib", "ABCG2", "substrate", [("weak substrate (in vitro, mouse only)", ["PMID:29744867"])]),
    ]),
    # The state says the systems it rests on: none of these is a human CNS measurement (audit §4).
    ("seed", "transporter-profile", {"drug_class": "ALK inhibitor"},
     lambda rows: [(r["drug"], r["transporter"], r["state"], r["state_systems"]) for r in rows], [
        ("alectinib", "ABCB1", "not substrate", ["in vitro, human", "label"]),
        ("alectinib", "ABCG2", "not substrate", ["label"]),
        ("brigatinib", "ABCB1", "substrate", ["in vitro, human and mouse"]),
        ("brigatinib", "ABCG2", "substrate", ["in vitro, human and mouse"]),
        ("ceritinib", "ABCB1", "substrate", ["in vitro, human and mouse", "system not reported"]),
        ("ceritinib", "ABCG2", "substrate", ["in vitro, human and mouse"]),
        ("crizotinib", "ABCB1", "substrate", ["in vitro, human and mouse", "label, human"]),
        ("crizotinib", "ABCG2", "not substrate", ["in vitro, human and mouse"]),
        ("ensartinib", "ABCB1", "substrate", ["in vitro"]),
        ("ensartinib", "ABCG2", "not substrate", ["in vitro"]),
        ("lorlatinib", "ABCB1", "substrate", ["in vitro, human and mouse"]),
        ("lorlatinib", "ABCG2", "substrate", ["in vitro, mouse only"]),
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
        ("cisplatin", "ABCB1", [], "not assessed"), ("cisplatin", "ABCG2", [], "not assessed"),
        ("docetaxel", "ABCB1", [], "not assessed"), ("docetaxel", "ABCG2", [], "not assessed"),
        ("gemcitabine", "ABCB1", [], "not assessed"), ("gemcitabine", "ABCG2", [], "not assessed"),
        ("nivolumab", "ABCB1", [], "not assessed"), ("nivolumab", "ABCG2", [], "not assessed"),
        ("osimertinib", "ABCB1", [], "not assessed"),
        ("paclitaxel", "ABCB1", [], "not assessed"), ("paclitaxel", "ABCG2", [], "not assessed"),
        ("pembrolizumab", "ABCB1", [], "not assessed"), ("pembrolizumab", "ABCG2", [], "not assessed"),
        ("pemetrexed", "ABCB1", [], "not assessed"), ("pemetrexed", "ABCG2", [], "not assessed"),
    ]),
    ("seed", "transporter-profile", {"state": "conflicting"}, all_profile_states,
     [("erlotinib", "ABCB1", ["not substrate", "substrate"], "conflicting")]),
    ("seed", "transporter-profile", {"transporter": "BCRP", "drug_class": "chemotherapy"}, all_profile_states, [
        ("carboplatin", "ABCG2", [], "not assessed"),
        ("cisplatin", "ABCG2", [], "not assessed"),
        ("docetaxel", "ABCG2", [], "not assessed"),
        ("gemcitabine", "ABCG2", [], "not assessed"),
        ("paclitaxel", "ABCG2", [], "not assessed"),
        ("pemetrexed", "ABCG2", [], "not assessed"),
    ]),
    # Audit 3a/3b: the table pairs each statement with its own source (the sources column sorted alphabetically
    # is gone); lorlatinib's ABCG2 line says weak and mouse only.
    ("seed", "transporter-profile", {"transporter": "ABCB1", "drug_class": "ALK inhibitor"},
     cells("transporter-profile", "statements", {"alectinib"}), [
        ("alectinib", [
            ("inhibitor (in vitro): inhibited ABCB1 in MDCKII accumulation assays and reversed ABCB1-mediated multidrug "
             "resistance", ["DOI:10.1124/dmd.119.086975"]),
            ("not substrate (in vitro, human): preclinical evidence only: the parent drug was not transported by P-gp in "
             "a Caco-2 permeability assay. A claim that the metabolite M4 is a P-gp substrate was seen on one secondary "
             "page only and is not loaded", ["PMID:25205428"]),
            ("not substrate (label): EU label statement, explicitly based on preclinical data, about the parent drug",
             ["oncokg:src-alecensa-smpc-rxreasoner-pharmacology"]),
        ]),
    ]),
    ("seed", "transporter-profile", {"transporter": "ABCG2", "drug_class": "ALK inhibitor"},
     cells("transporter-profile", "statements", {"lorlatinib"}), [
        ("lorlatinib", [("weak substrate (in vitro, mouse only): weak substrate of MOUSE Abcg2 in vitro only; Abcg2 "
                         "knockout alone did not change mouse brain levels. Not shown for human ABCG2",
                         ["PMID:29744867"])]),
    ]),
    # knowledge-gaps: ensartinib has no CNS penetration finding in seed/findings-drugs.yaml. Audit §4 (lorlatinib):
    # no CNS response finding or case after crizotinib is loaded for lorlatinib (its CNS findings carry no
    # crizotinib-pretreated population) nor for ensartinib; the gap is said, not hidden.
    ("seed", "knowledge-gaps", {}, all_gaps, [
        ("alectinib", []), ("brigatinib", []), ("ceritinib", []), ("crizotinib", []),
        ("ensartinib", ["CNS penetration finding", "CNS response evidence after crizotinib"]),
        ("lorlatinib", ["CNS response evidence after crizotinib"]),
    ]),
    # the agents case reports name (cisplatin ... pemetrexed) are in the seed with identifiers only: every gap
    ("seed", "knowledge-gaps", {"drug_class": "any"}, all_gaps, [
        ("alectinib", []),
        ("bevacizumab", ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding"]),
        ("brigatinib", []),
        ("carboplatin", ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding"]),
        ("ceritinib", []),
        ("cisplatin", GAPS_ALL),
        ("crizotinib", []),
        ("docetaxel", GAPS_ALL),
        ("ensartinib", ["CNS penetration finding", "CNS response evidence after crizotinib"]),
        ("erlotinib", ["CNS response evidence"]),
        ("gefitinib", ["CNS response evidence"]),
        ("gemcitabine", GAPS_ALL),
        ("lorlatinib", ["CNS response evidence after crizotinib"]),
        ("nivolumab", GAPS_ALL),
        ("osimertinib", ["ABCB1 substrate status", "ABCG2 substrate status", "CNS response evidence"]),
        ("paclitaxel", ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding"]),
        ("pembrolizumab", GAPS_ALL),
        ("pemetrexed", GAPS_ALL),
    ]),
    # conflicting-evidence, audit 1d items 6 and 7: erlotinib–P-gp in mice (metric-specific, both sides animal,
    # mouse) and ensartinib–P-gp in vitro (the 2020 study: no resistance; the 2022 title-level claim: confers
    # resistance), each statement with its own source.
    ("seed", "conflicting-evidence", {}, conflicts, [
        ("transporter substrate status", "erlotinib", "ABCB1", "animal", "mouse",
         ("substrate", [("substrate (animal, mouse only)",
                         "METRIC-SPECIFIC: by total brain-to-plasma partitioning, about 2.95-fold higher in Mdr1a/1b "
                         "knockout and about 8.5-fold higher in Mdr1a/1b;Bcrp double knockout mice. CONFLICT with the "
                         "microdialysis result", [(*JPET_TABLE, True)])]),
         ("asserted negative", [("not substrate (animal, mouse only)",
                                 "METRIC-SPECIFIC: by brain extracellular-fluid microdialysis, Mdr1a/b knockout alone did "
                                 "not significantly raise erlotinib penetration, and P-gp-overexpressing cells "
                                 "accumulated erlotinib normally (only the metabolite OSI-420 was affected). CONFLICT "
                                 "with total-brain partitioning data", [(*PGP_ANIMAL, True)])])),
        ("transporter-mediated resistance", "ensartinib", "ABCB1", "in vitro", None,
         ("confers resistance", [("substrate (in vitro, confers resistance)",
                                  "title-level claim only (abstract not read): P-glycoprotein mediates resistance of "
                                  "cancer cells to ensartinib. CONFLICT with the 2020 study, where ABCB1 did not confer "
                                  "resistance; unresolved", [("DOI:10.3390/cancers14092341", "in-vitro study", True)])]),
         ("no resistance", [("substrate (in vitro, no resistance)",
                             "transported by ABCB1 in MDCKII assays, yet in the same study ABCB1 expression did not make "
                             "cells resistant to ensartinib. CONFLICT: a 2022 paper's title says P-gp mediates "
                             "resistance to ensartinib", [("DOI:10.3390/cancers12040813", "in-vitro study", True)])])),
    ]),
    ("seed", "conflicting-evidence", {"conflict": "CNS response heterogeneity"}, conflicts, []),
    # cns-penetration: seed/findings-drugs.yaml; each human metric is its own group.
    ("seed", "cns-penetration", {"metric": "brain accumulation, Abcb1a/1b knockout"}, all_ranking, [
        ("brigatinib", "fold", 1, 19.3, None, [("DOI:10.1016/j.phrs.2018.09.020", "animal study")]),
        ("lorlatinib", "fold", 2, 4, None, [("PMID:29744867", "animal study")]),
    ]),
    ("seed", "cns-penetration", {"species": "rat"},
     lambda rows: [(r["metric"], r["rank"], r["drug"], r["value_text"]) for r in rows],
     [("brain-to-plasma ratio by radiolabel autoradiography", None, "alectinib",
       "high (no number shown in the abstract read)")]),
    # trials-for-drug: seed/trials.yaml and seed/findings-trials.yaml.
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
    ("seed", "trials-for-drug", {"drug": "lorlatinib"}, lambda rows: [(r["trial"], r["phase"]) for r in rows], [
        ("CROWN", "3"), ("Lorlatinib brain-only progression phase 2", "2"),
        ("Lorlatinib phase 1/2 (global phase 2)", "1/2"),
    ]),
    # evidence-for: the case report's line 5 (alectinib) and alectinib's transporter facts.
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
]
