"""Build the one canonical property graph (a networkx MultiDiGraph) from validated records.

Nodes are keyed by id and carry `label` plus their properties. Edges are keyed by relationship type,
so (start, type, end) is unique: a fact stated by two records is one edge whose list properties
(`sources`, `qualifiers`, ...) are the union of both. Every list property is stored sorted and
without duplicates, so the in-memory graph and Neo4j hold exactly the same values.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections import Counter
from enum import Enum
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.errors import ValidationError, one_line
from kg.model.dose import parse_dose
from kg.model import (
    FACT_RELS,
    NOT_ASSESSED,
    NOT_REPORTED,
    RESPONDED,
    RESPONSE,
    RESPONSE_CLASS,
    TRANSPORTER_ROLE_REL,
    Alteration,
    BiomarkerTest,
    Case,
    Disease,
    Drug,
    DrugTarget,
    Finding,
    Gene,
    Indication,
    Label,
    LineGroup,
    Publication,
    Rel,
    Resistance,
    Response,
    Site,
    Trial,
    TransporterRole,
    line_entries,
)
from kg.sources.seed import Loaded, Unparsed

KIND_LABEL: dict[str, Label] = {
    "publications": Label.PUBLICATION,
    "targets": Label.TARGET,
    "transporters": Label.TRANSPORTER,
    "alterations": Label.ALTERATION,
    "diseases": Label.DISEASE,
    "sites": Label.SITE,
    "drugs": Label.DRUG,
    "trials": Label.TRIAL,
    "findings": Label.FINDING,
    "cases": Label.CASE,
}

# Labels whose records may be referred to by name, synonym or brand as well as by id.
NAMED_LABELS = (Label.DRUG, Label.TARGET, Label.TRANSPORTER, Label.SITE, Label.DISEASE, Label.ALTERATION)


def clean(value: Any) -> Any:
    """Normalise a property value: enums to values, lists sorted and de-duplicated."""
    if type(value) in _PLAIN:  # the common case, first (str is checked exactly: a str enum is not plain)
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set):
        items = {clean(v) for v in value if v is not None}
        return sorted(items, key=lambda x: (str(type(x)), x))
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


def props(record: Any, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """A record's scalar and list-of-scalar fields as node properties, without None and empty lists."""
    out: dict[str, Any] = {}
    skip = set(exclude)
    for name in type(record).model_fields:
        if name in skip:
            continue
        value = clean(getattr(record, name))
        if value is None or value == []:
            continue
        out[name] = value
    return out


class Vocabulary:
    """Resolves ids, names, synonyms and brands to node ids, per label, with suggestions."""

    def __init__(self) -> None:
        self.ids: dict[str, Label] = {}
        self.names: dict[Label, dict[str, str]] = {label: {} for label in Label}

    def add(self, label: Label, node_id: str, names: Iterable[str]) -> None:
        self.ids[node_id] = label
        table = self.names[label]
        table.setdefault(node_id.lower(), node_id)
        for name in names:
            table.setdefault(name.lower(), node_id)

    def resolve(self, text: str, labels: tuple[Label, ...]) -> str:
        """Return the id `text` names among `labels`, or raise ValueError with close matches."""
        if text in self.ids and self.ids[text] in labels:
            return text
        for label in labels:
            hit = self.names[label].get(text.lower())
            if hit:
                return hit
        what = " or ".join(label_word(label) for label in labels)
        known = [k for label in labels for k in self.names[label] if ":" not in k]
        close = difflib.get_close_matches(text.lower(), known, n=3, cutoff=0.75)
        hint = f" — did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"unknown {what} {text!r}{hint}")


def label_word(label: Label) -> str:
    words = {
        Label.TREATMENT_LINE: "treatment line",
        Label.PUBLICATION: "publication",
    }
    return words.get(label, label.value.lower())


class _Builder:
    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        self.vocab = Vocabulary()
        self.problems: list[str] = []
        self.defined_at: dict[str, str] = {}
        self.supplemented: set[str] = set()

    # -- nodes and edges
    def node(self, node_id: str, label: Label, properties: dict[str, Any]) -> None:
        self.g.add_node(node_id, label=label.value, **properties)

    def edge(self, start: str, rel: Rel, end: str, properties: dict[str, Any] | None = None) -> None:
        properties = {k: clean(v) for k, v in (properties or {}).items() if v is not None and v != []}
        key = rel.value
        if self.g.has_edge(start, end, key=key):
            data = self.g.edges[start, end, key]
            for k, v in properties.items():
                data[k] = clean(list(data.get(k, [])) + list(v)) if isinstance(v, list) else v
        else:
            self.g.add_edge(start, end, key=key, type=key, **properties)

    def ref(self, loaded: Loaded, field: str, text: str, *labels: Label) -> str | None:
        try:
            return self.vocab.resolve(text, labels)
        except ValueError as e:
            self.problems.append(f"{loaded.origin}: {field}: {e}")
            return None

    def sources(self, loaded: Loaded, items: list[str], field: str = "sources") -> list[str]:
        out = []
        for i, s in enumerate(items):
            if self.vocab.ids.get(s) in (Label.PUBLICATION, Label.TRIAL):
                out.append(s)
            elif loaded.kind == "cases":
                self.problems.append(f"{loaded.origin}: source {i + 1}: {s!r} is not a known publication or trial")
            else:
                self.problems.append(f"{loaded.origin}: {field}[{i}]: {s!r} is not a known publication or trial")
        return out

    # -- passes
    def register(self, loaded: Loaded) -> None:
        """First pass: every identified record becomes a node and enters the vocabulary."""
        label = KIND_LABEL.get(loaded.kind)
        if label is None:
            return
        r = loaded.record
        node_id = r.id  # type: ignore[attr-defined]
        if problem := id_problem(node_id, label, self.g.nodes.get(node_id), self.defined_at.get(node_id)):
            self.problems.append(f"{loaded.origin}: id: {problem}")
            return
        if node_id in self.defined_at and not loaded.supplement and node_id not in self.supplemented:
            self.problems.append(f"{loaded.origin}: id: duplicate id {node_id!r} (first defined at {self.defined_at[node_id]})")
            return
        if loaded.supplement:
            self.supplemented.add(node_id)
        self.defined_at.setdefault(node_id, str(loaded.origin))
        names = [r.name] + list(getattr(r, "synonyms", [])) + list(getattr(r, "brands", []))  # type: ignore[attr-defined]
        self.vocab.add(label, node_id, names)
        exclude = {
            Disease: ("parent",),
            Site: ("part_of",),
            Alteration: ("gene",),
            Trial: ("drugs", "diseases"),
            Finding: ("drug", "prior_drugs", "comparator", "site", "trial", "alteration"),
            Case: ("diagnosis", "biomarkers", "metastases", "lines", "series"),
        }.get(type(r), ())
        properties = props(r, exclude)
        properties.pop("id", None)  # the node's key; Neo4j stores it as the `id` property
        if node_id in self.g:
            self.supplement(node_id, label, properties, curated_first=not loaded.supplement)
        else:
            self.node(node_id, label, properties)

    def supplement(self, node_id: str, label: Label, properties: dict[str, Any], curated_first: bool) -> None:
        """Merge a second record of the same id: curated values win, lists are unioned, gaps are filled."""
        data = self.g.nodes[node_id]
        if data["label"] != label.value:
            self.problems.append(f"{node_id}: id: defined as {data['label']} and as {label.value}")
            return
        for k, v in properties.items():
            if isinstance(v, list):
                data[k] = clean(list(data.get(k, [])) + v)
            elif k not in data or curated_first:
                data[k] = v

    def connect(self, loaded: Loaded) -> None:
        """Second pass: references become edges, after every name is known."""
        r = loaded.record
        if isinstance(r, Publication | Drug | Gene):
            if not isinstance(r, Publication):
                self.sources(loaded, r.sources)
        elif isinstance(r, Alteration):
            self.sources(loaded, r.sources)
            gene = self.ref(loaded, "gene", r.gene, Label.TARGET)
            if gene:
                self.edge(r.id, Rel.ALTERATION_OF, gene)
        elif isinstance(r, Disease):
            self.sources(loaded, r.sources)
            if r.parent and (parent := self.ref(loaded, "parent", r.parent, Label.DISEASE)):
                self.edge(r.id, Rel.SUBTYPE_OF, parent)
        elif isinstance(r, Site):
            self.sources(loaded, r.sources)
            for i, p in enumerate(r.part_of):
                if parent := self.ref(loaded, f"part_of[{i}]", p, Label.SITE):
                    self.edge(r.id, Rel.PART_OF, parent)
        elif isinstance(r, Trial):
            pubs = self.sources(loaded, r.sources)
            for i, d in enumerate(r.drugs):
                if drug := self.ref(loaded, f"drugs[{i}]", d, Label.DRUG):
                    self.edge(r.id, Rel.TESTED, drug)
            for i, d in enumerate(r.diseases):
                if disease := self.ref(loaded, f"diseases[{i}]", d, Label.DISEASE):
                    self.edge(r.id, Rel.ENROLLED, disease)
            self.reported_in(r.id, pubs)
        elif isinstance(r, DrugTarget):
            self.fact(loaded, ("drug", r.drug, Label.DRUG), Rel.INHIBITS, ("target", r.target, Label.TARGET),
                      {"roles": [r.role] if r.role else [], "qualifiers": [r.qualifier] if r.qualifier else []})
        elif isinstance(r, TransporterRole):
            self.fact(loaded, ("drug", r.drug, Label.DRUG), TRANSPORTER_ROLE_REL[r.role],
                      ("transporter", r.transporter, Label.TRANSPORTER),
                      {"systems": [r.system], "species": [r.species] if r.species else [], "qualifiers": [r.qualifier]})
        elif isinstance(r, Resistance):
            alt, drug = ("alteration", r.alteration, Label.ALTERATION), ("drug", r.drug, Label.DRUG)
            extra = {"systems": [r.system], "qualifiers": [r.qualifier] if r.qualifier else []}
            if r.effect == "confers resistance":
                self.fact(loaded, alt, Rel.CONFERS_RESISTANCE_TO, drug, extra)
            else:
                self.fact(loaded, drug, Rel.ACTIVE_AGAINST, alt, extra)
        elif isinstance(r, Indication):
            self.fact(loaded, ("drug", r.drug, Label.DRUG), Rel.INDICATED_FOR, ("disease", r.disease, Label.DISEASE),
                      {"qualifiers": [r.qualifier] if r.qualifier else []})
        elif isinstance(r, Finding):
            self.finding(loaded, r)
        elif isinstance(r, Case):
            self.case(loaded, r)
        elif isinstance(r, Unparsed):
            self.unparsed_case(loaded, r.raw)

    def unparsed_case(self, loaded: Loaded, raw: dict) -> None:
        """The names of a case that failed validation, checked anyway: every problem of a file in one run."""
        where = str(loaded.origin)

        def names(value: object) -> list[tuple[int, str]]:
            return [(i, v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []

        def items(value: object) -> list[tuple[int, dict]]:
            return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []

        if isinstance(raw.get("diagnosis"), str):
            self.problem_at(f"{where}: diagnosis", raw["diagnosis"], Label.DISEASE)
        for i, s in names(raw.get("sources")):
            if self.vocab.ids.get(s) not in (Label.PUBLICATION, Label.TRIAL):
                self.problems.append(f"{where}: source {i + 1}: {s!r} is not a known publication or trial")
        for i, b in items(raw.get("biomarkers")):
            if isinstance(b.get("gene"), str):
                self.problem_at(f"{where}, biomarker {i + 1}: gene", b["gene"], Label.TARGET, Label.TRANSPORTER)
            if isinstance(b.get("alteration"), str):
                self.problem_at(f"{where}, biomarker {i + 1}: alteration", b["alteration"], Label.ALTERATION)
        for i, m in items(raw.get("metastases")):
            if isinstance(m.get("site"), str):
                self.problem_at(f"{where}, metastasis {i + 1}: site", m["site"], Label.SITE)
        for i, step in items(raw.get("lines")):
            order = step.get("order", i + 1)
            members = [(f"{order}{chr(ord('a') + k)}", m) for k, m in items(step.get("lines"))] \
                if "sequence" in step else [(str(order), step)]
            for label, line in members:
                name = line.get("name")
                at = f"{where}, line {one_line(str(label))[:10]}" + (f" ({one_line(str(name))[:60]})" if name else "")
                for j, d in names(line.get("drugs")):
                    self.problem_at(f"{at}: drug {j + 1}", d, Label.DRUG, hint=DRUG_HINT)
                for j, t in names(line.get("target_sites")):
                    self.problem_at(f"{at}: target site {j + 1}", t, Label.SITE)
                for j, o in items(line.get("observations")):
                    if isinstance(o.get("site"), str):
                        self.problem_at(f"{at}, observation {j + 1}: site", o["site"], Label.SITE)

    def reported_in(self, node_id: str, sources: list[str]) -> None:
        for s in sources:
            if self.vocab.ids.get(s) == Label.PUBLICATION:
                self.edge(node_id, Rel.REPORTED_IN, s)

    def fact(self, loaded: Loaded, start: tuple, rel: Rel, end: tuple, extra: dict[str, Any]) -> None:
        """A fact edge. Besides the unions (sources, qualifiers, ...), `statements` keeps each record's
        own pairing of sources and details: 'sources | system | species | qualifier'."""
        a = self.ref(loaded, start[0], start[1], start[2])
        b = self.ref(loaded, end[0], end[1], end[2])
        srcs = self.sources(loaded, loaded.record.sources)  # type: ignore[attr-defined]
        r = loaded.record
        if isinstance(r, TransporterRole):
            statement = transporter_statement(srcs, r)
        else:
            details = [getattr(r, f, None) for f in ("role", "system", "species", "qualifier")]
            statement = " | ".join([", ".join(sorted(srcs))] + [clean(d) for d in details if d])
        if a and b:
            self.edge(a, rel, b, {"sources": srcs, "statements": [statement], **extra})

    def finding(self, loaded: Loaded, r: Finding) -> None:
        srcs = self.sources(loaded, r.sources)
        if r.drug and (drug := self.ref(loaded, "drug", r.drug, Label.DRUG)):
            self.edge(r.id, Rel.OF_DRUG, drug)
        for i, d in enumerate(r.prior_drugs):
            if drug := self.ref(loaded, f"prior_drugs[{i}]", d, Label.DRUG):
                self.edge(r.id, Rel.AFTER, drug)
        if r.comparator and (drug := self.ref(loaded, "comparator", r.comparator, Label.DRUG)):
            self.edge(r.id, Rel.COMPARED_WITH, drug)
        if r.site and (site := self.ref(loaded, "site", r.site, Label.SITE)):
            self.edge(r.id, Rel.AT_SITE, site)
        if r.trial and (trial := self.ref(loaded, "trial", r.trial, Label.TRIAL)):
            self.edge(r.id, Rel.FROM_TRIAL, trial)
        if r.alteration and (alteration := self.ref(loaded, "alteration", r.alteration, Label.ALTERATION)):
            self.edge(r.id, Rel.OF_ALTERATION, alteration)
        self.reported_in(r.id, srcs)

    def case(self, loaded: Loaded, r: Case) -> None:
        srcs = self.sources(loaded, r.sources)
        where = str(loaded.origin)
        if dx := self.ref(loaded, "diagnosis", r.diagnosis, Label.DISEASE):
            self.edge(r.id, Rel.DIAGNOSED_WITH, dx)
        if r.series and (series := self.ref(loaded, "series", r.series, Label.CASE)):
            if self.g.nodes[series].get("patients") is None:
                self.problems.append(f"{where}: series: {series!r} is not a series (a case with 'patients: N')")
            else:
                self.edge(r.id, Rel.IN_SERIES, series)
        tests = []
        for i, b in enumerate(r.biomarkers):
            self.problem_at(f"{where}, biomarker {i + 1}: gene", b.gene, Label.TARGET, Label.TRANSPORTER)
            found = None
            if b.alteration:
                found = self.problem_at(f"{where}, biomarker {i + 1}: alteration", b.alteration, Label.ALTERATION)
            text = biomarker_text(b, self.g.nodes[found]["name"] if found else None)
            tests.append(text)
            if found:
                self.edge(r.id, Rel.HAS_ALTERATION, found, {"tests": [text], "sources": srcs})
        self.g.nodes[r.id]["biomarker_tests"] = clean(tests)
        for i, m in enumerate(r.metastases):
            if site := self.problem_at(f"{where}, metastasis {i + 1}: site", m.site, Label.SITE):
                self.edge(r.id, Rel.HAS_METASTASIS, site,
                          {"found": m.found, "after_line": m.after_line, "patients": m.patients,
                           "notes": [m.note] if m.note else [], "sources": srcs})
        self.reported_in(r.id, srcs)
        by_order: dict[int, list[str]] = {}
        group_notes = {step.order: step.note for step in r.lines if isinstance(step, LineGroup)}
        for suffix, line, order in line_entries(r):
            line_id = f"{r.id}/{suffix}"
            at = f"{where}, line {suffix.removeprefix('line-')} ({one_line(line.name)[:60]})"
            parsed = parse_dose(line.dose) if line.dose else None
            grouped = {"sequence": NOT_REPORTED, **({"group_note": group_notes[order]} if group_notes.get(order) else {})} \
                if suffix[-1].isalpha() else {}
            self.node(line_id, Label.TREATMENT_LINE,
                      {"case": r.id, "sources": clean(srcs), "order": order, **grouped,
                       **props(line, ("drugs", "target_sites", "observations")), **(parsed or {})})
            self.edge(r.id, Rel.HAD_LINE, line_id)
            by_order.setdefault(order, []).append(line_id)
            for j, d in enumerate(line.drugs):
                if drug := self.problem_at(f"{at}: drug {j + 1}", d, Label.DRUG, hint=DRUG_HINT):
                    self.edge(line_id, Rel.USED, drug)
            for j, s in enumerate(line.target_sites):
                if site := self.problem_at(f"{at}: target site {j + 1}", s, Label.SITE):
                    self.edge(line_id, Rel.TARGETED_SITE, site)
            for j, obs in enumerate(line.observations):
                obs_id = f"{line_id}/obs-{j + 1}"
                self.node(obs_id, Label.OBSERVATION,
                          {"case": r.id, "line": order, "responded": obs.response in RESPONDED,
                           "sources": clean(srcs), **props(obs, ("site",))})
                self.edge(line_id, Rel.OBSERVED, obs_id)
                if site := self.problem_at(f"{at}, observation {j + 1}: site", obs.site, Label.SITE):
                    self.edge(obs_id, Rel.AT_SITE, site)
        orders = sorted(by_order)
        for before, after in zip(orders, orders[1:]):
            for a in by_order[before]:
                for b in by_order[after]:
                    self.edge(a, Rel.NEXT, b)

    def problem_at(self, where: str, text: str, *labels: Label, hint: str = "") -> str | None:
        """Resolve a name of a case file; on failure record '<where>: <message>' (positions as the file counts)."""
        try:
            return self.vocab.resolve(text, labels)
        except ValueError as e:
            self.problems.append(f"{where}: {e}{hint}")
            return None


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


def transporter_statement(sources: list[str], r: TransporterRole) -> str:
    """One curated transporter record as stored on its fact edge, every part in its place ('-' when absent):
    'sources | system | species | strength | resistance | qualifier'. Questions split it on ' | '."""
    resistance = {True: "confers resistance", False: "no resistance", None: "-"}[r.confers_resistance]
    parts = [", ".join(sorted(sources)), r.system, r.species or "-", r.strength or "-", resistance, r.qualifier]
    return " | ".join(parts)


# The ids the loader derives: `<case id>/line-N` for a treatment line (`.../line-Na`, `.../line-Nb` for the members
# of a group given in an unknown order), `<line id>/obs-N` for an observation.
_DERIVED = re.compile(r"/(line|obs)-\d+[a-z]?(/|$)")


def id_problem(node_id: str, label: Label, existing: dict[str, Any] | None, defined_at: str | None) -> str | None:
    """Why a curated record may not take `node_id`, or None: the id is, or could be, one the loader derives for a
    case's line or observation, or it already belongs to a node of another kind."""
    if _DERIVED.search(node_id):
        return (f"{node_id!r} has the form of an id derived for a case's treatment line or observation "
                "(.../line-N, .../line-Na, .../obs-N); choose another id")
    if existing is not None and existing.get("label") != label.value:
        return f"{node_id!r} is already the id of a {existing.get('label')} (defined at {defined_at})"
    return None


def build_graph(records: list[Loaded]) -> nx.MultiDiGraph:
    """Build the canonical graph; raise ValidationError listing every reference problem."""
    b = _Builder()
    for loaded in records:
        b.register(loaded)
    for loaded in records:
        b.connect(loaded)
    b.problems.extend(_hierarchy_cycles(b.g, b.defined_at))
    if b.problems:
        raise ValidationError(b.problems)
    describe_cases(b.g)
    b.g.graph["vocabulary"] = b.vocab
    return b.g


def describe_cases(g: nx.MultiDiGraph) -> None:
    """Give each treatment line its `step` text and each observation its `response_class` and `name`.

    The step text is what a reader may take for a line of therapy, so it uses the line number, never the position
    in the history: 'line 2: crizotinib', 'whole-brain radiotherapy, after line 2', 'radiotherapy, during line 3',
    'lines 1-3: prior chemotherapy', 'line 2 or 3 (order not reported): crizotinib'. A systemic line's number is the
    curated `therapy_line`; where none is given it is derived from the sequence (`therapy_line_derived`), counting
    prior-therapy counts, but only in a case that numbers some line or writes a prior therapy (else 'line not
    reported'). An observation of a local therapy at a site outside the sites it treated (and their parts) is 'not
    assessed' for that therapy."""
    cases = sorted(n for n, d in g.nodes(data=True) if d["label"] == Label.CASE.value)
    parts = _SiteParts(g)
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


def _classify(g: nx.MultiDiGraph, line: str, parts: _SiteParts) -> None:
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


class _SiteParts:
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


def _hierarchy_cycles(g: nx.MultiDiGraph, defined_at: dict[str, str]) -> list[str]:
    problems = []
    for rel, field in ((Rel.PART_OF, "part_of"), (Rel.SUBTYPE_OF, "parent")):
        edges = nx.DiGraph((u, v) for u, v, k in g.edges(keys=True) if k == rel.value)
        try:
            cycle = nx.find_cycle(edges)
        except nx.NetworkXNoCycle:
            continue
        first = min(u for u, _ in cycle)
        start = [u for u, _ in cycle].index(first)
        ordered = [u for u, _ in cycle][start:] + [u for u, _ in cycle][:start]
        path = " -> ".join(ordered + [first])
        problems.append(f"{defined_at[first]}: {field}: cycle in the hierarchy: {path}")
    return problems


def vocabulary(g: nx.MultiDiGraph) -> Vocabulary:
    """The name resolver of a built graph (rebuilt from node properties when absent)."""
    vocab = g.graph.get("vocabulary")
    if vocab is None:
        vocab = Vocabulary()
        for node_id, data in g.nodes(data=True):
            label = Label(data["label"])
            vocab.add(label, node_id, [data.get("name", "")] + data.get("synonyms", []) + data.get("brands", []))
        g.graph["vocabulary"] = vocab
    return vocab


# --------------------------------------------------------------------------- identity


def canonical(nodes: Iterable[tuple[str, str, dict]], edges: Iterable[tuple[str, str, str, dict]]) -> str:
    """Fingerprint of a graph given as (id, label, props) and (start, type, end, props) tuples.

    Both stores call this on what they hold, so equal fingerprints mean equal graphs.
    """
    h = hashlib.sha256()
    for node_id, label, properties in sorted(nodes, key=lambda n: n[0]):
        h.update(node_line(node_id, label, properties).encode())
        h.update(b"\n")
    h.update(b"--\n")
    for start, rel, end, properties in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        h.update(edge_line(start, rel, end, properties).encode())
        h.update(b"\n")
    return h.hexdigest()


def node_line(node_id: str, label: str, properties: dict[str, Any]) -> str:
    """A node's line of the fingerprint (`canonical` hashes these in order of id)."""
    return json.dumps([node_id, label, _canon(properties)], sort_keys=True, ensure_ascii=True)


def edge_line(start: str, rel: str, end: str, properties: dict[str, Any]) -> str:
    """A relationship's line of the fingerprint (`canonical` hashes these in order of (start, type, end))."""
    return json.dumps([start, rel, end, _canon(properties)], sort_keys=True, ensure_ascii=True)


def _canon(properties: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in properties.items():
        if k in ("id", "type", "label"):
            continue
        if isinstance(v, list):
            v = sorted(v, key=lambda x: (str(type(x)), x))
        elif isinstance(v, float) and v.is_integer():
            v = float(v)
        out[k] = v
    return out


def node_rows(g: nx.MultiDiGraph) -> Iterable[tuple[str, str, dict]]:
    for node_id, data in g.nodes(data=True):
        yield node_id, data["label"], {k: v for k, v in data.items() if k != "label"}


def edge_rows(g: nx.MultiDiGraph) -> Iterable[tuple[str, str, str, dict]]:
    for u, v, key, data in g.edges(keys=True, data=True):
        yield u, key, v, {k: val for k, val in data.items() if k != "type"}


def fingerprint(g: nx.MultiDiGraph) -> str:
    return canonical(node_rows(g), edge_rows(g))


def counts(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Counts per label and per relationship type, sorted by name."""
    labels = Counter(data["label"] for _, data in g.nodes(data=True))
    rels = Counter(key for _, _, key in g.edges(keys=True))
    return {"labels": dict(sorted(labels.items())), "relationships": dict(sorted(rels.items()))}


__all__ = ["FACT_RELS", "build_graph", "counts", "fingerprint", "vocabulary"]
