"""Hostile input on Neo4j: every parameter of every catalogue question (through `kg.ask` and `kg ask --store neo4j`),
`kg cypher -p` values and names, and hostile strings stored as data then used as names. The database's contents
(`verify_fingerprint`, recomputed from what Neo4j holds) never change, and Neo4j answers exactly what the
in-memory graph answers: a value spliced into Cypher would change the answer, or the error, or the graph.
"""

from __future__ import annotations

import json
import math
import shutil
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import KGError
from kg.questions import REGISTRY
from kg.stores import MemoryStore, Neo4jGraphStore, build
from kg.stores.neo4j_store import Neo4jStore, connect
from kg.stores.researcher import parse_value
from tests.shared.hostile import STRINGS, ident
from tests.shared.seed_records import LABEL, MINI

PARAMS = [(q.id, p.name) for q in sorted(REGISTRY.values(), key=lambda q: q.id) for p in q.params]
# Parameters that name a node are resolved to an id (by Neo4j's vocabulary queries) before the question runs. The
# first parameter of each set of labels gets every string; the others, and every one through the CLI on Neo4j,
# get this sample (the CLI gets every string on the memory store, tests/questions/test_injection.py).
SAMPLE = {s for s in STRINGS if any(k in s for k in ("DETACH", "\x00", "\n", "'", "\u202e"))}
FULL = {labels: (q.id, name) for q in reversed(sorted(REGISTRY.values(), key=lambda q: q.id))
        for name, labels in q.resolve.items()}


def strings_for(question: str, name: str, cli: bool) -> list[str]:
    labels = REGISTRY[question].resolve.get(name)
    if labels is None or (not cli and FULL[labels] == (question, name)):
        return STRINGS
    return [s for s in STRINGS if s in SAMPLE]


class Shared:
    """The module's store for `kg` commands: they close what they open, this one stays open."""

    def __init__(self, store: Neo4jGraphStore):
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def stores(neo4j_settings, tmp_path_factory) -> tuple[Neo4jGraphStore, MemoryStore]:
    """The curated seed in Neo4j and in memory."""
    store = Neo4jGraphStore(Neo4jStore(connect(neo4j_settings)), neo4j_settings)
    store.db.driver.execute_query("MATCH (n) DETACH DELETE n")
    with pytest.MonkeyPatch.context() as mp:  # module fixtures run before tests/conftest.py's isolated_state
        mp.setenv("KG_STATE_DIR", str(tmp_path_factory.mktemp("state")))
        kg.load(store)
    memory = MemoryStore(build()[0])
    assert store.verify_fingerprint() == memory.fingerprint()
    yield store, memory
    store.close()


def outcome(question: str, store: Any, params: dict[str, Any]) -> tuple[str, Any]:
    try:
        return "rows", kg.ask(question, store, **params).rows
    except KGError as e:
        return "error", str(e)
    except Exception as e:  # noqa: BLE001 - anything else is the bug this test looks for
        return "crash", f"{type(e).__name__}: {e}"


def report(failures: list[str]) -> str:
    return f"{len(failures)} failure(s):\n" + "\n".join(f[:300] for f in failures[:25])


@pytest.mark.parametrize(("question", "name"), PARAMS, ids=[f"{q}:{p}" for q, p in PARAMS])
def test_hostile_values_give_the_memory_answer_and_change_nothing(stores, neo4j_env, monkeypatch, question, name):
    """Through the API and through `kg ask --store neo4j -p name=value`: the same rows or the same one-line error
    as the memory store; never a traceback; the database's contents unchanged."""
    store, memory = stores
    monkeypatch.setattr("kg.cli.ask._open", lambda *_: Shared(store))
    before = store.verify_fingerprint()
    runner = CliRunner()
    failures = []
    for value in strings_for(question, name, cli=False):
        got, want = outcome(question, store, {name: value}), outcome(question, memory, {name: value})
        if got != want or got[0] == "crash":
            failures.append(f"{ident(value)}: neo4j {got!r:.150} != memory {want!r:.150}")
            continue
        if value not in strings_for(question, name, cli=True):
            continue
        result = runner.invoke(main, ["ask", question, "--store", "neo4j", "-f", "json", "-p", f"{name}={value}"])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"{ident(value)}: kg ask: traceback: {result.exception!r}")
        elif got[0] == "error" and (result.exit_code, result.stderr) != (1, f"Error: {got[1]}\n"):
            failures.append(f"{ident(value)}: kg ask: {result.exit_code} {result.output[:200]!r}")
        elif got[0] == "rows" and (result.exit_code != 0 or len(json.loads(result.stdout)) != len(got[1])):
            failures.append(f"{ident(value)}: kg ask: {result.exit_code} {result.output[:200]!r}")
    assert store.verify_fingerprint() == before, "the database changed"
    assert not failures, report(failures)


READ = "MATCH (d:Drug) WHERE d.name = $name OR d.id = $name RETURN d.id AS id, $name AS given"


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def test_cypher_parameters(stores, neo4j_env):
    """`kg cypher QUERY -p name=<hostile>` in a read query: the value comes back exactly as given (JSON when it
    parses, else text) and matches no drug; values the driver cannot send are refused in one line; hostile
    parameter names are refused or unused. The database's contents never change."""
    store, _ = stores
    before = store.verify_fingerprint()
    runner = CliRunner()
    failures = []
    for value in STRINGS:
        result = runner.invoke(main, ["cypher", "--store", "neo4j", "-f", "jsonl", READ, "-p", f"name={value}"])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"{ident(value)}: traceback: {result.exception!r}")
        elif result.exit_code == 1:
            if result.stdout or len(result.stderr.splitlines()) != 1 or not result.stderr.startswith("Error: "):
                failures.append(f"{ident(value)}: {result.output[:200]!r}")
            elif not result.stderr.startswith(("Error: parameter 'name' ", "Error: Neo4j: ")):
                failures.append(f"{ident(value)}: refused for another reason: {result.stderr[:200]!r}")
        elif result.exit_code != 0:
            failures.append(f"{ident(value)}: exit {result.exit_code}: {result.output[:200]!r}")
        else:
            rows = [json.loads(line, parse_constant=float) for line in result.stdout.split("\n") if line]
            if rows:  # a row only for a drug named by the value: none is
                failures.append(f"{ident(value)}: matched {rows}")
        echo = runner.invoke(main, ["cypher", "--store", "neo4j", "-f", "json", "RETURN $name AS given",
                                    "-p", f"name={value}"])
        if echo.exit_code == 0:
            given = json.loads(echo.stdout, parse_constant=float)[0]["given"]
            if not same(given, json.loads(json.dumps(parse_value(value)), parse_constant=float)):
                failures.append(f"{ident(value)}: came back as {given!r:.100}")
        named = runner.invoke(main, ["cypher", "--store", "neo4j", "RETURN 1 AS one", "-p", f"{value}=1"])
        if named.exception is not None and not isinstance(named.exception, SystemExit) or named.exit_code not in (0, 1):
            failures.append(f"name {ident(value)}: {named.exit_code} {named.exception!r}")
    assert store.verify_fingerprint() == before, "the database changed"
    assert not failures, report(failures)


def test_cypher_values_the_driver_cannot_send_are_refused(stores, neo4j_env):
    runner = CliRunner()
    for value, message in [
        ("99999999999999999999999", "Error: parameter 'name' is an integer wider than 64 bits"),
        ('[1, {"a": -99999999999999999999999}]', "Error: parameter 'name' is an integer wider than 64 bits"),
        ("\udcff", "Error: parameter 'name' is not valid Unicode text"),
        ('{"k": "\\ud800"}', "Error: parameter 'name' is not valid Unicode text"),
        ("[" * 800 + "]" * 800, "Error: parameter 'name' is nested too deeply"),
    ]:
        result = runner.invoke(main, ["cypher", "--store", "neo4j", "RETURN $name AS v", "-p", f"name={value}"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert (result.exit_code, result.stderr.strip()) == (1, message)


def test_hostile_names_stored_in_neo4j_answer_as_in_memory(neo4j_store, tmp_path, monkeypatch):
    """Hostile strings as drug names, loaded into both stores: Neo4j holds exactly what memory holds (the writes
    take values as parameters), and each name then resolves to its own drug on both."""
    seed = tmp_path / "seed"
    seed.mkdir()
    shutil.copy(MINI, seed / "mini.yaml")
    monkeypatch.setenv("KG_SEED_DIR", str(seed))
    names = [s for s in STRINGS if 0 < len(s.strip()) <= 200 and s.encode("utf-8", "surrogatepass") == s.encode(
        "utf-8", "replace")]  # valid names: not blank, not too long, no lone surrogate
    drugs = [{"id": f"DRUGBANK:DB{80000 + n}", "name": s, "drug_class": "ALK inhibitor", "sources": [LABEL]}
             for n, s in enumerate(names)]
    inhibits = [{"drug": d["id"], "target": "ALK", "sources": [LABEL]} for d in drugs]
    file = tmp_path / "hostile-names.yaml"
    file.write_text(yaml.safe_dump({"drugs": drugs, "drug_targets": inhibits}, allow_unicode=True, width=10**9),
                    encoding="utf-8")
    memory = MemoryStore()
    kg.load(memory, [file])
    kg.load(neo4j_store, [file])
    assert neo4j_store.verify_fingerprint() == memory.fingerprint()
    before = neo4j_store.verify_fingerprint()
    for drug in drugs:
        assert neo4j_store.resolve(drug["name"], ("Drug",)) == drug["id"], ident(drug["name"])
        if drug["name"] in SAMPLE:
            here, there = outcome("neighbourhood", memory, {"id": drug["name"]}), outcome(
                "neighbourhood", neo4j_store, {"id": drug["name"]})
            assert here == there, ident(drug["name"])
            assert here[0] == "rows" and {r["start"] for r in here[1]} == {drug["id"]}, ident(drug["name"])
    assert neo4j_store.verify_fingerprint() == before
