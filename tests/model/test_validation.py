"""Every malformed input gives its exact `file: record: field: message`, and loads nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.errors import ValidationError
from kg.graph import build as graph
from kg.stores import MemoryStore, build
from tests.shared.malformed import CASES

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def bad_dataset(tmp_path: Path, content: str) -> tuple[Path, Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    bad = data / "zz-bad.yaml"
    bad.write_text(content, encoding="utf-8")
    return data, bad, data / "mini.yaml"


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_problem_message_is_exact(tmp_path: Path, name: str, content: str, expected: list[str]):
    data, bad, mini = bad_dataset(tmp_path, content)
    want = [e.replace("{bad}", str(bad)).replace("{mini}", str(mini)) for e in expected]
    assert api.validate([data], standalone=True) == want


@pytest.mark.parametrize(("name", "content", "expected"), CASES[:6], ids=[c[0] for c in CASES[:6]])
def test_cli_validate_prints_each_problem_and_exits_1(tmp_path: Path, name: str, content: str, expected: list[str]):
    data, bad, mini = bad_dataset(tmp_path, content)
    result = CliRunner().invoke(main, ["validate", "--standalone", str(data)])
    assert result.exit_code == 1
    lines = [e.replace("{bad}", str(bad)).replace("{mini}", str(mini)) for e in expected]
    assert result.output.splitlines() == [f"Error: {line}" for line in lines] + [
        f"Error: {len(lines)} problem(s); nothing was loaded."
    ]


def test_failed_load_leaves_the_memory_store_unchanged(tmp_path: Path):
    store = MemoryStore(build([MINI])[0])
    before = store.fingerprint()
    data, _, _ = bad_dataset(tmp_path, CASES[11][1])
    with pytest.raises(ValidationError):
        api.load(store, [data])
    assert graph.fingerprint(store.graph) == before


def test_there_are_at_least_25_malformed_cases():
    assert len(CASES) >= 25
