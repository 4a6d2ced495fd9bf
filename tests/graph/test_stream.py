"""The streamed graph (kg.graph.stream) is the built graph (kg.graph.build.build_graph): same rows, counts and fingerprint."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KGError, ValidationError
from kg.graph import build as graph
from kg.graph import stream
from kg.registry import SEED
from kg.sources import synth
from kg.sources.files import Source
from kg.sources.seed import read_or_raise
from kg.stores import seed_dir

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def rows_of(records: list) -> tuple[list, list, GraphStreamResult]:
    with stream.GraphStream(records) as s:
        nodes, edges, seen = [], [], set()
        for group_nodes, group_edges in s.groups():
            seen |= {n[0] for n in group_nodes}
            for start, rel, end, props, start_label, end_label in group_edges:
                assert start in seen and end in seen, (start, rel, end)  # both ends are written before it
            nodes += group_nodes
            edges += group_edges
        return nodes, edges, GraphStreamResult(s.fingerprint(), s.counts())


class GraphStreamResult(tuple):
    def __new__(cls, fingerprint: str, counts: dict) -> GraphStreamResult:
        return super().__new__(cls, (fingerprint, counts))


@pytest.mark.parametrize("where", ["seed", "mini", "synth"])
def test_the_stream_holds_exactly_the_built_graph(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    if where == "synth":
        synth.generate(3_000, tmp_path, seed=0)
        monkeypatch.setattr(stream, "SPILL_LINES", 500)  # the fingerprint merges sorted runs from files
        paths = [tmp_path]
    else:
        paths = [seed_dir()] if where == "seed" else [MINI / "mini.yaml"]
    records, _ = read_or_raise(paths)
    g = graph.build_graph(records)
    nodes, edges, (fingerprint, counts) = rows_of(records)
    assert fingerprint == graph.fingerprint(g)
    assert counts == graph.counts(g)
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    assert sorted((n, label, p) for n, label, p in nodes) == sorted(graph.node_rows(g))
    assert sorted(e[:4] for e in edges) == sorted(graph.edge_rows(g))
    assert all((e[4], e[5]) == (labels[e[0]], labels[e[2]]) for e in edges)


def test_a_reference_problem_raises_the_error_of_build_graph(tmp_path: Path):
    text = (MINI / "mini.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("    drug: betatestinib\n", "    drug: nosuchinib\n", 1), encoding="utf-8")
    records, _ = read_or_raise([bad])
    with pytest.raises(ValidationError) as built:
        graph.build_graph(records)
    with stream.GraphStream(records) as s, pytest.raises(ValidationError) as streamed:
        s.drain()
    assert streamed.value.problems == built.value.problems
    assert any("'nosuchinib'" in p for p in streamed.value.problems)


def test_records_read_twice_from_their_files_give_the_same_graph(tmp_path: Path):
    synth.generate(2_000, tmp_path, seed=0)
    records, _ = read_or_raise([tmp_path])
    read = stream.read([], [tmp_path])
    assert read is not None
    held, files = read
    assert not any(r.kind in stream.LEAF_KINDS for r in held.hubs)  # findings and cases are not kept
    assert sum(f.records for f in files) == len(records)
    with stream.GraphStream(held) as s:
        assert s.drain() == graph.fingerprint(graph.build_graph(records))
    assert held.hubs == []  # released once built


def test_a_file_with_a_problem_is_left_to_read_sources(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("drugs:\n  - id: nonsense\n", encoding="utf-8")
    assert stream.read([], [tmp_path]) is None


def test_a_file_changed_between_the_two_reads_is_refused(tmp_path: Path):
    synth.generate(1_000, tmp_path, seed=0)
    held, _ = stream.read([], [tmp_path])
    cases = sorted(tmp_path.glob("*cases*.yaml"))[-1]
    cases.write_text(cases.read_text(encoding="utf-8").replace("synth", "synth", 1) + "\n", encoding="utf-8")
    with stream.GraphStream(held) as s, pytest.raises(KGError, match="changed while it was being loaded"):
        s.drain()


CASES = sorted((Path(__file__).parent.parent / "fixtures" / "cases").glob("*.yaml"))


@pytest.mark.parametrize("case_file", CASES, ids=[p.stem for p in CASES])
def test_each_case_file_read_from_files_streams_as_the_built_graph(case_file: Path):
    """Cases are built one at a time from their files (a series and its patients, which refer to each other, with
    the hub); a biomarker's text names its alteration, a node of the hub."""
    read = stream.read([Source(SEED, case_file, case_file.name)], [seed_dir()])
    assert read is not None
    records, _ = read
    in_memory, _ = read_or_raise([seed_dir(), case_file])
    g = graph.build_graph(in_memory)
    with stream.GraphStream(records) as s:
        s.drain()
        assert (s.fingerprint(), s.counts()) == (graph.fingerprint(g), graph.counts(g))
    assert graph.counts(g)["relationships"].get("IN_SERIES", 0) == (1 if case_file.stem == "test-series" else 0)
