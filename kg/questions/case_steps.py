"""A case's treatment steps and the observations after them, as the case questions show them.

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

from kg.model import NOT_ASSESSED, Rel
from kg.questions.catalogue import Cited
from kg.questions.common import name, source_refs, targets

OUTSIDE_FIELD = "outside the treated field: not assessed for this therapy"


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
