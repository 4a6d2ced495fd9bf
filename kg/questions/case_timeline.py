"""The question `case-timeline`: a case's treatment steps in order, with the response seen at each site."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import Label, Rel
from kg.questions.case_steps import (by_months, cited_observations, drug_names, item_fields, lines_of, observation,
                                     observations, refs, wrapped)
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import name, targets


def case_timeline(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `case-timeline`."""
    case = p["case"]
    rows = []
    for line in lines_of(g, case):
        data = g.nodes[line]
        rows.append({
            "case": case,
            "case_note": g.nodes[case].get("note"),
            "patients": g.nodes[case].get("patients"),
            "order": data["order"],
            "step": data["step"],
            "therapy_line": data.get("therapy_line"),
            "sequence": data.get("sequence"),
            "group_note": data.get("group_note"),
            "kind": data["kind"],
            "name": data["name"],
            "drugs": drug_names(g, line),
            "modality": data.get("modality"),
            "target_sites": sorted(name(g, s) for s in targets(g, line, Rel.TARGETED_SITE)),
            "dose": data.get("dose"),
            "cycles": data.get("cycles"),
            "duration": data.get("duration"),
            "end_reason": data.get("end_reason"),
            "note": data.get("note"),
            "observations": [observation(g, o, s) for o, s in observations(g, line)],
            "sources": refs(g, line),
        })
    return rows


def case_timeline_table(row: dict[str, Any]) -> dict[str, Any]:
    """A timeline row as a terminal reads it: the step's position and its line of therapy in separate columns."""
    if row["kind"] == "local":
        line: Any = "local"
    elif row["kind"] == "systemic" and row["sequence"] is None:
        line = row["therapy_line"] if row["therapy_line"] is not None else "not reported"
    else:  # a prior therapy's lines ('1-3'), a member of an unordered group ('4 or 5 (order not reported)')
        line = row["step"].split(": ", 1)[0].removeprefix("lines ").removeprefix("line ")
    given = row["name"] + (" to " + ", ".join(row["target_sites"]) if row["target_sites"] else "")
    amount = [row["dose"], f"{row['cycles']} cycles" if row["cycles"] else None, row["duration"]]
    return {
        "step": row["order"],
        "line": line,
        "therapy": Cited(given, row["sources"]),
        "dose": [a for a in amount if a],
        "observed": cited_observations(row["observations"], notes=True),
        "note": [*(wrapped(f"case: {row['case_note']}") if row["case_note"] and row["order"] == 1 else []),
                 *wrapped(f"group: {row['group_note']}" if row["group_note"] else None), *wrapped(row["note"])],
        "ended": wrapped(row["end_reason"]),
    }


def case_timeline_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One line per observation of the step, or the step alone when nothing was observed after it."""
    head = {k: row[k] for k in ("case", "order", "step", "therapy_line", "name")}
    if not row["observations"]:
        return [{**head, "sources": row["sources"]}]
    return [{**head, **item_fields(o)} for o in by_months(row["observations"])]


CASE_TIMELINE = Question(
    id="case-timeline",
    title="A case's treatment steps in order, with the response seen at each site",
    description=(
        "One row per step of CASE's history, in order: its position in the history (`order`, the table's 'step') "
        "and, separately, its line of therapy as the report numbers it (`therapy_line`, the table's 'line'; local "
        "therapies are unnumbered, `step` reads 'whole-brain radiotherapy, after line 2'); the systemic drugs or "
        "the local modality and the sites it targeted, dose, cycles, duration, why it ended and the curator's "
        "note; then the observations after that step (site, response grade, months after the step started, "
        "method, note) with their class: response, disease control (stable disease, no change), progression "
        "(enlargement, progression, new lesion), or not assessed (a local therapy at a site outside its treated "
        "field). A step without a reported result (a radiosurgery, say) keeps its place. Lines given in an order "
        "the report does not give share one position ('line 4 or 5 (order not reported): crizotinib'); a prior "
        "therapy written as a count reads 'lines 1-3: ...'. Every note is printed: the case's (first step), the "
        "group's and each step's and observation's; a series' observations give their counts ('in 3 of 4 "
        "patients (series-level)') and the response criteria (`basis`). Each step and each observation carries "
        "its own sources; the table footnotes them and csv/jsonl give one line per observation."
    ),
    params=(
        Param("case", str, "oncokg:case-alectinib-cns-case-report",
              "case (id or name); the default is the case report the seed grew from"),
    ),
    memory=case_timeline,
    columns=("order", "step", "therapy_line", "drugs", "modality", "target_sites", "dose", "cycles", "end_reason",
             "note", "observations"),
    resolve={"case": (Label.CASE.value,)},
    sort_key=("case", "order", "step"),
    table=case_timeline_table,
    items=case_timeline_items,
)
