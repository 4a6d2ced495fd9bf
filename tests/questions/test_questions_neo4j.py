"""The question suite on Neo4j: same expected rows as on memory, and rows identical to the memory store's."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.stores import MemoryStore, Neo4jGraphStore, build, seed_dir
from tests.shared.questions import CASES

FIXTURES = Path(__file__).parent.parent / "fixtures"
REPORTS = [FIXTURES / "cases" / f"test-{name}.yaml" for name in ("series", "unknown-order", "no-demographics")]
DATASETS = {"mini": [FIXTURES / "mini"], "seed": None, "reports": [seed_dir(), *REPORTS]}


@pytest.fixture(scope="module")
def loaded(neo4j_settings):
    """Load each dataset once (wiping the database between them) and yield both stores."""
    from kg.stores.neo4j_store import Neo4jStore, connect

    current: dict[str, tuple[MemoryStore, Neo4jGraphStore]] = {}
    store = Neo4jGraphStore(Neo4jStore(connect(neo4j_settings)), neo4j_settings)

    def get(dataset: str) -> tuple[MemoryStore, Neo4jGraphStore]:
        if dataset not in current:
            current.clear()
            # The dataset alone (kg.load always layers files on the curated seed, which the mini fixture repeats).
            store.replace(build(DATASETS[dataset])[0])
            current[dataset] = (MemoryStore(build(DATASETS[dataset])[0]), store)
        return current[dataset]

    yield get
    store.close()


ORDERED = sorted(CASES, key=lambda c: c[0])


@pytest.mark.parametrize(("dataset", "question", "params", "project", "expected"), ORDERED,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(ORDERED)])
def test_question_on_neo4j(loaded, dataset, question, params, project, expected):
    memory, neo4j = loaded(dataset)
    on_neo4j = kg.ask(question, neo4j, **params)
    assert project(on_neo4j.rows) == expected
    assert on_neo4j.rows == kg.ask(question, memory, **params).rows
