"""The KGX TSV writer: `nodes.tsv` and `edges.tsv` with Biolink categories and predicates."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.export.common import Out, directory, display_name, edge_id, label_of
from kg.export.view import edge_items, node_items
from kg.model import Label, Rel

BIOLINK_CATEGORY: dict[Label, str] = {
    Label.DRUG: "biolink:Drug",
    Label.TARGET: "biolink:Gene",
    Label.TRANSPORTER: "biolink:Gene",
    Label.ALTERATION: "biolink:SequenceVariant",
    Label.DISEASE: "biolink:Disease",
    Label.SITE: "biolink:AnatomicalEntity",
    Label.TRIAL: "biolink:ClinicalTrial",
    Label.PUBLICATION: "biolink:Publication",
    Label.CASE: "biolink:Case",
    Label.TREATMENT_LINE: "biolink:Treatment",
    Label.OBSERVATION: "biolink:ClinicalFinding",
    Label.FINDING: "biolink:StudyResult",
}

_INHIBITS = {"predicate": "biolink:affects", "qualified_predicate": "biolink:causes",
             "object_aspect_qualifier": "activity", "object_direction_qualifier": "decreased"}

# Each relationship type as a Biolink predicate, with the edge columns that complete its meaning.
BIOLINK_PREDICATE: dict[Rel, dict[str, Any]] = {
    Rel.INHIBITS: _INHIBITS,
    Rel.SUBSTRATE_OF: {"predicate": "biolink:is_substrate_of"},
    # Written in its inverse form (the transporter does not have the drug as substrate): kgx merges edges on
    # (subject, predicate, object), and would fold it into a SUBSTRATE_OF statement of the same pair.
    Rel.NOT_SUBSTRATE_OF: {"predicate": "biolink:has_substrate", "negated": True, "inverse": True},
    Rel.INHIBITS_TRANSPORTER: _INHIBITS,
    Rel.INDUCES_TRANSPORTER: {"predicate": "biolink:affects", "qualified_predicate": "biolink:causes",
                              "object_aspect_qualifier": "expression", "object_direction_qualifier": "increased"},
    Rel.INDICATED_FOR: {"predicate": "biolink:treats"},
    Rel.ALTERATION_OF: {"predicate": "biolink:is_sequence_variant_of"},
    Rel.CONFERS_RESISTANCE_TO: {"predicate": "biolink:associated_with_resistance_to"},
    Rel.ACTIVE_AGAINST: {"predicate": "biolink:sensitivity_associated_with"},
    Rel.TESTED: {"predicate": "biolink:has_participant"},
    Rel.ENROLLED: {"predicate": "biolink:related_to"},
    Rel.REPORTED_IN: {"predicate": "biolink:mentioned_by"},
    Rel.PART_OF: {"predicate": "biolink:part_of"},
    Rel.SUBTYPE_OF: {"predicate": "biolink:subclass_of"},
    Rel.DIAGNOSED_WITH: {"predicate": "biolink:related_to"},
    Rel.HAS_METASTASIS: {"predicate": "biolink:related_to"},
    Rel.HAD_LINE: {"predicate": "biolink:participates_in"},
    Rel.NEXT: {"predicate": "biolink:precedes"},
    Rel.USED: {"predicate": "biolink:has_participant"},
    Rel.TARGETED_SITE: {"predicate": "biolink:occurs_in"},
    Rel.OBSERVED: {"predicate": "biolink:has_output"},
    Rel.AT_SITE: {"predicate": "biolink:located_in"},
    Rel.OF_DRUG: {"predicate": "biolink:mentions"},
    Rel.AFTER: {"predicate": "biolink:mentions"},
    Rel.FROM_TRIAL: {"predicate": "biolink:is_output_of"},
    Rel.COMPARED_WITH: {"predicate": "biolink:mentions"},
    Rel.OF_ALTERATION: {"predicate": "biolink:mentions"},
    Rel.IN_SERIES: {"predicate": "biolink:part_of"},
    Rel.HAS_ALTERATION: {"predicate": "biolink:related_to"},
}
# Relationships read off a case report (one patient) rather than asserted by a study.
_OBSERVED_LABELS = frozenset({Label.CASE.value, Label.TREATMENT_LINE.value, Label.OBSERVATION.value})

# Our property names that Biolink defines as slots with another meaning; KGX gets them as `oncokg_<name>`.
KGX_RENAMED = frozenset({"authors", "phase", "qualifiers", "sources"})
KGX_NODE_COLUMNS = ("id", "category", "name", "labels")
KGX_EDGE_COLUMNS = ("id", "subject", "predicate", "object", "original_predicate", "negated", "qualified_predicate",
                    "object_aspect_qualifier", "object_direction_qualifier", "knowledge_level", "agent_type",
                    "primary_knowledge_source", "publications")
KGX_LIST_DELIMITER = "|"
KGX_SOURCE = "infores:oncokg"
_PUBLICATION_PREFIXES = ("PMID:", "DOI:", "oncokg:src-")


def _kgx_text(value: Any) -> str:
    """One TSV cell of KGX: no quoting, so tabs and line breaks become spaces, and `|` (KGX's list
    separator) inside a value becomes `¦`."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return re.sub(r"[\t\r\n]", " ", text).replace(KGX_LIST_DELIMITER, "\u00a6")


def _kgx_cell(value: Any) -> str:
    if isinstance(value, list):
        return KGX_LIST_DELIMITER.join(_kgx_text(v) for v in value)
    return _kgx_text(value)


def _kgx_name(prop: str) -> str:
    return f"oncokg_{prop}" if prop in KGX_RENAMED else prop


def kgx_node(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A node's row of nodes.tsv, by column name."""
    lab = label_of(label)
    if lab is None:
        raise KGError(f"node {node_id}: label {label!r} has no Biolink category")
    row: dict[str, Any] = {"id": node_id, "category": BIOLINK_CATEGORY[lab], "labels": label}
    for k, v in props.items():
        row[_kgx_name(k)] = v
    row["name"] = display_name(node_id, label, props)
    return row


def kgx_edge(g: nx.MultiDiGraph, start: str, rel: str, end: str, props: dict[str, Any]) -> dict[str, Any]:
    """A relationship's row of edges.tsv, by column name."""
    try:
        mapped = BIOLINK_PREDICATE[Rel(rel)]
    except ValueError:
        raise KGError(f"relationship type {rel!r} has no Biolink predicate") from None
    start_label = g.nodes[start].get("label") if start in g else None
    mapped = dict(mapped)
    subject, obj = (end, start) if mapped.pop("inverse", False) else (start, end)
    row: dict[str, Any] = {"id": edge_id(start, rel, end), "subject": subject, "object": obj,
                           "original_predicate": f"oncokg:{rel}", **mapped,
                           "knowledge_level": ("observation" if start_label in _OBSERVED_LABELS
                                               else "knowledge_assertion"),
                           "agent_type": "manual_agent", "primary_knowledge_source": KGX_SOURCE}
    sources = props.get("sources") or []
    publications = [s for s in sources if _is_publication(g, s)]
    if publications:
        row["publications"] = publications
    for k, v in props.items():
        row[_kgx_name(k)] = v
    return row


def _is_publication(g: nx.MultiDiGraph, node_id: str) -> bool:
    if node_id in g:
        return g.nodes[node_id].get("label") == Label.PUBLICATION.value
    return node_id.startswith(_PUBLICATION_PREFIXES)


def write_kgx(g: nx.MultiDiGraph, out: Out) -> dict[str, Path]:
    """KGX TSV: `nodes.tsv` and `edges.tsv` in the directory `out`.

    Nodes: `id`, `category` (Biolink class of the label), `name`, `labels`, then every property. Edges: `id`,
    `subject`, `predicate` (Biolink), `object`, `original_predicate` (`oncokg:<TYPE>`), the qualifier columns
    of Biolink 4 (`affects` + aspect and direction for INHIBITS...; NOT_SUBSTRATE_OF is written inverted,
    transporter `has_substrate` drug with `negated` True, so that kgx does not merge it with a SUBSTRATE_OF),
    `knowledge_level`, `agent_type`, `primary_knowledge_source`, `publications` (the sources that are
    publications), then every property. Properties whose names Biolink uses otherwise (`sources`,
    `qualifiers`, `authors`, `phase`) are written as `oncokg_<name>`. As KGX TSV has it: lists joined by `|`,
    no quoting, so tabs and line breaks become spaces and a `|` inside a value becomes `¦`; an empty list
    or a null is an empty cell.
    """
    where = directory(out, "kgx")
    node_cols: dict[str, None] = dict.fromkeys(KGX_NODE_COLUMNS)
    edge_cols: dict[str, None] = dict.fromkeys(KGX_EDGE_COLUMNS)
    for node_id, label, props in node_items(g):
        node_cols.update(dict.fromkeys(sorted(_kgx_name(k) for k in props)))
    for start, rel, end, props in edge_items(g):
        edge_cols.update(dict.fromkeys(sorted(_kgx_name(k) for k in props)))
    paths = {"nodes": where / "nodes.tsv", "edges": where / "edges.tsv"}
    with paths["nodes"].open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(node_cols) + "\n")
        for node_id, label, props in node_items(g):
            row = kgx_node(node_id, label, props)
            f.write("\t".join(_kgx_cell(row[c]) if row.get(c) is not None else "" for c in node_cols) + "\n")
    with paths["edges"].open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(edge_cols) + "\n")
        for start, rel, end, props in edge_items(g):
            row = kgx_edge(g, start, rel, end, props)
            f.write("\t".join(_kgx_cell(row[c]) if row.get(c) is not None else "" for c in edge_cols) + "\n")
    return paths
