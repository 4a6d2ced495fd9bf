"""Question cases of kg/questions/explore.py; same shape as tests/shared/questions.py."""

CASES: list = []
