"""Progress bars (stderr, terminal only, --no-progress) on long work, -q everywhere, the fingerprint in
`kg stats -f json`."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import progress
from kg.cli import main
from kg.progress import Progress

CASE = Path(__file__).resolve().parents[1] / "fixtures" / "cases" / "test-case-a.yaml"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_work_without_counts_shows_its_stage_and_the_elapsed_time_after_the_delay():
    shown, quiet, pipe = FakeTerminal(), FakeTerminal(), io.StringIO()
    for stream, is_quiet in ((shown, False), (quiet, True), (pipe, False)):
        with Progress("Reading", stream=stream, quiet=is_quiet, delay=0.05) as p:
            p.stage("Building the graph")
            for _ in range(100):  # the ticker opens the bar after 0.05 s; wait for it (at most 5 s)
                if stream is not shown or "00:00" in stream.getvalue():
                    break
                threading.Event().wait(0.05)
    assert "Building the graph" in shown.getvalue() and "00:00" in shown.getvalue()
    assert quiet.getvalue() == "" and pipe.getvalue() == ""


def test_quick_work_draws_nothing():
    stream = FakeTerminal()
    with Progress("Reading", stream=stream) as p:  # the default delay: 2 s
        p.stage("Building the graph")
        p(10)
    assert stream.getvalue() == ""


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every progress bar believes stderr is a terminal, and shows the elapsed time at once."""
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(progress, "DELAY", 0.0)


@pytest.mark.parametrize("args", [["validate"], ["load"], ["reset"], ["stats"], ["ask", "drugs-for-target"],
                                  ["export", "-f", "graphml", "-o", "-"]])
def test_long_commands_show_progress_on_stderr_unless_no_progress(terminal, args):
    shown = CliRunner().invoke(main, args)
    assert shown.exit_code == 0, shown.output
    assert "\r" in shown.stderr and "00:00" in shown.stderr  # a bar, drawn and cleared
    hidden = CliRunner().invoke(main, ["--no-progress", *args])
    assert hidden.exit_code == 0 and "00:00" not in hidden.stderr
    from_env = CliRunner().invoke(main, args, env={"KG_NO_PROGRESS": "1"})
    assert from_env.exit_code == 0 and "00:00" not in from_env.stderr
    quiet = CliRunner().invoke(main, ["-q", *args])
    assert quiet.exit_code == 0 and "00:00" not in quiet.stderr


def test_quiet_prints_nothing_on_success(tmp_path: Path):
    runner = CliRunner()
    for args in (["validate"], ["load", str(CASE)], ["unload", str(CASE)], ["reset"],
                 ["synth", "--nodes", "500", "-o", str(tmp_path / "synth")],
                 ["export", "-f", "graphml", "-o", str(tmp_path / "g.graphml")],
                 ["server", "stop", "--data-dir", str(tmp_path / "no-server")]):
        result = runner.invoke(main, ["-q", *args])
        assert (result.exit_code, result.output) == (0, ""), args
    loud = runner.invoke(main, ["reset"])
    assert loud.exit_code == 0 and loud.output.startswith("The memory store holds ")


def test_quiet_still_prints_errors():
    result = CliRunner().invoke(main, ["-q", "unload", str(CASE)])
    assert result.exit_code == 1
    assert result.output == f"Error: {CASE} is not loaded into the memory store (see 'kg sources')\n"


def test_stats_as_json_names_the_graph_on_every_row():
    table = CliRunner().invoke(main, ["stats"])
    fingerprint = table.output.splitlines()[-1].removeprefix("graph fingerprint: ")
    assert len(fingerprint) == 64
    rows = json.loads(CliRunner().invoke(main, ["stats", "-f", "json"]).output)
    assert {row["graph"] for row in rows} == {fingerprint}
    assert {"kind": "label", "name": "Drug", "count": rows[[r["name"] for r in rows].index("Drug")]["count"],
            "graph": fingerprint} in rows
    lines = CliRunner().invoke(main, ["stats", "-f", "jsonl"]).output.splitlines()
    assert all(json.loads(line)["graph"] == fingerprint for line in lines)
