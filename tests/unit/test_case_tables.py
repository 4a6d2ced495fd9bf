"""How the case questions read in a terminal table (`Question.table`), on the mini fixture."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import kg
from kg.cli import main
from kg.questions import get
from kg.store import MemoryStore, build

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
STORE = MemoryStore(build([MINI])[0])


def table(question: str, **params):
    return [get(question).table(r) for r in kg.ask(question, STORE, **params).rows]


def test_timeline_table():
    rows = table("case-timeline", case="oncokg:case-test-three")
    assert rows[0] == {
        "#": 1, "line": "omegatestinib + sigmatestinib", "given": ["omegatestinib", "sigmatestinib"],
        "dose": ["10 mg/kg every 3 weeks", "6 cycles", "5 months"],
        "observed": ["lung: partial response at 3 months", "cervical spinal cord: new lesion at 5 months"],
        "ended": ["new lesion in the cervical spinal cord"],
    }
    assert rows[1]["given"] == "radiotherapy to cervical spinal cord" and rows[1]["ended"] == []


def test_cases_with_site_table():
    rows = table("cases-with-site")
    assert rows[0]["sites"] == ["brain: at diagnosis", "leptomeninges: during treatment, after 2. priortinib"]
    assert rows[0]["outcomes"] == ["2. priortinib: leptomeninges: new lesion at 4 months",
                                   "4. alphatestinib: leptomeninges: marked response at 3 months"]
    assert rows[1]["sources"] == ["oncokg:src-test-paper-b (case report)", "oncokg:src-test-series-d (case series)"]


def test_after_failure_table():
    rows = table("after-failure", drug="priortinib")
    assert rows[1]["failed"] == ["2. priortinib", "leptomeninges: new lesion at 4 months"]
    assert rows[1]["then"] == "2. priortinib -> 3. whole-brain radiotherapy -> 4. alphatestinib"
    assert rows[1]["outcomes"] == ["leptomeninges: marked response at 3 months", "lung: partial response at 3 months"]
    assert rows[2]["failed"] == ["1. priortinib", "(a later line only)"]
    assert rows[2]["outcomes"] == ["brain: progression at 2 months (no response)"]
    last = table("after-failure", drug="sigmatestinib")[-1]
    assert last["then"] == "(nothing reported after)" and last["given"] is None


def test_cli_prints_the_table(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_SEED_DIR", str(MINI))
    monkeypatch.setenv("KG_STATE_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["ask", "after-failure", "-p", "drug=Sigmabrand"])
    assert result.exit_code == 0, result.output
    assert "3. sigmatestinib" in result.output and "(nothing reported after)" in result.output
    assert "3 row(s) from the memory store" in result.output
