"""Questions about case histories: `case-timeline`, `cases-with-site`, `after-failure`.

A case is a chain of treatment steps (`HAD_LINE`, `NEXT`, in `order`); each step has drugs (`USED`) or a local
modality, and observations (`OBSERVED`) of one response grade at one site (`AT_SITE`). The graph names each step
by its line of therapy (`step`: 'line 2: crizotinib', 'whole-brain radiotherapy, after line 2'; the position in
the history, `order`, is never printed as a line number) and classes each observation (`response_class`):
response, disease control, progression, or not assessed (a local therapy at a site it did not treat).
Every observation and metastasis carries its own `sources`; tables cite them line by line.
"""

from __future__ import annotations

import textwrap
from typing import Any

import networkx as nx

from kg.model import NOT_ASSESSED, PROGRESSION, RESPONSE_CLASSES, Label, Rel
from kg.questions.catalogue import Cited, Param, Question
from kg.questions.common import in_edges, name, nodes_with, out_edges, site_and_parts, source_refs, targets

OUTSIDE_FIELD = "outside the treated field: not assessed for this therapy"
LATER_ONLY = "later line only"


def lines_of(g: nx.MultiDiGraph, case: str) -> list[str]:
    """The case's steps by order (the members of a group given in an unknown order share it; then by id)."""
    return sorted(targets(g, case, Rel.HAD_LINE), key=lambda line: (g.nodes[line]["order"], line))


def drug_names(g: nx.MultiDiGraph, line: str) -> list[str]:
    return sorted(name(g, d) for d in targets(g, line, Rel.USED))


def therapy(g: nx.MultiDiGraph, line: str) -> str | None:
    """What the step gave: its drugs by name joined with ' + ' (alphabetical), else its local modality."""
    drugs = drug_names(g, line)
    return " + ".join(drugs) if drugs else g.nodes[line].get("modality")


def refs(g: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    """The node's own sources, each with name, kind, verified and evidence level."""
    return source_refs(g, g.nodes[node].get("sources", []))


def observations(g: nx.MultiDiGraph, line: str, area: set[str] | None = None) -> list[tuple[str, str]]:
    """(observation, site) of a step, optionally only at sites of `area`."""
    return [(o, s) for o in targets(g, line, Rel.OBSERVED) for s in targets(g, o, Rel.AT_SITE)
            if area is None or s in area]


def observation(g: nx.MultiDiGraph, obs: str, site: str) -> dict[str, Any]:
    """One observation as an evidence item, with its own sources."""
    o = g.nodes[obs]
    return {"site": name(g, site), "response": o["response"], "response_class": o["response_class"],
            "months": o.get("months_after_start"), "method": o.get("method"), "basis": o.get("basis"),
            "patients": o.get("patients"), "of": o.get("of"), "note": o.get("note"), "sources": refs(g, obs)}


def seen_text(o: dict[str, Any]) -> str:
    """'leptomeninges: marked response at 3 months (response)'; at a site a local therapy did not treat,
    'cervical spinal cord: new lesion (outside the treated field: not assessed for this therapy)'."""
    months = f" at {o['months']:g} months" if o.get("months") is not None else ""
    counted = f" in {o['patients']} of {o['of']} patients (series-level)" if o.get("of") is not None else ""
    why = OUTSIDE_FIELD if o["response_class"] == NOT_ASSESSED and o["response"] != "not reported" \
        else o["response_class"]
    return f"{o['site']}: {o['response']}{counted}{months} ({why})"


def by_months(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda o: (o["months"] is None, o["months"] or 0, o["site"], o["response"]))


def wrapped(text: str | None, indent: str = "", width: int = 60) -> list[str]:
    return textwrap.wrap(text or "", width, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False)


def cited_observations(items: list[dict[str, Any]], indent: str = "", notes: bool = False) -> list[Any]:
    """Each observation as a line citing its own sources, optionally followed by its note (indented, wrapped)."""
    out: list[Any] = []
    for o in by_months(items):
        out.append(Cited(indent + seen_text(o), o["sources"]))
        if notes:
            out += wrapped(o["note"], indent + "  ")
    return out


def item_fields(o: dict[str, Any]) -> dict[str, Any]:
    """An observation's fields for one csv/jsonl line."""
    return {k: o[k] for k in ("site", "response", "response_class", "months", "method", "basis", "patients", "of",
                              "note", "sources")}


# --------------------------------------------------------------------------- case-timeline


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


# --------------------------------------------------------------------------- cases-with-site


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
    table=cases_with_site_table,
    items=cases_with_site_items,
)


# --------------------------------------------------------------------------- after-failure


def later_lines(g: nx.MultiDiGraph, line: str) -> list[str]:
    """The steps after `line` in its case: every step of a later `order` (the other members of a group given in
    an unknown order are not later)."""
    order = g.nodes[line]["order"]
    return [s for s in lines_of(g, g.nodes[line]["case"]) if g.nodes[s]["order"] > order]


def path_text(g: nx.MultiDiGraph, steps: list[str]) -> str:
    """The steps' texts joined with ' -> '; the members of a group in an unknown order between the ends are one
    part, '[line 2 or 3 (order not reported): a; line 2 or 3 (order not reported): b]'."""
    parts: list[list[str]] = []
    orders: list[int] = []
    for s in steps:
        if orders and g.nodes[s]["order"] == orders[-1]:
            parts[-1].append(g.nodes[s]["step"])
        else:
            parts.append([g.nodes[s]["step"]])
            orders.append(g.nodes[s]["order"])
    return " -> ".join(p[0] if len(p) == 1 else "[" + "; ".join(p) + "]" for p in parts)


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
    table=after_failure_table,
    items=after_failure_items,
)


QUESTIONS: tuple[Question, ...] = (CASE_TIMELINE, CASES_WITH_SITE, AFTER_FAILURE)
