"""The question suite on the in-memory store."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.stores import MemoryStore, build, seed_dir
from tests.shared.questions import CASES

FIXTURES = Path(__file__).parent.parent / "fixtures"


REPORTS = [FIXTURES / "cases" / f"test-{name}.yaml" for name in ("series", "unknown-order", "no-demographics")]
DATASETS = {"mini": [FIXTURES / "mini"], "seed": None, "reports": [seed_dir(), *REPORTS]}
_stores: dict[str, MemoryStore] = {}


def store_for(dataset: str) -> MemoryStore:
    if dataset not in _stores:
        _stores[dataset] = MemoryStore(build(DATASETS[dataset])[0])
    return _stores[dataset]


@pytest.mark.parametrize(("dataset", "question", "params", "project", "expected"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_question(dataset, question, params, project, expected):
    store = store_for(dataset)
    answer = kg.ask(question, store, **params)
    assert project(answer.rows) == expected
    assert all(row["graph"] == store.fingerprint() for row in answer.rows)
