"""Case files that hold real published reports (issue 17): a series, an unknown-order group, a report without
demographics. The same scenario on either store (memory in unit tests, Neo4j in integration tests)."""

from __future__ import annotations

from pathlib import Path

import kg
from kg.stores import Store
from tests.shared.curation import CASES

SERIES = CASES / "test-series.yaml"
ORDER = CASES / "test-unknown-order.yaml"
BARE = CASES / "test-no-demographics.yaml"
FILES = [SERIES, ORDER, BARE]

SERIES_ID = "oncokg:case-test-fictional-series"
ORDER_ID = "oncokg:case-test-fictional-unknown-order"
BARE_ID = "oncokg:case-test-fictional-no-demographics"

# (line id, step text, therapy_line) as the graph holds them.
STEPS = [
    (f"{ORDER_ID}/line-1", "lines 1-3: prior chemotherapy, agents not reported", None),
    (f"{ORDER_ID}/line-2a", "line 4 or 5 (order not reported): crizotinib", None),
    (f"{ORDER_ID}/line-2b", "line 4 or 5 (order not reported): ceritinib", None),
    (f"{ORDER_ID}/line-3", "line 6: alectinib", 6),
    (f"{ORDER_ID}/line-4", "stereotactic radiotherapy, during line 6", None),
    (f"{SERIES_ID}/line-1", "line 1: crizotinib", 1),
    (f"{SERIES_ID}/line-2", "line 2: alectinib", 2),
    (f"{BARE_ID}/line-1", "line not reported: lorlatinib", None),
]

# (observation id, name, response class, basis, patients, of)
OBSERVATIONS = [
    (f"{SERIES_ID}/line-1/obs-1", "leptomeninges: progressed in 4 of 4 patients (line 1: crizotinib)", "progression",
     "clinical", 4, 4),
    (f"{SERIES_ID}/line-2/obs-1", "leptomeninges: improved in 3 of 4 patients (line 2: alectinib)", "response",
     "RANO-LM", 3, 4),
    (f"{SERIES_ID}/line-2/obs-2", "leptomeninges: progressed in 1 of 4 patients (line 2: alectinib)", "progression",
     "RANO-LM", 1, 4),
    (f"{SERIES_ID}-patient-2/line-2/obs-1", "leptomeninges: shrank (line 2: alectinib)", "response", "RANO-LM",
     None, None),
    (f"{ORDER_ID}/line-2a/obs-1", "brain: progressed (line 4 or 5 (order not reported): crizotinib)", "progression",
     None, None, None),
    (f"{ORDER_ID}/line-3/obs-1", "brain: partial response (line 6: alectinib)", "response", "RANO-BM", None, None),
    (f"{BARE_ID}/line-1/obs-1", "brain: responded (line not reported: lorlatinib)", "response", "not reported",
     None, None),
]


def load_reports(store: Store, graph_of) -> None:
    """Load the three files; every construct is in the graph as written, and the store equals a fresh build."""
    report = kg.load(store, FILES)
    g = graph_of(store)
    fresh = _fresh_fingerprint_of(FILES)
    assert report.fingerprint == fresh == store.fingerprint()
    assert [(n, g.nodes[n]["step"], g.nodes[n].get("therapy_line")) for n, _, _ in STEPS] == STEPS
    assert g.nodes[f"{ORDER_ID}/line-3"]["therapy_line_derived"] is True
    assert g.nodes[f"{ORDER_ID}/line-2a"]["possible_lines"] == [4, 5]
    assert g.nodes[f"{ORDER_ID}/line-2a"]["group_note"] == "The report lists both inhibitors without their order."
    assert [(o, g.nodes[o]["name"], g.nodes[o]["response_class"], g.nodes[o].get("basis"), g.nodes[o].get("patients"),
             g.nodes[o].get("of")) for o, *_ in OBSERVATIONS] == OBSERVATIONS
    # members of the group share its order and are not ordered among themselves
    nexts = sorted((u.rsplit("/", 1)[1], v.rsplit("/", 1)[1]) for u, v, k in g.edges(keys=True)
                   if k == "NEXT" and u.startswith(ORDER_ID + "/"))
    assert nexts == [("line-1", "line-2a"), ("line-1", "line-2b"), ("line-2a", "line-3"), ("line-2b", "line-3"),
                     ("line-3", "line-4")]
    bare = g.nodes[BARE_ID]
    assert (bare["age"], bare["sex"], bare["smoking"], bare["stage"]) == ("not reported",) * 4
    assert bare["biomarker_tests"] == ["ALK NGS negative (specimen: plasma; time point: at diagnosis)",
                                       "ALK positive (method not reported)"]
    assert g.nodes[f"{BARE_ID}/line-1"]["dose"] == "not reported"
    assert "months_after_start" not in g.nodes[f"{BARE_ID}/line-1/obs-1"]
    assert g.nodes[ORDER_ID]["age"] == "≥ 60" and g.nodes[SERIES_ID]["age"] == "45-72"
    assert g.nodes[SERIES_ID]["patients"] == 4 and g.nodes[SERIES_ID]["note"].startswith("Sites per patient")
    assert [(u, v) for u, v, k in g.edges(keys=True) if k == "IN_SERIES"] == [(f"{SERIES_ID}-patient-2", SERIES_ID)]
    alteration = g.edges[ORDER_ID, "oncokg:alt-ALK-G1202R", "HAS_ALTERATION"]
    assert alteration["tests"] == ["ALK NGS positive: ALK G1202R (specimen: plasma; time point: at progression on "
                                   "alectinib)"]
    assert alteration["sources"] == ["oncokg:src-test-fictional-order"]
    metastasis = g.edges[SERIES_ID, "UBERON:0000391", "HAS_METASTASIS"]
    assert (metastasis["found"], metastasis["patients"]) == ("not reported", 4)


def export_round_trip(store: Store, tmp_path: Path) -> None:
    """Each loaded case, exported and loaded instead of its file, gives the same graph."""
    kg.load(store, FILES)
    before = store.fingerprint()
    exported = []
    for case, source in ((SERIES_ID, SERIES), (ORDER_ID, ORDER), (BARE_ID, BARE)):
        path = tmp_path / f"export-{source.name}"
        path.write_text(kg.api.case_export(store, case), encoding="utf-8")
        exported.append(path)
    for f in FILES:
        kg.unload(store, f)
    assert kg.load(store, exported).fingerprint == before == store.fingerprint()
    for f in exported:
        kg.unload(store, f)


def _fresh_fingerprint_of(files: list[Path]) -> str:
    from kg.graph import build as graph
    from kg.sources.files import Source
    from kg.stores import read_sources

    records, _ = read_sources([Source("seed", f, str(f)) for f in files])
    return graph.fingerprint(graph.build_graph(records))


