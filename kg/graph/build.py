"""Build the one canonical property graph (a networkx MultiDiGraph) from validated records.

Nodes are keyed by id and carry `label` plus their properties. Edges are keyed by relationship type,
so (start, type, end) is unique: a fact stated by two records is one edge whose list properties
(`sources`, `qualifiers`, ...) are the union of both. Every list property is stored sorted and
without duplicates, so the in-memory graph and Neo4j hold exactly the same values.

The builder's core is kg.graph.core, a case's part kg.graph.cases, a graph's identity kg.graph.fingerprint;
their names that callers use as `kg.graph.build.<name>` are re-exported here.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from kg.errors import ValidationError
from kg.graph.cases import add_case, check_unparsed_case, describe_cases
from kg.graph.core import BuilderCore, clean, props
from kg.graph.fingerprint import canonical, counts, edge_line, edge_rows, fingerprint, node_line, node_rows
from kg.model import (
    FACT_RELS,
    TRANSPORTER_ROLE_REL,
    Alteration,
    Case,
    Disease,
    Drug,
    DrugTarget,
    Finding,
    Gene,
    Indication,
    Label,
    Publication,
    Rel,
    Resistance,
    Site,
    Trial,
    TransporterRole,
)
from kg.model.names import Vocabulary
from kg.sources.loaded import Loaded, Unparsed

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


class _Builder(BuilderCore):
    """The two passes over the records: every identified record becomes a node, then references become edges."""

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
            add_case(self, loaded, r)
        elif isinstance(r, Unparsed):
            check_unparsed_case(self, loaded, r.raw)

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


__all__ = [
    "FACT_RELS", "Vocabulary", "build_graph", "canonical", "clean", "counts", "describe_cases", "edge_line",
    "edge_rows", "fingerprint", "node_line", "node_rows", "props", "vocabulary",
]
