"""Question cases of kg/questions/explore.py; same shape as tests/shared/questions.py.

Mini centres are the records of tests/fixtures/mini/cases.yaml (nothing else points at them, so their slices
are known by construction); seed answers are read from seed/cases/ and seed/drugs.yaml.
"""

from __future__ import annotations

from typing import Any

Rows = list[dict[str, Any]]

CASE3 = "oncokg:case-test-three"
SEED_CASE = "oncokg:case-alectinib-cns-case-report"


def triples(rows: Rows) -> list[tuple]:
    return [(r["start"], r["type"], r["end"]) for r in rows]


def full(rows: Rows) -> list[tuple]:
    return [(r["start"], r["start_label"], r["start_name"], r["type"], r["end"], r["end_label"], r["end_name"],
             r["sources"]) for r in rows]


def facts(*types: str):
    def project(rows: Rows) -> list[tuple]:
        return [(r["start_name"], r["type"], r["end_name"], r["sources"]) for r in rows if r["type"] in types]
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

CASES: list = [
    # depth 1 (the default): the centre's own relationships, in both directions; structural ones have no sources
    ("mini", "neighbourhood", {"id": "omegatestinib"}, full, [
        (f"{CASE3}/line-1", "TreatmentLine", "omegatestinib + sigmatestinib", "USED",
         "DRUGBANK:DB99921", "Drug", "omegatestinib", None)]),
    ("mini", "neighbourhood", {"id": CASE3}, full, [
        (CASE3, "Case", CASE3_NAME, "DIAGNOSED_WITH", "NCIT:C2926", "Disease", "non-small cell lung carcinoma", None),
        (CASE3, "Case", CASE3_NAME, "HAD_LINE", f"{CASE3}/line-1", "TreatmentLine", "omegatestinib + sigmatestinib", None),
        (CASE3, "Case", CASE3_NAME, "HAD_LINE", f"{CASE3}/line-2", "TreatmentLine", "spinal radiotherapy", None),
        (CASE3, "Case", CASE3_NAME, "HAD_LINE", f"{CASE3}/line-3", "TreatmentLine", "sigmatestinib", None),
        (CASE3, "Case", CASE3_NAME, "HAS_METASTASIS", "UBERON:0002048", "Site", "lung", BD),
        (CASE3, "Case", CASE3_NAME, "HAS_METASTASIS", "UBERON:0002726", "Site", "cervical spinal cord", BD),
        (CASE3, "Case", CASE3_NAME, "REPORTED_IN", "oncokg:src-test-paper-b", "Publication", "Test paper B", None),
        (CASE3, "Case", CASE3_NAME, "REPORTED_IN", "oncokg:src-test-series-d", "Publication", "Test case series D", None),
    ]),
    # a brand names the drug; an observation node has no name
    ("mini", "neighbourhood", {"id": "Sigmabrand"}, triples,
     [(f"{CASE3}/line-1", "USED", "DRUGBANK:DB99922"), (f"{CASE3}/line-3", "USED", "DRUGBANK:DB99922")]),
    ("mini", "neighbourhood", {"id": "omegatestinib", "depth": 2}, triples, OMEGA_DEPTH_2),
    ("mini", "neighbourhood", {"id": "omegatestinib", "depth": "3"}, triples, OMEGA_DEPTH_3),
    ("mini", "neighbourhood", {"id": "omegatestinib", "depth": 2},
     lambda rows: sorted({r["start_label"] for r in rows} | {r["end_label"] for r in rows}),
     ["Case", "Drug", "Observation", "TreatmentLine"]),
    # a site's slice holds PART_OF both ways; a fact relationship carries the union of its sources
    ("mini", "neighbourhood", {"id": "spinal cord"}, facts("PART_OF"),
     [("spinal cord", "PART_OF", "central nervous system", None), ("cervical spinal cord", "PART_OF", "spinal cord", None)]),
    ("mini", "neighbourhood", {"id": "deltatestinib"}, facts("SUBSTRATE_OF", "NOT_SUBSTRATE_OF"),
     [("deltatestinib", "NOT_SUBSTRATE_OF", "ABCB1", ["oncokg:src-test-label-c"]),
      ("deltatestinib", "SUBSTRATE_OF", "ABCB1", ["oncokg:src-test-paper-a"])]),
    # the seed: the case report's patient, and alectinib's transporter facts (seed/drugs.yaml)
    ("seed", "neighbourhood", {"id": SEED_CASE}, full, [
        (SEED_CASE, "Case", SEED_CASE_NAME, "DIAGNOSED_WITH", "NCIT:C3512", "Disease", "lung adenocarcinoma", None),
        *[(SEED_CASE, "Case", SEED_CASE_NAME, "HAD_LINE", f"{SEED_CASE}/line-{n}", "TreatmentLine", name, None)
          for n, name in enumerate(["carboplatin + paclitaxel + bevacizumab", "gamma knife radiosurgery", "crizotinib",
                                    "whole-brain radiotherapy", "alectinib"], start=1)],
        *[(SEED_CASE, "Case", SEED_CASE_NAME, "HAS_METASTASIS", site, "Site", name, [SEED_REPORT])
          for site, name in [("UBERON:0000391", "leptomeninges"), ("UBERON:0000955", "brain"), ("UBERON:0002048", "lung"),
                             ("UBERON:0002726", "cervical spinal cord"),
                             ("oncokg:site-thoracic-lymph-nodes", "hilar and mediastinal lymph nodes")]],
        (SEED_CASE, "Case", SEED_CASE_NAME, "REPORTED_IN", SEED_REPORT, "Publication",
         "Case report: alectinib for leptomeningeal and spinal cord metastases after crizotinib (citation unknown)", None),
    ]),
    ("seed", "neighbourhood", {}, facts("NOT_SUBSTRATE_OF", "INHIBITS"), [
        ("alectinib", "INHIBITS", "ALK", ["oncokg:src-nci-formulary-alectinib"]),
        ("alectinib", "INHIBITS", "RET", ["oncokg:src-nci-formulary-alectinib"]),
        ("alectinib", "NOT_SUBSTRATE_OF", "ABCB1", ["PMID:25205428", "oncokg:src-alecensa-smpc-rxreasoner-pharmacology"]),
        ("alectinib", "NOT_SUBSTRATE_OF", "ABCG2", ["oncokg:src-alecensa-smpc-rxreasoner-pharmacology"]),
    ]),
    # depth 2 from the case reaches the chain of its lines
    ("seed", "neighbourhood", {"id": SEED_CASE, "depth": 2},
     lambda rows: sorted({(r["start"], r["end"]) for r in rows if r["type"] == "NEXT"}),
     [(f"{SEED_CASE}/line-{n}", f"{SEED_CASE}/line-{n + 1}") for n in range(1, 5)]),
]
