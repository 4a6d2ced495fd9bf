"""A case report in the graph: its nodes and edges (lines, observations, biomarkers, metastases), the names of a
case that failed validation checked anyway, and the texts that describe it (each line's step, each observation's
class and name)."""

from __future__ import annotations

import networkx as nx

from kg.errors import one_line
from kg.graph.core import BuilderCore, clean, props
from kg.model import (
    NOT_ASSESSED,
    NOT_REPORTED,
    RESPONDED,
    RESPONSE,
    RESPONSE_CLASS,
    BiomarkerTest,
    Case,
    Label,
    LineGroup,
    Rel,
    Response,
    line_entries,
)
from kg.model.dose import parse_dose
from kg.sources.loaded import Loaded

DRUG_HINT = " (a case file names only drugs of the curated seed: add a new one to seed/drugs.yaml, with its sources)"


def biomarker_text(b: BiomarkerTest, alteration: str | None = None) -> str:
    """'ALK IHC positive'; specimen, time point and an unreported method in brackets: 'ALK positive (method not
    reported)', 'ALK NGS positive: ALK G1202R (specimen: plasma; time point: at progression on alectinib)'."""
    method = "" if b.method == NOT_REPORTED else f" {b.method}"
    extra = [f"{k}: {v}" for k, v in (("specimen", b.specimen), ("time point", b.time_point)) if v]
    if b.method == NOT_REPORTED:
        extra.append("method not reported")
    text = f"{b.gene}{method} {b.result}" + (f": {alteration}" if alteration else "")
    return text + (f" ({'; '.join(extra)})" if extra else "")


def add_case(builder: BuilderCore, loaded: Loaded, r: Case) -> None:
    """A case's edges (diagnosis, series, biomarkers, metastases, publications) and its lines with their
    observations, each step linked by NEXT to the next one."""
    srcs = builder.sources(loaded, r.sources)
    where = str(loaded.origin)
    if dx := builder.ref(loaded, "diagnosis", r.diagnosis, Label.DISEASE):
        builder.edge(r.id, Rel.DIAGNOSED_WITH, dx)
    if r.series and (series := builder.ref(loaded, "series", r.series, Label.CASE)):
        if builder.g.nodes[series].get("patients") is None:
            builder.problems.append(f"{where}: series: {series!r} is not a series (a case with 'patients: N')")
        else:
            builder.edge(r.id, Rel.IN_SERIES, series)
    tests = []
    for i, b in enumerate(r.biomarkers):
        builder.problem_at(f"{where}, biomarker {i + 1}: gene", b.gene, Label.TARGET, Label.TRANSPORTER)
        found = None
        if b.alteration:
            found = builder.problem_at(f"{where}, biomarker {i + 1}: alteration", b.alteration, Label.ALTERATION)
        text = biomarker_text(b, builder.g.nodes[found]["name"] if found else None)
        tests.append(text)
        if found:
            builder.edge(r.id, Rel.HAS_ALTERATION, found, {"tests": [text], "sources": srcs})
    builder.g.nodes[r.id]["biomarker_tests"] = clean(tests)
    for i, m in enumerate(r.metastases):
        if site := builder.problem_at(f"{where}, metastasis {i + 1}: site", m.site, Label.SITE):
            builder.edge(r.id, Rel.HAS_METASTASIS, site,
                         {"found": m.found, "after_line": m.after_line, "patients": m.patients,
                          "notes": [m.note] if m.note else [], "sources": srcs})
    builder.reported_in(r.id, srcs)
    by_order: dict[int, list[str]] = {}
    group_notes = {step.order: step.note for step in r.lines if isinstance(step, LineGroup)}
    for suffix, line, order in line_entries(r):
        line_id = f"{r.id}/{suffix}"
        at = f"{where}, line {suffix.removeprefix('line-')} ({one_line(line.name)[:60]})"
        parsed = parse_dose(line.dose) if line.dose else None
        grouped = {"sequence": NOT_REPORTED, **({"group_note": group_notes[order]} if group_notes.get(order) else {})} \
            if suffix[-1].isalpha() else {}
        builder.node(line_id, Label.TREATMENT_LINE,
                     {"case": r.id, "sources": clean(srcs), "order": order, **grouped,
                      **props(line, ("drugs", "target_sites", "observations")), **(parsed or {})})
        builder.edge(r.id, Rel.HAD_LINE, line_id)
        by_order.setdefault(order, []).append(line_id)
        for j, d in enumerate(line.drugs):
            if drug := builder.problem_at(f"{at}: drug {j + 1}", d, Label.DRUG, hint=DRUG_HINT):
                builder.edge(line_id, Rel.USED, drug)
        for j, s in enumerate(line.target_sites):
            if site := builder.problem_at(f"{at}: target site {j + 1}", s, Label.SITE):
                builder.edge(line_id, Rel.TARGETED_SITE, site)
        for j, obs in enumerate(line.observations):
            obs_id = f"{line_id}/obs-{j + 1}"
            builder.node(obs_id, Label.OBSERVATION,
                         {"case": r.id, "line": order, "responded": obs.response in RESPONDED,
                          "sources": clean(srcs), **props(obs, ("site",))})
            builder.edge(line_id, Rel.OBSERVED, obs_id)
            if site := builder.problem_at(f"{at}, observation {j + 1}: site", obs.site, Label.SITE):
                builder.edge(obs_id, Rel.AT_SITE, site)
    orders = sorted(by_order)
    for before, after in zip(orders, orders[1:]):
        for a in by_order[before]:
            for b in by_order[after]:
                builder.edge(a, Rel.NEXT, b)


def check_unparsed_case(builder: BuilderCore, loaded: Loaded, raw: dict) -> None:
    """The names of a case that failed validation, checked anyway: every problem of a file in one run."""
    where = str(loaded.origin)

    def names(value: object) -> list[tuple[int, str]]:
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []

    def items(value: object) -> list[tuple[int, dict]]:
        return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []

    if isinstance(raw.get("diagnosis"), str):
        builder.problem_at(f"{where}: diagnosis", raw["diagnosis"], Label.DISEASE)
    for i, s in names(raw.get("sources")):
        if builder.vocab.ids.get(s) not in (Label.PUBLICATION, Label.TRIAL):
            builder.problems.append(f"{where}: source {i + 1}: {s!r} is not a known publication or trial")
    for i, b in items(raw.get("biomarkers")):
        if isinstance(b.get("gene"), str):
            builder.problem_at(f"{where}, biomarker {i + 1}: gene", b["gene"], Label.TARGET, Label.TRANSPORTER)
        if isinstance(b.get("alteration"), str):
            builder.problem_at(f"{where}, biomarker {i + 1}: alteration", b["alteration"], Label.ALTERATION)
    for i, m in items(raw.get("metastases")):
        if isinstance(m.get("site"), str):
            builder.problem_at(f"{where}, metastasis {i + 1}: site", m["site"], Label.SITE)
    for i, step in items(raw.get("lines")):
        order = step.get("order", i + 1)
        members = [(f"{order}{chr(ord('a') + k)}", m) for k, m in items(step.get("lines"))] \
            if "sequence" in step else [(str(order), step)]
        for label, line in members:
            name = line.get("name")
            at = f"{where}, line {one_line(str(label))[:10]}" + (f" ({one_line(str(name))[:60]})" if name else "")
            for j, d in names(line.get("drugs")):
                builder.problem_at(f"{at}: drug {j + 1}", d, Label.DRUG, hint=DRUG_HINT)
            for j, t in names(line.get("target_sites")):
                builder.problem_at(f"{at}: target site {j + 1}", t, Label.SITE)
            for j, o in items(line.get("observations")):
                if isinstance(o.get("site"), str):
                    builder.problem_at(f"{at}, observation {j + 1}: site", o["site"], Label.SITE)


def describe_cases(g: nx.MultiDiGraph, parts: SiteParts | None = None) -> None:
    """Give each treatment line its `step` text and each observation its `response_class` and `name`.

    The step text is what a reader may take for a line of therapy, so it uses the line number, never the position
    in the history: 'line 2: crizotinib', 'whole-brain radiotherapy, after line 2', 'radiotherapy, during line 3',
    'lines 1-3: prior chemotherapy', 'line 2 or 3 (order not reported): crizotinib'. A systemic line's number is the
    curated `therapy_line`; where none is given it is derived from the sequence (`therapy_line_derived`), counting
    prior-therapy counts, but only in a case that numbers some line or writes a prior therapy (else 'line not
    reported'). An observation of a local therapy at a site outside the sites it treated (and their parts) is 'not
    assessed' for that therapy. `parts`: the site hierarchy, when `g` holds only the sites its cases point at."""
    cases = sorted(n for n, d in g.nodes(data=True) if d["label"] == Label.CASE.value)
    parts = parts or SiteParts(g)
    for case in cases:
        lines = sorted((end for _, end, key in g.out_edges(case, keys=True) if key == Rel.HAD_LINE.value),
                       key=lambda line: (g.nodes[line]["order"], line))
        steps: dict[int, list[str]] = {}
        for line in lines:
            steps.setdefault(g.nodes[line]["order"], []).append(line)
        numbered = any(g.nodes[line].get("therapy_line") is not None or g.nodes[line]["kind"] == "prior therapy"
                       for line in lines)
        count = 0  # systemic lines so far
        previous: str | None = None  # where the last systemic step stands: 'line 2', 'line 2 or 3', 'after X'
        during: dict[int, str] = {}  # a single systemic line's order -> 'line 3' (or its name when unnumbered)
        for order, members in sorted(steps.items()):
            first = g.nodes[members[0]]
            if first.get("sequence") == NOT_REPORTED:
                numbers = list(range(count + 1, count + len(members) + 1)) if numbered else []
                where = ("line " + _or(numbers)) if numbers else "line not reported"
                for line in members:
                    data = g.nodes[line]
                    data["step"] = f"{where} (order not reported): {data['name']}"
                    if numbers:
                        data["possible_lines"] = numbers
                count += len(members)
                previous = where if numbers else "after " + _or([g.nodes[m]["name"] for m in members])
            elif first["kind"] == "prior therapy":
                a, b = count + 1, count + first["count"]
                first["step"] = (f"lines {a}-{b}: " if b > a else f"line {a}: ") + first["name"]
                count, previous = b, f"line {b}"
            elif first["kind"] == "systemic":
                number = first.get("therapy_line")
                if number is None and numbered:
                    number = count + 1
                    first["therapy_line"], first["therapy_line_derived"] = number, True
                first["step"] = f"line {number}: {first['name']}" if number is not None else \
                    f"line not reported: {first['name']}"
                count = number if number is not None else count + 1
                previous = f"line {number}" if number is not None else f"after {first['name']}"
                during[order] = f"line {number}" if number is not None else first["name"]
            else:
                if first.get("concurrent_with") in during:
                    where = f"during {during[first['concurrent_with']]}"
                else:
                    where = "before line 1" if previous is None else \
                        (f"after {previous}" if previous.startswith("line ") else previous)
                first["step"] = f"{first['name']}, {where}"
        for line in lines:
            _classify(g, line, parts)


def _or(items: list) -> str:
    """'2 or 3', '2, 3 or 4'."""
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _classify(g: nx.MultiDiGraph, line: str, parts: SiteParts) -> None:
    data = g.nodes[line]
    treated = None
    if data["kind"] == "local":
        treated = set()
        for _, site, key in g.out_edges(line, keys=True):
            if key == Rel.TARGETED_SITE.value:
                treated |= parts(site)
    for _, obs, key in g.out_edges(line, keys=True):
        if key != Rel.OBSERVED.value:
            continue
        o = g.nodes[obs]
        site = next(end for _, end, k in g.out_edges(obs, keys=True) if k == Rel.AT_SITE.value)
        outside = treated is not None and site not in treated
        o["response_class"] = NOT_ASSESSED if outside else RESPONSE_CLASS[Response(o["response"])]
        o["responded"] = o["response_class"] == RESPONSE
        o["line_step"] = data["step"]
        counted = f" in {o['patients']} of {o['of']} patients" if o.get("of") is not None else ""
        o["name"] = f"{g.nodes[site]['name']}: {o['response']}{counted} ({data['step']})"


class SiteParts:
    """A site and every site PART_OF it, at any depth, each computed once. The PART_OF links are read from the
    sites' own out-edges: a site's in-edges also hold every observation and finding at it (thousands)."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.children: dict[str, list[str]] = {}
        for node, d in g.nodes(data=True):
            if d["label"] == Label.SITE.value:
                for _, parent, key in g.out_edges(node, keys=True):
                    if key == Rel.PART_OF.value:
                        self.children.setdefault(parent, []).append(node)
        self.known: dict[str, set[str]] = {}

    def __call__(self, site: str) -> set[str]:
        if site not in self.known:
            found, frontier = {site}, [site]
            while frontier:
                for child in self.children.get(frontier.pop(), []):
                    if child not in found:
                        found.add(child)
                        frontier.append(child)
            self.known[site] = found
        return self.known[site]
