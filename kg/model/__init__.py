"""The schema: node labels, relationship types, and the pydantic models of seed records.

A seed file is a YAML mapping from a record kind (the keys of `RECORD_KINDS`) to a list of records.
Records are validated here, once; everything after works on these typed objects. The names live in
`vocab` (labels, relationship types, closed vocabularies), `base` (the base record and identifiers),
`records` (curated records) and `cases` (case reports); they are re-exported here.
"""

from __future__ import annotations

from kg.model.base import ID_PREFIXES, Name, Record, Ref, Text, check_curie
from kg.model.cases import (
    AGE_TEXT,
    BiomarkerTest,
    Case,
    LineFields,
    LineGroup,
    Metastasis,
    Observation,
    Step,
    TreatmentLine,
    line_entries,
)
from kg.model.records import (
    Alteration,
    Disease,
    Drug,
    DrugTarget,
    Finding,
    Gene,
    Indication,
    Publication,
    Resistance,
    Site,
    Trial,
    TransporterRole,
)
from kg.model.vocab import (
    DISEASE_CONTROL,
    FACT_RELS,
    NOT_ASSESSED,
    NOT_REPORTED,
    PROGRESSION,
    RESPONDED,
    RESPONSE,
    RESPONSE_CLASS,
    RESPONSE_CLASSES,
    TRANSPORTER_ROLE_REL,
    EvidenceLevel,
    FindingKind,
    Label,
    Rel,
    Response,
    Setting,
    SourceKind,
    TransporterRoleKind,
)

SCHEMA_VERSION = "1"

# Record kinds of a seed file, in load order. Targets and transporters share the Gene model.
RECORD_KINDS: dict[str, type[Record]] = {
    "publications": Publication,
    "targets": Gene,
    "transporters": Gene,
    "alterations": Alteration,
    "diseases": Disease,
    "sites": Site,
    "drugs": Drug,
    "trials": Trial,
    "drug_targets": DrugTarget,
    "transporter_roles": TransporterRole,
    "resistance": Resistance,
    "indications": Indication,
    "findings": Finding,
    "cases": Case,
}

__all__ = [
    "AGE_TEXT", "DISEASE_CONTROL", "FACT_RELS", "ID_PREFIXES", "NOT_ASSESSED", "NOT_REPORTED", "PROGRESSION",
    "RECORD_KINDS", "RESPONDED", "RESPONSE", "RESPONSE_CLASS", "RESPONSE_CLASSES", "SCHEMA_VERSION",
    "TRANSPORTER_ROLE_REL", "Alteration", "BiomarkerTest", "Case", "Disease", "Drug", "DrugTarget", "EvidenceLevel",
    "Finding", "FindingKind", "Gene", "Indication", "Label", "LineFields", "LineGroup", "Metastasis", "Name",
    "Observation", "Publication", "Record", "Ref", "Rel", "Resistance", "Response", "Setting", "Site", "SourceKind",
    "Step", "Text", "TransporterRole", "TransporterRoleKind", "TreatmentLine", "Trial", "check_curie", "line_entries",
]
