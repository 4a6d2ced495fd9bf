"""The question catalogue: a plain dict from question id to its definition."""

from __future__ import annotations

from kg.errors import KGError
from kg.questions import (after_failure, alk_cns_after_crizotinib, case_timeline, cases_with_site, cns_penetration,
                          conflicting_evidence, drugs_for_target, evidence_for, knowledge_gaps, neighbourhood,
                          transporter_profile, trials_for_drug)
from kg.questions.catalogue import Param, Question, canonical_rows

# One module per question, named as its Cypher file (cypher/questions/<module>.cypher) and its in-memory function;
# in the catalogue's order (the browser guide's slides follow it).
REGISTRY: dict[str, Question] = {q.id: q for q in (
    alk_cns_after_crizotinib.ALK_CNS_AFTER_CRIZOTINIB, cns_penetration.CNS_PENETRATION,
    trials_for_drug.TRIALS_FOR_DRUG, evidence_for.EVIDENCE_FOR,
    drugs_for_target.DRUGS_FOR_TARGET, transporter_profile.TRANSPORTER_PROFILE, knowledge_gaps.KNOWLEDGE_GAPS,
    conflicting_evidence.CONFLICTING_EVIDENCE,
    case_timeline.CASE_TIMELINE, cases_with_site.CASES_WITH_SITE, after_failure.AFTER_FAILURE,
    neighbourhood.NEIGHBOURHOOD,
)}


def get(question_id: str) -> Question:
    """The question with this id, or a one-line error listing the valid ids."""
    try:
        return REGISTRY[question_id]
    except KeyError:
        raise KGError(f"unknown question {question_id!r} (valid: {', '.join(sorted(REGISTRY))})") from None


__all__ = ["REGISTRY", "Param", "Question", "canonical_rows", "get"]
