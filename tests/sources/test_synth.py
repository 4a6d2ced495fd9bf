"""The synthetic dataset of `kg synth`: deterministic, valid on its own, and with the flagship answer it was built to have."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import kg
from kg import api
from kg.cli import main
from kg.graph import build as graph
from kg.sources import synth
from kg.sources.seed import parse_document
from kg.stores import MemoryStore, build


def checksum(directory: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(directory.iterdir()):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth-2k")
    synth.generate(2_000, out, seed=0)
    return out


def test_the_same_seed_gives_the_same_files(dataset: Path, tmp_path: Path):
    synth.generate(2_000, tmp_path / "again", seed=0)
    assert checksum(tmp_path / "again") == checksum(dataset)
    synth.generate(2_000, tmp_path / "other", seed=1)
    assert checksum(tmp_path / "other") != checksum(dataset)


def test_it_validates_standalone(dataset: Path):
    assert api.validate([dataset], standalone=True) == []
    result = CliRunner().invoke(main, ["validate", "--standalone", str(dataset)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ")


def test_it_has_the_planned_size_and_about_five_relationships_per_node(dataset: Path):
    g, _ = build([dataset])
    nodes, edges = g.number_of_nodes(), g.number_of_edges()
    assert 1_700 <= nodes <= 2_300
    assert 4.0 <= edges / nodes <= 5.5
    labels = graph.counts(g)["labels"]
    for label in ("Drug", "Target", "Transporter", "Site", "Trial", "Finding", "Case", "TreatmentLine", "Observation"):
        assert labels.get(label, 0) > 0, label


def test_the_files_are_yaml_read_the_fast_way(dataset: Path):
    for f in synth.files(dataset):
        text = f.read_text(encoding="utf-8")
        assert text.startswith("{")
        assert parse_document(text) == yaml.safe_load(text)


def test_the_flagship_answer_is_the_expected_one_on_the_memory_store(dataset: Path):
    expected = synth.expected(dataset)
    assert expected["drugs"][0] == "alectinib" and len(expected["drug_ids"]) == synth.QUALIFIERS
    g, _ = build([dataset])
    answer = kg.ask("alk-cns-after-crizotinib", MemoryStore(g))
    included = [r for r in answer.rows if r["included"]]
    assert sorted(r["drug_id"] for r in included) == expected["drug_ids"]
    assert all(r["transporter_state"] == "not substrate" and r["cns"].startswith("response in") for r in included)


def test_each_decoy_fails_the_flagship_for_its_own_reason(dataset: Path):
    g, _ = build([dataset])
    rows = kg.ask("alk-cns-after-crizotinib", MemoryStore(g), transporter_state="any", outcome="any").rows
    states = {r["drug"]: (r["transporter_state"], r["cns"], r["why_not"]) for r in rows}
    # asserted non-substrates whose only evidence is no response or progression: said, never counted as response
    assert states["synthinib-000010"] == ("not substrate", "no response in 1 finding", None)
    assert states["synthinib-000011"] == ("not substrate", "progression in 1 case", None)
    none_loaded = "no crizotinib-pretreated CNS finding or case loaded (not assessed)"
    assert states["synthinib-000008"] == ("not substrate", "none loaded", none_loaded)  # response before crizotinib
    assert states["synthinib-000009"] == ("not substrate", "none loaded", none_loaded)  # response at the lung
    default = {r["drug"]: r["why_not"] for r in kg.ask("alk-cns-after-crizotinib", MemoryStore(g)).rows}
    assert default["synthinib-000010"] == "no CNS response after crizotinib in the graph: no response in 1 finding"
    assert default["synthinib-000011"] == "no CNS response after crizotinib in the graph: progression in 1 case"
    assert {states[d][0] for d in states if d not in synth.expected(dataset)["drugs"]} >= {"substrate"}


def test_kg_synth_command(tmp_path: Path):
    result = CliRunner().invoke(main, ["synth", "--nodes", "600", "-o", str(tmp_path), "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "Flagship answer: alectinib" in result.output
    expected = json.loads((tmp_path / "EXPECTED.json").read_text())
    assert expected["seed"] == 3 and expected["nodes_requested"] == 600


@pytest.mark.parametrize(("text", "value"), [
    ('{"a": 1.5}', {"a": 1.5}),
    ('{"a": 1e5}', {"a": "1e5"}),          # YAML 1.1 reads an exponent without a dot and sign as text
    ('{"a": 1.0e+5}', {"a": 100000.0}),
    ('{"a": NaN}', {"a": "NaN"}),          # not JSON that YAML reads alike: YAML reads the file
    ("{a: [1, 2]}", {"a": [1, 2]}),        # YAML flow mapping, not JSON
    ("a: 1\n", {"a": 1}),
])
def test_parse_document_reads_like_yaml(text: str, value: object):
    assert parse_document(text) == yaml.safe_load(text) == value


def test_parse_document_reports_yaml_errors_as_pyyaml_does():
    bad = "drugs: [\n  {id: x\n"
    with pytest.raises(yaml.YAMLError) as fast:
        parse_document(bad)
    with pytest.raises(yaml.YAMLError) as slow:
        yaml.safe_load(bad)
    assert fast.value.problem == slow.value.problem


@pytest.mark.parametrize("text", ['{"a": "x", "a": "y"}', "a: x\na: y\n", "{a: x, a: y}"])
def test_parse_document_refuses_a_duplicate_key_on_both_paths(text: str):
    from kg.sources.seed import DocumentRefused

    with pytest.raises(DocumentRefused, match="duplicate key 'a' \\(a mapping may name each key once\\)"):
        parse_document(text)
