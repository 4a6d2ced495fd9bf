"""The answer cache: a repeated `kg ask` on the memory store prints the same output without importing the CLI,
pydantic or networkx; any change to the graph, the question's parameters or the display gives a new answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import answer_cache
from kg.answer_cache import Request

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "tests" / "fixtures" / "cases" / "test-case-a.yaml"
FLAGSHIP = "alk-cns-after-crizotinib"

# Runs `kg` through its entry point and reports which heavy modules the process imported.
PROBE = """
import sys
from kg.launch import main
sys.argv = ["kg", *sys.argv[1:]]
try:
    main()
finally:
    heavy = [m for m in ("kg.cli", "kg.api", "pydantic", "networkx") if m in sys.modules]
    print("imported:", ",".join(heavy) or "-", file=sys.stderr)
"""


def kg(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("KG_STORE", None)
    return subprocess.run([sys.executable, "-c", PROBE, *args], cwd=REPO, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


@pytest.mark.parametrize(("argv", "expected"), [
    (["ask", FLAGSHIP], Request(FLAGSHIP, (), None, "table")),
    (["ask", "-p", "transporter=BCRP", FLAGSHIP, "--param", "evidence=cases", "-f", "json", "--limit", "5",
      "--store", "memory"], Request(FLAGSHIP, ("transporter=BCRP", "evidence=cases"), 5, "json")),
    (["ask", "--wide", FLAGSHIP], Request(FLAGSHIP, (), None, "table", True)),
    (["ask", FLAGSHIP, "--store", "neo4j"], None),
    (["ask", FLAGSHIP, "--explain"], None),
    (["ask", FLAGSHIP, "--timeout", "3"], None),
    (["ask", FLAGSHIP, "--limit", "x"], None),
    (["ask", FLAGSHIP, "-p"], None),
    (["ask", FLAGSHIP, "other"], None),
    (["ask", "--param=transporter=BCRP", FLAGSHIP], None),
    (["ask"], None),
    (["-q", "ask", FLAGSHIP], None),
    (["stats"], None),
    ([], None),
])
def test_only_a_plain_ask_on_the_memory_store_is_answered_from_the_cache(argv, expected):
    assert answer_cache.parse(argv) == expected


def test_kg_store_other_than_memory_is_never_answered_from_the_cache(monkeypatch):
    monkeypatch.setenv("KG_STORE", "neo4j")
    assert answer_cache.parse(["ask", FLAGSHIP]) is None


def test_a_repeated_ask_prints_the_same_without_importing_the_cli_pydantic_or_networkx():
    first = kg("ask", FLAGSHIP)
    assert first.returncode == 0 and "alectinib" in first.stdout
    assert first.stderr == "imported: kg.cli,kg.api,pydantic,networkx\n"
    second = kg("ask", FLAGSHIP)
    assert (second.returncode, second.stdout, second.stderr) == (0, first.stdout, "imported: -\n")
    as_json = kg("ask", FLAGSHIP, "-f", "json")  # another format: another answer, computed
    assert as_json.stdout.startswith("[") and as_json.stderr == "imported: kg.cli,kg.api,pydantic,networkx\n"


def test_a_warning_is_printed_again_from_the_cache():
    first = kg("ask", "transporter-profile", "--limit", "1")
    second = kg("ask", "transporter-profile", "--limit", "1")
    warning = "Warning: more rows follow these 1 (--offset 1 shows the next page, --limit 0 every row).\n"
    assert first.stderr.startswith(warning) and second.stderr == warning + "imported: -\n"
    assert second.stdout == first.stdout


def test_a_load_makes_a_new_answer():
    before = kg("ask", FLAGSHIP).stdout
    loaded = kg("load", str(CASE))
    assert loaded.returncode == 0, loaded.stderr
    after = kg("ask", FLAGSHIP)
    assert after.stderr == "imported: kg.cli,kg.api,pydantic,networkx\n"  # not from the cache
    assert after.stdout.splitlines()[-1] != before.splitlines()[-1]  # another graph fingerprint
    unloaded = kg("unload", str(CASE))
    assert unloaded.returncode == 0, unloaded.stderr
    assert kg("ask", FLAGSHIP).stdout == before


def test_an_error_is_not_cached():
    for _ in range(2):
        result = kg("ask", FLAGSHIP, "-p", "transporter=no-such-transporter")
        assert result.returncode == 1 and "imported: kg.cli" in result.stderr


def test_a_missing_seed_is_a_one_line_error(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_SEED_DIR", str(tmp_path / "none"))
    result = kg("ask", FLAGSHIP)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (f"Error: the seed {tmp_path / 'none'} does not exist (set KG_SEED_DIR to "
                                             "a seed directory, or unset it)")
