"""CLI output through CliRunner, exact: a table and the same answer as JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import main
from kg.stores import MemoryStore

KNOWN = ["ABCB1 substrate status", "ABCG2 substrate status", "CNS penetration finding", "CNS response evidence",
         "CNS response evidence after crizotinib"]
AFTER = "CNS response evidence after crizotinib"


def test_knowledge_gaps_table_is_exact():
    result = CliRunner().invoke(main, ["ask", "knowledge-gaps"])
    assert result.exit_code == 0
    fingerprint = MemoryStore().fingerprint()
    assert result.output == "\n".join([
        "drug        drug_class     missing",
        "----------  -------------  --------------------------------------",
        "alectinib   ALK inhibitor",
        "brigatinib  ALK inhibitor",
        "ceritinib   ALK inhibitor",
        "crizotinib  ALK inhibitor",
        "ensartinib  ALK inhibitor  CNS penetration finding",
        "                           CNS response evidence after crizotinib",
        "lorlatinib  ALK inhibitor  CNS response evidence after crizotinib",
        "",
        f"6 row(s) from the memory store, graph {fingerprint[:16]}.",
        "",
    ])


def test_knowledge_gaps_json_is_exact():
    result = CliRunner().invoke(main, ["ask", "knowledge-gaps", "-f", "json"])
    assert result.exit_code == 0
    fingerprint = MemoryStore().fingerprint()
    ids = {"alectinib": "DB11363", "brigatinib": "DB12267", "ceritinib": "DB09063", "crizotinib": "DB08865",
           "ensartinib": "DB14860", "lorlatinib": "DB12130"}
    expected = []
    # Lorlatinib's and ensartinib's CNS findings are in no crizotinib-pretreated population (audit 2026-12-03 §4);
    # crizotinib is not checked against itself.
    missing = {"ensartinib": ["CNS penetration finding", AFTER], "lorlatinib": [AFTER]}
    for drug, accession in ids.items():
        known = [k for k in KNOWN if k not in missing.get(drug, []) and not (drug == "crizotinib" and k == AFTER)]
        expected.append({"drug": drug, "drug_id": f"DRUGBANK:{accession}", "drug_class": "ALK inhibitor",
                         "missing": missing.get(drug, []), "known": known, "graph": fingerprint})
    assert json.loads(result.output) == expected


def test_unknown_question_and_parameter_are_one_line_errors():
    runner = CliRunner()
    unknown = runner.invoke(main, ["ask", "no-such-question"])
    assert unknown.exit_code == 1
    assert unknown.output.startswith("Error: unknown question 'no-such-question' (valid: after-failure, ")
    bad = runner.invoke(main, ["ask", "neighbourhood", "-p", "depth=deep"])
    assert bad.exit_code == 1
    assert bad.output == "Error: neighbourhood: parameter 'depth' must be int, got 'deep'\n"
    odd = runner.invoke(main, ["ask", "drugs-for-target", "-p", "colour=red"])
    assert odd.output == "Error: drugs-for-target: unknown parameter 'colour' (valid: target, drug_class)\n"


def test_the_catalogue_shows_defaults_as_they_are_typed():
    """`kg questions` prints a boolean default the way `-p` takes it (`include_unverified=false`), never Python's False."""
    out = CliRunner().invoke(main, ["questions", "-f", "json"]).output
    trials = next(q for q in json.loads(out) if q["id"] == "trials-for-drug")
    assert trials["parameters"] == "drug=alectinib, include_unverified=false"
