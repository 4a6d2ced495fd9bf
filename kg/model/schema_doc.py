"""The schema reference (docs/schema.md), generated from the models so the two cannot drift apart.

`kg schema` prints it; a test checks that docs/schema.md equals it.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

from kg import model as m

# label -> (model, what it is, properties added when the graph is built, an example query)
LABELS: list[tuple[str, type[BaseModel] | None, str, dict[str, str], str]] = [
    ("Drug", m.Drug, "A drug, keyed by its DrugBank accession; other identifiers are cross-references.", {},
     "MATCH (d:Drug {name: 'alectinib'})-[r:INHIBITS]->(t:Target) RETURN t.name, r.roles, r.sources"),
    ("Target", m.Gene, "A human gene a drug acts on, keyed by its HGNC id (records of kind `targets`).", {},
     "MATCH (d:Drug)-[:INHIBITS]->(t:Target {name: 'ALK'}) RETURN d.name, d.generation ORDER BY d.name"),
    ("Transporter", m.Gene, "An efflux transporter, keyed by its HGNC id: ABCB1 (P-gp), ABCG2 (BCRP) "
     "(records of kind `transporters`).", {},
     "MATCH (d:Drug)-[r:NOT_SUBSTRATE_OF]->(t:Transporter {name: 'ABCB1'}) RETURN d.name, r.statements"),
    ("Alteration", m.Alteration, "A gene alteration such as a resistance mutation.", {},
     "MATCH (a:Alteration)-[r:CONFERS_RESISTANCE_TO]->(d:Drug) RETURN a.name, d.name, r.systems"),
    ("Disease", m.Disease, "A disease, keyed by its NCI Thesaurus code.", {},
     "MATCH (d:Disease)-[:SUBTYPE_OF]->(p:Disease) RETURN d.name, p.name"),
    ("Site", m.Site, "An anatomical or metastatic site; `PART_OF` builds the hierarchy (CNS > brain, leptomeninges, "
     "spinal cord > cervical spinal cord).", {},
     "MATCH (s:Site)-[:PART_OF*0..]->(:Site {name: 'central nervous system'}) RETURN s.name"),
    ("Trial", m.Trial, "A clinical trial, keyed by its NCT number when verified.", {},
     "MATCH (t:Trial)-[:TESTED]->(:Drug {name: 'alectinib'}) RETURN t.name, t.phase, t.setting"),
    ("Publication", m.Publication, "A source: an article, a label, a registry record or a dataset. Its `kind` is "
     "the evidence kind every answer shows.", {},
     "MATCH (p:Publication {kind: 'case report'}) RETURN p.id, p.name, p.verified"),
    ("Finding", m.Finding, "A population-level result; each value keeps its metric, unit, denominator, setting and "
     "analysis. Two claims the sources keep apart are two findings.",
     {"drug, prior_drugs, comparator, site, trial, alteration": "not properties: relationships OF_DRUG, AFTER, "
      "COMPARED_WITH, AT_SITE, FROM_TRIAL, OF_ALTERATION"},
     "MATCH (f:Finding {kind: 'CNS response'})-[:AFTER]->(:Drug {name: 'crizotinib'}) "
     "MATCH (f)-[:OF_DRUG]->(d:Drug) RETURN d.name, f.metric, f.value, f.unit, f.n, f.denominator"),
    ("Case", m.Case, "One patient of a case report.",
     {"biomarker_tests": "list of text, one per test: '<gene> <method> <result>', with what the test found and, in "
      "brackets, specimen, time point and 'method not reported': 'ALK NGS positive: ALK G1202R (plasma; at "
      "progression)'",
      "diagnosis, metastases, lines, series": "not properties: relationships DIAGNOSED_WITH, HAS_METASTASIS (with "
      "`found`, `after_line`, `patients`, `notes`), HAD_LINE, IN_SERIES; an alteration a test found: HAS_ALTERATION"},
     "MATCH (c:Case)-[:HAD_LINE]->(l:TreatmentLine) RETURN c.name, l.order, l.name ORDER BY l.order"),
    ("TreatmentLine", m.TreatmentLine, "One step of a case's history; id `<case id>/line-<order>`; `NEXT` links the "
     "steps in order. The members of a group given in an unknown order share the group's `order`, have ids "
     "`<case id>/line-<order>a`, `...b` and `sequence: 'not reported'`, and are linked by `NEXT` to every line "
     "before and after the group, never to each other.",
     {"case": "the case's id", "sources": "the case's sources",
      "step": "what a reader may take for a line of therapy, by the reported line number, never `order`: "
              "'line 2: crizotinib' (systemic), 'whole-brain radiotherapy, after line 2' (local), "
              "'radiotherapy, during line 3' (local, concurrent), 'lines 1-3: prior chemotherapy' (a count), "
              "'line 2 or 3 (order not reported): crizotinib' (a member of an unordered group)",
      "therapy_line_derived": "true when `therapy_line` was derived from the sequence, not curated",
      "possible_lines": "a member of an unordered group: the line numbers it may have had",
      "sequence": "`not reported` on the members of an unordered group",
      "dose_amount, dose_unit, dose_schedule, daily_dose": "parsed from `dose` when it can be read with certainty",
      "drugs, target_sites, observations": "not properties: relationships USED, TARGETED_SITE, OBSERVED"},
     "MATCH p = (:TreatmentLine {order: 1})-[:NEXT*]->(l:TreatmentLine) RETURN [n IN nodes(p) | n.name]"),
    ("Observation", m.Observation, "What was seen at one site after one line; id `<line id>/obs-<n>`.",
     {"case": "the case's id", "line": "the line's order", "sources": "the case's sources",
      "response_class": "response (also responded, improved, shrank), disease control (stable disease, no change, "
                        "controlled), progression (enlargement, progression, new lesion, progressed), or not "
                        "assessed (not reported; a local therapy at a site it did not treat)",
      "responded": "true when `response_class` is response",
      "line_step": "the `step` of its line",
      "name": "'<site>: <response>[ in P of N patients] (<line step>)'",
      "site": "not a property: relationship AT_SITE"},
     "MATCH (l:TreatmentLine)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site) "
     "RETURN l.name, s.name, o.response, o.months_after_start"),
]

RELATIONSHIPS: dict[str, str] = {
    "INHIBITS": "(Drug)->(Target): `roles`, `qualifiers`, `sources`, `statements`",
    "SUBSTRATE_OF": "(Drug)->(Transporter): the drug is transported; `systems`, `species`, `qualifiers`, `sources`, "
                    "`statements`",
    "NOT_SUBSTRATE_OF": "(Drug)->(Transporter): asserted negative (a study showed it is not transported)",
    "INHIBITS_TRANSPORTER": "(Drug)->(Transporter): the drug inhibits the transporter",
    "INDUCES_TRANSPORTER": "(Drug)->(Transporter): the drug induces the transporter",
    "INDICATED_FOR": "(Drug)->(Disease): an approval; `qualifiers`, `sources`",
    "ALTERATION_OF": "(Alteration)->(Target)",
    "CONFERS_RESISTANCE_TO": "(Alteration)->(Drug): `systems`, `qualifiers`, `sources`",
    "ACTIVE_AGAINST": "(Drug)->(Alteration): the drug keeps activity against it; `systems`, `qualifiers`, `sources`",
    "TESTED": "(Trial)->(Drug)",
    "ENROLLED": "(Trial)->(Disease)",
    "REPORTED_IN": "(Trial|Case|Finding)->(Publication)",
    "PART_OF": "(Site)->(Site): the site hierarchy",
    "SUBTYPE_OF": "(Disease)->(Disease)",
    "DIAGNOSED_WITH": "(Case)->(Disease)",
    "HAS_METASTASIS": "(Case)->(Site): `found` (at diagnosis / during treatment), `after_line`, `sources`",
    "HAD_LINE": "(Case)->(TreatmentLine)",
    "NEXT": "(TreatmentLine)->(TreatmentLine): the following step",
    "USED": "(TreatmentLine)->(Drug)",
    "TARGETED_SITE": "(TreatmentLine)->(Site): where a local therapy was aimed",
    "OBSERVED": "(TreatmentLine)->(Observation)",
    "AT_SITE": "(Observation|Finding)->(Site)",
    "OF_DRUG": "(Finding)->(Drug): the drug the result is about",
    "AFTER": "(Finding)->(Drug): a prior therapy of the population",
    "FROM_TRIAL": "(Finding)->(Trial)",
    "COMPARED_WITH": "(Finding)->(Drug): the comparator arm's drug (`comparator_value` on the finding)",
    "OF_ALTERATION": "(Finding)->(Alteration): the alteration an evidence item is about (public-data loaders)",
    "IN_SERIES": "(Case)->(Case): a patient given individually by a case series, to the series' record (the one with "
                 "`patients`)",
    "HAS_ALTERATION": "(Case)->(Alteration): an alteration a biomarker test of the case found (e.g. ALK G1202R at "
                      "progression); `tests` (the test texts, with specimen and time point), `sources`",
}


def type_name(annotation: Any) -> str:
    """A readable type: text, integer, number, true/false, one of ..., list of ..."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        parts = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(parts)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return "list of " + type_name(args[0])
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{e.value}`" for e in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    return {str: "text", int: "integer", float: "number", bool: "true/false"}.get(annotation, str(annotation))


def _fields(model: type[BaseModel]) -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        required = "required" if field.is_required() else ""
        rows.append(f"| `{name}` | {type_name(field.annotation)} | {required} | {field.description or ''} |")
    return rows


def schema_markdown() -> str:
    out = [
        "# OncoKG schema (version " + m.SCHEMA_VERSION + ")",
        "",
        "Generated from the models of `kg/model/` by `kg schema`; a test keeps this file equal to it.",
        "",
        "Every node has `id` (a CURIE; prefixes per label below) and `name`. Every fact relationship and every "
        "Finding and Observation carries `sources`: ids of Publication or Trial nodes. List properties are sorted "
        "and without duplicates. Seed files use the field names below; references may be written as an id or as a "
        "name, synonym or brand.",
        "",
        "## Labels",
        "",
    ]
    for label, model, what, extra, example in LABELS:
        prefixes = ", ".join(f"`{p}:`" for p in m.ID_PREFIXES[m.Label(label)])
        out += [f"### {label}", "", what, "", f"Identifier prefixes: {prefixes}." if model is not m.TreatmentLine
                and model is not m.Observation else "Identifier: derived from the case's id.", ""]
        out += ["| property | type | | meaning |", "|---|---|---|---|"] + _fields(model)
        out += [f"| `{k}` | (built) | | {v} |" for k, v in extra.items()]
        out += ["", "```cypher", example, "```", ""]
    out += ["### Nested records of a case", ""]
    for model in (m.BiomarkerTest, m.Metastasis, m.LineGroup):
        out += [f"`{model.__name__}`:", "", "| field | type | | meaning |", "|---|---|---|---|"] + _fields(model) + [""]
    out += ["## Relationships", "", "| type | between, and its properties |", "|---|---|"]
    out += [f"| `{rel.value}` | {RELATIONSHIPS.get(rel.value, '')} |" for rel in m.Rel]
    out += ["", "Fact relationships (carrying `sources`): " + ", ".join(sorted(f"`{r.value}`" for r in m.FACT_RELS)) + ".",
            "`statements` keeps each stating record's own pairing: `sources | role | system | species | qualifier` "
            "(parts that are absent are left out); on transporter relationships always six parts, '-' when absent: "
            "`sources | system | species | strength | resistance | qualifier`.", "",
            "## Vocabularies", ""]
    for enum in (m.SourceKind, m.EvidenceLevel, m.Setting, m.FindingKind, m.Response):
        out.append(f"- `{enum.__name__}`: " + ", ".join(f"`{e.value}`" for e in enum))
    out += ["", "A `(:KGMeta {key: 'graph'})` node records the schema version, the graph fingerprint and the release "
            "manifest of the last load; it is not part of the graph.", ""]
    return "\n".join(out)
