"""Questions about case histories: `case-timeline`, `cases-with-site`, `after-failure`.

A case is a chain of treatment lines (`HAD_LINE`, `NEXT`, in `order`); each line has drugs (`USED`) or a local
modality, and observations (`OBSERVED`) of one response grade at one site (`AT_SITE`). An observation whose
response is complete, marked or partial response or clinical improvement is a 'response'; any other grade
(stable disease, no change, enlargement, progression, new lesion) is 'tested without effect'.
"""

from __future__ import annotations

import textwrap
from typing import Any

import networkx as nx

from kg.models import Label, Rel
from kg.questions.catalogue import Param, Question
from kg.questions.cns import line_path
from kg.questions.common import in_edges, name, nodes_with, out_edges, site_and_parts, source_lines, source_refs, targets

RESPONSE = "response"
NO_EFFECT = "tested without effect"


def state(g: nx.MultiDiGraph, observation: str) -> str:
    return RESPONSE if g.nodes[observation]["responded"] else NO_EFFECT


def line_text(g: nx.MultiDiGraph, line: str) -> str:
    """'3. crizotinib': the line's order and name."""
    return f"{g.nodes[line]['order']}. {g.nodes[line]['name']}"


def lines_of(g: nx.MultiDiGraph, case: str) -> list[str]:
    """The case's lines by order."""
    return sorted(targets(g, case, Rel.HAD_LINE), key=lambda line: g.nodes[line]["order"])


def drug_names(g: nx.MultiDiGraph, line: str) -> list[str]:
    return sorted(name(g, d) for d in targets(g, line, Rel.USED))


def therapy(g: nx.MultiDiGraph, line: str) -> str | None:
    """What the line gave: its drugs by name joined with ' + ' (alphabetical), else its local modality."""
    drugs = drug_names(g, line)
    return " + ".join(drugs) if drugs else g.nodes[line].get("modality")


def observations(g: nx.MultiDiGraph, line: str, area: set[str] | None = None) -> list[tuple[str, str]]:
    """(observation, site) of a line, optionally only at sites of `area`."""
    return [(o, s) for o in targets(g, line, Rel.OBSERVED) for s in targets(g, o, Rel.AT_SITE)
            if area is None or s in area]


def outcome(g: nx.MultiDiGraph, observation: str, site: str) -> dict[str, Any]:
    o = g.nodes[observation]
    return {"site": name(g, site), "response": o["response"], "months": o.get("months_after_start"),
            "state": state(g, observation)}


def sources_of(g: nx.MultiDiGraph, nodes: list[str]) -> set[str]:
    return {s for n in nodes for s in g.nodes[n].get("sources", [])}


def seen_text(o: dict[str, Any]) -> str:
    """'leptomeninges: marked response at 3 months' (terminal tables)."""
    months = f" at {o['months']:g} months" if o.get("months") is not None else ""
    return f"{o['site']}: {o['response']}{months}"


def by_months(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda o: (o["months"] is None, o["months"] or 0, o["site"], o["response"]))


# --------------------------------------------------------------------------- case-timeline


def case_timeline(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `case-timeline`."""
    case = p["case"]
    rows = []
    for line in lines_of(g, case):
        data = g.nodes[line]
        seen = observations(g, line)
        rows.append({
            "case": case,
            "order": data["order"],
            "kind": data["kind"],
            "name": data["name"],
            "therapy_line": data.get("therapy_line"),
            "drugs": drug_names(g, line),
            "modality": data.get("modality"),
            "target_sites": sorted(name(g, s) for s in targets(g, line, Rel.TARGETED_SITE)),
            "dose": data.get("dose"),
            "cycles": data.get("cycles"),
            "duration": data.get("duration"),
            "end_reason": data.get("end_reason"),
            "observations": [outcome(g, o, s) for o, s in seen],
            "sources": source_refs(g, sources_of(g, [line] + [o for o, _ in seen])),
        })
    return rows


def case_timeline_table(row: dict[str, Any]) -> dict[str, Any]:
    """A timeline row as a terminal reads it."""
    local = (row["modality"] or "") + (" to " + ", ".join(row["target_sites"]) if row["target_sites"] else "")
    amount = [row["dose"], f"{row['cycles']} cycles" if row["cycles"] else None, row["duration"]]
    return {
        "#": row["order"],
        "line": row["name"],
        "given": row["drugs"] or local,
        "dose": [a for a in amount if a],
        "observed": [seen_text(o) for o in by_months(row["observations"])],
        "ended": textwrap.wrap(row["end_reason"] or "", 60, break_on_hyphens=False),
    }


CASE_TIMELINE = Question(
    id="case-timeline",
    title="A case's treatment lines in order, with the response seen at each site",
    description=(
        "One row per treatment line of CASE, in the order of the history: "
        "systemic drugs or the local modality and the sites it targeted, dose, cycles, duration and why the "
        "line ended, then the observations after that line as a list (site, response grade, months after the "
        "line started, and whether it is a 'response' or 'tested without effect': stable disease, no change, "
        "enlargement, progression and new lesion are no response). One row per line rather than per "
        "observation, so the table reads top to bottom as the history does and lines without a reported result "
        "(a radiosurgery, say) keep their place instead of showing as empty observation rows. Each row lists "
        "the case's sources with their kinds."
    ),
    params=(
        Param("case", str, "oncokg:case-alectinib-cns-case-report",
              "case (id or name); the default is the case report the seed grew from"),
    ),
    memory=case_timeline,
    columns=("order", "name", "drugs", "modality", "target_sites", "dose", "cycles", "end_reason", "observations"),
    resolve={"case": (Label.CASE.value,)},
    sort_key=("case", "order"),
    table=case_timeline_table,
)


# --------------------------------------------------------------------------- cases-with-site


def cases_with_site(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `cases-with-site`."""
    area = site_and_parts(g, p["site"])
    rows = []
    for case in nodes_with(g, Label.CASE):
        metastases = [(s, d) for s, d in out_edges(g, case, Rel.HAS_METASTASIS) if s in area]
        if not metastases:
            continue
        orders = {g.nodes[line]["order"]: line for line in lines_of(g, case)}
        sites = [{
            "site": name(g, s),
            "found": d["found"],
            "after_line": line_text(g, orders[d["after_line"]]) if d.get("after_line") is not None else None,
        } for s, d in metastases]
        outcomes = []
        seen = []
        for line in orders.values():
            for o, s in observations(g, line, area):
                seen.append(o)
                outcomes.append({"line": line_text(g, line), "therapy": therapy(g, line), **outcome(g, o, s)})
        if any(e["state"] == RESPONSE for e in outcomes):
            site_state = RESPONSE
        elif outcomes:
            site_state = NO_EFFECT
        else:
            site_state = "not assessed"
        ids = {src for _, d in metastases for src in d.get("sources", [])} | sources_of(g, seen)
        rows.append({
            "case": case,
            "name": name(g, case),
            "sites": sites,
            "state": site_state,
            "outcomes": outcomes,
            "sources": source_refs(g, ids),
        })
    return rows


def cases_with_site_table(row: dict[str, Any]) -> dict[str, Any]:
    """A cases-with-site row as a terminal reads it: outcomes in the order of the lines."""
    def line_order(o: dict[str, Any]) -> tuple:
        return (int(o["line"].split(".", 1)[0]), o["months"] is None, o["months"] or 0, o["site"], o["response"])

    return {
        "case": row["case"],
        "sites": [s["site"] + ": " + s["found"] + (f", after {s['after_line']}" if s["after_line"] else "")
                  for s in sorted(row["sites"], key=lambda s: (s["found"], s["after_line"] or "", s["site"]))],
        "state": row["state"],
        "outcomes": [f"{o['line']}: {seen_text(o)}" for o in sorted(row["outcomes"], key=line_order)],
        "sources": source_lines(row["sources"]),
    }


CASES_WITH_SITE = Question(
    id="cases-with-site",
    title="Cases with metastases at a site, and what they responded to there",
    description=(
        "One row per case with a metastasis at SITE or at any site PART_OF it (at any depth): the sites, each "
        "found 'at diagnosis' or 'during treatment' (after_line names the line whose follow-up found it), and "
        "every observation at a site of that area, in any line: the line ('5. alectinib'), its therapy (drugs "
        "joined with ' + ', or the local modality), site, response grade, months after the line started and its "
        "state. The row's state is 'response' when any of those observations is a response, 'tested without "
        "effect' when all saw none (stable disease, no change, enlargement, progression, new lesion), and 'not "
        "assessed' when no observation was made there. Each row lists its sources with their kinds."
    ),
    params=(
        Param("site", str, "central nervous system", "site; every site PART_OF it counts (id, name or synonym)"),
    ),
    memory=cases_with_site,
    columns=("case", "sites", "state", "outcomes", "sources"),
    resolve={"site": (Label.SITE.value,)},
    sort_key=("case",),
    table=cases_with_site_table,
)


# --------------------------------------------------------------------------- after-failure


def later_lines(g: nx.MultiDiGraph, line: str) -> list[str]:
    """The lines after `line` in its case, following NEXT."""
    out = []
    current = targets(g, line, Rel.NEXT)
    while current:
        out.append(current[0])
        current = targets(g, current[0], Rel.NEXT)
    return out


def after_failure(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `after-failure`."""
    drug = p["drug"]
    rows = []
    for line in sorted(start for start, _ in in_edges(g, drug, Rel.USED)):
        unresponsive = [(o, s) for o, s in observations(g, line) if not g.nodes[o]["responded"]]
        later = later_lines(g, line)
        if not unresponsive and not later:
            continue
        failed = {
            "case": g.nodes[line]["case"],
            "failed_order": g.nodes[line]["order"],
            "failed_line": line_text(g, line),
            "failure": NO_EFFECT if unresponsive else "later line only",
            "failure_evidence": [{k: v for k, v in outcome(g, o, s).items() if k != "state"} for o, s in unresponsive],
            "end_reason": g.nodes[line].get("end_reason"),
        }
        base_sources = sources_of(g, [line] + [o for o, _ in unresponsive])
        if not later:
            rows.append({**failed, "later_order": None, "later_line": None, "path": line_text(g, line),
                         "drugs": [], "modality": None, "outcomes": [], "sources": source_refs(g, base_sources)})
        for after in later:
            seen = observations(g, after)
            rows.append({
                **failed,
                "later_order": g.nodes[after]["order"],
                "later_line": line_text(g, after),
                "path": line_path(g, line, after),
                "drugs": drug_names(g, after),
                "modality": g.nodes[after].get("modality"),
                "outcomes": [outcome(g, o, s) for o, s in seen],
                "sources": source_refs(g, base_sources | sources_of(g, [after] + [o for o, _ in seen])),
            })
    return rows


def after_failure_table(row: dict[str, Any]) -> dict[str, Any]:
    """An after-failure row as a terminal reads it."""
    why = [seen_text(e) for e in by_months(row["failure_evidence"])] or ["(a later line only)"]
    return {
        "case": row["case"],
        "failed": [row["failed_line"]] + why,
        "then": row["path"] if row["later_line"] else "(nothing reported after)",
        "given": row["drugs"] or row["modality"],
        "outcomes": [seen_text(o) + ("" if o["state"] == RESPONSE else " (no response)")
                     for o in by_months(row["outcomes"])],
        "sources": source_lines(row["sources"]),
    }


AFTER_FAILURE = Question(
    id="after-failure",
    title="What was given after a drug failed, and what it did at each site",
    description=(
        "Lines of a case that used DRUG and failed, with every later line of the same case. A line failed when "
        "it has an observation that saw no response (failure 'tested without effect': stable disease, no "
        "change, enlargement, progression or new lesion at any site, even if another site responded) or, "
        "without such an observation, when the case went on to a later line (failure 'later line only': a "
        "switch, with no observed failure). One row per (failed line, later line): the path between them as "
        "text ('3. crizotinib -> 4. whole-brain radiotherapy -> 5. alectinib'), the later line's drugs or "
        "modality, and its outcomes per site with their state ('response' or 'tested without effect'). A line "
        "that saw no response and was the last one reported gives one row with no later line. Each row lists "
        "its sources with their kinds."
    ),
    params=(Param("drug", str, "crizotinib", "drug that failed (id, name or brand)"),),
    memory=after_failure,
    columns=("case", "failed_line", "failure", "path", "drugs", "modality", "outcomes", "sources"),
    resolve={"drug": (Label.DRUG.value,)},
    sort_key=("case", "failed_order", "later_order"),
    table=after_failure_table,
)


QUESTIONS: tuple[Question, ...] = (CASE_TIMELINE, CASES_WITH_SITE, AFTER_FAILURE)
