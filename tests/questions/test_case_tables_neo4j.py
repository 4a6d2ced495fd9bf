"""The case questions' table views on Neo4j: the same cited lines as on the memory store (the table cases are
shared with tests/questions/test_case_tables.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.questions import get
from kg.stores import MemoryStore, Neo4jGraphStore, build
from tests.shared.questions_cases import TABLE_CASES

FIXTURES = Path(__file__).parent.parent / "fixtures"
DATASETS = {"mini": [FIXTURES / "mini"], "seed": None}


@pytest.fixture(scope="module")
def loaded(neo4j_settings):
    """Load each dataset once (wiping the database between them) and yield both stores."""
    from kg.stores.neo4j_store import Neo4jStore, connect

    current: dict[str, tuple[MemoryStore, Neo4jGraphStore]] = {}
    store = Neo4jGraphStore(Neo4jStore(connect(neo4j_settings)), neo4j_settings)

    def get_stores(dataset: str) -> tuple[MemoryStore, Neo4jGraphStore]:
        if dataset not in current:
            current.clear()
            store.replace(build(DATASETS[dataset])[0])
            current[dataset] = (MemoryStore(build(DATASETS[dataset])[0]), store)
        return current[dataset]

    yield get_stores
    store.close()


ORDERED = sorted(TABLE_CASES, key=lambda c: c[0])


@pytest.mark.parametrize(("dataset", "question", "params", "project", "expected"), ORDERED,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(ORDERED)])
def test_table_view_on_neo4j(loaded, dataset, question, params, project, expected):
    memory, neo4j = loaded(dataset)
    view = get(question)
    on_neo4j = [view.table(r) for r in kg.ask(question, neo4j, **params).rows]
    assert project(on_neo4j) == expected
    assert on_neo4j == [view.table(r) for r in kg.ask(question, memory, **params).rows]
