"""The question `cases-with-site`: the cases with metastases at a site, and what was seen there after each step."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import NOT_ASSESSED, RESPONSE_CLASSES, Label, Rel
from kg.questions.case_steps import (by_months, cited_observations, item_fields, lines_of, observation, observations,
                                     path_text, therapy, wrapped)
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import name, nodes_with, out_edges, site_and_parts, source_refs, targets


def class_summary(outcomes: list[dict[str, Any]]) -> str:
    """One part per response class seen, joined with '; ', in the order response, disease control, progression,
    not assessed (a series' counts in brackets: '(series-level: 3 of 4 patients after line 2: alectinib)'): 'response at 2 sites (cervical spinal cord, leptomeninges) after line 3: alectinib; progression
    at 2 sites (brain, leptomeninges) after line 1: chemo and line 2: crizotinib'."""
    if not outcomes:
        return f"{NOT_ASSESSED}: no observation at these sites"
    out = []
    for cls in RESPONSE_CLASSES:
        seen = [o for o in outcomes if o["response_class"] == cls]
        if not seen:
            continue
        sites = sorted({o["site"] for o in seen})
        steps = [s for _, s in sorted({(o["order"], o["step"]) for o in seen})]
        counts = [f"{o['patients']} of {o['of']} patients after {o['step']}"
                  for o in sorted(seen, key=lambda o: (o["order"], o["step"], o["site"], o["patients"]))
                  if o.get("of") is not None]
        out.append(f"{cls} at {len(sites)} site{'' if len(sites) == 1 else 's'} ({', '.join(sites)}) "
                   f"after {' and '.join(steps)}" + (f" (series-level: {', '.join(counts)})" if counts else ""))
    return "; ".join(out)


def cases_with_site(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `cases-with-site`."""
    area = site_and_parts(g, p["site"])
    rows = []
    for case in nodes_with(g, Label.CASE):
        metastases = [(s, d) for s, d in out_edges(g, case, Rel.HAS_METASTASIS) if s in area]
        if not metastases:
            continue
        by_order: dict[int, list[str]] = {}
        for line in lines_of(g, case):
            by_order.setdefault(g.nodes[line]["order"], []).append(line)
        steps = {order: path_text(g, members) for order, members in by_order.items()}
        sites = [{"site": name(g, s), "found": d["found"], "patients": d.get("patients"), "notes": d.get("notes", []),
                  "after_order": d.get("after_line"),
                  "after_step": steps.get(d.get("after_line")), "sources": source_refs(g, d.get("sources", []))}
                 for s, d in metastases]
        outcomes = [{"order": g.nodes[line]["order"], "step": g.nodes[line]["step"], "therapy": therapy(g, line),
                     **observation(g, o, s)}
                    for line in lines_of(g, case) for o, s in observations(g, line, area)]
        series = targets(g, case, Rel.IN_SERIES)
        rows.append({"case": case, "name": name(g, case), "patients": g.nodes[case].get("patients", 1),
                     "series_level": g.nodes[case].get("patients") is not None,
                     "series": series[0] if series else None, "sites": sites, "state": class_summary(outcomes),
                     "outcomes": outcomes})
    return rows


def by_finding(sites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Metastases found at diagnosis first, then during treatment in the order of the steps that found them."""
    return sorted(sites, key=lambda s: (s["found"], s["after_order"] or 0, s["site"]))


def site_text(s: dict[str, Any]) -> str:
    """'leptomeninges: found during treatment, after line 2: crizotinib'; a series: '..., in 4 patients'."""
    return (f"{s['site']}: found {s['found']}" + (f", after {s['after_step']}" if s["after_step"] else "")
            + (f", in {s['patients']} patients" if s.get("patients") is not None else ""))


def cases_with_site_table(row: dict[str, Any]) -> dict[str, Any]:
    """A cases-with-site row as a terminal reads it: outcomes grouped under their step, steps in order."""
    outcomes: list[Any] = []
    for order, step in sorted({(o["order"], o["step"]) for o in row["outcomes"]}):
        outcomes.append(step)
        outcomes += cited_observations([o for o in row["outcomes"] if o["order"] == order], indent="  ")
    return {
        "case": row["case"] + (f" (series of {row['patients']} patients)" if row["series_level"] else "")
        + (f" (a patient of {row['series']})" if row["series"] else ""),
        "sites": [x for s in by_finding(row["sites"])
                  for x in [Cited(site_text(s), s["sources"]), *[w for n in s["notes"] for w in wrapped(n, "  ")]]],
        "state": row["state"].split("; "),
        "outcomes": outcomes,
    }


def cases_with_site_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One line per metastasis and per observation, each with its own sources."""
    out = [{"case": row["case"], "item": "metastasis", "site": s["site"], "found": s["found"],
            "after_order": s["after_order"], "after_step": s["after_step"], "sources": s["sources"]}
           for s in by_finding(row["sites"])]
    for order in sorted({o["order"] for o in row["outcomes"]}):
        out += [{"case": row["case"], "item": "observation", "order": o["order"], "step": o["step"],
                 "therapy": o["therapy"], **item_fields(o)}
                for o in by_months([o for o in row["outcomes"] if o["order"] == order])]
    return out


CASES_WITH_SITE = Question(
    id="cases-with-site",
    title="Cases with metastases at a site, and what was seen there after each step",
    description=(
        "One row per case with a metastasis at SITE or at any site PART_OF it (at any depth): the sites, each "
        "found 'at diagnosis' or 'during treatment' (after_step names the step whose follow-up found it, e.g. "
        "'line 2: crizotinib'; after_order is that step's position in the history), and every observation at a site of that area, in any step: the step ('line 3: "
        "alectinib', 'whole-brain radiotherapy, after line 2'), its therapy (drugs joined with ' + ', or the local "
        "modality), site, response grade, months after the step started and its class (response, disease "
        "control, progression, or not assessed: a local therapy at a site outside its treated field). The row's "
        "state summarises by class, one line each: how many sites, which, and after which steps; 'not assessed: "
        "no observation at these sites' when nothing was observed there. A case series is one row that says so "
        "(`patients`, `series_level`) and its counts are marked series-level in the summary; a patient a series "
        "describes individually names it (`series`). Each metastasis and observation carries its own sources; the "
        "table footnotes them and csv/jsonl give one line per item."
    ),
    params=(
        Param("site", str, "central nervous system", "site; every site PART_OF it counts (id, name or synonym)"),
    ),
    memory=cases_with_site,
    columns=("case", "sites", "state", "outcomes"),
    resolve={"site": (Label.SITE.value,)},
    sort_key=("case",),
    paged=True,
    table=cases_with_site_table,
    items=cases_with_site_items,
)
