"""A loaded case written back as a case file (`kg case export ID`): loading that file instead of the one it came
from gives the same graph, with the same fingerprint.

The file is read off the graph: the case node, its lines (`HAD_LINE`), their drugs, target sites and observations,
its metastases, biomarker tests, series and the publications it is reported in that the curated seed does not hold.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
import yaml

from kg.errors import KGError
from kg.model import NOT_REPORTED, Label, Rel

# Properties the graph builds (never written in a case file).
_BUILT_CASE = {"label", "biomarker_tests"}
_BUILT_LINE = {"label", "case", "sources", "order", "step", "dose_amount", "dose_unit", "dose_schedule", "daily_dose",
               "possible_lines", "sequence", "group_note", "therapy_line_derived"}
_BUILT_OBSERVATION = {"label", "case", "line", "responded", "sources", "response_class", "line_step", "name"}
_CASE_FIELDS = ("id", "name", "age", "sex", "ethnicity", "smoking", "histology", "differentiation", "stage", "tnm",
                "presentation", "diagnosis", "patients", "series", "biomarkers", "metastases", "lines", "sources", "note")
_LINE_FIELDS = ("order", "kind", "name", "therapy_line", "count", "drugs", "modality", "target_sites",
                "concurrent_with", "dose", "cycles", "duration", "end_reason", "observations", "note")
_OBSERVATION_FIELDS = ("site", "response", "months_after_start", "method", "basis", "patients", "of", "note")
_TEST = re.compile(r"^(?P<gene>\S+)(?: (?P<method>IHC|FISH|NGS|PCR))? (?P<result>positive|negative|inconclusive|"
                   r"not reported)(?:: (?P<alteration>[^(]+?))?(?: \((?P<extra>[^()]*)\))?$")


def _targets(g: nx.MultiDiGraph, node: str, rel: Rel) -> list[str]:
    return sorted(v for _, v, k in g.out_edges(node, keys=True) if k == rel.value)


def _ordered(props: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: props[f] for f in fields if f in props and props[f] is not None and props[f] != []}


def _ref(g: nx.MultiDiGraph, node: str) -> str:
    """How the file names a drug, site or disease: its id (always resolves back to the same node)."""
    return node


def _biomarker(text: str) -> dict[str, Any]:
    match = _TEST.match(text)
    if not match:
        raise KGError(f"cannot write the biomarker test {text!r} back as a case file")
    out: dict[str, Any] = {"gene": match["gene"]}
    if match["method"]:
        out["method"] = match["method"]
    out["result"] = match["result"]
    for part in (match["extra"] or "").split("; "):
        key, _, value = part.partition(": ")
        if key in ("specimen", "time point") and value:
            out[key.replace(" ", "_")] = value
    if match["alteration"]:
        out["alteration"] = match["alteration"]
    return out


def _line(g: nx.MultiDiGraph, line: str) -> dict[str, Any]:
    data = g.nodes[line]
    props = {k: v for k, v in data.items() if k not in _BUILT_LINE}
    if data.get("therapy_line_derived"):
        props.pop("therapy_line", None)
    props["drugs"] = [_ref(g, d) for d in _targets(g, line, Rel.USED)]
    props["target_sites"] = [_ref(g, s) for s in _targets(g, line, Rel.TARGETED_SITE)]
    observations = sorted(_targets(g, line, Rel.OBSERVED), key=lambda o: int(o.rsplit("-", 1)[1]))
    props["observations"] = []
    for obs in observations:
        o = {k: v for k, v in g.nodes[obs].items() if k not in _BUILT_OBSERVATION}
        o["site"] = _targets(g, obs, Rel.AT_SITE)[0]
        props["observations"].append(_ordered(o, _OBSERVATION_FIELDS))
    return _ordered(props, _LINE_FIELDS)


def case_document(g: nx.MultiDiGraph, case: str, seed_ids: set[str]) -> dict[str, Any]:
    """The case file of `case` as a YAML-ready mapping: the publications the seed does not hold, then the case and,
    for a series, the patients it gives individually (`IN_SERIES`)."""
    if g.nodes.get(case, {}).get("label") != Label.CASE.value:
        raise KGError(f"{case!r} is not a case in the store (see 'kg ask case-timeline' or 'kg cypher')")
    members = sorted(u for u, _, k in g.in_edges(case, keys=True) if k == Rel.IN_SERIES.value)
    cases = [_case(g, c) for c in [case, *members]]
    publications = sorted({p for c in [case, *members] for p in _targets(g, c, Rel.REPORTED_IN)} - seed_ids)
    doc: dict[str, Any] = {}
    if publications:
        doc["publications"] = [{"id": p, **{k: v for k, v in g.nodes[p].items() if k != "label"}}
                               for p in publications]
    doc["cases"] = cases
    return doc


def _case(g: nx.MultiDiGraph, case: str) -> dict[str, Any]:
    data = g.nodes[case]
    props = {k: v for k, v in data.items() if k not in _BUILT_CASE}
    props["id"] = case
    props["diagnosis"] = _targets(g, case, Rel.DIAGNOSED_WITH)[0]
    series = _targets(g, case, Rel.IN_SERIES)
    if series:
        props["series"] = series[0]
    alterations = {t: g.nodes[a]["name"] for a in _targets(g, case, Rel.HAS_ALTERATION)
                   for t in g.edges[case, a, Rel.HAS_ALTERATION.value].get("tests", [])}
    props["biomarkers"] = [_biomarker(t) for t in data.get("biomarker_tests", [])]
    for test, b in zip(data.get("biomarker_tests", []), props["biomarkers"]):
        if test in alterations:
            b["alteration"] = alterations[test]
    props["metastases"] = []
    for site in _targets(g, case, Rel.HAS_METASTASIS):
        edge = g.edges[case, site, Rel.HAS_METASTASIS.value]
        m = {"site": site, "found": edge["found"], "after_line": edge.get("after_line"), "patients": edge.get("patients"),
             "note": (edge.get("notes") or [None])[0]}
        props["metastases"].append({k: v for k, v in m.items() if v is not None})
    steps: dict[int, list[str]] = {}
    for line in sorted(_targets(g, case, Rel.HAD_LINE)):
        steps.setdefault(g.nodes[line]["order"], []).append(line)
    props["lines"] = []
    for order, members in sorted(steps.items()):
        first = g.nodes[members[0]]
        if first.get("sequence") == NOT_REPORTED:
            group: dict[str, Any] = {"order": order, "sequence": NOT_REPORTED}
            if first.get("group_note"):
                group["note"] = first["group_note"]
            group["lines"] = [_line(g, m) for m in members]
            props["lines"].append(group)
        else:
            props["lines"].append({"order": order, **_line(g, members[0])})
    return _ordered(props, _CASE_FIELDS)


def case_yaml(g: nx.MultiDiGraph, case: str, seed_ids: set[str]) -> str:
    """`case_document` as YAML text, with a header saying where it came from."""
    header = f"# Case file written by `kg case export {case}` from the loaded graph.\n"
    return header + yaml.safe_dump(case_document(g, case, seed_ids), sort_keys=False, allow_unicode=True, width=110)
