"""Question cases of kg/questions/neighbourhood.py; same shape as tests/shared/questions.py.

Mini centres are the records of tests/fixtures/mini/cases.yaml (nothing else points at them, so their slices
are known by construction); seed answers are read from seed/cases/ and seed/drugs.yaml.
"""

from __future__ import annotations

from typing import Any

from kg.questions import get

Rows = list[dict[str, Any]]

CASE3 = "oncokg:case-test-three"
SEED_CASE = "oncokg:case-alectinib-cns-case-report"


def triples(rows: Rows) -> list[tuple]:
    return [(r["start"], r["type"], r["end"]) for r in rows]


def ids(sources: list[dict[str, Any]]) -> list[str]:
    return [s["id"] for s in sources]


def full(rows: Rows) -> list[tuple]:
    return [(r["start"], r["start_label"], r["start_name"], r["type"], r["end"], r["end_label"], r["end_name"],
             [(s["text"], ids(s["sources"])) for s in r["statements"]], ids(r["sources"])) for r in rows]


def facts(*types: str):
    """Each relationship of these types: its statements in words, each with its own source ids."""
    def project(rows: Rows) -> list[tuple]:
        return [(r["start_name"], r["type"], r["end_name"], [(s["text"], ids(s["sources"])) for s in r["statements"]])
                for r in rows if r["type"] in types]
    return project


def evidence(*ends: str):
    """The table's evidence lines of the relationships to these ends: (text, ids of the sources footnoted on it)."""
    def project(rows: Rows) -> list[tuple]:
        view = get("neighbourhood").table
        return [(r["type"], r["end_name"], [(c.text, ids(c.sources)) for c in view(r)["evidence"]])
                for r in rows if r["end_name"] in ends]
    return project


OMEGA_DEPTH_2 = [
    (f"{CASE3}", "HAD_LINE", f"{CASE3}/line-1"),
    (f"{CASE3}/line-1", "NEXT", f"{CASE3}/line-2"),
    (f"{CASE3}/line-1", "OBSERVED", f"{CASE3}/line-1/obs-1"),
    (f"{CASE3}/line-1", "OBSERVED", f"{CASE3}/line-1/obs-2"),
    (f"{CASE3}/line-1", "USED", "DRUGBANK:DB99921"),
    (f"{CASE3}/line-1", "USED", "DRUGBANK:DB99922"),
]

OMEGA_DEPTH_3 = sorted(OMEGA_DEPTH_2 + [
    (CASE3, "DIAGNOSED_WITH", "NCIT:C2926"),
    (CASE3, "HAD_LINE", f"{CASE3}/line-2"),
    (CASE3, "HAD_LINE", f"{CASE3}/line-3"),
    (CASE3, "HAS_METASTASIS", "UBERON:0002048"),
    (CASE3, "HAS_METASTASIS", "UBERON:0002726"),
    (CASE3, "REPORTED_IN", "oncokg:src-test-paper-b"),
    (CASE3, "REPORTED_IN", "oncokg:src-test-series-d"),
    (f"{CASE3}/line-1/obs-1", "AT_SITE", "UBERON:0002048"),
    (f"{CASE3}/line-1/obs-2", "AT_SITE", "UBERON:0002726"),
    (f"{CASE3}/line-2", "NEXT", f"{CASE3}/line-3"),
    (f"{CASE3}/line-2", "OBSERVED", f"{CASE3}/line-2/obs-1"),
    (f"{CASE3}/line-2", "TARGETED_SITE", "UBERON:0002726"),
    (f"{CASE3}/line-3", "USED", "DRUGBANK:DB99922"),
])

BD = ["oncokg:src-test-paper-b", "oncokg:src-test-series-d"]
CASE3_NAME = "Test case three"
SEED_CASE_NAME = ("ALK-positive lung adenocarcinoma: leptomeningeal and cervical spinal cord metastases responding "
                  "to alectinib after crizotinib")
SEED_REPORT = "oncokg:src-case-report-alectinib-cns"
A, C, E = "oncokg:src-test-paper-a", "oncokg:src-test-label-c", "oncokg:src-test-conflicts-e"

CASES: list = [
    # depth 1 (the default): the centre's own relationships, in both directions; structural ones have no statements
    # and no sources
    ("mini", "neighbourhood", {"id": "omegatestinib"}, full, [
        (f"{CASE3}/line-1", "TreatmentLine", "omegatestinib + sigmatestinib", "USED",
         "DRUGBANK:DB99921", "Drug", "omegatestinib", [], [])]),
    ("mini", "neighbourhood", {"id": CASE3}, full, [
        (CASE3, "Case", CASE3_NAME, "DIAGNOSED_WITH", "NCIT:C2926", "Disease", "non-small cell lung carcinoma", [], []),
        (CASE3, "Case", CASE3_NAME, "HAD_LINE", f"{CASE3}/line-1", "TreatmentLine", "omegatestinib + sigmatestinib",
         [], []),
        (CASE3, "Case", CASE3_NAME, "HAD_LINE", f"{CASE3}/line-2", "TreatmentLine", "spinal radiotherapy", [], []),
        (CASE3, "Case", CASE3_NAME, "HAD_LINE", f"{CASE3}/line-3", "TreatmentLine", "sigmatestinib", [], []),
        (CASE3, "Case", CASE3_NAME, "HAS_METASTASIS", "UBERON:0002048", "Site", "lung", [], BD),
        (CASE3, "Case", CASE3_NAME, "HAS_METASTASIS", "UBERON:0002726", "Site", "cervical spinal cord", [], BD),
        (CASE3, "Case", CASE3_NAME, "REPORTED_IN", "oncokg:src-test-paper-b", "Publication", "Test paper B", [], []),
        (CASE3, "Case", CASE3_NAME, "REPORTED_IN", "oncokg:src-test-series-d", "Publication", "Test case series D",
         [], []),
    ]),
    # a brand names the drug; an observation node has no name
    ("mini", "neighbourhood", {"id": "Sigmabrand"}, triples,
     [(f"{CASE3}/line-1", "USED", "DRUGBANK:DB99922"), (f"{CASE3}/line-3", "USED", "DRUGBANK:DB99922")]),
    ("mini", "neighbourhood", {"id": "omegatestinib", "depth": 2}, triples, OMEGA_DEPTH_2),
    ("mini", "neighbourhood", {"id": "omegatestinib", "depth": "3"}, triples, OMEGA_DEPTH_3),
    ("mini", "neighbourhood", {"id": "omegatestinib", "depth": 2},
     lambda rows: sorted({r["start_label"] for r in rows} | {r["end_label"] for r in rows}),
     ["Case", "Drug", "Observation", "TreatmentLine"]),
    # a site's slice holds PART_OF both ways (structural: no statements)
    ("mini", "neighbourhood", {"id": "spinal cord"}, facts("PART_OF"),
     [("spinal cord", "PART_OF", "central nervous system", []), ("cervical spinal cord", "PART_OF", "spinal cord", [])]),
    # a fact relationship lists each statement in words (role, strength, system, species) with its own sources
    ("mini", "neighbourhood", {"id": "deltatestinib"}, facts("SUBSTRATE_OF", "NOT_SUBSTRATE_OF"),
     [("deltatestinib", "NOT_SUBSTRATE_OF", "ABCB1", [("not substrate (label): test label says no", [C])]),
      ("deltatestinib", "SUBSTRATE_OF", "ABCB1", [("substrate (animal, mouse only): test substrate in mice", [A])])]),
    ("mini", "neighbourhood", {"id": "thetatestinib"}, facts("SUBSTRATE_OF"), [
        ("thetatestinib", "SUBSTRATE_OF", "ABCB1",
         [("substrate (in vitro, human, no resistance): test transport without resistance", [E]),
          ("weak substrate (in vitro, human, confers resistance): test weak transport, resistant cells", [A])]),
        ("thetatestinib", "SUBSTRATE_OF", "ABCG2", [("weak substrate (animal, mouse only): test mouse Abcg2 only", [A])]),
    ]),
    # csv/jsonl: one line per statement, or the relationship itself when it has none
    ("mini", "neighbourhood", {"id": "thetatestinib"},
     lambda rows: [(i["type"], i["end_name"], i["text"], ids(i["sources"]))
                   for r in rows for i in get("neighbourhood").items(r) if i["end_name"] == "ABCB1"], [
        ("NOT_SUBSTRATE_OF", "ABCB1", "not substrate (in vitro, human): test no transport", [E]),
        ("SUBSTRATE_OF", "ABCB1", "substrate (in vitro, human, no resistance): test transport without resistance", [E]),
        ("SUBSTRATE_OF", "ABCB1", "weak substrate (in vitro, human, confers resistance): test weak transport, resistant "
         "cells", [A]),
    ]),
    # the seed: the case report's patient, and alectinib's facts (seed/drugs.yaml)
    ("seed", "neighbourhood", {"id": SEED_CASE}, full, [
        (SEED_CASE, "Case", SEED_CASE_NAME, "DIAGNOSED_WITH", "NCIT:C3512", "Disease", "lung adenocarcinoma", [], []),
        *[(SEED_CASE, "Case", SEED_CASE_NAME, "HAD_LINE", f"{SEED_CASE}/line-{n}", "TreatmentLine", name, [], [])
          for n, name in enumerate(["carboplatin + paclitaxel + bevacizumab", "gamma knife radiosurgery", "crizotinib",
                                    "whole-brain radiotherapy", "alectinib"], start=1)],
        *[(SEED_CASE, "Case", SEED_CASE_NAME, "HAS_METASTASIS", site, "Site", name, [], [SEED_REPORT])
          for site, name in [("UBERON:0000391", "leptomeninges"), ("UBERON:0000955", "brain"), ("UBERON:0002048", "lung"),
                             ("UBERON:0002726", "cervical spinal cord"),
                             ("oncokg:site-thoracic-lymph-nodes", "hilar and mediastinal lymph nodes")]],
        (SEED_CASE, "Case", SEED_CASE_NAME, "REPORTED_IN", SEED_REPORT, "Publication",
         "Case report: alectinib for leptomeningeal and spinal cord metastases after crizotinib (citation unknown)",
         [], []),
    ]),
    # a metastasis has sources but no statement: one table line 'stated' footnoted with them
    ("seed", "neighbourhood", {"id": SEED_CASE}, evidence("leptomeninges", "lung"), [
        ("HAS_METASTASIS", "leptomeninges", [("stated", [SEED_REPORT])]),
        ("HAS_METASTASIS", "lung", [("stated", [SEED_REPORT])]),
    ]),
    # audit 1d item 2: alectinib's 'not substrate' says in vitro (Caco-2) and label, each beside its own source
    ("seed", "neighbourhood", {}, facts("NOT_SUBSTRATE_OF", "INHIBITS"), [
        ("alectinib", "INHIBITS", "ALK", [("primary", ["oncokg:src-nci-formulary-alectinib"])]),
        ("alectinib", "INHIBITS", "RET", [("secondary", ["oncokg:src-nci-formulary-alectinib"])]),
        ("alectinib", "NOT_SUBSTRATE_OF", "ABCB1", [
            ("not substrate (in vitro, human): preclinical evidence only: the parent drug was not transported by P-gp "
             "in a Caco-2 permeability assay. A claim that the metabolite M4 is a P-gp substrate was seen on one "
             "secondary page only and is not loaded", ["PMID:25205428"]),
            ("not substrate (label): EU label statement, explicitly based on preclinical data, about the parent drug",
             ["oncokg:src-alecensa-smpc-rxreasoner-pharmacology"])]),
        ("alectinib", "NOT_SUBSTRATE_OF", "ABCG2", [
            ("not substrate (label): EU label statement, explicitly based on preclinical data, about the parent drug",
             ["oncokg:src-alecensa-smpc-rxreasoner-pharmacology"])]),
    ]),
    # audit 1d item 4: brigatinib's activity against G1202R is in vitro only
    ("seed", "neighbourhood", {"id": "brigatinib"}, evidence("ALK G1202R"), [
        ("ACTIVE_AGAINST", "ALK G1202R",
         [("in vitro: IN VITRO ONLY; not evidence of clinical activity against G1202R. The reference audit notes G1202R "
           "has also been found at relapse on brigatinib", ["DOI:10.2147/LCTT.S126507"])]),
    ]),
    # audit 1d items 4 and 5: lorlatinib's G1202R activity is from mice; its ABCG2 call is weak and mouse only, its
    # ABCB1 call modest
    ("seed", "neighbourhood", {"id": "lorlatinib"}, facts("ACTIVE_AGAINST", "SUBSTRATE_OF"), [
        ("lorlatinib", "ACTIVE_AGAINST", "ALK G1202R",
         [("animal: antitumour activity in mice bearing tumours with this mutation (US label); not a clinical result",
           ["oncokg:src-lorbrena-uspi-12-1"])]),
        ("lorlatinib", "ACTIVE_AGAINST", "ALK I1171T",
         [("animal: antitumour activity in mice bearing tumours with this mutation (US label); not a clinical result",
           ["oncokg:src-lorbrena-uspi-12-1"])]),
        ("lorlatinib", "SUBSTRATE_OF", "ABCB1",
         [("modest substrate (in vitro, human and mouse): modest substrate: human ABCB1 transported it modestly in "
           "vitro; brain levels about 4-fold higher in Abcb1 knockout mice", ["PMID:29744867"])]),
        ("lorlatinib", "SUBSTRATE_OF", "ABCG2",
         [("weak substrate (in vitro, mouse only): weak substrate of MOUSE Abcg2 in vitro only; Abcg2 knockout alone did "
           "not change mouse brain levels. Not shown for human ABCG2", ["PMID:29744867"])]),
    ]),
    # depth 2 from the case reaches the chain of its lines
    ("seed", "neighbourhood", {"id": SEED_CASE, "depth": 2},
     lambda rows: sorted({(r["start"], r["end"]) for r in rows if r["type"] == "NEXT"}),
     [(f"{SEED_CASE}/line-{n}", f"{SEED_CASE}/line-{n + 1}") for n in range(1, 5)]),
]
