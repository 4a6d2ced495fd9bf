"""The schema: node labels, relationship types, and the pydantic models of seed records.

A seed file is a YAML mapping from a record kind (the keys of `RECORD_KINDS`) to a list of records.
Records are validated here, once; everything after works on these typed objects.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

SCHEMA_VERSION = "1"


class Label(str, Enum):
    """Node labels. Nothing else ever reaches Cypher as a label."""

    DRUG = "Drug"
    TARGET = "Target"
    TRANSPORTER = "Transporter"
    ALTERATION = "Alteration"
    DISEASE = "Disease"
    SITE = "Site"
    TRIAL = "Trial"
    PUBLICATION = "Publication"
    CASE = "Case"
    TREATMENT_LINE = "TreatmentLine"
    OBSERVATION = "Observation"
    FINDING = "Finding"


class Rel(str, Enum):
    """Relationship types. Nothing else ever reaches Cypher as a type."""

    INHIBITS = "INHIBITS"
    SUBSTRATE_OF = "SUBSTRATE_OF"
    NOT_SUBSTRATE_OF = "NOT_SUBSTRATE_OF"
    INHIBITS_TRANSPORTER = "INHIBITS_TRANSPORTER"
    INDUCES_TRANSPORTER = "INDUCES_TRANSPORTER"
    INDICATED_FOR = "INDICATED_FOR"
    ALTERATION_OF = "ALTERATION_OF"
    CONFERS_RESISTANCE_TO = "CONFERS_RESISTANCE_TO"
    ACTIVE_AGAINST = "ACTIVE_AGAINST"
    TESTED = "TESTED"
    ENROLLED = "ENROLLED"
    REPORTED_IN = "REPORTED_IN"
    PART_OF = "PART_OF"
    SUBTYPE_OF = "SUBTYPE_OF"
    DIAGNOSED_WITH = "DIAGNOSED_WITH"
    HAS_METASTASIS = "HAS_METASTASIS"
    HAD_LINE = "HAD_LINE"
    NEXT = "NEXT"
    USED = "USED"
    TARGETED_SITE = "TARGETED_SITE"
    OBSERVED = "OBSERVED"
    AT_SITE = "AT_SITE"
    OF_DRUG = "OF_DRUG"
    AFTER = "AFTER"
    FROM_TRIAL = "FROM_TRIAL"
    COMPARED_WITH = "COMPARED_WITH"
    OF_ALTERATION = "OF_ALTERATION"
    IN_SERIES = "IN_SERIES"
    HAS_ALTERATION = "HAS_ALTERATION"


# Relationship types that state a fact and so carry `sources` (merged as a union).
FACT_RELS = frozenset(
    {
        Rel.INHIBITS,
        Rel.SUBSTRATE_OF,
        Rel.NOT_SUBSTRATE_OF,
        Rel.INHIBITS_TRANSPORTER,
        Rel.INDUCES_TRANSPORTER,
        Rel.INDICATED_FOR,
        Rel.CONFERS_RESISTANCE_TO,
        Rel.ACTIVE_AGAINST,
        Rel.HAS_METASTASIS,
    }
)

# Identifier prefixes allowed per label. `oncokg:` is the project's own namespace, for
# records that no public registry identifies (a case, a finding, a source without PMID/DOI).
ID_PREFIXES: dict[Label, tuple[str, ...]] = {
    Label.DRUG: ("DRUGBANK",),
    Label.TARGET: ("HGNC",),
    Label.TRANSPORTER: ("HGNC",),
    Label.ALTERATION: ("oncokg",),
    Label.DISEASE: ("NCIT",),
    Label.SITE: ("UBERON", "oncokg"),
    Label.TRIAL: ("NCT", "oncokg"),
    Label.PUBLICATION: ("PMID", "DOI", "oncokg"),
    Label.CASE: ("oncokg",),
    Label.TREATMENT_LINE: ("oncokg",),
    Label.OBSERVATION: ("oncokg",),
    Label.FINDING: ("oncokg",),
}

_LOCAL_PATTERNS = {
    "DRUGBANK": r"DB\d{5}",
    "HGNC": r"\d+",
    "NCIT": r"C\d+",
    "UBERON": r"\d{7}",
    "NCT": r"NCT\d{8}",
    "PMID": r"[1-9]\d{0,8}",
    "DOI": r"10\.\d{4,9}/\S+",
    "oncokg": r"[a-z][a-z0-9]*(-[A-Za-z0-9.]+)+(/[a-z0-9][A-Za-z0-9.-]*)*",
}


def check_curie(value: str, label: Label) -> str:
    """Return `value` if it is a CURIE with a prefix allowed for `label`, else raise ValueError."""
    prefix, sep, local = value.partition(":")
    allowed = ID_PREFIXES[label]
    if not sep or prefix not in allowed:
        raise ValueError(f"{value!r} is not a {label.value} identifier (expected prefix {' or '.join(p + ':' for p in allowed)})")
    if not re.fullmatch(_LOCAL_PATTERNS[prefix], local):
        raise ValueError(f"{value!r} is not a well-formed {prefix}: identifier")
    return value


def _curie(label: Label):
    def validate(cls, v: str) -> str:
        return check_curie(v, label)

    return field_validator("id")(validate)


Text = Annotated[str, Field(min_length=1, max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Ref = Annotated[str, Field(min_length=1, max_length=200)]


class Record(BaseModel):
    """Base of every seed record: strict, no unknown fields, numbers that both stores can hold."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False,
                              defer_build=True)  # schemas are built on first validation, not at import

    @field_validator("*")
    @classmethod
    def _fits_64_bits(cls, value: object) -> object:
        """Neo4j integers are 64-bit: a wider one would load in memory and then fail to write to Neo4j."""
        if isinstance(value, int) and not -(2**63) <= value < 2**63:
            raise ValueError("must be an integer of at most 64 bits")
        return value


# --------------------------------------------------------------------------- sources


class SourceKind(str, Enum):
    """What kind of evidence a source is; every answer names it for each source."""

    TRIAL = "trial"
    COHORT = "cohort"
    CASE_REPORT = "case report"
    CASE_SERIES = "case series"
    LABEL = "label"
    IN_VITRO = "in-vitro study"
    ANIMAL = "animal study"
    PHARMACOKINETIC = "pharmacokinetic study"
    REVIEW = "review"
    CONGRESS_REPORT = "congress report"
    DATABASE = "database"
    COMMENTARY = "commentary"
    NEWS = "news report"  # a news item about a journal paper or a congress talk
    DRUG_INFO = "drug information page"  # formularies, drug bulletins, drug histories: not the label itself
    NOT_LOCATED = "report not located"  # a placeholder for a report that was cited but never found
    ARTICLE = "journal article (type not stated)"  # a paper whose article type the page read did not show


class EvidenceLevel(str, Enum):
    """How the fact was read, as in shared/reference (weak levels stay visible in answers)."""

    PRIMARY = "primary"
    REGULATORY_LABEL = "regulatory_label"
    DRUG_INFO_PAGE = "drug_info_page"
    AUTHORITATIVE_EXPORT = "authoritative_export"
    SECONDARY_CONCORDANT = "secondary_concordant"
    SINGLE_SECONDARY = "single_secondary"


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

    _id = _curie(Label.PUBLICATION)


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

    _id = _curie(Label.DRUG)


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

    _id = _curie(Label.TARGET)


class Alteration(Record):
    """A gene alteration such as a resistance mutation (ALK G1202R)."""

    id: str
    name: Name = Field(description="e.g. 'ALK G1202R'")
    gene: Ref
    sources: list[Ref] = Field(min_length=1)

    _id = _curie(Label.ALTERATION)


class Disease(Record):
    id: str
    name: Name
    synonyms: list[Name] = []
    parent: Ref | None = None
    mondo: str | None = Field(default=None, pattern=r"^MONDO:\d{7}$")
    umls: str | None = Field(default=None, pattern=r"^C\d{7}$")
    sources: list[Ref] = Field(min_length=1)

    _id = _curie(Label.DISEASE)


class Site(Record):
    id: str
    name: Name
    synonyms: list[Name] = []
    cns: bool
    part_of: list[Ref] = []
    ncit: str | None = Field(default=None, pattern=r"^NCIT:C\d+$")
    sources: list[Ref] = []
    note: Text | None = None

    _id = _curie(Label.SITE)


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

    _id = _curie(Label.TRIAL)


# --------------------------------------------------------------------------- facts


class Setting(str, Enum):
    """Which prior therapy a population had; a Finding's or Trial's setting."""

    TREATMENT_NAIVE = "treatment-naive"
    ALK_INHIBITOR_NAIVE = "ALK-inhibitor-naive"
    CRIZOTINIB_PRETREATED = "crizotinib-pretreated"  # the source does not say why crizotinib was stopped
    CRIZOTINIB_REFRACTORY = "crizotinib-refractory"  # progressed on crizotinib
    CRIZOTINIB_REFRACTORY_OR_INTOLERANT = "crizotinib-refractory or intolerant"  # progressed on or could not tolerate it
    SECOND_GEN_PRETREATED = "second-generation-ALK-inhibitor-pretreated"
    MIXED = "mixed"
    EGFR_TKI_TREATED = "EGFR-TKI-treated"
    PRECLINICAL = "preclinical"
    NOT_APPLICABLE = "not applicable"
    NOT_REPORTED = "not reported"


class DrugTarget(Record):
    """(Drug)-[:INHIBITS]->(Target). `role` is None when the source does not say (e.g. a ChEMBL mechanism)."""

    drug: Ref
    target: Ref
    role: Literal["primary", "secondary"] | None = None
    qualifier: Text | None = None
    sources: list[Ref] = Field(min_length=1)


class TransporterRoleKind(str, Enum):
    SUBSTRATE = "substrate"
    NOT_SUBSTRATE = "not substrate"
    INHIBITOR = "inhibitor"
    INDUCER = "inducer"


TRANSPORTER_ROLE_REL = {
    TransporterRoleKind.SUBSTRATE: Rel.SUBSTRATE_OF,
    TransporterRoleKind.NOT_SUBSTRATE: Rel.NOT_SUBSTRATE_OF,
    TransporterRoleKind.INHIBITOR: Rel.INHIBITS_TRANSPORTER,
    TransporterRoleKind.INDUCER: Rel.INDUCES_TRANSPORTER,
}


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


class FindingKind(str, Enum):
    CNS_RESPONSE = "CNS response"
    CNS_DISEASE_CONTROL = "CNS disease control"
    CNS_PROGRESSION = "CNS progression"
    CNS_PENETRATION = "CNS penetration"
    CNS_METASTASIS_RATE = "CNS metastasis rate"
    SYSTEMIC_RESPONSE = "systemic response"
    SURVIVAL = "survival"
    VARIANT_EVIDENCE = "variant evidence"  # a knowledgebase's statement about a molecular profile (CIViC)


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

    _id = _curie(Label.FINDING)

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


# --------------------------------------------------------------------------- cases

# The one spelling of an unknown in a case file. Answers and exports print it; a placeholder value never stands in.
NOT_REPORTED = "not reported"


class Response(str, Enum):
    """The fixed vocabulary of what was seen at one site after one line. The ungraded words (responded, improved,
    shrank, controlled, progressed) are for reports that give no grade."""

    COMPLETE_RESPONSE = "complete response"
    MARKED_RESPONSE = "marked response"
    PARTIAL_RESPONSE = "partial response"
    CLINICAL_IMPROVEMENT = "clinical improvement"
    STABLE_DISEASE = "stable disease"
    NO_CHANGE = "no change"
    ENLARGEMENT = "enlargement"
    PROGRESSION = "progression"
    NEW_LESION = "new lesion"
    RESPONDED = "responded"
    IMPROVED = "improved"
    SHRANK = "shrank"
    CONTROLLED = "controlled"
    PROGRESSED = "progressed"
    NOT_REPORTED = NOT_REPORTED


RESPONDED = frozenset(
    {Response.COMPLETE_RESPONSE, Response.MARKED_RESPONSE, Response.PARTIAL_RESPONSE, Response.CLINICAL_IMPROVEMENT,
     Response.RESPONDED, Response.IMPROVED, Response.SHRANK}
)

# The one classification of an observation that every question uses. Stable disease is disease control, not
# failure; an observation of a local therapy at a site it did not treat is 'not assessed' for that therapy.
RESPONSE = "response"
DISEASE_CONTROL = "disease control"
PROGRESSION = "progression"
NOT_ASSESSED = "not assessed"
RESPONSE_CLASSES = (RESPONSE, DISEASE_CONTROL, PROGRESSION, NOT_ASSESSED)
RESPONSE_CLASS: dict[Response, str] = {
    Response.COMPLETE_RESPONSE: RESPONSE,
    Response.MARKED_RESPONSE: RESPONSE,
    Response.PARTIAL_RESPONSE: RESPONSE,
    Response.CLINICAL_IMPROVEMENT: RESPONSE,
    Response.RESPONDED: RESPONSE,
    Response.IMPROVED: RESPONSE,
    Response.SHRANK: RESPONSE,
    Response.STABLE_DISEASE: DISEASE_CONTROL,
    Response.NO_CHANGE: DISEASE_CONTROL,
    Response.CONTROLLED: DISEASE_CONTROL,
    Response.ENLARGEMENT: PROGRESSION,
    Response.PROGRESSION: PROGRESSION,
    Response.NEW_LESION: PROGRESSION,
    Response.PROGRESSED: PROGRESSION,
    Response.NOT_REPORTED: NOT_ASSESSED,
}

Basis = Literal["RANO-BM", "RANO-LM", "RECIST", "clinical", "not reported"]
Modality = Literal["radiosurgery", "stereotactic radiotherapy", "whole-brain radiotherapy", "craniospinal irradiation",
                   "radiotherapy", "surgery", "surgical resection", "intrathecal chemotherapy"]


def _months(value: object) -> object:
    """`months_after_start: not reported` is the same as leaving it out."""
    return None if value == NOT_REPORTED else value


class Observation(Record):
    site: Ref
    response: Response
    months_after_start: Annotated[float | None, BeforeValidator(_months)] = Field(
        default=None, ge=0, le=600, description="months after the line started, as reported (`not reported`: leave out)")
    method: Name | None = None
    basis: Basis | None = Field(default=None, description="the response criteria the report used, when it says")
    patients: int | None = Field(default=None, ge=0, le=100_000,
                                 description="series only: how many patients this was seen in (with `of`)")
    of: int | None = Field(default=None, ge=1, le=100_000, description="series only: out of how many patients")
    note: Text | None = None

    @model_validator(mode="after")
    def _count(self) -> Observation:
        if (self.patients is None) != (self.of is None):
            raise ValueError("a series-level count needs both 'patients' and 'of' (3 of 4: patients: 3, of: 4)")
        if self.patients is not None and self.of is not None and self.patients > self.of:
            raise ValueError(f"patients {self.patients} is more than of {self.of}")
        return self


class LineFields(Record):
    """What every step of a history says; a member of an unordered group is just this (it shares the group's order)."""

    kind: Literal["systemic", "local", "prior therapy"] = Field(
        description="systemic (drugs), local (a modality), or prior therapy written as a count of lines")
    name: Name = Field(description="e.g. 'carboplatin + paclitaxel + bevacizumab', 'gamma knife radiosurgery'")
    therapy_line: int | None = Field(default=None, ge=1, le=20, description="systemic line number as reported")
    count: int | None = Field(default=None, ge=1, le=20, description="prior therapy: how many lines it stands for")
    drugs: list[Ref] = []
    modality: Modality | None = None
    target_sites: list[Ref] = []
    concurrent_with: int | None = Field(
        default=None, ge=1, le=100, description="local therapy given during a systemic line: that line's order")
    dose: Text | None = Field(default=None, description="dose as reported, or `not reported`")
    cycles: int | None = Field(default=None, ge=1, le=1000)
    duration: Text | None = None
    end_reason: Text | None = None
    observations: list[Observation] = []
    note: Text | None = None

    @model_validator(mode="after")
    def _kind_matches(self) -> LineFields:
        from kg.model.dose import check_dose

        if self.dose and self.dose != NOT_REPORTED and (problem := check_dose(self.dose)):
            raise ValueError(problem)
        if self.kind == "systemic" and not self.drugs:
            raise ValueError("a systemic line needs at least one drug")
        if self.kind == "local" and self.modality is None:
            raise ValueError("a local line needs a modality")
        if self.kind == "local" and self.drugs and self.modality != "intrathecal chemotherapy":
            raise ValueError("a local line names drugs only for intrathecal chemotherapy")
        if self.kind == "prior therapy" and self.count is None:
            raise ValueError("a prior therapy needs a count of lines (count: 3)")
        if self.kind != "prior therapy" and self.count is not None:
            raise ValueError("only a prior therapy has a count")
        if self.kind == "prior therapy" and (self.observations or self.therapy_line):
            raise ValueError("a prior therapy has no observations and no therapy_line")
        if self.kind != "local" and self.concurrent_with is not None:
            raise ValueError("only a local therapy is given during (concurrent_with) a systemic line")
        return self


class TreatmentLine(LineFields):
    order: int = Field(ge=1, le=100, description="position in the case's history, 1 = first")


class LineGroup(Record):
    """Lines given at one point of the history whose order among themselves the report does not give."""

    order: int = Field(ge=1, le=100, description="position of the group in the case's history")
    sequence: Literal["not reported"] = Field(description="always `not reported`: what makes this entry a group")
    lines: list[LineFields] = Field(min_length=2, description="the lines, in any order; each systemic")
    note: Text | None = None

    @model_validator(mode="after")
    def _systemic(self) -> LineGroup:
        if any(line.kind != "systemic" for line in self.lines):
            raise ValueError("a group of lines in unknown order holds systemic lines only")
        return self


def _line_kind(raw: object) -> str:
    return "group" if isinstance(raw, dict) and "sequence" in raw else "line"


Step = Annotated[Annotated[TreatmentLine, Tag("line")] | Annotated[LineGroup, Tag("group")],
                 Discriminator(_line_kind)]


# Specimen and time point are kept inside the test's text ('... (specimen: plasma; time point: at progression)').
BiomarkerText = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^;()]+$")]


class BiomarkerTest(Record):
    gene: Ref
    method: Literal["IHC", "FISH", "NGS", "PCR", "not reported"] = "not reported"
    result: Literal["positive", "negative", "inconclusive", "not reported"]
    specimen: BiomarkerText | None = Field(default=None, description="e.g. tissue, plasma, CSF")
    time_point: BiomarkerText | None = Field(default=None, description="e.g. at diagnosis, at progression on alectinib")
    alteration: Ref | None = Field(default=None, description="an alteration the test found (e.g. ALK G1202R)")


class Metastasis(Record):
    site: Ref
    found: Literal["at diagnosis", "during treatment", "not reported"]
    after_line: int | None = Field(
        default=None, ge=1, description="order of the line during or after which it was first seen"
    )
    patients: int | None = Field(default=None, ge=0, le=100_000, description="series only: patients with it")
    note: Text | None = None


AGE_TEXT = re.compile(r"(\d{1,3})\s*-\s*(\d{1,3})|(≥|≤|>|<)\s*(\d{1,3})|not reported")


def _age(value: object) -> object:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        match = AGE_TEXT.fullmatch(text)
        if not match or any(int(n) > 120 for n in re.findall(r"\d+", text)):
            raise ValueError("age must be years (0-120), a range as written ('60-69'), a bound ('≥ 60') "
                             "or 'not reported'")
        return text
    return value


class Case(Record):
    id: str
    name: Name
    age: Annotated[int | str, BeforeValidator(_age)] = Field(
        description="years; or a range ('60-69') or bound ('≥ 60') as written; or `not reported`")
    sex: Literal["female", "male", "not reported"]
    ethnicity: Name | None = None
    smoking: Literal["never", "former", "current", "not reported"]
    histology: Name
    differentiation: Name | None = None
    stage: Name
    tnm: Name | None = None
    presentation: Text | None = None
    diagnosis: Ref
    patients: int | None = Field(default=None, ge=2, le=100_000,
                                 description="a case series: how many patients this record stands for")
    series: Ref | None = Field(default=None, description="the series (a case with `patients`) this patient is from")
    biomarkers: list[BiomarkerTest] = []
    metastases: list[Metastasis] = []
    lines: list[Step] = Field(min_length=1)
    sources: list[Ref] = Field(min_length=1)
    note: Text | None = None

    _id = _curie(Label.CASE)

    @field_validator("age")
    @classmethod
    def _age_range(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 0 <= value <= 120:
            raise ValueError("Input should be less than or equal to 120" if value > 120 else
                             "Input should be greater than or equal to 0")
        return value

    @model_validator(mode="after")
    def _lines_in_order(self) -> Case:
        orders = [line.order for line in self.lines]
        if orders != list(range(1, len(orders) + 1)):
            raise ValueError(f"lines must be numbered 1, 2, 3, ... in order, got {orders}")
        for m in self.metastases:
            if m.after_line is not None and m.after_line > len(self.lines):
                raise ValueError(f"metastasis at {m.site} is after line {m.after_line}, but the case has {len(self.lines)} lines")
        systemic = {s.order for s in self.lines if isinstance(s, TreatmentLine) and s.kind == "systemic"}
        for s in self.lines:
            if isinstance(s, TreatmentLine) and s.concurrent_with is not None and s.concurrent_with not in systemic:
                raise ValueError(f"line {s.order} is concurrent with line {s.concurrent_with}, which is not a "
                                 "single systemic line of this case")
        counted = [(s, o) for s in self.lines for line in (s.lines if isinstance(s, LineGroup) else [s])
                   for o in line.observations if o.patients is not None]
        if counted and self.patients is None:
            raise ValueError("observations with patient counts belong to a series (give the case 'patients: N')")
        for _, o in counted:
            if self.patients is not None and o.of is not None and o.of > self.patients:
                raise ValueError(f"an observation counts {o.of} patients, but the series has {self.patients}")
        if self.patients is None and any(m.patients is not None for m in self.metastases):
            raise ValueError("metastases with patient counts belong to a series (give the case 'patients: N')")
        if self.patients is not None and self.series is not None:
            raise ValueError("a series is not itself part of a series")
        return self


def line_entries(case: Case) -> list[tuple[str, LineFields, int]]:
    """Every line of a case with its id suffix and order: 'line-3' for a single line, 'line-2a', 'line-2b' for the
    members of an unordered group (in the order the file lists them)."""
    out: list[tuple[str, LineFields, int]] = []
    for step in case.lines:
        if isinstance(step, LineGroup):
            out += [(f"line-{step.order}{chr(ord('a') + i)}", member, step.order) for i, member in enumerate(step.lines)]
        else:
            out.append((f"line-{step.order}", step, step.order))
    return out


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

Trial.model_rebuild()
