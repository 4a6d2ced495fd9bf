"""The question `after-failure`: what was given after a drug failed, and what it did at each site."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import PROGRESSION, Label, Rel
from kg.questions.case_steps import (by_months, cited_observations, drug_names, item_fields, lines_of, observation,
                                     observations, path_text, refs)
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import in_edges, source_refs

LATER_ONLY = "later line only"


def later_lines(g: nx.MultiDiGraph, line: str) -> list[str]:
    """The steps after `line` in its case: every step of a later `order` (the other members of a group given in
    an unknown order are not later)."""
    order = g.nodes[line]["order"]
    return [s for s in lines_of(g, g.nodes[line]["case"]) if g.nodes[s]["order"] > order]


def after_failure(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `after-failure`."""
    drug = p["drug"]
    rows = []
    for line in sorted(start for start, _ in in_edges(g, drug, Rel.USED)):
        progressed = [observation(g, o, s) for o, s in observations(g, line)
                      if g.nodes[o]["response_class"] == PROGRESSION]
        later = later_lines(g, line)
        if not progressed and not later:
            continue
        failed = {
            "case": g.nodes[line]["case"],
            "failed_order": g.nodes[line]["order"],
            "failed_step": g.nodes[line]["step"],
            "failure": PROGRESSION if progressed else LATER_ONLY,
            "failure_evidence": progressed,
            "end_reason": g.nodes[line].get("end_reason"),
        }
        if not later:
            rows.append({**failed, "later_order": None, "later_step": None, "path": g.nodes[line]["step"],
                         "path_sources": refs(g, line), "drugs": [], "modality": None, "outcomes": []})
        for after in later:
            path = [line] + [s for s in later if g.nodes[s]["order"] < g.nodes[after]["order"]] + [after]
            rows.append({
                **failed,
                "later_order": g.nodes[after]["order"],
                "later_step": g.nodes[after]["step"],
                "path": path_text(g, path),
                "path_sources": source_refs(g, {src for s in path for src in g.nodes[s].get("sources", [])}),
                "drugs": drug_names(g, after),
                "modality": g.nodes[after].get("modality"),
                "outcomes": [observation(g, o, s) for o, s in observations(g, after)],
            })
    return rows


def after_failure_table(row: dict[str, Any]) -> dict[str, Any]:
    """An after-failure row as a terminal reads it."""
    why = (cited_observations(row["failure_evidence"], indent="  ")
           or ["  (a later line only, no progression observed)"])
    return {
        "case": row["case"],
        "failed": [row["failed_step"], *why],
        "then": Cited(row["path"], row["path_sources"]) if row["later_step"] else "(nothing reported after)",
        "given": row["drugs"] or row["modality"],
        "outcomes": cited_observations(row["outcomes"]),
    }


def after_failure_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One line per observation: the failed step's progression, then the later step's outcomes; the path alone
    when neither has one."""
    head = {k: row[k] for k in ("case", "failed_step", "failure", "later_step", "path")}
    out = [{**head, "item": "failure", **item_fields(o)} for o in by_months(row["failure_evidence"])]
    out += [{**head, "item": "later outcome", **item_fields(o)} for o in by_months(row["outcomes"])]
    return out or [{**head, "item": "path", "sources": row["path_sources"]}]


AFTER_FAILURE = Question(
    id="after-failure",
    title="What was given after a drug failed, and what it did at each site",
    description=(
        "Steps of a case that used DRUG and failed, with every later step of the same case. A step failed when "
        "an observation after it is a progression (enlargement, progression or new lesion at any site, even if "
        "another site responded; failure 'progression'; stable disease and no change are disease control, not "
        "failure) or, without one, when the case went on to a later step (failure 'later line only': a switch, "
        "with no progression observed). One row per (failed step, later step): the path between them as text "
        "('line 2: crizotinib -> whole-brain radiotherapy, after line 2 -> line 3: alectinib'), the later step's "
        "drugs or modality, and its outcomes per site with their class (response, disease control, progression, "
        "or not assessed: a local therapy at a site outside its treated field). A step that progressed and was "
        "the last one reported gives one row with no later step. Later steps are those of a later position: the "
        "other lines of a group given in an unknown order are never 'later', and a group on a path is one part "
        "('[line 2 or 3 (order not reported): a; line 2 or 3 (order not reported): b]'). Each observation carries "
        "its own sources; the table footnotes them and csv/jsonl give one line per observation."
    ),
    params=(Param("drug", str, "crizotinib", "drug that failed (id, name or brand)"),),
    memory=after_failure,
    columns=("case", "failed_step", "failure", "path", "drugs", "modality", "outcomes"),
    resolve={"drug": (Label.DRUG.value,)},
    sort_key=("case", "failed_order", "failed_step", "later_order", "later_step"),
    paged=True,
    table=after_failure_table,
    items=after_failure_items,
)
