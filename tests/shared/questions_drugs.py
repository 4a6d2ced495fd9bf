"""Question cases of kg/questions/drugs.py; same shape as tests/shared/questions.py."""

CASES: list = []
