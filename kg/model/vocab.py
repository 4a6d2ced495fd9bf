"""The closed vocabularies: node labels, relationship types, and every enum or fixed word a record or answer uses."""

from __future__ import annotations

from enum import Enum


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


class FindingKind(str, Enum):
    CNS_RESPONSE = "CNS response"
    CNS_DISEASE_CONTROL = "CNS disease control"
    CNS_PROGRESSION = "CNS progression"
    CNS_PENETRATION = "CNS penetration"
    CNS_METASTASIS_RATE = "CNS metastasis rate"
    SYSTEMIC_RESPONSE = "systemic response"
    SURVIVAL = "survival"
    VARIANT_EVIDENCE = "variant evidence"  # a knowledgebase's statement about a molecular profile (CIViC)


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
