"""Question cases of the case questions (case-timeline, cases-with-site, after-failure); same shape as tests/shared/questions.py, plus the table views.

Mini answers are known by construction (tests/fixtures/mini/mini.yaml and cases.yaml); seed answers are read
from seed/cases/alectinib-cns-case-report.yaml against shared/seed-docs/alectinib-cns-case-report.txt.
"""

from __future__ import annotations

from typing import Any

from kg.questions.catalogue import Cited

Rows = list[dict[str, Any]]

SEED_CASE = "oncokg:case-alectinib-cns-case-report"
SEED_REPORT = "oncokg:src-case-report-alectinib-cns"
# The seed case report's citation was never found (audit 2026-12-03, section 5): its source is unverified.
SEED_SOURCES = [(SEED_REPORT, "case report", False)]


def sources(items: list[dict[str, Any]]) -> list[tuple]:
    return [(s["id"], s["kind"], s["verified"]) for s in items]


def observed(items: list[dict[str, Any]]) -> list[tuple]:
    """Each observation with its class and its own sources."""
    return sorted((o["site"], o["response"], o["response_class"], o["months"], tuple(sources(o["sources"])))
                  for o in items)


def timeline(rows: Rows) -> list[tuple]:
    return [(r["order"], r["step"], r["therapy_line"], r["kind"], r["name"], r["drugs"], r["modality"],
             r["target_sites"], r["dose"], r["cycles"], r["duration"], r["end_reason"] is not None,
             observed(r["observations"]), sources(r["sources"])) for r in rows]


def with_site(rows: Rows) -> list[tuple]:
    return [(r["case"],
             sorted((s["site"], s["found"], s["after_order"], s["after_step"], tuple(sources(s["sources"])))
                    for s in r["sites"]),
             r["state"],
             sorted((o["step"], o["therapy"], o["site"], o["response"], o["response_class"], o["months"],
                     tuple(sources(o["sources"]))) for o in r["outcomes"]))
            for r in rows]


def failures(rows: Rows) -> list[tuple]:
    return [(r["case"], r["failed_step"], r["failure"], observed(r["failure_evidence"]), r["later_step"],
             r["path"], sources(r["path_sources"]), r["drugs"], r["modality"], observed(r["outcomes"]))
            for r in rows]


def paths(rows: Rows) -> list[tuple]:
    return [(r["failed_step"], r["failure"], r["path"]) for r in rows]


def failure_evidence(rows: Rows) -> list[tuple]:
    return [(r["failed_step"], r["failure"], observed(r["failure_evidence"])) for r in rows]


B = (("oncokg:src-test-paper-b", "case report", True),)
BD = B + (("oncokg:src-test-series-d", "case series", True),)
S = tuple(SEED_SOURCES)
R, DC, P, NA = "response", "disease control", "progression", "not assessed"
WBRT = "whole-brain radiotherapy, after line 2"

CASES: list = [
    # ---------------------------------------------------------------- case-timeline
    # step (order) and line of therapy are separate; the local step is unnumbered and placed after line 1;
    # stable disease and no change are disease control, not failure
    ("mini", "case-timeline", {"case": "oncokg:case-test-three"}, timeline, [
        (1, "line 1: omegatestinib + sigmatestinib", 1, "systemic", "omegatestinib + sigmatestinib",
         ["omegatestinib", "sigmatestinib"], None, [], "10 mg/kg every 3 weeks", 6, "5 months", True,
         [("cervical spinal cord", "new lesion", P, 5.0, BD), ("lung", "partial response", R, 3.0, BD)], list(BD)),
        (2, "spinal radiotherapy, after line 1", None, "local", "spinal radiotherapy", [], "radiotherapy",
         ["cervical spinal cord"], "30 Gy in 10 fractions", None, None, False,
         [("cervical spinal cord", "stable disease", DC, 2.0, BD)], list(BD)),
        (3, "line 2: sigmatestinib", 2, "systemic", "sigmatestinib", ["sigmatestinib"], None, [], None, None, None,
         False, [("cervical spinal cord", "progression", P, 2.5, BD), ("lung", "no change", DC, 2.5, BD)], list(BD)),
    ]),
    # by name; a line with a brand resolves to the drug; a local line without observations keeps its place
    ("mini", "case-timeline", {"case": "Test case one"},
     lambda rows: [(r["order"], r["step"], r["drugs"], r["target_sites"], r["dose"], len(r["observations"]))
                   for r in rows],
     [(1, "line 1: chemotestin", ["chemotestin"], [], None, 1), (2, "line 2: priortinib", ["priortinib"], [], None, 1),
      (3, "whole-brain radiotherapy, after line 2", [], ["brain"], None, 0),
      (4, "line 3: alphatestinib", ["alphatestinib"], [], "100 mg/day", 2)]),
    # a systemic line the report does not number is never given a number
    ("mini", "case-timeline", {"case": "Test case two"}, lambda rows: [(r["order"], r["step"]) for r in rows],
     [(1, "line not reported: priortinib"), (2, "line not reported: gammatestinib")]),
    # the seed case: second-line crizotinib, third-line alectinib (audit 2b); after whole-brain radiotherapy (aimed
    # at the brain and its leptomeninges) the unchanged leptomeningeal disease is disease control and the new
    # cervical cord lesion is outside its field (audit 4)
    ("seed", "case-timeline", {}, timeline, [
        (1, "line 1: carboplatin + paclitaxel + bevacizumab", 1, "systemic", "carboplatin + paclitaxel + bevacizumab",
         ["bevacizumab", "carboplatin", "paclitaxel"], None, [], None, 4, None, True,
         [("brain", "enlargement", P, 3.0, S), ("extracranial disease", "stable disease", DC, None, S)], SEED_SOURCES),
        (2, "gamma knife radiosurgery, after line 1", None, "local", "gamma knife radiosurgery", [], "radiosurgery",
         ["brain"], None, None, None, False, [], SEED_SOURCES),
        (3, "line 2: crizotinib", 2, "systemic", "crizotinib", ["crizotinib"], None, [], None, None, None, True,
         [("hilar and mediastinal lymph nodes", "partial response", R, 4.0, S),
          ("leptomeninges", "new lesion", P, 4.0, S), ("lung", "partial response", R, 4.0, S)], SEED_SOURCES),
        (4, WBRT, None, "local", "whole-brain radiotherapy", [], "whole-brain radiotherapy", ["brain", "leptomeninges"],
         None, None, None, False,
         [("cervical spinal cord", "new lesion", NA, None, S), ("leptomeninges", "no change", DC, None, S)],
         SEED_SOURCES),
        (5, "line 3: alectinib", 3, "systemic", "alectinib", ["alectinib"], None, [], "600 mg/day (as reported)", None,
         None, False,
         [("cervical spinal cord", "clinical improvement", R, None, S), ("cervical spinal cord", "marked response", R, 3.0, S),
          ("leptomeninges", "marked response", R, 3.0, S)], SEED_SOURCES),
    ]),
    ("seed", "case-timeline", {"case": SEED_CASE}, lambda rows: [r["case"] for r in rows], [SEED_CASE] * 5),
    # every step's and observation's note reaches the answer
    ("seed", "case-timeline", {},
     lambda rows: [(r["order"], r["note"] is not None, [o["note"] is not None for o in r["observations"]])
                   for r in rows],
     [(1, False, [True, True]), (2, True, []), (3, True, [True, True, True]), (4, True, [True, True]),
      (5, True, [True, True, True])]),
    # ---------------------------------------------------------------- cases-with-site
    ("mini", "cases-with-site", {}, with_site, [
        ("oncokg:case-test-one",
         [("brain", "at diagnosis", None, None, B), ("leptomeninges", "during treatment", 2, "line 2: priortinib", B)],
         "response at 1 site (leptomeninges) after line 3: alphatestinib; "
         "progression at 1 site (leptomeninges) after line 2: priortinib",
         [("line 2: priortinib", "priortinib", "leptomeninges", "new lesion", P, 4.0, B),
          ("line 3: alphatestinib", "alphatestinib", "leptomeninges", "marked response", R, 3.0, B)]),
        ("oncokg:case-test-three",
         [("cervical spinal cord", "during treatment", 1, "line 1: omegatestinib + sigmatestinib", BD)],
         "disease control at 1 site (cervical spinal cord) after spinal radiotherapy, after line 1; "
         "progression at 1 site (cervical spinal cord) after line 1: omegatestinib + sigmatestinib and "
         "line 2: sigmatestinib",
         [("line 1: omegatestinib + sigmatestinib", "omegatestinib + sigmatestinib", "cervical spinal cord",
           "new lesion", P, 5.0, BD),
          ("line 2: sigmatestinib", "sigmatestinib", "cervical spinal cord", "progression", P, 2.5, BD),
          ("spinal radiotherapy, after line 1", "radiotherapy", "cervical spinal cord", "stable disease", DC, 2.0, BD)]),
    ]),
    # brain only: case one's brain metastasis was never observed after a step
    ("mini", "cases-with-site", {"site": "brain"}, with_site,
     [("oncokg:case-test-one", [("brain", "at diagnosis", None, None, B)], "not assessed: no observation at these sites",
       [])]),
    ("mini", "cases-with-site", {"site": "lung"}, with_site, [
        ("oncokg:case-test-three", [("lung", "at diagnosis", None, None, BD)],
         "response at 1 site (lung) after line 1: omegatestinib + sigmatestinib; "
         "disease control at 1 site (lung) after line 2: sigmatestinib",
         [("line 1: omegatestinib + sigmatestinib", "omegatestinib + sigmatestinib", "lung", "partial response", R,
           3.0, BD),
          ("line 2: sigmatestinib", "sigmatestinib", "lung", "no change", DC, 2.5, BD)])]),
    # the seed: leptomeninges found on second-line crizotinib (not 'after 3. crizotinib', audit 2b); the cervical
    # cord found after whole-brain radiotherapy, which was not assessed there; the unchanged leptomeninges after it
    # are disease control (audit 4)
    ("seed", "cases-with-site", {}, with_site, [(
        SEED_CASE,
        [("brain", "at diagnosis", None, None, S), ("cervical spinal cord", "during treatment", 4, WBRT, S),
         ("leptomeninges", "during treatment", 3, "line 2: crizotinib", S)],
        "response at 2 sites (cervical spinal cord, leptomeninges) after line 3: alectinib; "
        f"disease control at 1 site (leptomeninges) after {WBRT}; "
        "progression at 2 sites (brain, leptomeninges) after line 1: carboplatin + paclitaxel + bevacizumab and "
        "line 2: crizotinib; "
        f"not assessed at 1 site (cervical spinal cord) after {WBRT}",
        [("line 1: carboplatin + paclitaxel + bevacizumab", "bevacizumab + carboplatin + paclitaxel", "brain",
          "enlargement", P, 3.0, S),
         ("line 2: crizotinib", "crizotinib", "leptomeninges", "new lesion", P, 4.0, S),
         ("line 3: alectinib", "alectinib", "cervical spinal cord", "clinical improvement", R, None, S),
         ("line 3: alectinib", "alectinib", "cervical spinal cord", "marked response", R, 3.0, S),
         ("line 3: alectinib", "alectinib", "leptomeninges", "marked response", R, 3.0, S),
         (WBRT, "whole-brain radiotherapy", "cervical spinal cord", "new lesion", NA, None, S),
         (WBRT, "whole-brain radiotherapy", "leptomeninges", "no change", DC, None, S)])]),
    ("seed", "cases-with-site", {"site": "spinal cord"}, with_site, [(
        SEED_CASE, [("cervical spinal cord", "during treatment", 4, WBRT, S)],
        "response at 1 site (cervical spinal cord) after line 3: alectinib; "
        f"not assessed at 1 site (cervical spinal cord) after {WBRT}",
        [("line 3: alectinib", "alectinib", "cervical spinal cord", "clinical improvement", R, None, S),
         ("line 3: alectinib", "alectinib", "cervical spinal cord", "marked response", R, 3.0, S),
         (WBRT, "whole-brain radiotherapy", "cervical spinal cord", "new lesion", NA, None, S)])]),
    # an observation without a metastasis record is not enough: the extracranial disease was observed only
    ("seed", "cases-with-site", {"site": "extracranial"}, with_site, []),
    # ---------------------------------------------------------------- after-failure
    ("mini", "after-failure", {"drug": "priortinib"}, failures, [
        ("oncokg:case-test-one", "line 2: priortinib", P, [("leptomeninges", "new lesion", P, 4.0, B)],
         "whole-brain radiotherapy, after line 2", "line 2: priortinib -> whole-brain radiotherapy, after line 2",
         list(B), [], "whole-brain radiotherapy", []),
        ("oncokg:case-test-one", "line 2: priortinib", P, [("leptomeninges", "new lesion", P, 4.0, B)],
         "line 3: alphatestinib",
         "line 2: priortinib -> whole-brain radiotherapy, after line 2 -> line 3: alphatestinib", list(B),
         ["alphatestinib"], None, [("leptomeninges", "marked response", R, 3.0, B), ("lung", "partial response", R, 3.0, B)]),
        ("oncokg:case-test-two", "line not reported: priortinib", "later line only", [],
         "line not reported: gammatestinib", "line not reported: priortinib -> line not reported: gammatestinib",
         list(B), ["gammatestinib"], None, [("brain", "progression", P, 2.0, B)]),
    ]),
    # the brand names the drug; a progressed last line gives one row with no later line; a lung response does
    # not undo the new lesion of line 1; the lung's 'no change' on line 2 is disease control, not failure evidence
    ("mini", "after-failure", {"drug": "Sigmabrand"}, failures, [
        ("oncokg:case-test-three", "line 1: omegatestinib + sigmatestinib", P,
         [("cervical spinal cord", "new lesion", P, 5.0, BD)], "spinal radiotherapy, after line 1",
         "line 1: omegatestinib + sigmatestinib -> spinal radiotherapy, after line 1", list(BD), [], "radiotherapy",
         [("cervical spinal cord", "stable disease", DC, 2.0, BD)]),
        ("oncokg:case-test-three", "line 1: omegatestinib + sigmatestinib", P,
         [("cervical spinal cord", "new lesion", P, 5.0, BD)], "line 2: sigmatestinib",
         "line 1: omegatestinib + sigmatestinib -> spinal radiotherapy, after line 1 -> line 2: sigmatestinib",
         list(BD), ["sigmatestinib"], None,
         [("cervical spinal cord", "progression", P, 2.5, BD), ("lung", "no change", DC, 2.5, BD)]),
        ("oncokg:case-test-three", "line 2: sigmatestinib", P, [("cervical spinal cord", "progression", P, 2.5, BD)],
         None, "line 2: sigmatestinib", list(BD), [], None, []),
    ]),
    ("mini", "after-failure", {"drug": "omegatestinib"}, paths, [
        ("line 1: omegatestinib + sigmatestinib", P,
         "line 1: omegatestinib + sigmatestinib -> spinal radiotherapy, after line 1"),
        ("line 1: omegatestinib + sigmatestinib", P,
         "line 1: omegatestinib + sigmatestinib -> spinal radiotherapy, after line 1 -> line 2: sigmatestinib"),
    ]),
    # stable disease on the last line is disease control: not a failure (chemotestin goes on to a later line only)
    ("mini", "after-failure", {"drug": "chemotestin"}, failure_evidence,
     [("line 1: chemotestin", "later line only", [])] * 3),
    # the last line, with responses only: not a failure
    ("mini", "after-failure", {"drug": "alphatestinib"}, paths, []),
    # a drug never given in a case
    ("mini", "after-failure", {"drug": "betatestinib"}, paths, []),
    # the seed: crizotinib is line 2 and alectinib line 3 (audit 2b); whole-brain radiotherapy is not assessed at
    # the cervical cord it did not treat, and the unchanged leptomeninges are disease control, not failure (audit 4)
    ("seed", "after-failure", {}, failures, [
        (SEED_CASE, "line 2: crizotinib", P, [("leptomeninges", "new lesion", P, 4.0, S)], WBRT,
         f"line 2: crizotinib -> {WBRT}", SEED_SOURCES, [], "whole-brain radiotherapy",
         [("cervical spinal cord", "new lesion", NA, None, S), ("leptomeninges", "no change", DC, None, S)]),
        (SEED_CASE, "line 2: crizotinib", P, [("leptomeninges", "new lesion", P, 4.0, S)], "line 3: alectinib",
         f"line 2: crizotinib -> {WBRT} -> line 3: alectinib", SEED_SOURCES, ["alectinib"], None,
         [("cervical spinal cord", "clinical improvement", R, None, S), ("cervical spinal cord", "marked response", R, 3.0, S),
          ("leptomeninges", "marked response", R, 3.0, S)]),
    ]),
    # the chemotherapy failed on the brain enlargement, not on the extracranial stable disease (audit 4)
    ("seed", "after-failure", {"drug": "carboplatin"}, failure_evidence,
     [("line 1: carboplatin + paclitaxel + bevacizumab", P, [("brain", "enlargement", P, 3.0, S)])] * 4),
    ("seed", "after-failure", {"drug": "bevacizumab"}, paths, [
        ("line 1: carboplatin + paclitaxel + bevacizumab", P,
         "line 1: carboplatin + paclitaxel + bevacizumab -> gamma knife radiosurgery, after line 1"),
        ("line 1: carboplatin + paclitaxel + bevacizumab", P,
         "line 1: carboplatin + paclitaxel + bevacizumab -> gamma knife radiosurgery, after line 1 -> "
         "line 2: crizotinib"),
        ("line 1: carboplatin + paclitaxel + bevacizumab", P,
         "line 1: carboplatin + paclitaxel + bevacizumab -> gamma knife radiosurgery, after line 1 -> "
         f"line 2: crizotinib -> {WBRT}"),
        ("line 1: carboplatin + paclitaxel + bevacizumab", P,
         "line 1: carboplatin + paclitaxel + bevacizumab -> gamma knife radiosurgery, after line 1 -> "
         f"line 2: crizotinib -> {WBRT} -> line 3: alectinib"),
    ]),
    ("seed", "after-failure", {"drug": "Alecensa"}, paths, []),
]


# ---------------------------------------------------------------------------------------------- table views
# (dataset, question, parameters, column, expected cells of that column, one list per row). A cited line is
# (text, source ids): the renderer footnotes exactly those sources on that line.


def cells(column: str):
    def project(table_rows: list[dict[str, Any]]) -> list[Any]:
        return [_plain(r[column]) for r in table_rows]
    return project


def _plain(value: Any) -> Any:
    if isinstance(value, Cited):
        return (value.text, tuple(s["id"] for s in value.sources))
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


SR = (SEED_REPORT,)
OUT = "(outside the treated field: not assessed for this therapy)"

TABLE_CASES: list = [
    # audit 2b: the history's step and the line of therapy are separate columns; local steps are unnumbered
    ("seed", "case-timeline", {}, lambda rows: [(r["step"], r["line"], _plain(r["therapy"])) for r in rows], [
        (1, 1, ("carboplatin + paclitaxel + bevacizumab", SR)),
        (2, "local", ("gamma knife radiosurgery to brain", SR)),
        (3, 2, ("crizotinib", SR)),
        (4, "local", ("whole-brain radiotherapy to brain, leptomeninges", SR)),
        (5, 3, ("alectinib", SR)),
    ]),
    # audit 4: stable disease and no change are disease control; the cervical cord lesion after WBRT is outside
    # its field; every observation's note is printed under it, the curator's inferences with it
    ("seed", "case-timeline", {}, cells("observed"), [
        [("brain: enlargement at 3 months (progression)", SR),
         "  Enlargement of the brain metastases. The report says",
         '  "brain MRI after 3 months"; whether the 3 months count',
         "  from the start of this line or from the end of the 4",
         "  cycles is not stated. Curator reading: from the start of", "  the line.",
         ("extracranial disease: stable disease (disease control)", SR),
         "  Stable disease after 4 cycles; the report also speaks of", "  an improvement in the systemic disease."],
        [],
        [("hilar and mediastinal lymph nodes: partial response at 4 months (response)", SR),
         "  Partial response of the lymph node metastases. The report",
         "  does not name the nodes here; placing the response at the",
         "  hilar and mediastinal nodes (the nodes described at", "  diagnosis) is a curator inference.",
         ("leptomeninges: new lesion at 4 months (progression)", SR), "  Leptomeningeal carcinomatosis had developed.",
         ("lung: partial response at 4 months (response)", SR),
         "  Partial response of the primary tumour and of the", "  intrapulmonary metastases."],
        [(f"cervical spinal cord: new lesion {OUT}", SR),
         "  New cervical spinal cord metastases (Fig. 2a), found after",
         "  the patient developed sharp arm and neck pain following",
         "  whole-brain radiotherapy. The spinal cord was not a target",
         "  of this radiotherapy, so the lesion is outside its field", "  and not an assessment of it.",
         ("leptomeninges: no change (disease control)", SR),
         "  Leptomeningeal carcinomatosis unchanged (Fig. 1a) on brain",
         "  MRI: an observation at a treated site (disease control,", "  not failure)."],
        [("cervical spinal cord: marked response at 3 months (response)", SR),
         "  Marked reduction of the multiple spinal cord metastases", "  (Fig. 2b).",
         ("leptomeninges: marked response at 3 months (response)", SR),
         "  Marked reduction of the leptomeningeal carcinomatosis", "  (Fig. 1b).",
         ("cervical spinal cord: clinical improvement (response)", SR),
         "  Curator inference: the report gives a gradual improvement",
         "  of the arm and neck pain without a time point and without",
         "  attributing the pain to a site; it is placed at the",
         "  cervical spinal cord because this pain preceded detection", "  of the cervical spinal cord metastases."],
    ]),
    # the case's own note opens the first step's note (every note reaches the reader)
    ("seed", "case-timeline", {}, cells("note"), [
        ["case: The report presents this as the first case showing",
         "alectinib to be effective against cervical spinal cord",
         "metastases. Metastasis timing: leptomeningeal disease was",
         "found 4 months into second-line crizotinib (step 3) and the",
         "cervical spinal cord metastases after whole-brain",
         "radiotherapy (step 4); after_line names the step (order, not",
         "the line of therapy) whose follow-up found them."],
        ["Directed at the multiple brain metastases; no separate", "result is reported."],
        ["Dose not reported. The report does not say exactly when", "crizotinib was stopped."],
        ["Given after leptomeningeal disease had developed on", "crizotinib. The report does not state the field; the target",
         "sites are the brain and the leptomeninges because a", "whole-brain field covers the intracranial leptomeninges",
         "(curator inference). Dose not reported. Radiotherapy to the",
         "spinal cord metastases was judged contraindicated because of", "their wide distribution."],
        ["Well tolerated, with no significant adverse events. The dose", "is written exactly as the report gives it."],
    ]),
    # audit 2b: 'after line 2: crizotinib', never 'after 3. crizotinib'
    ("seed", "cases-with-site", {}, cells("sites"), [[
        ("brain: found at diagnosis", SR),
        ("leptomeninges: found during treatment, after line 2: crizotinib", SR),
        (f"cervical spinal cord: found during treatment, after {WBRT}", SR),
    ]]),
    # audit 4: the state summarises by class, never 'tested without effect'
    ("seed", "cases-with-site", {}, cells("state"), [[
        "response at 2 sites (cervical spinal cord, leptomeninges) after line 3: alectinib",
        f"disease control at 1 site (leptomeninges) after {WBRT}",
        "progression at 2 sites (brain, leptomeninges) after line 1: carboplatin + paclitaxel + bevacizumab and "
        "line 2: crizotinib",
        f"not assessed at 1 site (cervical spinal cord) after {WBRT}",
    ]]),
    ("seed", "cases-with-site", {}, cells("outcomes"), [[
        "line 1: carboplatin + paclitaxel + bevacizumab", ("  brain: enlargement at 3 months (progression)", SR),
        "line 2: crizotinib", ("  leptomeninges: new lesion at 4 months (progression)", SR),
        WBRT, (f"  cervical spinal cord: new lesion {OUT}", SR), ("  leptomeninges: no change (disease control)", SR),
        "line 3: alectinib", ("  cervical spinal cord: marked response at 3 months (response)", SR),
        ("  leptomeninges: marked response at 3 months (response)", SR),
        ("  cervical spinal cord: clinical improvement (response)", SR),
    ]]),
    # audit 2b and 4: crizotinib is line 2; the failure is the leptomeningeal progression
    ("seed", "after-failure", {}, lambda rows: [(_plain(r["failed"]), _plain(r["then"]), _plain(r["outcomes"]))
                                                for r in rows], [
        (["line 2: crizotinib", ("  leptomeninges: new lesion at 4 months (progression)", SR)],
         (f"line 2: crizotinib -> {WBRT}", SR),
         [(f"cervical spinal cord: new lesion {OUT}", SR), ("leptomeninges: no change (disease control)", SR)]),
        (["line 2: crizotinib", ("  leptomeninges: new lesion at 4 months (progression)", SR)],
         (f"line 2: crizotinib -> {WBRT} -> line 3: alectinib", SR),
         [("cervical spinal cord: marked response at 3 months (response)", SR),
          ("leptomeninges: marked response at 3 months (response)", SR),
          ("cervical spinal cord: clinical improvement (response)", SR)]),
    ]),
    # audit 4: the chemotherapy failed on the brain enlargement; the extracranial stable disease is not failure
    ("seed", "after-failure", {"drug": "carboplatin"}, lambda rows: [_plain(r["failed"]) for r in rows][:1], [
        ["line 1: carboplatin + paclitaxel + bevacizumab", ("  brain: enlargement at 3 months (progression)", SR)],
    ]),
    # mini: a switch without observed progression says so; a last step that progressed has nothing after it
    ("mini", "after-failure", {"drug": "priortinib"}, cells("failed"), [
        ["line 2: priortinib", ("  leptomeninges: new lesion at 4 months (progression)", B[0][:1])],
        ["line 2: priortinib", ("  leptomeninges: new lesion at 4 months (progression)", B[0][:1])],
        ["line not reported: priortinib", "  (a later line only, no progression observed)"],
    ]),
    ("mini", "after-failure", {"drug": "sigmatestinib"}, lambda rows: [(r["then"], r["given"]) for r in rows][-1:],
     [("(nothing reported after)", None)]),
]


# ---------------------------------------------------------------- published-report constructs (issue 17)
# Dataset "reports": the curated seed plus tests/fixtures/cases/test-series.yaml, test-unknown-order.yaml and
# test-no-demographics.yaml (fictional test data).
SERIES = "oncokg:case-test-fictional-series"
ORDER = "oncokg:case-test-fictional-unknown-order"
BARE = "oncokg:case-test-fictional-no-demographics"
SR = (("oncokg:src-test-fictional-series", "case series", False),)
OR = (("oncokg:src-test-fictional-order", "case report", False),)
AB = (("oncokg:src-test-fictional-abstract", "case report", False),)
GROUP = "line 4 or 5 (order not reported): "


def counted(items: list[dict[str, Any]]) -> list[tuple]:
    """Each observation with its class, basis and series-level count."""
    return sorted((o["site"], o["response"], o["response_class"], o["basis"], o["patients"], o["of"]) for o in items)


def timeline_notes(rows: Rows) -> list[tuple]:
    return [(r["order"], r["step"], r["sequence"], r["group_note"], r["note"], r["case_note"], r["patients"],
             counted(r["observations"])) for r in rows]


REPORT_CASES: list = [
    # an unknown-order group after a counted prior therapy: members share the order, a derived line follows
    ("reports", "case-timeline", {"case": ORDER}, timeline, [
        (1, "lines 1-3: prior chemotherapy, agents not reported", None, "prior therapy",
         "prior chemotherapy, agents not reported", [], None, [], None, None, None, False, [], list(OR)),
        (2, GROUP + "ceritinib", None, "systemic", "ceritinib", ["ceritinib"], None, [], None, None, None, False, [],
         list(OR)),
        (2, GROUP + "crizotinib", None, "systemic", "crizotinib", ["crizotinib"], None, [], None, None, None, False,
         [("brain", "progressed", P, None, OR)], list(OR)),
        (3, "line 6: alectinib", 6, "systemic", "alectinib", ["alectinib"], None, [], None, None, None, False,
         [("brain", "partial response", R, 3.0, OR)], list(OR)),
        (4, "stereotactic radiotherapy, during line 6", None, "local", "stereotactic radiotherapy", [],
         "stereotactic radiotherapy", ["brain"], None, None, None, False, [], list(OR)),
    ]),
    ("reports", "case-timeline", {"case": ORDER}, timeline_notes, [
        (1, "lines 1-3: prior chemotherapy, agents not reported", None, None, None, None, None, []),
        (2, GROUP + "ceritinib", "not reported", "The report lists both inhibitors without their order.", None, None,
         None, []),
        (2, GROUP + "crizotinib", "not reported", "The report lists both inhibitors without their order.", None,
         None, None, [("brain", "progressed", P, None, None, None)]),
        (3, "line 6: alectinib", None, None, None, None, None, [("brain", "partial response", R, "RANO-BM", None, None)]),
        (4, "stereotactic radiotherapy, during line 6", None, None, None, None, None, []),
    ]),
    # a series: outcomes as counts, the case note on every row
    ("reports", "case-timeline", {"case": SERIES}, timeline_notes, [
        (1, "line 1: crizotinib", None, None, None,
         "Sites per patient not given; the series-level counts are all the report says.", 4,
         [("leptomeninges", "progressed", P, "clinical", 4, 4)]),
        (2, "line 2: alectinib", None, None, None,
         "Sites per patient not given; the series-level counts are all the report says.", 4,
         [("leptomeninges", "improved", R, "RANO-LM", 3, 4), ("leptomeninges", "progressed", P, "RANO-LM", 1, 4)]),
    ]),
    # no demographics, no line number, an ungraded response, a line note
    ("reports", "case-timeline", {"case": BARE}, timeline_notes, [
        (1, "line not reported: lorlatinib", None, None, "The abstract does not say which line lorlatinib was.", None,
         None, [("brain", "responded", R, "not reported", None, None)]),
    ]),
    ("reports", "case-timeline", {"case": BARE},
     lambda rows: [(r["dose"], r["therapy_line"], sources(r["sources"])) for r in rows],
     [("not reported", None, list(AB))]),
    # cases-with-site: a series says it is one, with its counts in the summary
    ("reports", "cases-with-site", {"site": "leptomeninges"},
     lambda rows: [(r["case"], r["patients"], r["series_level"], r["series"],
                    sorted((s["site"], s["found"], s["patients"]) for s in r["sites"]), r["state"]) for r in rows], [
        (SEED_CASE, 1, False, None, [("leptomeninges", "during treatment", None)],
         "response at 1 site (leptomeninges) after line 3: alectinib; disease control at 1 site (leptomeninges) "
         "after whole-brain radiotherapy, after line 2; progression at 1 site (leptomeninges) after line 2: "
         "crizotinib"),
        (SERIES, 4, True, None, [("leptomeninges", "not reported", 4)],
         "response at 1 site (leptomeninges) after line 2: alectinib (series-level: 3 of 4 patients after line 2: "
         "alectinib); progression at 1 site (leptomeninges) after line 1: crizotinib and line 2: alectinib "
         "(series-level: 4 of 4 patients after line 1: crizotinib, 1 of 4 patients after line 2: alectinib)"),
    ]),
    # a metastasis found after the group: the group's steps, not one of them
    ("reports", "cases-with-site", {"site": "brain"},
     lambda rows: [(r["case"], sorted((s["site"], s["found"], s["after_step"]) for s in r["sites"]), r["state"])
                   for r in rows if r["case"] in (ORDER, BARE)], [
        (BARE, [("brain", "not reported", None)], "response at 1 site (brain) after line not reported: lorlatinib"),
        (ORDER, [("brain", "during treatment", f"[{GROUP}crizotinib; {GROUP}ceritinib]")],
         f"response at 1 site (brain) after line 6: alectinib; progression at 1 site (brain) after {GROUP}crizotinib"),
    ]),
    # a metastasis's note reaches the reader
    ("reports", "cases-with-site", {"site": "brain"},
     lambda rows: [(r["case"], [s["notes"] for s in r["sites"]]) for r in rows if r["case"] == BARE],
     [(BARE, [["The abstract does not say when the brain metastases were found."]])]),
    # after-failure: the other member of the group is not 'later'; a series' progression counts as failure
    ("reports", "after-failure", {"drug": "crizotinib"},
     lambda rows: [(r["case"], r["failed_step"], r["failure"], counted(r["failure_evidence"]), r["later_step"],
                    r["path"], counted(r["outcomes"])) for r in rows if r["case"] != SEED_CASE], [
        (SERIES, "line 1: crizotinib", P, [("leptomeninges", "progressed", P, "clinical", 4, 4)], "line 2: alectinib",
         "line 1: crizotinib -> line 2: alectinib",
         [("leptomeninges", "improved", R, "RANO-LM", 3, 4), ("leptomeninges", "progressed", P, "RANO-LM", 1, 4)]),
        (SERIES + "-patient-2", "line 1: crizotinib", "later line only", [], "line 2: alectinib",
         "line 1: crizotinib -> line 2: alectinib", [("leptomeninges", "shrank", R, "RANO-LM", None, None)]),
        (ORDER, GROUP + "crizotinib", P, [("brain", "progressed", P, None, None, None)], "line 6: alectinib",
         GROUP + "crizotinib -> line 6: alectinib", [("brain", "partial response", R, "RANO-BM", None, None)]),
        (ORDER, GROUP + "crizotinib", P, [("brain", "progressed", P, None, None, None)],
         "stereotactic radiotherapy, during line 6",
         GROUP + "crizotinib -> line 6: alectinib -> stereotactic radiotherapy, during line 6", []),
    ]),
    # a path across the group shows both members as one part, never as a sequence
    ("reports", "after-failure", {"drug": "ceritinib"}, paths, [
        (GROUP + "ceritinib", "later line only", GROUP + "ceritinib -> line 6: alectinib"),
        (GROUP + "ceritinib", "later line only",
         GROUP + "ceritinib -> line 6: alectinib -> stereotactic radiotherapy, during line 6"),
    ]),
    # the flagship counts patients: the series' counts are said to be series-level, its described patient is not
    # counted twice; the unknown-order case's path starts at its crizotinib member
    ("reports", "alk-cns-after-crizotinib", {},
     lambda rows: [(r["drug"], r["cns"]) for r in rows if r["drug"] == "alectinib"],
     [("alectinib", "response in 5 findings and 2 cases and 3 of 4 patients of a series (series-level; 1 of them "
                    "also described individually); progression in 1 of 4 patients of a series (series-level); "
                    "3 supporting details")]),
    ("reports", "alk-cns-after-crizotinib", {},
     lambda rows: sorted((c["case"], c["path"], c["site"], c["class"], c["patients"], c["of"])
                         for r in rows if r["drug"] == "alectinib" for c in r["cases"] if c["case"] != SEED_CASE), [
        (SERIES, "line 1: crizotinib -> line 2: alectinib", "leptomeninges", P, 1, 4),
        (SERIES, "line 1: crizotinib -> line 2: alectinib", "leptomeninges", R, 3, 4),
        (SERIES + "-patient-2", "line 1: crizotinib -> line 2: alectinib", "leptomeninges", R, None, None),
        (ORDER, GROUP + "crizotinib -> line 6: alectinib", "brain", R, None, None),
    ]),
]
CASES += REPORT_CASES
