"""Tables footnote each evidence line with its own sources; csv and jsonl give one line per evidence item."""

from __future__ import annotations

import csv
import io
import json
import re

from click.testing import CliRunner

from kg.cli import main
from kg.questions.catalogue import Cited
from kg.render import render, source_note

A = {"id": "PMID:1", "name": "Paper A", "kind": "trial", "verified": True, "evidence": "primary"}
B = {"id": "oncokg:src-b", "name": "Report B", "kind": "case report", "verified": False, "evidence": "primary"}
C = {"id": "oncokg:src-c", "name": None, "kind": "news report", "verified": True, "evidence": "single_secondary"}


def test_each_line_gets_the_marks_of_its_own_sources_and_the_list_follows_the_table():
    rows = [{"drug": "x", "evidence": [Cited("first line", [A]), Cited("second line", [B, C])]},
            {"drug": "y", "evidence": [Cited("third line", [C, A])]}]
    assert render(rows, "table").splitlines() == [
        "drug  evidence",
        "----  ------------------",
        "x     first line [1]",
        "      second line [2][3]",
        "y     third line [1][3]",
        "",
        "Sources:",
        "[1] PMID:1  Paper A (trial; primary)",
        "[2] oncokg:src-b  Report B (case report; primary; not verified)",
        "[3] oncokg:src-c (news report; single_secondary)",
    ]


def test_a_line_without_sources_has_no_mark_and_no_list_is_printed():
    assert render([{"a": [Cited("bare", [])]}], "table").splitlines() == ["a", "----", "bare"]


def test_source_note_flags_an_unverified_source():
    assert source_note(7, B) == "[7] oncokg:src-b  Report B (case report; primary; not verified)"


def test_flagship_jsonl_is_one_line_per_item_with_its_own_sources():
    result = CliRunner().invoke(main, ["ask", "alk-cns-after-crizotinib", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in result.output.splitlines()]
    cases = [i for i in items if i["item"] == "case observation"]
    assert {i["drug"] for i in cases} == {"alectinib"}
    assert {tuple(s["id"] for s in i["sources"]) for i in cases} == {("oncokg:src-case-report-alectinib-cns",)}
    statements = [i for i in items if i["item"] == "transporter statement" and i["drug"] == "alectinib"]
    assert sorted((i["text"], tuple(s["id"] for s in i["sources"])) for i in statements) == [
        ("ABCB1: not substrate (in vitro, human)", ("PMID:25205428",)),
        ("ABCB1: not substrate (label)", ("oncokg:src-alecensa-smpc-rxreasoner-pharmacology",)),
    ]


def test_flagship_csv_has_the_same_items_as_jsonl():
    runner = CliRunner()
    jsonl = runner.invoke(main, ["ask", "alk-cns-after-crizotinib", "-f", "jsonl"]).output.splitlines()
    table = list(csv.DictReader(io.StringIO(runner.invoke(main, ["ask", "alk-cns-after-crizotinib", "-f", "csv"]).output)))
    assert len(table) == len(jsonl)
    assert [json.loads(r["sources"]) for r in table] == [json.loads(line)["sources"] for line in jsonl]


def marked_sources(output: str) -> list[tuple[str, list[str]]]:
    """(line, the source ids its footnote marks point at) for every footnoted line of a table."""
    body, _, notes = output.partition("\nSources:\n")
    number = {m.group(1): m.group(2) for m in re.finditer(r"^\[(\d+)\] (\S+)", notes, re.M)}
    out = []
    for line in body.splitlines():
        marks = re.search(r"((?:\[\d+\])+)$", line.rstrip())
        if marks:
            out.append((line, [number[n] for n in re.findall(r"\[(\d+)\]", marks.group(1))]))
    return out


def sources_of_line(output: str, *needles: str) -> list[str]:
    hits = [ids for line, ids in marked_sources(output) if all(n in line for n in needles)]
    assert len(hits) == 1, (needles, hits)
    return hits[0]


def test_flagship_table_marks_point_at_each_lines_own_source():
    out = CliRunner().invoke(main, ["ask", "alk-cns-after-crizotinib"]).output
    assert sources_of_line(out, "ABCB1: not substrate (in vitro, human)") == ["PMID:25205428"]
    assert sources_of_line(out, "ABCB1: not substrate (label)") == ["oncokg:src-alecensa-smpc-rxreasoner-pharmacology"]
    assert sources_of_line(out, "leptomeninges marked response") == ["oncokg:src-case-report-alectinib-cns"]
    assert sources_of_line(out, "ALUR:") == ["PMID:29668860"]
    assert sources_of_line(out, "measurable CNS disease: 64%") == ["oncokg:src-ascopost-gadgeel-pooled-alectinib-cns"]
    assert sources_of_line(out, "clinical improvement on alectinib") == [
        "oncokg:src-news-medical-2015-alectinib-leptomeningeal"]
    assert "Case report's claim" not in out  # unverified: not evidence by default
    # the curator's inference about the site of the pain improvement reaches the reader beside that line
    assert sources_of_line(out, "clinical improvement (response); note: Curator inference") == [
        "oncokg:src-case-report-alectinib-cns"]


def test_trials_table_marks_point_at_each_lines_own_source():
    runner = CliRunner()
    out = runner.invoke(main, ["ask", "trials-for-drug"]).output
    assert sources_of_line(out, "78.6% vs crizotinib 40%") == ["oncokg:src-gadgeel-2018-alex-cns"]
    assert sources_of_line(out, "0.51 hazard ratio") == ["PMID:29858024"]
    assert sources_of_line(out, "58.2% (n=67)") == ["DOI:10.2147/LCTT.S209231"]
    assert "AF-002JG" not in out
    out = runner.invoke(main, ["ask", "trials-for-drug", "-p", "drug=lorlatinib"]).output
    assert sources_of_line(out, "0.06 hazard ratio", "5-year") == ["PMID:38819031"]
    assert sources_of_line(out, "66.7%") == ["oncokg:src-lorlatinib-after-second-generation-tki-2021"]
