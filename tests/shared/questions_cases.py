"""Question cases of kg/questions/cases.py; same shape as tests/shared/questions.py."""

CASES: list = []
