"""Tables fit the width they are given (the terminal's, or COLUMNS when output is not a terminal): long cells wrap,
--wide keeps them whole, colour only on a terminal and never with NO_COLOR; footnote marks and the source list
stay exactly as the plain table prints them, and a table that fits is printed byte for byte as before."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.questions.catalogue import Cited
from kg.render import Display, render

A = {"id": "PMID:1", "name": "Paper A", "kind": "trial", "verified": True, "evidence": "primary"}
ROWS = [{"drug": "alectinib", "evidence": [Cited("a long evidence line that does not fit in thirty columns", [A]),
                                           Cited("short", [A])]}]
PLAIN = [
    "drug       evidence",
    "---------  ------------------------------------------------------------",
    "alectinib  a long evidence line that does not fit in thirty columns [1]",
    "           short [1]",
    "",
    "Sources:",
    "[1] PMID:1  Paper A (trial; primary)",
]


def test_without_a_width_or_colour_the_table_is_plain():
    assert render(ROWS, "table").splitlines() == PLAIN
    assert render(ROWS, "table", display=Display(width=200)).splitlines() == PLAIN  # it fits: unchanged


def test_a_width_wraps_long_cells_and_keeps_the_marks_and_the_source_list():
    assert render(ROWS, "table", display=Display(width=36)).splitlines() == [
        "drug       evidence",
        "---------- -------------------------",
        "alectinib  a long evidence line that",
        "           does not fit in thirty",
        "           columns [1]",
        "           short [1]",
        "",
        "Sources:",
        "[1] PMID:1  Paper A (trial; primary)",
    ]


def test_colour_is_ansi_bold_headers_and_coloured_marks_around_the_same_text():
    out = render(ROWS, "table", display=Display(color=True))
    assert "\x1b[1mdrug" in out and "\x1b[36m[1]\x1b[0m" in out
    plain = out.replace("\x1b[1m", "").replace("\x1b[36m", "").replace("\x1b[0m", "")
    assert [line.rstrip() for line in plain.splitlines()][2:] == PLAIN[2:]


@pytest.mark.parametrize(("env", "args", "width"), [
    ({}, [], None),
    ({"COLUMNS": "60"}, [], 60),
    ({"COLUMNS": "60"}, ["--wide"], None),
])
def test_the_cli_wraps_to_columns_when_output_is_not_a_terminal(env, args, width):
    result = CliRunner().invoke(main, ["ask", "alk-cns-after-crizotinib", *args], env=env)
    assert result.exit_code == 0, result.output
    table = result.output.split("\n\nSources:\n")[0].splitlines()
    longest = max(len(line) for line in table)
    assert longest <= width if width else longest > 60
    assert "\x1b[" not in result.output
