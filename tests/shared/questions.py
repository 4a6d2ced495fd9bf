"""The behavioural suite of the question catalogue, run against both stores.

Each case: (dataset, question id, parameters, projection of the rows, expected projection).
`dataset` is "mini" (tests/fixtures/mini, fictional, answers known by construction) or "seed" (the curated
seed). The integration tests also require the full rows to be identical on both stores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Rows = list[dict[str, Any]]


def included(rows: Rows) -> list[tuple]:
    """(drug, transporter state, included, why not) for every inhibitor of the target."""
    return [(r["drug"], r["transporter_state"], r["included"], r["why_not"]) for r in rows]


def drugs_states(rows: Rows) -> list[tuple]:
    """(drug, transporter claim, CNS summary) of the included drugs."""
    return [(r["drug"], r["transporter_claim"], r["cns"]) for r in rows if r["included"]]


def item_sources(rows: Rows) -> list[tuple]:
    """Each evidence item of the included drugs with its OWN sources: the pairing every view must keep."""
    out = []
    for r in rows:
        if not r["included"]:
            continue
        out += [(r["drug"], "statement", st["role"], st["system"], st["species"], sorted(s["id"] for s in st["sources"]))
                for st in r["transporter_statements"]]
        out += [(r["drug"], "case", c["path"], c["site"], c["class"], sorted(s["id"] for s in c["sources"])) for c in r["cases"]]
        out += [(r["drug"], "finding", f["finding"], f["setting"], f["class"], sorted(s["id"] for s in f["sources"]))
                for f in r["findings"]]
    return out


PAPER_A = "oncokg:src-test-paper-a"
PAPER_B = "oncokg:src-test-paper-b"
NONE_LOADED = "no priortinib-pretreated CNS finding or case loaded (not assessed)"

CASES: list[tuple[str, str, dict[str, Any], Callable[[Rows], Any], Any]] = [
    # Every inhibitor of the target is a row: included, or with the reason it is not.
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib"}, included, [
        ("alphatestinib", "not substrate", True, None),
        ("betatestinib", "substrate", False, "ABCB1: substrate (in vitro)"),
        ("deltatestinib", "conflicting", False, "ABCB1: not substrate (label); substrate (animal, mouse only)"),
        ("epsilontestinib", "not assessed", False, "ABCB1: not assessed (no statement); " + NONE_LOADED),
        ("gammatestinib", "not assessed", False,
         "ABCB1: not assessed (no statement); no CNS response after priortinib in the graph: progression in 1 case"),
        ("priortinib", "substrate", False, "the prior drug itself"),
        ("zetatestinib", "not assessed", False, "ABCB1: not assessed (no statement); " + NONE_LOADED),
    ]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib"}, drugs_states,
     [("alphatestinib", "not substrate (in vitro)", "response in 1 case")]),
    # Each item keeps its own sources: the case observation rests on the case report (paper B), the transporter
    # statement on the in-vitro paper (A); neither is shown beside the other.
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib"}, item_sources, [
        ("alphatestinib", "statement", "not substrate", "in vitro", None, [PAPER_A]),
        ("alphatestinib", "case", "line 2: priortinib -> whole-brain radiotherapy, after line 2 -> line 3: alphatestinib",
         "leptomeninges", "response", [PAPER_B]),
    ]),
    # Any state and any outcome: progression is shown as progression, never as a response.
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib", "transporter_state": "any", "outcome": "any"},
     drugs_states, [
         ("alphatestinib", "not substrate (in vitro)", "response in 1 case"),
         ("betatestinib", "substrate (in vitro)", "response in 1 finding"),
         ("deltatestinib", "not substrate (label); substrate (animal, mouse only)", "response in 1 finding"),
         ("gammatestinib", "not assessed (no statement)", "progression in 1 case"),
     ]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib", "transporter_state": "substrate"}, item_sources, [
        ("betatestinib", "statement", "substrate", "in vitro", None, [PAPER_A]),
        ("betatestinib", "finding", "oncokg:finding-test-beta-cns", "crizotinib-pretreated", "response",
         [PAPER_A, "oncokg:trial-test-one"]),
    ]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib", "evidence": "findings"}, drugs_states, []),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "priortinib", "site": "brain", "transporter_state": "any",
                                          "outcome": "any"}, drugs_states,
     [("betatestinib", "substrate (in vitro)", "response in 1 finding"),
      ("gammatestinib", "not assessed (no statement)", "progression in 1 case")]),
    ("mini", "alk-cns-after-crizotinib", {"prior_drug": "chemotestin", "transporter_state": "any"}, drugs_states,
     [("alphatestinib", "not substrate (in vitro)", "response in 1 case")]),
]


# Each family of questions keeps its cases in its own module.
from tests.shared import questions_cases, questions_drugs, questions_explore  # noqa: E402

CASES += questions_drugs.CASES + questions_cases.CASES + questions_explore.CASES
