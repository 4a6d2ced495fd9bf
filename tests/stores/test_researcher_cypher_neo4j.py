"""`kg cypher` is read-only unless --write: every write form is refused and the graph is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.stores import build

MINI = Path(__file__).parent.parent / "fixtures" / "mini"

REFUSED = [
    ("CREATE (n:X) RETURN n", "refused: this query"),
    ("MERGE (n:Drug {id: 'x'}) RETURN n", "refused: this query"),
    ("MATCH (n:Drug) SET n.name = 'x'", "refused: this query"),
    ("MATCH (n:Drug) REMOVE n.name", "refused: this query"),
    ("MATCH (n:Observation) DELETE n", "refused: this query"),
    ("MATCH (n) DETACH DELETE n", "refused: this query"),
    ("MATCH (n:Drug) WITH n LIMIT 1 FOREACH (x IN [1] | CREATE (:Y))", "refused: this query"),
    ("FOREACH (x IN [1] | MERGE (:Y {id: x}))", "refused: this query"),
    ("LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line", "refused: LOAD CSV is not allowed without --write"),
    ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1", "refused: this query"),
    ("MATCH (n) CALL (n) { RETURN n.id AS i } IN TRANSACTIONS RETURN i", "refused: CALL { ... } IN TRANSACTIONS"),
    ("CREATE INDEX drug_name IF NOT EXISTS FOR (n:Drug) ON (n.name)", "refused: this query changes the schema"),
    ("CREATE CONSTRAINT c IF NOT EXISTS FOR (n:X) REQUIRE n.id IS UNIQUE", "refused: this query changes the schema"),
    ("DROP CONSTRAINT drug_id", "refused: this query changes the schema"),
    ("CREATE USER eve SET PASSWORD 'abcdefgh12'", "refused: this query changes the schema or administers"),
    ("CALL db.createLabel('Sneaky')", "refused: this query"),
    ("CALL db.createProperty('sneaky')", "refused: this query"),
    ("MATCH (n:Drug) WITH n LIMIT 1 SET n.hidden = true RETURN n.id", "refused: this query"),
    ("MATCH (n:Drug) CALL (n) { SET n.x = 1 } RETURN n.id", "refused: this query"),
    ("MATCH (n:Drug) RETURN n.id AS id UNION MATCH (m:Drug) SET m.y = 2 RETURN m.id AS id", "refused: this query"),
    ("MATCH (n:Drug) RETURN n.id AS id UNION ALL CREATE (m:Z {id: 'z'}) RETURN m.id AS id", "refused: this query"),
    ("CALL () { CREATE (:Q) } RETURN 1", "refused: this query"),
    ("match (n:Drug) set n.lower = 1", "refused: this query"),
]


@pytest.fixture(scope="module")
def loaded(neo4j_settings):
    from kg.stores import Neo4jGraphStore
    from kg.stores.neo4j_store import Neo4jStore, connect

    store = Neo4jGraphStore(Neo4jStore(connect(neo4j_settings)), neo4j_settings)
    store.db.driver.execute_query("MATCH (n) DETACH DELETE n")
    store.replace(build([MINI])[0])
    yield store
    store.close()


def assert_refused(loaded, query: str, message: str) -> None:
    """`kg cypher` refuses the query in one line, exit 1, and the graph is unchanged."""
    before = loaded.verify_fingerprint()
    result = CliRunner().invoke(main, ["cypher", "--store", "neo4j", query])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {message}")
    assert len(result.output.strip().splitlines()) == 1
    assert loaded.verify_fingerprint() == before


@pytest.mark.parametrize(("query", "message"), REFUSED, ids=[q for q, _ in REFUSED])
def test_write_forms_are_refused_and_change_nothing(loaded, neo4j_env, query, message):
    assert_refused(loaded, query, message)


def test_read_query_runs_with_parameters(loaded, neo4j_env):
    result = CliRunner().invoke(main, ["cypher", "--store", "neo4j", "-f", "json",
                                       "MATCH (d:Drug {name: $name}) RETURN d.id AS id", "-p", "name=alphatestinib"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == '[\n  {\n    "id": "DRUGBANK:DB99902"\n  }\n]'


def test_row_cap_and_timeout(loaded, neo4j_env):
    runner = CliRunner()
    capped = runner.invoke(main, ["cypher", "--store", "neo4j", "-f", "jsonl", "--limit", "2",
                                  "UNWIND range(1, 5) AS x RETURN x"])
    assert capped.exit_code == 0
    assert capped.stdout.splitlines() == ['{"x": 1}', '{"x": 2}']
    slow = runner.invoke(main, ["cypher", "--store", "neo4j", "--timeout", "1",
                                "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*)"])
    assert slow.exit_code == 1
    assert slow.output.strip() == "Error: stopped: the query ran longer than 1 s (raise --timeout to allow more)"


def test_write_flag_allows_writes(loaded, neo4j_env):
    result = CliRunner().invoke(main, ["cypher", "--store", "neo4j", "--write", "CREATE (n:Scratch {v: 1}) RETURN n.v AS v"])
    assert result.exit_code == 0, result.output
    loaded.db.driver.execute_query("MATCH (n:Scratch) DELETE n")


def test_memory_store_says_cypher_needs_neo4j():
    result = CliRunner().invoke(main, ["cypher", "--store", "memory", "RETURN 1"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: raw Cypher needs Neo4j: start one with 'kg server start', load it with "
        "'kg load --store neo4j', then rerun with --store neo4j")


# More forms (tests/shared/hostile.py's companion for researcher Cypher): write and schema procedures, DBMS and
# transaction procedures, the system database, administration commands, comment tricks hiding a write, several
# statements, EXPLAIN/PROFILE/CYPHER prefixes, look-alike keywords. Each is refused (by the EXPLAIN check, or
# because Neo4j does not accept it) in one line, and the graph is unchanged.
ACCEPTED_NOT = "Neo4j did not accept the query"
REFUSED_MORE = [
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "refused: TERMINATE TRANSACTIONS is not allowed"),
    ("CALL db.createRelationshipType('SNEAKY')", "refused: this query writes"),
    ("CALL db.index.fulltext.createNodeIndex('ft', ['Drug'], ['name'])", ACCEPTED_NOT),  # gone in Neo4j 5
    ("CREATE FULLTEXT INDEX ft IF NOT EXISTS FOR (n:Drug) ON EACH [n.name]", "refused: this query changes the schema"),
    ("CALL db.index.vector.createNodeIndex('v', 'Drug', 'e', 3, 'cosine')", "refused: this query writes"),
    ("MATCH (n:Drug) WITH n LIMIT 1 CALL db.create.setNodeVectorProperty(n, 'e', [1.0, 2.0])", "refused: this query"),
    ("CALL dbms.upgrade()", "refused: this query"),
    ("CALL dbms.listConfig() YIELD name RETURN count(*)", "refused: this query changes the schema or administers"),
    ("CALL db.clearQueryCaches()", "refused: this query changes the schema or administers"),
    ("CALL tx.setMetaData({a: 1})", "refused: this query changes the schema or administers"),
    ("CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", ACCEPTED_NOT),  # Enterprise only
    ("USE system CREATE USER eve SET PASSWORD 'abcdefgh12'", ACCEPTED_NOT),
    ("USE system MATCH (n) RETURN count(n)", ACCEPTED_NOT),
    ("SHOW USERS", "refused: this query changes the schema or administers"),
    ("ALTER USER neo4j SET PASSWORD 'abcdefgh12'", "refused: this query changes the schema or administers"),
    ("STOP DATABASE neo4j", ACCEPTED_NOT),
    ("DROP DATABASE neo4j", ACCEPTED_NOT),
    ("GRANT ALL ON DATABASE * TO PUBLIC", ACCEPTED_NOT),
    ("MATCH (n) RETURN n LIMIT 1; MATCH (n) DETACH DELETE n", ACCEPTED_NOT),
    ("MATCH (n) RETURN count(n) \u037e MATCH (n) DETACH DELETE n", ACCEPTED_NOT),  # a Greek question mark, not ';'
    ("MATCH (n) /* RETURN n */ DETACH DELETE n", "refused: this query writes"),
    ("/* RETURN 1 */ CREATE (x:Evil)", "refused: this query writes"),
    ("// RETURN 1\nCREATE (x:Evil)", "refused: this query writes"),
    ("EXPLAIN CREATE (x:Evil)", "refused: this query writes"),
    ("PROFILE CREATE (x:Evil)", ACCEPTED_NOT),
    ("CYPHER 5 CREATE (x:Evil)", "refused: this query writes"),
    ("CYPHER runtime=slotted MERGE (x:Evil)", "refused: this query writes"),
    ("ＣＲＥＡＴＥ (:Evil)", ACCEPTED_NOT),  # fullwidth letters
    ("CREATE (:Evil)\x00", ACCEPTED_NOT),
    ("RETURN 1 AS x UNION CREATE (e:Evil) RETURN 1 AS x", "refused: this query"),
    ("MATCH (n:Drug) CALL db.createLabel('Evil') RETURN n", "refused: this query"),
    ("CALL () { CALL db.createLabel('Evil') } RETURN 1", "refused: this query"),
    ("INSERT (:Evil)", "refused: this query writes"),
]


@pytest.mark.parametrize(("query", "message"), REFUSED_MORE, ids=[ascii(q)[1:41] for q, _ in REFUSED_MORE])
def test_more_write_and_admin_forms_are_refused(loaded, neo4j_env, query, message):
    assert_refused(loaded, query, message)
    schema = loaded.db.driver.execute_query("SHOW INDEXES YIELD name RETURN collect(name) AS names").records
    assert not {"ft", "v"} & set(schema[0]["names"])
