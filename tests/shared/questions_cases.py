"""Question cases of kg/questions/cases.py; same shape as tests/shared/questions.py.

Mini answers are known by construction (tests/fixtures/mini/mini.yaml and cases.yaml); seed answers are read
from seed/cases/alectinib-cns-case-report.yaml.
"""

from __future__ import annotations

from typing import Any

Rows = list[dict[str, Any]]

SEED_CASE = "oncokg:case-alectinib-cns-case-report"
SEED_SOURCES = [("oncokg:src-case-report-alectinib-cns", "case report")]


def sources(row: dict[str, Any]) -> list[tuple]:
    return [(s["id"], s["kind"]) for s in row["sources"]]


def observed(items: list[dict[str, Any]]) -> list[tuple]:
    return sorted((o["site"], o["response"], o["months"], o["state"]) for o in items)


def timeline(rows: Rows) -> list[tuple]:
    return [(r["order"], r["kind"], r["name"], r["therapy_line"], r["drugs"], r["modality"], r["target_sites"],
             r["dose"], r["cycles"], r["duration"], r["end_reason"] is not None, observed(r["observations"]),
             sources(r)) for r in rows]


def with_site(rows: Rows) -> list[tuple]:
    return [(r["case"], sorted((s["site"], s["found"], s["after_line"]) for s in r["sites"]), r["state"],
             sorted((o["line"], o["therapy"], o["site"], o["response"], o["months"], o["state"]) for o in r["outcomes"]),
             sources(r)) for r in rows]


def failures(rows: Rows) -> list[tuple]:
    return [(r["case"], r["failed_line"], r["failure"],
             sorted((e["site"], e["response"], e["months"]) for e in r["failure_evidence"]),
             r["later_line"], r["path"], r["drugs"], r["modality"], observed(r["outcomes"]), sources(r))
            for r in rows]


def paths(rows: Rows) -> list[tuple]:
    return [(r["failed_line"], r["failure"], r["path"]) for r in rows]


TEST_B = [("oncokg:src-test-paper-b", "case report")]
TEST_BD = TEST_B + [("oncokg:src-test-series-d", "case series")]
R, X = "response", "tested without effect"

CASES: list = [
    # ---------------------------------------------------------------- case-timeline
    ("mini", "case-timeline", {"case": "oncokg:case-test-three"}, timeline, [
        (1, "systemic", "omegatestinib + sigmatestinib", 1, ["omegatestinib", "sigmatestinib"], None, [],
         "10 mg/kg every 3 weeks", 6, "5 months", True,
         [("cervical spinal cord", "new lesion", 5.0, X), ("lung", "partial response", 3.0, R)], TEST_BD),
        (2, "local", "spinal radiotherapy", None, [], "radiotherapy", ["cervical spinal cord"],
         "30 Gy in 10 fractions", None, None, False, [("cervical spinal cord", "stable disease", 2.0, X)], TEST_BD),
        (3, "systemic", "sigmatestinib", 2, ["sigmatestinib"], None, [], None, None, None, False,
         [("cervical spinal cord", "progression", 2.5, X), ("lung", "no change", 2.5, X)], TEST_BD),
    ]),
    # by name; a line with a brand resolves to the drug; a local line without observations keeps its place
    ("mini", "case-timeline", {"case": "Test case one"},
     lambda rows: [(r["order"], r["name"], r["drugs"], r["target_sites"], r["dose"], len(r["observations"]))
                   for r in rows],
     [(1, "chemotestin", ["chemotestin"], [], None, 1), (2, "priortinib", ["priortinib"], [], None, 1),
      (3, "whole-brain radiotherapy", [], ["brain"], None, 0), (4, "alphatestinib", ["alphatestinib"], [], "100 mg/day", 2)]),
    ("seed", "case-timeline", {}, timeline, [
        (1, "systemic", "carboplatin + paclitaxel + bevacizumab", 1, ["bevacizumab", "carboplatin", "paclitaxel"],
         None, [], None, 4, None, True,
         [("brain", "enlargement", 3.0, X), ("extracranial disease", "stable disease", None, X)], SEED_SOURCES),
        (2, "local", "gamma knife radiosurgery", None, [], "radiosurgery", ["brain"], None, None, None, False, [],
         SEED_SOURCES),
        (3, "systemic", "crizotinib", 2, ["crizotinib"], None, [], None, None, None, True,
         [("hilar and mediastinal lymph nodes", "partial response", 4.0, R), ("leptomeninges", "new lesion", 4.0, X),
          ("lung", "partial response", 4.0, R)], SEED_SOURCES),
        (4, "local", "whole-brain radiotherapy", None, [], "whole-brain radiotherapy", ["brain"], None, None, None,
         False, [("cervical spinal cord", "new lesion", None, X), ("leptomeninges", "no change", None, X)],
         SEED_SOURCES),
        (5, "systemic", "alectinib", 3, ["alectinib"], None, [], "600 mg/day (as reported)", None, None, False,
         [("cervical spinal cord", "clinical improvement", None, R), ("cervical spinal cord", "marked response", 3.0, R),
          ("leptomeninges", "marked response", 3.0, R)], SEED_SOURCES),
    ]),
    ("seed", "case-timeline", {"case": SEED_CASE}, lambda rows: [r["case"] for r in rows], [SEED_CASE] * 5),
    # ---------------------------------------------------------------- cases-with-site
    ("mini", "cases-with-site", {}, with_site, [
        ("oncokg:case-test-one", [("brain", "at diagnosis", None), ("leptomeninges", "during treatment", "2. priortinib")],
         R, [("2. priortinib", "priortinib", "leptomeninges", "new lesion", 4.0, X),
             ("4. alphatestinib", "alphatestinib", "leptomeninges", "marked response", 3.0, R)], TEST_B),
        ("oncokg:case-test-three",
         [("cervical spinal cord", "during treatment", "1. omegatestinib + sigmatestinib")], X,
         [("1. omegatestinib + sigmatestinib", "omegatestinib + sigmatestinib", "cervical spinal cord", "new lesion", 5.0, X),
          ("2. spinal radiotherapy", "radiotherapy", "cervical spinal cord", "stable disease", 2.0, X),
          ("3. sigmatestinib", "sigmatestinib", "cervical spinal cord", "progression", 2.5, X)], TEST_BD),
    ]),
    # brain only: case one's brain metastasis was never observed after a line ('not assessed')
    ("mini", "cases-with-site", {"site": "brain"}, with_site,
     [("oncokg:case-test-one", [("brain", "at diagnosis", None)], "not assessed", [], TEST_B)]),
    ("mini", "cases-with-site", {"site": "lung"}, with_site, [
        ("oncokg:case-test-three", [("lung", "at diagnosis", None)], R,
         [("1. omegatestinib + sigmatestinib", "omegatestinib + sigmatestinib", "lung", "partial response", 3.0, R),
          ("3. sigmatestinib", "sigmatestinib", "lung", "no change", 2.5, X)], TEST_BD)]),
    ("seed", "cases-with-site", {}, with_site, [(
        SEED_CASE,
        [("brain", "at diagnosis", None), ("cervical spinal cord", "during treatment", "4. whole-brain radiotherapy"),
         ("leptomeninges", "during treatment", "3. crizotinib")],
        R,
        [("1. carboplatin + paclitaxel + bevacizumab", "bevacizumab + carboplatin + paclitaxel", "brain", "enlargement", 3.0, X),
         ("3. crizotinib", "crizotinib", "leptomeninges", "new lesion", 4.0, X),
         ("4. whole-brain radiotherapy", "whole-brain radiotherapy", "cervical spinal cord", "new lesion", None, X),
         ("4. whole-brain radiotherapy", "whole-brain radiotherapy", "leptomeninges", "no change", None, X),
         ("5. alectinib", "alectinib", "cervical spinal cord", "clinical improvement", None, R),
         ("5. alectinib", "alectinib", "cervical spinal cord", "marked response", 3.0, R),
         ("5. alectinib", "alectinib", "leptomeninges", "marked response", 3.0, R)],
        SEED_SOURCES)]),
    ("seed", "cases-with-site", {"site": "spinal cord"}, with_site, [(
        SEED_CASE, [("cervical spinal cord", "during treatment", "4. whole-brain radiotherapy")], R,
        [("4. whole-brain radiotherapy", "whole-brain radiotherapy", "cervical spinal cord", "new lesion", None, X),
         ("5. alectinib", "alectinib", "cervical spinal cord", "clinical improvement", None, R),
         ("5. alectinib", "alectinib", "cervical spinal cord", "marked response", 3.0, R)],
        SEED_SOURCES)]),
    # an observation without a metastasis record is not enough: the extracranial disease was observed only
    ("seed", "cases-with-site", {"site": "extracranial"}, with_site, []),
    # ---------------------------------------------------------------- after-failure
    ("mini", "after-failure", {"drug": "priortinib"}, failures, [
        ("oncokg:case-test-one", "2. priortinib", X, [("leptomeninges", "new lesion", 4.0)],
         "3. whole-brain radiotherapy", "2. priortinib -> 3. whole-brain radiotherapy", [], "whole-brain radiotherapy",
         [], TEST_B),
        ("oncokg:case-test-one", "2. priortinib", X, [("leptomeninges", "new lesion", 4.0)],
         "4. alphatestinib", "2. priortinib -> 3. whole-brain radiotherapy -> 4. alphatestinib", ["alphatestinib"], None,
         [("leptomeninges", "marked response", 3.0, R), ("lung", "partial response", 3.0, R)], TEST_B),
        ("oncokg:case-test-two", "1. priortinib", "later line only", [], "2. gammatestinib",
         "1. priortinib -> 2. gammatestinib", ["gammatestinib"], None, [("brain", "progression", 2.0, X)], TEST_B),
    ]),
    # the brand names the drug; a failed last line gives one row with no later line; a lung response does not
    # undo the new lesion of line 1
    ("mini", "after-failure", {"drug": "Sigmabrand"}, failures, [
        ("oncokg:case-test-three", "1. omegatestinib + sigmatestinib", X, [("cervical spinal cord", "new lesion", 5.0)],
         "2. spinal radiotherapy", "1. omegatestinib + sigmatestinib -> 2. spinal radiotherapy", [], "radiotherapy",
         [("cervical spinal cord", "stable disease", 2.0, X)], TEST_BD),
        ("oncokg:case-test-three", "1. omegatestinib + sigmatestinib", X, [("cervical spinal cord", "new lesion", 5.0)],
         "3. sigmatestinib", "1. omegatestinib + sigmatestinib -> 2. spinal radiotherapy -> 3. sigmatestinib",
         ["sigmatestinib"], None, [("cervical spinal cord", "progression", 2.5, X), ("lung", "no change", 2.5, X)],
         TEST_BD),
        ("oncokg:case-test-three", "3. sigmatestinib", X,
         [("cervical spinal cord", "progression", 2.5), ("lung", "no change", 2.5)],
         None, "3. sigmatestinib", [], None, [], TEST_BD),
    ]),
    ("mini", "after-failure", {"drug": "omegatestinib"}, paths, [
        ("1. omegatestinib + sigmatestinib", X, "1. omegatestinib + sigmatestinib -> 2. spinal radiotherapy"),
        ("1. omegatestinib + sigmatestinib", X,
         "1. omegatestinib + sigmatestinib -> 2. spinal radiotherapy -> 3. sigmatestinib"),
    ]),
    # the last line, with responses only: not a failure
    ("mini", "after-failure", {"drug": "alphatestinib"}, paths, []),
    # a drug never given in a case
    ("mini", "after-failure", {"drug": "betatestinib"}, paths, []),
    ("seed", "after-failure", {}, failures, [
        (SEED_CASE, "3. crizotinib", X, [("leptomeninges", "new lesion", 4.0)], "4. whole-brain radiotherapy",
         "3. crizotinib -> 4. whole-brain radiotherapy", [], "whole-brain radiotherapy",
         [("cervical spinal cord", "new lesion", None, X), ("leptomeninges", "no change", None, X)], SEED_SOURCES),
        (SEED_CASE, "3. crizotinib", X, [("leptomeninges", "new lesion", 4.0)], "5. alectinib",
         "3. crizotinib -> 4. whole-brain radiotherapy -> 5. alectinib", ["alectinib"], None,
         [("cervical spinal cord", "clinical improvement", None, R), ("cervical spinal cord", "marked response", 3.0, R),
          ("leptomeninges", "marked response", 3.0, R)], SEED_SOURCES),
    ]),
    # stable disease outside the CNS and enlargement in the brain: the chemotherapy failed, four lines follow
    ("seed", "after-failure", {"drug": "bevacizumab"}, paths, [
        ("1. carboplatin + paclitaxel + bevacizumab", X,
         "1. carboplatin + paclitaxel + bevacizumab -> 2. gamma knife radiosurgery"),
        ("1. carboplatin + paclitaxel + bevacizumab", X,
         "1. carboplatin + paclitaxel + bevacizumab -> 2. gamma knife radiosurgery -> 3. crizotinib"),
        ("1. carboplatin + paclitaxel + bevacizumab", X,
         "1. carboplatin + paclitaxel + bevacizumab -> 2. gamma knife radiosurgery -> 3. crizotinib -> "
         "4. whole-brain radiotherapy"),
        ("1. carboplatin + paclitaxel + bevacizumab", X,
         "1. carboplatin + paclitaxel + bevacizumab -> 2. gamma knife radiosurgery -> 3. crizotinib -> "
         "4. whole-brain radiotherapy -> 5. alectinib"),
    ]),
    ("seed", "after-failure", {"drug": "Alecensa"}, paths, []),
]
