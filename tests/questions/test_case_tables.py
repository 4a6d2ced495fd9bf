"""How the case questions read in a terminal table, csv and jsonl, on the in-memory store (the table cases are
shared with tests/questions/test_case_tables_neo4j.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.questions import get
from kg.render import render_answer
from kg.stores import MemoryStore, build
from tests.shared.questions_cases import SEED_REPORT, TABLE_CASES, WBRT

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
STORES = {"mini": MemoryStore(build([MINI])[0]), "seed": MemoryStore(build(None)[0])}


def table(dataset: str, question: str, **params):
    return [get(question).table(r) for r in kg.ask(question, STORES[dataset], **params).rows]


def rendered(question: str, fmt: str, dataset: str = "seed", **params) -> str:
    return render_answer(kg.ask(question, STORES[dataset], **params).rows, get(question), fmt)


@pytest.mark.parametrize(("dataset", "question", "params", "project", "expected"), TABLE_CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(TABLE_CASES)])
def test_table_view(dataset, question, params, project, expected):
    assert project(table(dataset, question, **params)) == expected


def test_timeline_table_mini():
    rows = table("mini", "case-timeline", case="oncokg:case-test-three")
    assert rows[0]["dose"] == ["10 mg/kg every 3 weeks", "6 cycles", "5 months"]
    assert rows[0]["ended"] == ["new lesion in the cervical spinal cord"]
    assert rows[1]["line"] == "local" and rows[1]["ended"] == [] and rows[1]["note"] == []


def test_the_seed_timeline_footnotes_the_unverified_case_report():
    out = rendered("case-timeline", "table").splitlines()
    columns = [re.split(r"\s{2,}", line.strip()) for line in out]
    assert columns[0] == ["step", "line", "therapy", "dose", "observed", "note", "ended"]
    assert columns[2] == ["1", "1", "carboplatin + paclitaxel + bevacizumab [1]", "4 cycles",
                          "brain: enlargement at 3 months (progression) [1]",
                          "case: The report presents this as the first case showing",
                          "brain metastases enlarged at 3 months while the systemic"]
    assert [c[:3] for c in columns if c[0] in ("2", "3", "4", "5")] == [
        ["2", "local", "gamma knife radiosurgery to brain [1]"], ["3", "2", "crizotinib [1]"],
        ["4", "local", "whole-brain radiotherapy to brain, leptomeninges [1]"], ["5", "3", "alectinib [1]"]]
    assert out[-2:] == [
        "Sources:",
        f"[1] {SEED_REPORT}  Case report: alectinib for leptomeningeal and spinal cord metastases after crizotinib "
        "(citation unknown) (case report; primary; not verified)",
    ]


@pytest.mark.parametrize("question", ["case-timeline", "cases-with-site", "after-failure"])
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_no_answer_says_tested_without_effect(question, fmt):
    assert "tested without effect" not in rendered(question, fmt)
    assert "tested without effect" not in get(question).description


def test_timeline_jsonl_is_one_line_per_observation_with_its_own_sources():
    lines = [json.loads(line) for line in rendered("case-timeline", "jsonl").splitlines()]
    # 2 + 0 (the radiosurgery alone) + 3 + 2 + 3
    assert len(lines) == 11
    assert lines[2] == {"case": "oncokg:case-alectinib-cns-case-report", "order": 2,
                        "step": "gamma knife radiosurgery, after line 1", "therapy_line": None,
                        "name": "gamma knife radiosurgery",
                        "sources": [{"id": SEED_REPORT, "kind": "case report", "evidence": "primary",
                                     "name": lines[2]["sources"][0]["name"], "verified": False}]}
    cord = [line for line in lines if line["order"] == 4 and line["site"] == "cervical spinal cord"]
    assert [(c["step"], c["response"], c["response_class"], [s["id"] for s in c["sources"]]) for c in cord] == [
        (WBRT, "new lesion", "not assessed", [SEED_REPORT])]


def test_cases_with_site_csv_is_one_line_per_metastasis_and_observation():
    rows = list(csv.DictReader(io.StringIO(rendered("cases-with-site", "csv"))))
    assert [(r["item"], r["site"], r["after_step"] or r["step"]) for r in rows][:4] == [
        ("metastasis", "brain", ""), ("metastasis", "leptomeninges", "line 2: crizotinib"),
        ("metastasis", "cervical spinal cord", WBRT),
        ("observation", "brain", "line 1: carboplatin + paclitaxel + bevacizumab"),
    ]
    assert len(rows) == 3 + 7
    assert all(json.loads(r["sources"])[0]["verified"] is False for r in rows)


def test_after_failure_jsonl_keeps_the_failure_and_the_later_outcomes_apart():
    lines = [json.loads(line) for line in rendered("after-failure", "jsonl", drug="carboplatin").splitlines()]
    gamma_knife = [line for line in lines if line["later_step"] == "gamma knife radiosurgery, after line 1"]
    assert [(g["item"], g["site"], g["response_class"]) for g in gamma_knife] == [
        ("failure", "brain", "progression")]
    assert {line["item"] for line in lines} == {"failure", "later outcome"}
    assert not [line for line in lines if line["item"] == "failure" and line["site"] == "extracranial disease"]


def test_cli_prints_the_table(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_SEED_DIR", str(MINI))
    monkeypatch.setenv("KG_STATE_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["ask", "after-failure", "-p", "drug=Sigmabrand"])
    assert result.exit_code == 0, result.output
    assert "line 2: sigmatestinib" in result.output and "(nothing reported after)" in result.output
    assert "[1] oncokg:src-test-paper-b  Test paper B (case report; primary)" in result.output
    assert "3 row(s) from the memory store" in result.output


def test_after_failure_jsonl_gives_the_path_alone_when_nothing_was_observed():
    lines = [json.loads(line) for line in rendered("after-failure", "jsonl", "mini", drug="chemotestin").splitlines()]
    alone = [line for line in lines if line["item"] == "path"]
    assert alone == [{
        "case": "oncokg:case-test-one", "failed_step": "line 1: chemotestin", "failure": "later line only",
        "later_step": "whole-brain radiotherapy, after line 2", "item": "path",
        "path": "line 1: chemotestin -> line 2: priortinib -> whole-brain radiotherapy, after line 2",
        "sources": [{"id": "oncokg:src-test-paper-b", "name": "Test paper B", "kind": "case report",
                     "verified": True, "evidence": "primary"}],
    }]
