"""Curating case reports: template, names a curator writes, loading on top of the seed, edits that replace."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.stores import MemoryStore
from tests.shared import curation

CASES = curation.CASES


def memory_graph(store: MemoryStore):
    return store.graph


def fill_template(text: str) -> str:
    """The template with every placeholder replaced by what a curator would write."""
    import yaml

    doc = yaml.safe_load(text)
    pub, case = doc["publications"][0], doc["cases"][0]
    pub.update(id="oncokg:src-test-template-case-report", name="Template test 2024 (test data)", title="Test",
               journal="Test journal", year=2024)
    case.update(id="oncokg:case-test-template", name="Template test case", age="60-69", sex="not reported",
                ethnicity="not reported", smoking="not reported", histology="lung adenocarcinoma",
                differentiation="poorly differentiated", stage="IV", tnm="cT4N3M1b", presentation="Headache.",
                diagnosis="lung adenocarcinoma", sources=[pub["id"]], note="Test data only.")
    case["biomarkers"][0].update(method="not reported", result="positive")
    case["metastases"][0].update(site="brain", found="at diagnosis")
    first, second = case["lines"]
    first.update(name="crizotinib", drugs=["crizotinib"], dose="250 mg twice daily")
    first["observations"][0].update(site="leptomeninges", response="progressed", basis="RANO-LM")
    second.update(name="whole-brain radiotherapy", modality="whole-brain radiotherapy", target_sites=["brain"])
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def test_a_placeholder_spelled_by_an_escape_is_still_refused(tmp_path: Path):
    """The reader skips the search for the placeholder in a file whose text holds neither the word nor a
    backslash; an escape that spells the word is still found."""
    text = kg.api.case_template()
    filled = fill_template(text)
    assert "REPLACE" not in filled and "\\" not in filled
    escaped = tmp_path / "escaped.yaml"
    escaped.write_text(filled.replace("dose: 250 mg twice daily", 'dose: "\\x52EPLACE"'), encoding="utf-8")
    problems = kg.validate([escaped])
    assert len(problems) == 1 and problems[0].endswith(
        "dose: still the template's placeholder; write what the report says, or delete the field"), problems


def test_template_unedited_is_refused_and_filled_in_validates_and_loads(tmp_path: Path):
    text = CliRunner().invoke(main, ["case", "template"]).output
    assert text == kg.api.case_template()
    raw = tmp_path / "raw.yaml"
    raw.write_text(text, encoding="utf-8")
    problems = kg.validate([raw])
    assert len(problems) == 32 and all("still the template's placeholder" in p for p in problems)
    assert problems[5] == (f"{raw}: case oncokg:case-REPLACE: id: still the template's placeholder; write what the "
                           "report says, or delete the field")
    filled = tmp_path / "mine.yaml"
    filled.write_text(fill_template(text), encoding="utf-8")
    assert kg.validate([filled]) == []
    store = MemoryStore()
    kg.load(store, [filled])
    line = store.graph.nodes["oncokg:case-test-template/line-1"]
    assert (line["name"], line["dose"], line["daily_dose"], line["dose_schedule"]) == (
        "crizotinib", "250 mg twice daily", 500.0, "twice daily")
    node = store.graph.nodes["oncokg:case-test-template"]
    assert (node["age"], node["sex"], node["smoking"], node["biomarker_tests"]) == (
        "60-69", "not reported", "not reported", ["ALK positive (method not reported)"])
    assert MemoryStore().graph.has_node("oncokg:case-test-template")  # persists for the next command


@pytest.mark.parametrize("written", ["alectinib", "ALECTINIB", "Alecensa", "DRUGBANK:DB11363", "CH5424802"])
def test_a_drug_may_be_written_as_id_name_brand_or_synonym(tmp_path: Path, written: str):
    text = (CASES / "test-case-a.yaml").read_text().replace("drugs: [PF-06463922]", f"drugs: [{written}]")
    path = tmp_path / "case.yaml"
    path.write_text(text)
    store = MemoryStore()
    kg.load(store, [path])
    used = [v for _, v, k in store.graph.out_edges("oncokg:case-test-fictional-a/line-2", keys=True) if k == "USED"]
    assert used == ["DRUGBANK:DB11363"]


def test_unknown_name_suggests_the_closest(tmp_path: Path):
    text = (CASES / "test-case-a.yaml").read_text().replace("drugs: [PF-06463922]", "drugs: [alectnib]")
    path = tmp_path / "case.yaml"
    path.write_text(text)
    assert kg.validate([path]) == [
        f"{path}: case oncokg:case-test-fictional-a, line 2 (lorlatinib): drug 1: unknown drug 'alectnib' — did you "
        "mean alectinib? (a case file names only drugs of the curated seed: add a new one to seed/drugs.yaml, with "
        "its sources)"
    ]
    result = CliRunner().invoke(main, ["load", str(path)])
    assert result.exit_code == 1
    assert not kg.api.loaded_sources(MemoryStore())[-1]["path"].endswith("case.yaml")


def test_dose_out_of_range_is_an_error(tmp_path: Path):
    text = (CASES / "test-case-a.yaml").read_text().replace('dose: "100 mg/day"', 'dose: "100000 mg/day"')
    path = tmp_path / "case.yaml"
    path.write_text(text)
    assert kg.validate([path]) == [
        f"{path}: case oncokg:case-test-fictional-a, line 2 (lorlatinib): dose '100000 mg/day': 100000 mg is out of range "
        "(0 < amount <= 10000)"
    ]


def test_edit_then_reload_on_memory(tmp_path: Path):
    curation.edit_then_reload(MemoryStore(), tmp_path, memory_graph)


def test_shared_fact_on_memory():
    curation.shared_fact_keeps_both_sources(MemoryStore(), memory_graph)


def test_sources_lists_seed_and_loaded_files():
    store = MemoryStore()
    kg.load(store, [CASES / "test-case-a.yaml"])
    rows = CliRunner().invoke(main, ["sources", "-f", "json"]).output
    import json

    listed = json.loads(rows)
    assert listed[-1]["path"] == str((CASES / "test-case-a.yaml").resolve())
    assert listed[-1]["format"] == "seed" and listed[-1]["records"] == 2
    assert {r["format"] for r in listed[:-1]} == {"seed (curated)"}


def test_a_seed_directory_path_is_never_taken_for_a_source_name(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "civic").mkdir()
    result = CliRunner().invoke(main, ["load", "civic", "x.tsv"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: 'civic' is both a source name and a path here; write ./civic for the path"
