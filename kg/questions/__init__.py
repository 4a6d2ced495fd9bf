"""The question catalogue: a plain dict from question id to its definition."""

from __future__ import annotations

from kg.errors import KGError
from kg.questions import cases, cns, drugs, explore
from kg.questions.catalogue import Param, Question, canonical_rows

# One module per family of questions; each lists its questions in QUESTIONS.
REGISTRY: dict[str, Question] = {q.id: q for module in (cns, drugs, cases, explore) for q in module.QUESTIONS}


def get(question_id: str) -> Question:
    """The question with this id, or a one-line error listing the valid ids."""
    try:
        return REGISTRY[question_id]
    except KeyError:
        raise KGError(f"unknown question {question_id!r} (valid: {', '.join(sorted(REGISTRY))})") from None


__all__ = ["REGISTRY", "Param", "Question", "canonical_rows", "get"]
