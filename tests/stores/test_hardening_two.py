"""Hardening, round two (issue 20), the parts that need no server: bounds on researcher Cypher text and results,
the server's memory limits, bounded loaders, ids that cannot collide, private files, terminal-safe output."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from neo4j.graph import Graph, Node

from kg import api, registry
from kg.cli import main
from kg.errors import KGError, QueryRefused
from kg.graph import build as graph
from kg.neo4j_server import config, jars, paths
from kg.render import render
from kg.sources import chembl, civic
from kg.sources import seed as seed_source
from kg.stores import MemoryStore, build
from kg.stores.researcher import _plain, check_text

SEED_FINGERPRINT = MemoryStore().fingerprint()


# --------------------------------------------------------------------------- researcher Cypher: the text


@pytest.mark.parametrize(("query", "message"), [
    ("RETURN " + "+".join(["1"] * 100_000),
     "refused: the query is 200006 characters long, more than 20000; pass data as parameters (-p name=value)"),
    ("RETURN " + "+".join(["1"] * 4000),
     "refused: the query has more than 5000 tokens; pass data as parameters (-p name=value)"),
    ("RETURN " + "(" * 2000 + "1" + ")" * 2000, "refused: the query is nested 2000 levels deep, more than 100"),
    ("RETURN " + "[" * 101 + "1" + "]" * 101, "refused: the query is nested 101 levels deep, more than 100"),
    ("RETURN " + "NOT " * 1000 + "true", "refused: the query is nested 1000 levels deep, more than 100"),
    ("RETURN " + "- " * 150 + "1", "refused: the query is nested 150 levels deep, more than 100"),
    ("RETURN " + "CASE WHEN true THEN " * 120 + "1" + " END" * 120,
     "refused: the query is nested 120 levels deep, more than 100"),
])
def test_query_text_beyond_the_bounds_is_refused_before_anything_is_sent(query, message):
    with pytest.raises(QueryRefused) as e:
        check_text(query)
    assert str(e.value) == message


@pytest.mark.parametrize("query", [
    "MATCH (d:Drug)-[:INHIBITS]->(t:Target) WHERE NOT d.name = 'x' AND -1 < 2 RETURN d.id, t.id ORDER BY d.id",
    "RETURN '" + "(" * 500 + "' AS text",                      # brackets inside a string are text
    "RETURN 1 // " + "(" * 500,                                # and inside a comment
    "RETURN /* " + "NOT " * 500 + " */ 1",
    "RETURN 1 AS `" + "[" * 300 + "`",
    "RETURN " + "(" * 100 + "1" + ")" * 100,                  # exactly the limit
    "RETURN 1 - -1, [x IN range(1, 3) | -x]",
])
def test_ordinary_and_edge_queries_pass_the_text_check(query):
    check_text(query)


def test_result_values_are_converted_as_record_data_does_and_counted():
    node = Node(Graph(), "4:x:1", 1, ["Drug"], {"id": "D:1", "name": "x"})
    budget = [10_000]
    assert _plain([node, {"k": [1, 2.5, None, True]}, ("a", "b")], budget) == [
        {"id": "D:1", "name": "x"}, {"k": [1, 2.5, None, True]}, ["a", "b"]]
    assert budget[0] == 9944
    small = [100]
    _plain(list(range(1000)), small)
    assert small[0] < 0  # over budget: the caller refuses the result


# --------------------------------------------------------------------------- the server's own limits


def test_transaction_memory_limits_fire_long_before_the_heap_is_exhausted(tmp_path: Path):
    (tmp_path / "conf").mkdir()
    conf = config._write_conf(tmp_path, 7687, auth=True, browser=False, http_port=7474, heap="512m",
                              pagecache="256m", tls_dir=None)
    lines = conf.read_text().splitlines()
    assert [line for line in lines if line.startswith(("server.memory", "db.memory", "dbms.memory", "db.transaction"))] == [
        "server.memory.heap.initial_size=512m", "server.memory.heap.max_size=512m",
        "server.memory.pagecache.size=256m", "db.transaction.timeout=120s",
        "db.memory.transaction.max=128m", "db.memory.transaction.total.max=192m",
        "dbms.memory.transaction.total.max=192m"]
    assert stat.S_IMODE(conf.stat().st_mode) == 0o600
    assert config._memory_limits("2g") == ["db.memory.transaction.max=512m", "db.memory.transaction.total.max=768m",
                                           "dbms.memory.transaction.total.max=768m"]
    assert "-XX:+ExitOnOutOfMemoryError" not in jars._JVM_FLAGS  # an OOM fails one transaction, not the server
    with pytest.raises(KGError, match="a heap of 128m is too small for Neo4j; give at least 256m"):
        config._memory_limits("128m")


# --------------------------------------------------------------------------- bounded loaders


def validate(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["validate", *args], env=env)


def test_a_fifo_and_a_device_are_refused_at_once(tmp_path: Path):
    fifo = tmp_path / "cases.yaml"
    os.mkfifo(fifo)
    result = validate(str(fifo))
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {fifo}: a FIFO, not a regular file",
                                          "Error: 1 problem(s); nothing was loaded."]
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    assert validate(str(zero)).output.splitlines()[0] == f"Error: {zero}: a device, not a regular file"
    result = CliRunner().invoke(main, ["load", "civic", str(zero)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"Error: {zero}: a device, not a regular file"


def test_a_file_over_the_size_limit_is_refused_and_the_limit_can_be_raised(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_text("publications: []\n" + "#" * 2000 + "\n")
    result = validate("--standalone", "--max-file-size", "1k", str(big))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"Error: {big}: 2018 bytes, larger than the limit of 1024 bytes (raise it with --max-file-size or "
        "KG_MAX_FILE_SIZE)")
    assert validate("--standalone", "--max-file-size", "3k", str(big)).exit_code == 0
    env = validate("--standalone", str(big), env={"KG_MAX_FILE_SIZE": "2000"})
    assert env.output.splitlines()[0].endswith("2018 bytes, larger than the limit of 2000 bytes (raise it with "
                                                "--max-file-size or KG_MAX_FILE_SIZE)")
    assert validate("--max-file-size", "lots", str(big)).exit_code == 2


def test_duplicate_keys_are_refused_in_yaml_and_json(tmp_path: Path):
    yml = tmp_path / "dup.yaml"
    yml.write_text("publications:\n  - id: PMID:1\n    name: a\n    id: PMID:2\n")
    assert validate("--standalone", str(yml)).output.splitlines()[0] == (
        f"Error: {yml}: line 4: duplicate key 'id' (a mapping may name each key once)")
    jsn = tmp_path / "dup.json.yaml"
    jsn.write_text('{"publications": [], "publications": []}')
    assert validate("--standalone", str(jsn)).output.splitlines()[0] == (
        f"Error: {jsn}: duplicate key 'publications' (a mapping may name each key once)")


def test_aliases_that_expand_beyond_the_budget_are_refused_before_expanding(tmp_path: Path):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    laughs = tmp_path / "laughs.yaml"
    laughs.write_text("\n".join(lines) + "\npublications: *a8\n")
    result = validate("--standalone", str(laughs))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"Error: {laughs}: YAML aliases expand the document by 2345678991 nodes, more than 10000 "
        "(write the records out)")
    small = tmp_path / "small.yaml"
    small.write_text("a: &a [1, 2]\nb: *a\n")
    assert seed_source.parse_document(small.read_text()) == {"a": [1, 2], "b": [1, 2]}


def test_memory_and_decode_errors_are_one_line_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"publications:\n  - name: caf\xe9\n")
    assert validate("--standalone", str(latin)).output.splitlines()[0] == (
        f"Error: {latin}: not UTF-8 text (byte 27)")

    def no_memory(path: Path) -> bytes:
        raise MemoryError

    monkeypatch.setattr(seed_source, "read_bounded", no_memory)
    result = validate("--standalone", str(latin))
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {latin}: too large to read into memory",
                                          "Error: 1 problem(s); nothing was loaded."]


def test_errors_never_quote_an_unrelated_file(tmp_path: Path):
    passwd = tmp_path / "users.yaml"
    passwd.symlink_to("/etc/passwd")
    tsv = tmp_path / "users.tsv"
    tsv.symlink_to("/etc/passwd")
    first = Path("/etc/passwd").read_text().splitlines()[0]
    outputs = [validate("--standalone", str(passwd)).output]
    for source in ("civic", "chembl", "clinicaltrials"):
        result = CliRunner().invoke(main, ["load", source, str(tsv)])
        assert result.exit_code == 1
        outputs.append(result.output)
    for output in outputs:
        assert first not in output and "root:" not in output and "/bin/" not in output
        assert len(output.splitlines()) == 2
    vocab = graph.vocabulary(MemoryStore().graph)
    assert civic.read(tsv, vocab, display="x.tsv").problems == [
        "x.tsv: row 1: header: none of the expected columns ('molecular_profile', 'disease', 'therapies', ...): "
        "not a file of this kind"]
    assert chembl.read(tsv, vocab, display="x.tsv").problems == [
        "x.tsv: row 1: header: none of the expected columns ('Parent Molecule ChEMBL ID', 'Parent Molecule Name', "
        "'Mechanism of Action', ...): not a file of this kind"]
    assert MemoryStore().fingerprint() == SEED_FINGERPRINT


def test_a_hostile_value_in_a_public_file_is_quoted_shortened(tmp_path: Path):
    header = ("molecular_profile\tdisease\ttherapies\tevidence_type\tevidence_direction\tevidence_level\t"
              "significance\tcitation_id\tsource_type\trating\tevidence_status\tevidence_id")
    tsv = tmp_path / "civic.tsv"
    tsv.write_text(header + "\n" + "\t".join(["ALK G1202R", "d", "", "Predictive", "Supports", "A", "x", "1",
                                              "PubMed", "3", "accepted", "9" * 5000 + "x"]) + "\n")
    problems = civic.read(tsv, graph.vocabulary(MemoryStore().graph), display="c.tsv").problems
    assert len(problems) == 1
    assert problems[0].startswith("c.tsv: row 2: evidence_id: must be a positive whole number, got '999")
    assert problems[0].endswith("…") and len(problems[0]) == len("c.tsv: row 2: evidence_id: ") + 400


# --------------------------------------------------------------------------- ids that cannot collide


CASE_A = Path(__file__).parent.parent / "fixtures" / "cases" / "test-case-a.yaml"


@pytest.mark.parametrize(("case_id", "problem"), [
    ("oncokg:case-alectinib-cns-case-report/line-1",
     "'oncokg:case-alectinib-cns-case-report/line-1' has the form of an id derived for a case's treatment line or "
     "observation (.../line-N, .../line-Na, .../obs-N); choose another id"),
    ("oncokg:case-x/line-2/obs-1",
     "'oncokg:case-x/line-2/obs-1' has the form of an id derived for a case's treatment line or observation "
     "(.../line-N, .../line-Na, .../obs-N); choose another id"),
    ("oncokg:case-x/line-2b",  # a member of a group given in an unknown order
     "'oncokg:case-x/line-2b' has the form of an id derived for a case's treatment line or observation "
     "(.../line-N, .../line-Na, .../obs-N); choose another id"),
])
def test_a_curated_id_in_the_derived_namespace_is_refused(tmp_path: Path, case_id: str, problem: str):
    path = tmp_path / "case.yaml"
    path.write_text(CASE_A.read_text().replace('"oncokg:case-test-fictional-a"', f'"{case_id}"'))
    result = validate(str(path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {path}: case {case_id}: id: {problem}",
                                          "Error: 1 problem(s); nothing was loaded."]


def test_an_id_of_another_kind_is_refused_naming_file_record_and_field(tmp_path: Path):
    path = tmp_path / "pub.yaml"
    path.write_text("targets:\n  - id: HGNC:427\n    name: ALKX\n    sources: [PMID:29744867]\n")
    problems = api.validate([path])
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: targets[0] (HGNC:427): id: duplicate id 'HGNC:427'")
    drug = tmp_path / "drug.yaml"
    drug.write_text("targets:\n  - id: HGNC:40\n    name: NOTX\n    sources: [PMID:29744867]\n")
    assert api.validate([drug])[0].startswith(
        f"{drug}: targets[0] (HGNC:40): id: 'HGNC:40' is already the id of a Transporter (defined at ")


def test_the_seed_fingerprint_is_unchanged_by_the_id_checks():
    g, _ = build()
    assert graph.fingerprint(g) == SEED_FINGERPRINT
    assert "oncokg:case-alectinib-cns-case-report/line-1" in g


# --------------------------------------------------------------------------- private by default


def test_a_data_dir_that_existed_open_is_made_private_and_said_once(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    d = tmp_path / "data"
    (d / "data" / "databases").mkdir(parents=True)
    (d / "data" / "databases" / "store").write_text("x")
    (d / "password").write_text("secret\n")
    os.chmod(d, 0o755)
    os.chmod(d / "data", 0o755)
    os.chmod(d / "password", 0o644)
    os.chmod(d / "data" / "databases" / "store", 0o644)
    (d / "link").symlink_to("/etc/hostname")
    hostname_mode = stat.S_IMODE(os.stat("/etc/hostname").st_mode)
    with caplog.at_level(logging.WARNING, logger="kg"):
        paths._make_layout(d)
        paths._make_layout(d)
    modes = {str(p.relative_to(d)): oct(stat.S_IMODE(p.stat().st_mode)) for p in d.rglob("*") if not p.is_symlink()}
    assert modes == {"data": "0o700", "data/databases": "0o700", "data/databases/store": "0o600",
                     "password": "0o600", "conf": "0o700", "logs": "0o700", "run": "0o700", "import": "0o700",
                     "tx": "0o700"}
    assert oct(stat.S_IMODE(d.stat().st_mode)) == "0o700"
    assert stat.S_IMODE(os.stat("/etc/hostname").st_mode) == hostname_mode  # a link is not followed
    assert [r.getMessage() for r in caplog.records] == [f"made 5 file(s) and folder(s) under {d} private to you "
                                                        "(0700/0600)"]


def test_the_state_dir_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    (state / "sources").mkdir(mode=0o755)
    monkeypatch.setenv("KG_STATE_DIR", str(state))
    with registry.locked("memory"):
        pass
    assert [oct(stat.S_IMODE(p.stat().st_mode)) for p in (state, state / "sources")] == ["0o700", "0o700"]
    with registry.locked("memory"):  # what kg wrote inside the private folder meanwhile is tightened too
        pass
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in [state, *state.rglob("*")]} == {"0o700", "0o600"}


# --------------------------------------------------------------------------- terminal-safe output


def test_control_characters_are_escaped_in_tables_and_errors():
    table = render([{"name": "x\x00y\x1b[31mred", "more": ["ok", "\u202eevil", "a\nb"]}])
    assert table.splitlines()[2:] == ["x\\x00y\\x1b[31mred  ok", "                   \\u202eevil",
                                      "                   a\\nb"]
    assert not any(c in table for c in "\x00\x1b\u202e")

    from click.testing import CliRunner as Runner

    import kg.cli as cli

    @cli.main.command("raise-hostile", hidden=True)
    @cli.handle_errors
    def raise_hostile() -> None:
        raise KGError("bad value 'a\x1b]0;title\x07b\nc'")

    try:
        result = Runner().invoke(cli.main, ["raise-hostile"])
    finally:
        del cli.main.commands["raise-hostile"]
    assert result.exit_code == 1
    assert result.output == "Error: bad value 'a\\x1b]0;title\\x07b\\nc'\n"


def test_a_hostile_value_in_a_seed_file_is_quoted_shortened(tmp_path: Path):
    path = tmp_path / "drugs.yaml"
    path.write_text("drugs:\n  - id: 'DRUGBANK:" + "x" * 5000 + "'\n    name: d\n    sources: [PMID:29744867]\n")
    problems = api.validate([path], standalone=True)
    assert problems[0].startswith(f"{path}: drugs[0] (DRUGBANK:xxx")
    assert problems[0].endswith("…") and all(len(p) < 700 for p in problems)


def test_the_explain_check_runs_with_the_query_timeout():
    """The EXPLAIN is sent as a Query carrying the timeout, so the server stops it too."""
    import neo4j

    from kg.stores.researcher import check

    sent = []

    class Summary:
        query_type = "r"
        plan = {"operatorType": "ProduceResults@neo4j", "args": {"Details": "x"}, "children": []}

    class Session:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def run(self, query, params):
            sent.append(query)
            return type("Result", (), {"consume": lambda self: Summary()})()

    store = type("Store", (), {"db": type("Db", (), {"session": lambda self, mode: Session()})()})()
    assert check(store, "RETURN 1", {}, timeout=7.5) == "r"
    assert isinstance(sent[0], neo4j.Query)
    assert (sent[0].text, sent[0].timeout) == ("EXPLAIN RETURN 1", 7.5)
