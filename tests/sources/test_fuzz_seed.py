"""Property-based fuzzing of seed files (hypothesis): records built from the models' own field names with values of
any type, random YAML documents, random bytes, a valid file with random edits, and files known to be hostile
(strategies in tests/shared/fuzz.py).

Whatever the file, `kg validate --standalone` and `kg load` (memory store) end in exit 0, or in exit 1 with every
stderr line `Error: <file>: <where>: <message>` and a last line counting them; never a traceback. Both commands
agree, and a failed load leaves the store exactly as it was.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from kg import registry
from kg.cli import main
from kg.stores import MemoryStore
from tests.shared.fuzz import HOSTILE_FILES, VALID, as_yaml, check_output, documents, edits, fresh_state, fuzz, records
from tests.shared.seed_records import MINI, document


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """seed/mini.yaml as the curated seed (KG_SEED_DIR); fuzzed files go to extra/, next to it."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "seed").mkdir()
    (root / "extra").mkdir()
    shutil.copy(MINI, root / "seed" / "mini.yaml")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_SEED_DIR", str(root / "seed"))
        yield root


def check_file(root: Path, content: bytes) -> int:
    """The properties every file must have, whatever it holds; returns the exit code of `kg load`."""
    file = root / "extra" / "fuzzed.yaml"
    file.write_bytes(content)
    runner = CliRunner()
    with fresh_state(root):
        before = MemoryStore().fingerprint()
        validated = runner.invoke(main, ["validate", str(file)])  # on top of the seed, as `kg load` reads it
        loaded = runner.invoke(main, ["load", str(file)])
        check_output(validated)
        check_output(loaded)
        assert validated.exit_code == loaded.exit_code, (validated.output, loaded.output)
        if loaded.exit_code == 1:
            assert validated.stderr == loaded.stderr
            assert registry.read("memory") == [], "a failed load was recorded"
            assert MemoryStore().fingerprint() == before, "a failed load changed the memory store"
        else:
            assert [e.path for e in registry.read("memory")] == [str(file.resolve())]
            g = MemoryStore().graph
            found = [v for _, data in g.nodes(data=True) for v in data.values()]
            found += [v for _, _, data in g.edges(data=True) for v in data.values()]
            bad = [v for v in found if isinstance(v, float) and not math.isfinite(v)
                   or isinstance(v, int) and not -(2**63) <= v < 2**63]
            assert not bad, f"loaded numbers that Neo4j cannot hold: {bad}"
    return loaded.exit_code


@fuzz(40)
@given(st.lists(records(), min_size=1, max_size=4), st.sampled_from(["yaml", "json"]))
def test_fuzzed_records(workdir, items, style):
    doc: dict[str, list[dict[str, Any]]] = {}
    for kind, record in items:
        for k, v in document(kind, [record]).items():
            doc.setdefault(k, []).extend(r for r in v if r not in doc.get(k, []))
    event("loaded" if check_file(workdir, as_yaml(doc, style)) == 0 else "refused")


@fuzz(40)
@given(documents, st.sampled_from(["yaml", "json"]))
def test_fuzzed_documents(workdir, doc, style):
    event("loaded" if check_file(workdir, as_yaml(doc, style)) == 0 else "refused")


@fuzz(40)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8"))))
def test_fuzzed_bytes(workdir, content):
    event("loaded" if check_file(workdir, content) == 0 else "refused")


def test_the_file_to_edit_is_valid(workdir):
    assert check_file(workdir, VALID) == 0


@fuzz(40)
@given(edits())
def test_fuzzed_edits_of_a_valid_file(workdir, content):
    event("loaded" if check_file(workdir, content) == 0 else "refused")


@pytest.mark.parametrize("content", [c for _, c in HOSTILE_FILES], ids=[n for n, _ in HOSTILE_FILES])
def test_known_hostile_files(workdir, content):
    check_file(workdir, content)
