"""The pydantic models of the curated records: publications, entities (drugs, genes, alterations, diseases, sites,
trials) and the facts between them (targets, transporter roles, resistance, indications, findings)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from kg.model.base import Name, Record, Ref, Text, curie_id
from kg.model.vocab import EvidenceLevel, FindingKind, Label, Setting, SourceKind, TransporterRoleKind


class Publication(Record):
    id: str
    name: Name = Field(description="short citation, e.g. 'Kodama 2014, Cancer Chemother Pharmacol'")
    title: Text | None = None
    kind: SourceKind
    evidence: EvidenceLevel
    journal: Text | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    authors: Text | None = None
    url: Text | None = None
    pmid: str | None = Field(default=None, pattern=r"^[1-9]\d{0,8}$")
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    verified: bool = True
    note: Text | None = None

    _id = curie_id(Label.PUBLICATION)


# --------------------------------------------------------------------------- entities


class Drug(Record):
    id: str
    name: Name
    synonyms: list[Name] = []
    brands: list[Name] = []
    drug_class: Literal["ALK inhibitor", "EGFR inhibitor", "chemotherapy", "anti-VEGF antibody", "anti-PD-1 antibody"]
    generation: Text | None = None
    approval: Text | None = Field(default=None, description="first approval for NSCLC, as the source states it")
    chembl: str | None = Field(default=None, pattern=r"^CHEMBL\d+$")
    pubchem_cid: int | None = Field(default=None, gt=0)
    chebi: int | None = Field(default=None, gt=0)
    inchikey: str | None = Field(default=None, pattern=r"^[A-Z]{14}-[A-Z]{10}-[A-Z]$")
    cas: str | None = Field(default=None, pattern=r"^\d{2,7}-\d{2}-\d$")
    unii: str | None = Field(default=None, pattern=r"^[A-Z0-9]{10}$")
    sources: list[Ref] = Field(min_length=1)
    note: Text | None = None

    _id = curie_id(Label.DRUG)


class Gene(Record):
    """A Target or a Transporter: a human gene keyed by its HGNC CURIE."""

    id: str
    name: Name = Field(description="the HGNC symbol, e.g. ALK")
    full_name: Text | None = None
    synonyms: list[Name] = []
    ncbi_gene: int | None = Field(default=None, gt=0)
    ensembl: str | None = Field(default=None, pattern=r"^ENSG\d{11}$")
    uniprot: str | None = Field(default=None, pattern=r"^([OPQ]\d[A-Z0-9]{3}\d|[A-NR-Z]\d([A-Z][A-Z0-9]{2}\d){1,2})$")
    sources: list[Ref] = Field(min_length=1)

    _id = curie_id(Label.TARGET)


class Alteration(Record):
    """A gene alteration such as a resistance mutation (ALK G1202R)."""

    id: str
    name: Name = Field(description="e.g. 'ALK G1202R'")
    gene: Ref
    sources: list[Ref] = Field(min_length=1)

    _id = curie_id(Label.ALTERATION)


class Disease(Record):
    id: str
    name: Name
    synonyms: list[Name] = []
    parent: Ref | None = None
    mondo: str | None = Field(default=None, pattern=r"^MONDO:\d{7}$")
    umls: str | None = Field(default=None, pattern=r"^C\d{7}$")
    sources: list[Ref] = Field(min_length=1)

    _id = curie_id(Label.DISEASE)


class Site(Record):
    id: str
    name: Name
    synonyms: list[Name] = []
    cns: bool
    part_of: list[Ref] = []
    ncit: str | None = Field(default=None, pattern=r"^NCIT:C\d+$")
    sources: list[Ref] = []
    note: Text | None = None

    _id = curie_id(Label.SITE)


class Trial(Record):
    id: str
    name: Name = Field(description="acronym, e.g. ALEX")
    title: Text | None = None
    registry_ids: list[Name] = Field(default=[], description="other registry numbers, e.g. JapicCTI-132316")
    phase: Literal["1", "1/2", "2", "2/3", "3", "4"] | None = None
    arms: Text | None = None
    population: Text | None = None
    setting: Setting
    enrolled: int | None = Field(default=None, ge=0)
    enrolled_note: Text | None = None
    drugs: list[Ref] = Field(min_length=1, description="drugs tested (TESTED)")
    diseases: list[Ref] = Field(min_length=1, description="diseases enrolled (ENROLLED)")
    # Filled by the ClinicalTrials.gov loader (kg/sources/clinicaltrials.py); empty for curated-only trials.
    status: Name | None = Field(default=None, description="registry overall status as given, e.g. COMPLETED")
    conditions: list[Name] = Field(default=[], description="conditions as registered (text)")
    interventions: list[Name] = Field(default=[], description="interventions as registered (text)")
    eligibility_flags: list[Name] = Field(
        default=[], description="read from the registry's eligibility text, e.g. 'prior ALK inhibitor: exclusion criteria'"
    )
    sources: list[Ref] = Field(min_length=1)
    verified: bool = Field(default=True, description="false when the trial's identity or content was not verified")
    note: Text | None = None

    _id = curie_id(Label.TRIAL)


# --------------------------------------------------------------------------- facts


class DrugTarget(Record):
    """(Drug)-[:INHIBITS]->(Target). `role` is None when the source does not say (e.g. a ChEMBL mechanism)."""

    drug: Ref
    target: Ref
    role: Literal["primary", "secondary"] | None = None
    qualifier: Text | None = None
    sources: list[Ref] = Field(min_length=1)


class TransporterRole(Record):
    """A drug's role for a transporter, with the system it was shown in, its strength and a qualifier."""

    drug: Ref
    transporter: Ref
    role: TransporterRoleKind
    system: Literal["in vitro", "animal", "patients", "label", "not reported"]
    species: Literal["human", "mouse", "rat", "human and mouse"] | None = None
    strength: Literal["weak", "modest"] | None = Field(default=None, description="as the source grades it")
    confers_resistance: bool | None = Field(
        default=None, description="whether the transporter made cells resistant to the drug, where the source says")
    qualifier: Text
    sources: list[Ref] = Field(min_length=1)

    @field_validator("qualifier")
    @classmethod
    def _no_separator(cls, value: str) -> str:
        if " | " in value:
            raise ValueError("must not contain ' | ' (it separates the parts of a stored statement)")
        return value


class Resistance(Record):
    """An alteration's effect on a drug: resistance, or activity against it."""

    alteration: Ref
    drug: Ref
    effect: Literal["confers resistance", "drug active against"]
    system: Literal["in vitro", "animal", "patients", "label", "review"]
    qualifier: Text | None = None
    sources: list[Ref] = Field(min_length=1)


class Indication(Record):
    """(Drug)-[:INDICATED_FOR]->(Disease)."""

    drug: Ref
    disease: Ref
    qualifier: Text | None = None
    sources: list[Ref] = Field(min_length=1)


class Finding(Record):
    """A population-level result with its metric, value, denominator and setting."""

    id: str
    name: Name
    kind: FindingKind
    metric: Text
    value: float | None = None
    value_text: Text | None = Field(default=None, description="the value as reported when not a single number")
    unit: Literal["%", "ratio", "fold", "months", "hazard ratio", "patients"] | None = None
    n: int | None = Field(default=None, ge=0)
    denominator: Text | None = None
    setting: Setting
    drug: Ref | None = None
    prior_drugs: list[Ref] = []
    comparator: Ref | None = None
    comparator_value: float | None = None
    arm: Text | None = None
    site: Ref | None = None
    trial: Ref | None = None
    species: Literal["human", "mouse", "rat", "monkey"] = "human"
    analysis: Text | None = Field(default=None, description="data cut or analysis the value belongs to")
    subgroup: Text | None = Field(default=None, description="the subgroup of the population the value belongs to")
    measure: Literal["response rate", "time to response", "duration of response"] | None = Field(
        default=None, description="for response findings: a rate is response evidence; times describe responders")
    verified: bool = Field(default=True, description="false when the value or its study was not verified")
    outcome: Literal["response", "no response"] | None = Field(
        default=None, description="for response findings: did the population respond at all"
    )
    evidence: EvidenceLevel = EvidenceLevel.PRIMARY
    # Variant evidence (kind 'variant evidence', from CIViC): what the knowledgebase states, kept as it states it.
    alteration: Ref | None = Field(default=None, description="the alteration the evidence is about (OF_ALTERATION)")
    therapies: list[Name] = Field(default=[], description="therapies as the source names them (text)")
    disease_name: Name | None = Field(default=None, description="disease as the source names it (text)")
    evidence_type: Literal["predictive", "diagnostic", "prognostic", "predisposing", "oncogenic", "functional"] | None = None
    direction: Literal["supports", "does not support", "not applicable"] | None = None
    significance: Name | None = Field(default=None, description="e.g. Sensitivity/Response, Resistance")
    source_level: Literal["A", "B", "C", "D", "E"] | None = Field(
        default=None, description="the source's own evidence level (CIViC: A validated ... E inferential)"
    )
    rating: int | None = Field(default=None, ge=1, le=5, description="the source's own rating (CIViC: 1-5 stars)")
    sources: list[Ref] = Field(min_length=1)
    note: Text | None = None

    _id = curie_id(Label.FINDING)

    @model_validator(mode="after")
    def _values_in_range(self) -> Finding:
        if self.unit == "%":
            for v in (self.value, self.comparator_value):
                if v is not None and not 0 <= v <= 100:
                    raise ValueError(f"a percentage must be between 0 and 100, got {v}")
        if self.value is None and self.value_text is None:
            raise ValueError("a finding needs a value or a value_text")
        if self.kind == FindingKind.CNS_RESPONSE and self.outcome is None:
            raise ValueError("a CNS response finding needs an outcome ('response' or 'no response')")
        return self
