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
        (r["drug"], [c["path"] for c in r["cases"]], [f["finding"] for f in r["findings"]],
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
]


# Each family of questions keeps its cases in its own module.
from tests.shared import questions_cases, questions_drugs, questions_explore  # noqa: E402

CASES += questions_drugs.CASES + questions_cases.CASES + questions_explore.CASES
