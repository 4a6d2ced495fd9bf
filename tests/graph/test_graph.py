"""Building the canonical graph: merged facts keep every source, lists are canonical, fingerprints are stable."""

from __future__ import annotations

import pytest

from kg.model.dose import parse_dose

from pathlib import Path

from kg.graph import build as graph
from kg.sources.seed import read_or_raise

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def build_mini():
    records, _ = read_or_raise([MINI / "mini.yaml"])
    return graph.build_graph(records)


def test_counts_of_the_mini_fixture():
    counts = graph.counts(build_mini())
    assert counts["labels"] == {
        "Case": 2, "Disease": 1, "Drug": 6, "Finding": 2, "Observation": 5, "Publication": 3, "Site": 4,
        "Target": 1, "Transporter": 1, "TreatmentLine": 6, "Trial": 1,
    }
    assert counts["relationships"]["INHIBITS"] == 5
    assert counts["relationships"]["NEXT"] == 4


def test_a_fact_stated_twice_is_one_edge_with_the_union_of_sources():
    g = build_mini()
    edges = [(k, d) for _, v, k, d in g.out_edges("DRUGBANK:DB99902", keys=True, data=True) if k == "INHIBITS"]
    assert len(edges) == 1
    assert edges[0][1]["sources"] == ["oncokg:src-test-label-c", "oncokg:src-test-paper-a"]
    assert edges[0][1]["qualifiers"] == ["second statement"]
    assert edges[0][1]["roles"] == ["primary"]


def test_names_brands_and_synonyms_resolve_to_ids():
    g = build_mini()
    line = "oncokg:case-test-one/line-4"
    assert [v for _, v, k in g.out_edges(line, keys=True) if k == "USED"] == ["DRUGBANK:DB99902"]  # via brand
    vocab = graph.vocabulary(g)
    assert vocab.resolve("p-gp", (graph.Label.TRANSPORTER,)) == "HGNC:40"
    assert vocab.resolve("ALPHABRAND", (graph.Label.DRUG,)) == "DRUGBANK:DB99902"


def test_case_timeline_nodes():
    g = build_mini()
    line = g.nodes["oncokg:case-test-one/line-4"]
    assert line == {
        "label": "TreatmentLine", "case": "oncokg:case-test-one", "sources": ["oncokg:src-test-paper-b"],
        "order": 4, "kind": "systemic", "name": "alphatestinib", "therapy_line": 3, "dose": "100 mg/day",
        "dose_amount": 100.0, "dose_unit": "mg", "dose_schedule": "per day (frequency not stated)", "daily_dose": 100.0,
        "step": "line 3: alphatestinib",
    }
    obs = g.nodes["oncokg:case-test-one/line-4/obs-1"]
    assert obs["responded"] is True and obs["response"] == "marked response" and obs["months_after_start"] == 3.0
    assert obs["response_class"] == "response" and obs["line_step"] == "line 3: alphatestinib"
    assert obs["name"] == "leptomeninges: marked response (line 3: alphatestinib)"
    assert g.nodes["oncokg:case-test-one"]["biomarker_tests"] == ["ALK IHC positive"]


def test_fingerprint_is_stable_and_sensitive():
    g1, g2 = build_mini(), build_mini()
    assert graph.fingerprint(g1) == graph.fingerprint(g2)
    g2.nodes["DRUGBANK:DB99902"]["name"] = "changed"
    assert graph.fingerprint(g1) != graph.fingerprint(g2)


def test_fingerprint_ignores_list_order_and_int_float_spelling():
    a = graph.canonical([("x", "Drug", {"s": ["b", "a"], "v": 3.0})], [])
    b = graph.canonical([("x", "Drug", {"s": ["a", "b"], "v": 3.0})], [])
    assert a == b


@pytest.mark.parametrize(("text", "schedule", "daily"), [
    ("600 mg/day (as reported)", "per day (frequency not stated)", 600.0),  # audit 2026-12-03 2a: not once daily
    ("250 mg twice daily", "twice daily", 500.0),
    ("100 mg once daily", "once daily", 100.0),
    ("150 mg daily", "daily", 150.0),
])
def test_a_dose_per_day_is_not_read_as_once_daily(text, schedule, daily):
    parsed = parse_dose(text)
    assert (parsed["dose_schedule"], parsed["daily_dose"]) == (schedule, daily)
