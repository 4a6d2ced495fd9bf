"""Case files that hold real published reports (issue 17), on the memory store: the constructs, validation in one
pass in the file's own terms, the drug rule, standard input, and the round trip of `kg case export`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.graph import build as graph
from kg.stores import MemoryStore, build, seed_dir
from tests.shared import case_reports

REPO = Path(__file__).resolve().parent.parent.parent


def memory_graph(store: MemoryStore):
    return store.graph


def test_reports_load_on_memory():
    case_reports.load_reports(MemoryStore(), memory_graph)


def test_export_round_trip_on_memory(tmp_path: Path):
    case_reports.export_round_trip(MemoryStore(), tmp_path)


def test_the_seed_case_exports_to_a_file_that_rebuilds_the_seed(tmp_path: Path, monkeypatch):
    text = CliRunner().invoke(main, ["case", "export", "oncokg:case-alectinib-cns-case-report"]).output
    assert "publications:" not in text  # its publication is in the curated seed
    seed = tmp_path / "seed"
    shutil.copytree(seed_dir(), seed)
    (seed / "cases" / "alectinib-cns-case-report.yaml").write_text(text, encoding="utf-8")
    assert graph.fingerprint(build([seed])[0]) == graph.fingerprint(build()[0])


def test_unknown_case_for_export_is_an_error():
    result = CliRunner().invoke(main, ["case", "export", "oncokg:case-nope"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: case-export: parameter") or "unknown case" in result.stderr


TEN_PROBLEMS = """\
publications:
  - {id: "oncokg:src-test-ten", name: "Ten problems (test data)", kind: case report, evidence: primary}
cases:
  - id: oncokg:case-test-ten
    name: ten problems
    age: 200
    sex: femal
    smoking: unknown
    histology: h
    stage: IV
    diagnosis: NSCLC
    biomarkers: [{gene: ALK, method: IHQ, result: positive}]
    metastases: [{site: cerebelum, found: at diagnosis}]
    lines:
      - {order: 1, kind: systemic, name: alectinib, drugs: [alectnib], observations: [{site: brain, response: progresed}]}
      - order: 2
        sequence: not reported
        lines:
          - {kind: systemic, name: crizotinib, drugs: [crizotinib]}
          - {kind: systemic, name: ceritinib, drugs: [ceritinib], observations: [{site: brain, response: shrank, basis: RANO}]}
      - {order: 3, kind: local, name: "radiotherapy\\u0007"}
    sources: ["oncokg:src-test-ten", "PMID:1"]
"""


def test_ten_mixed_problems_print_ten_lines_in_one_run(tmp_path: Path):
    """Field problems, record rules and unknown names of one file, all in one run, 1-based, in the file's terms;
    the bad value echoed with its control character escaped; nothing is loaded."""
    path = tmp_path / "ten.yaml"
    path.write_text(TEN_PROBLEMS, encoding="utf-8")
    before = MemoryStore().fingerprint()
    case = f"Error: {path}: case oncokg:case-test-ten"
    expected = [
        f"{case}: age: Input should be less than or equal to 120 (got 200)",
        f"{case}: sex 'femal' is not a known sex — did you mean 'female'?",
        f"{case}: smoking 'unknown' is not a known smoking — did you mean 'not reported'?",
        f"{case}, biomarker 1: method 'IHQ' is not a known method — did you mean 'IHC'?",
        f"{case}, line 1 (alectinib), observation 1: response 'progresed' is not a known response — did you mean "
        "'progressed'?",
        f"{case}, line 2b (ceritinib), observation 1: basis 'RANO' is not a known basis — did you mean 'RANO-LM'?",
        f"{case}, line 3 (radiotherapy\\x07): a local line needs a modality",
        f"{case}: source 2: 'PMID:1' is not a known publication or trial",
        f"{case}, metastasis 1: site: unknown site 'cerebelum'",
        f"{case}, line 1 (alectinib): drug 1: unknown drug 'alectnib' — did you mean alectinib? (a case file names "
        "only drugs of the curated seed: add a new one to seed/drugs.yaml, with its sources)",
        "Error: 10 problem(s); nothing was loaded.",
    ]
    for command in (["validate", str(path)], ["load", str(path)]):
        result = CliRunner().invoke(main, command)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.splitlines() == expected
    assert MemoryStore().fingerprint() == before and kg.api.loaded_sources(MemoryStore())[-1]["format"] != "seed"


def test_validate_and_load_read_standard_input():
    text = case_reports.BARE.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "-"], input=text)
    assert (result.exit_code, result.output) == (0, "OK: - is valid.\n")
    bad = CliRunner().invoke(main, ["validate", "-"], input=text.replace("response: responded", "response: respond"))
    assert bad.exit_code == 1
    assert bad.stderr.splitlines()[0] == (
        "Error: <stdin>: case oncokg:case-test-fictional-no-demographics, line 1 (lorlatinib), observation 1: "
        "response 'respond' is not a known response — did you mean 'responded'?")
    loaded = CliRunner().invoke(main, ["load", "-q", "-"], input=text)
    assert (loaded.exit_code, loaded.output) == (0, "")
    assert MemoryStore().graph.nodes[case_reports.BARE_ID]["age"] == "not reported"


def test_a_case_file_never_creates_a_drug(tmp_path: Path):
    path = tmp_path / "case.yaml"
    drug = ("drugs:\n  - {id: 'DRUGBANK:DB99950', name: newtinib, drug_class: ALK inhibitor, "
            "sources: ['oncokg:src-test-fictional-abstract']}\n")
    path.write_text(case_reports.BARE.read_text(encoding="utf-8") + drug, encoding="utf-8")
    assert kg.validate([path]) == [
        f"{path}: drugs: a case file names drugs of the curated seed and never creates them; add them to the seed "
        "(seed/drugs.yaml) with their sources"]


def test_the_agents_case_reports_name_are_in_the_seed():
    vocab = graph.vocabulary(MemoryStore().graph)
    found = {name: vocab.resolve(name, (graph.Label.DRUG,)) for name in
             ("pemetrexed", "cisplatin", "CDDP", "docetaxel", "gemcitabine", "pembrolizumab", "lambrolizumab", "nivolumab")}
    assert found == {"pemetrexed": "DRUGBANK:DB00642", "cisplatin": "DRUGBANK:DB00515", "CDDP": "DRUGBANK:DB00515",
                     "docetaxel": "DRUGBANK:DB01248", "gemcitabine": "DRUGBANK:DB00441",
                     "pembrolizumab": "DRUGBANK:DB09037", "lambrolizumab": "DRUGBANK:DB09037",
                     "nivolumab": "DRUGBANK:DB09035"}
    g = MemoryStore().graph
    assert [g.nodes[d]["drug_class"] for d in ("DRUGBANK:DB09037", "DRUGBANK:DB09035")] == ["anti-PD-1 antibody"] * 2


BASE = ("cases: [{id: 'oncokg:case-test-rule', name: r, age: not reported, sex: not reported, smoking: not reported, "
        "histology: h, stage: IV, diagnosis: NSCLC, sources: ['oncokg:src-case-report-alectinib-cns'], ")


@pytest.mark.parametrize(("extra", "problem"), [
    ("lines: [{order: 1, sequence: not reported, lines: [{kind: systemic, name: a, drugs: [crizotinib]}, "
     "{kind: local, name: b, modality: surgery}]}]}]",
     ", line 1: a group of lines in unknown order holds systemic lines only"),
    ("lines: [{order: 1, kind: prior therapy, name: chemotherapy}]}]",
     ", line 1 (chemotherapy): a prior therapy needs a count of lines (count: 3)"),
    ("lines: [{order: 1, kind: local, name: r, modality: radiotherapy, concurrent_with: 1}]}]",
     ": line 1 is concurrent with line 1, which is not a single systemic line of this case"),
    ("lines: [{order: 1, kind: systemic, name: a, drugs: [crizotinib], observations: [{site: brain, "
     "response: improved, patients: 3, of: 4}]}]}]",
     ": observations with patient counts belong to a series (give the case 'patients: N')"),
    ("patients: 2, lines: [{order: 1, kind: systemic, name: a, drugs: [crizotinib], observations: [{site: brain, "
     "response: improved, patients: 3, of: 4}]}]}]",
     ": an observation counts 4 patients, but the series has 2"),
    ("lines: [{order: 1, kind: systemic, name: a, drugs: [crizotinib], observations: [{site: brain, "
     "response: improved, patients: 3}]}]}]",
     ", line 1 (a), observation 1: a series-level count needs both 'patients' and 'of' (3 of 4: patients: 3, of: 4)"),
    ("age: '60-', lines: [{order: 1, kind: systemic, name: a, drugs: [crizotinib]}]}]",
     ": age: age must be years (0-120), a range as written ('60-69'), a bound ('≥ 60') or 'not reported' (got '60-')"),
    ("series: oncokg:case-alectinib-cns-case-report, lines: [{order: 1, kind: systemic, name: a, drugs: [crizotinib]}]}]",
     ": series: 'oncokg:case-alectinib-cns-case-report' is not a series (a case with 'patients: N')"),
])
def test_case_rules(tmp_path: Path, extra: str, problem: str):
    path = tmp_path / "rule.yaml"
    text = BASE + extra
    path.write_text(text.replace("age: not reported, ", "") if extra.startswith("age") else text, encoding="utf-8")
    assert kg.validate([path]) == [f"{path}: case oncokg:case-test-rule{problem}"]
