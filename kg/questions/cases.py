"""Questions (to be written): see kg/questions/catalogue.py for the contract."""

from __future__ import annotations

from kg.questions.catalogue import Question

QUESTIONS: tuple[Question, ...] = ()
