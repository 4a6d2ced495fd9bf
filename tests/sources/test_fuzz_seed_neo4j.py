"""Fuzzed seed files loaded into Neo4j (a few examples of each strategy of tests/shared/fuzz.py, and the known
hostile files): `kg load --store neo4j` exits 0 or 1 with one problem per line, never a traceback. After a
failed load the database's contents (recomputed by `verify_fingerprint`) are exactly what they were; after a
successful one they are exactly the graph the memory store builds from the same files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import kg
from kg.cli import main
from kg.graph import build as graph
from kg.stores import Neo4jGraphStore, build
from kg.stores.neo4j_store import Neo4jStore, connect
from tests.shared.fuzz import HOSTILE_FILES, as_yaml, check_output, documents, edits, fresh_state, fuzz, records
from tests.shared.seed_records import MINI, document


@pytest.fixture(scope="module")
def mini_db(neo4j_settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Neo4jGraphStore]]:
    """The mini fixture as the curated seed (KG_SEED_DIR), loaded into an emptied database."""
    root = tmp_path_factory.mktemp("fuzz-neo4j")
    (root / "seed").mkdir()
    (root / "extra").mkdir()
    shutil.copy(MINI, root / "seed" / "mini.yaml")
    store = Neo4jGraphStore(Neo4jStore(connect(neo4j_settings)), neo4j_settings)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_SEED_DIR", str(root / "seed"))
        store.db.driver.execute_query("MATCH (n) DETACH DELETE n")
        with fresh_state(root):
            kg.load(store)
        yield root, store
    store.close()


def check_on_neo4j(root: Path, store: Neo4jGraphStore, content: bytes) -> None:
    file = root / "extra" / "fuzzed.yaml"
    file.write_bytes(content)
    with fresh_state(root):  # the store holds the seed (and what a previous example loaded); this load replaces it
        before = store.verify_fingerprint()
        result = CliRunner().invoke(main, ["load", "--store", "neo4j", "-q", str(file)])
        check_output(result)
        if result.exit_code == 1:
            assert store.verify_fingerprint() == before, "a failed load changed the database"
        else:
            assert store.verify_fingerprint() == graph.fingerprint(build([root / "seed", file])[0])


@fuzz(12)
@given(st.lists(records(), min_size=1, max_size=3), st.sampled_from(["yaml", "json"]))
def test_fuzzed_records_on_neo4j(mini_db, neo4j_env, items, style):
    doc: dict[str, list[dict[str, Any]]] = {}
    for kind, record in items:
        for k, v in document(kind, [record]).items():
            doc.setdefault(k, []).extend(r for r in v if r not in doc.get(k, []))
    check_on_neo4j(*mini_db, as_yaml(doc, style))


@fuzz(6)
@given(st.one_of(documents.map(lambda d: as_yaml(d, "yaml")), st.binary(max_size=200), edits()))
def test_fuzzed_files_on_neo4j(mini_db, neo4j_env, content):
    check_on_neo4j(*mini_db, content)


@pytest.mark.parametrize("content", [c for _, c in HOSTILE_FILES], ids=[n for n, _ in HOSTILE_FILES])
def test_known_hostile_files_on_neo4j(mini_db, neo4j_env, content):
    check_on_neo4j(*mini_db, content)
