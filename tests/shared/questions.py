"""The behavioural suite of the question catalogue, run against both stores.

Each case: (dataset, question id, parameters, projection of the rows, expected projection).
`dataset` is "mini" (tests/fixtures/mini, fictional, answers known by construction) or "seed" (the curated
seed). The integration tests also require the full rows to be identical on both stores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Rows = list[dict[str, Any]]


def drugs_states(rows: Rows) -> list[tuple]:
    return [(r["drug"], r["transporter_state"], r["cns_state"]) for r in rows]


def flagship_evidence(rows: Rows) -> list[tuple]:
    return [
        (r["drug"], sorted(c["path"] for c in r["cases"]), sorted(f["finding"] for f in r["findings"]),
         [(s["id"], s["kind"]) for s in r["sources"]])
        for r in rows
    ]


CASES: list[tuple[str, str, dict[str, Any], Callable[[Rows], Any], Any]] = [
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib"}, drugs_states,
     [("alphatestinib", "not substrate", "response")]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib"}, flagship_evidence,
     [("alphatestinib", ["2. priortinib -> 3. whole-brain radiotherapy -> 4. alphatestinib"], [],
       [("oncokg:src-test-paper-a", "in-vitro study"), ("oncokg:src-test-paper-b", "case report")])]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib", "transporter_state": "any", "outcome": "any"},
     drugs_states,
     [("alphatestinib", "not substrate", "response"), ("betatestinib", "substrate", "response"),
      ("deltatestinib", "conflicting", "response"), ("gammatestinib", "not assessed", "tested without effect")]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib", "transporter_state": "substrate"},
     flagship_evidence,
     [("betatestinib", [], ["oncokg:finding-test-beta-cns"],
       [("oncokg:src-test-paper-a", "in-vitro study"), ("oncokg:trial-test-one", "trial")])]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib", "evidence": "findings"}, drugs_states, []),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib", "site": "brain", "transporter_state": "any",
                                          "outcome": "any"}, drugs_states,
     [("betatestinib", "substrate", "response"), ("gammatestinib", "not assessed", "tested without effect")]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "chemotestin", "transporter_state": "any"}, drugs_states,
     [("alphatestinib", "not substrate", "response")]),
    # The curated seed: alectinib, with the case report and the cohort/trial evidence; ceritinib and brigatinib
    # are P-gp substrates (shown only when asked for any transporter state); crizotinib is the prior drug.
    ("seed", "alk-cns-after-crizotinib", {}, drugs_states, [("alectinib", "not substrate", "response")]),
    ("seed", "alk-cns-after-crizotinib", {}, flagship_evidence, [(
        "alectinib",
        ["3. crizotinib -> 4. whole-brain radiotherapy -> 5. alectinib"] * 3,
        ["oncokg:finding-alectinib-leptomeningeal-series-2015-clinical",
         "oncokg:finding-alectinib-leptomeningeal-series-2015-radiographic",
         "oncokg:finding-alectinib-phase2-pooled-cns-dor", "oncokg:finding-alectinib-phase2-pooled-cns-orr-all",
         "oncokg:finding-alectinib-phase2-pooled-cns-orr-measurable", "oncokg:finding-alur-cns-orr-measurable",
         "oncokg:finding-case-report-claim-alectinib-cns-orr-21-patients",
         "oncokg:finding-np28673-time-to-cns-response", "oncokg:finding-np28761-time-to-cns-response"],
        [("DOI:10.2147/LCTT.S209231", "trial"), ("PMID:25205428", "animal study"), ("PMID:29668860", "trial"),
         ("oncokg:src-alecensa-smpc-rxreasoner-pharmacology", "label"),
         ("oncokg:src-ascopost-gadgeel-pooled-alectinib-cns", "congress report"),
         ("oncokg:src-case-report-alectinib-cns", "case report"),
         ("oncokg:src-news-medical-2015-alectinib-leptomeningeal", "congress report"),
         ("oncokg:src-pubcompare-alur-methods", "trial")],
    )]),
    ("seed", "alk-cns-after-crizotinib", {"transporter_state": "any"}, drugs_states,
     [("alectinib", "not substrate", "response"), ("brigatinib", "substrate", "response"),
      ("ceritinib", "substrate", "response")]),
    ("seed", "alk-cns-after-crizotinib", {"evidence": "cases", "site": "spinal cord"},
     lambda rows: [(r["drug"], sorted((c["site"], c["response"]) for c in r["cases"])) for r in rows],
     [("alectinib", [("cervical spinal cord", "clinical improvement"), ("cervical spinal cord", "marked response")])]),
    ("seed", "alk-cns-after-crizotinib", {"transporter": "BCRP", "transporter_state": "any", "evidence": "findings"},
     drugs_states,
     [("alectinib", "not substrate", "response"), ("brigatinib", "substrate", "response"),
      ("ceritinib", "substrate", "response")]),
]


# Each family of questions keeps its cases in its own module.
from tests.shared import questions_cases, questions_drugs, questions_explore  # noqa: E402

CASES += questions_drugs.CASES + questions_cases.CASES + questions_explore.CASES
