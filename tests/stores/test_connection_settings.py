"""Where kg finds Neo4j (options, NEO4J_* variables, the config file, the local server), `kg config show`,
TLS options per URI scheme, the version and schema-version checks, and the CLI's conveniences."""

from __future__ import annotations

import io
import logging
import os
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import ConnectionFailed, KGError
from kg.progress import Progress
from kg.stores import settings as kg_settings
from kg.stores.neo4j_store import ServerVersion, check_schema_version, check_version
from kg.stores.settings import Settings, display_uri, driver_target, is_local, require_local, resolve_settings
from tests.shared.ports import free_port

CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


def write_config(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)
    return path


@pytest.fixture
def no_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import neo4j_server as server

    monkeypatch.setattr(server, "credentials", lambda data_dir=None: None)


@pytest.fixture
def local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import neo4j_server as server

    monkeypatch.setattr(server, "credentials", lambda data_dir=None: ("bolt://127.0.0.1:7699", "neo4j", "local-pw"))


# ------------------------------------------------------------------------------------------ resolution order


def test_options_beat_variables_beat_config_beat_local_server(tmp_path, monkeypatch, local_server):
    config = write_config(tmp_path / "config.toml", '[neo4j]\nuri = "neo4j+s://config.example:7687"\n'
                                                    'username = "cfg-user"\ndatabase = "cfgdb"\npassword = "cfg-pw"\n')
    monkeypatch.setenv("KG_CONFIG", str(config))
    s = resolve_settings()
    assert (s.uri, s.username, s.database, s.password) == ("neo4j+s://config.example:7687", "cfg-user", "cfgdb",
                                                           "cfg-pw")
    assert s.origins["uri"] == f"config file {config}"

    monkeypatch.setenv("NEO4J_URI", "bolt+s://env.example")
    monkeypatch.setenv("NEO4J_USER", "alias-user")
    monkeypatch.setenv("NEO4J_DATABASE", "envdb")
    s = resolve_settings()
    assert (s.uri, s.username, s.database, s.password) == ("bolt+s://env.example", "alias-user", "envdb", "cfg-pw")
    assert s.origins == {"uri": "NEO4J_URI", "username": "NEO4J_USER", "database": "NEO4J_DATABASE",
                         "password": f"config file {config}"}
    monkeypatch.setenv("NEO4J_USERNAME", "env-user")  # NEO4J_USERNAME wins over its alias
    assert resolve_settings().username == "env-user"

    s = resolve_settings("neo4j://opt.example", "opt-user", "optdb")
    assert (s.uri, s.username, s.database) == ("neo4j://opt.example", "opt-user", "optdb")
    assert s.origins["uri"] == "--uri" and s.origins["database"] == "--database"


def test_the_local_server_is_last_and_lends_its_password_only_with_its_uri(tmp_path, monkeypatch, local_server):
    s = resolve_settings()
    assert (s.uri, s.username, s.password) == ("bolt://127.0.0.1:7699", "neo4j", "local-pw")
    assert s.origins["uri"].startswith("local server (")
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://remote.example")
    assert resolve_settings().password is None  # never sent to another server


def test_nothing_configured_says_what_to_do(no_local_server):
    with pytest.raises(ConnectionFailed, match="set NEO4J_URI.*kg server start"):
        resolve_settings()


def test_settings_never_show_the_password():
    s = Settings(uri="bolt://h", password="s3cret")
    assert "s3cret" not in repr(s) and "s3cret" not in str(s)
    assert display_uri("neo4j+s://user:s3cret@host:7687/x") == "neo4j+s://host:7687/x"


# ---------------------------------------------------------------------------------------------- config file


def test_config_file_path_and_errors(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert kg_settings.config_path() == tmp_path / "xdg" / "oncokg" / "config.toml"

    bad = write_config(tmp_path / "bad.toml", "[neo4j]\nuri = \n")
    with pytest.raises(KGError, match=f"{bad}: not valid TOML"):
        kg_settings.read_config(bad)
    unknown = write_config(tmp_path / "unknown.toml", '[neo4j]\nhost = "x"\n')
    with pytest.raises(KGError, match="unknown key 'host'"):
        kg_settings.read_config(unknown)
    table = write_config(tmp_path / "table.toml", '[server]\nuri = "x"\n')
    with pytest.raises(KGError, match=r"unknown table\(s\) server"):
        kg_settings.read_config(table)


def test_a_password_in_a_readable_config_file_is_refused(tmp_path):
    path = write_config(tmp_path / "c.toml", '[neo4j]\nuri = "bolt://h"\npassword = "pw"\n', mode=0o644)
    with pytest.raises(KGError, match="chmod 600"):
        kg_settings.read_config(path)
    os.chmod(path, 0o600)
    assert kg_settings.read_config(path)["password"] == "pw"


def test_config_ca_cert_is_relative_to_the_file(tmp_path):
    path = write_config(tmp_path / "c.toml", '[neo4j]\nca_cert = "certs/ca.pem"\n')
    assert kg_settings.read_config(path)["ca_cert"] == str(tmp_path / "certs" / "ca.pem")


def test_config_show_says_where_each_setting_came_from_and_hides_the_password(tmp_path, monkeypatch,
                                                                             no_local_server):
    config = write_config(tmp_path / "config.toml", '[neo4j]\ndatabase = "cfgdb"\n')
    env = {"KG_CONFIG": str(config), "NEO4J_URI": "neo4j+s://user:url-pw@db.example:7687",
           "NEO4J_PASSWORD": "very-secret-pw"}
    result = CliRunner().invoke(main, ["config", "show", "--username", "alice", "-f", "json"], env=env)
    assert result.exit_code == 0, result.output
    assert "very-secret-pw" not in result.output and "url-pw" not in result.output
    import json

    rows = {r["setting"]: (r["value"], r["from"]) for r in json.loads(result.output)}
    assert rows["uri"] == ("neo4j+s://db.example:7687", "NEO4J_URI")
    assert rows["username"] == ("alice", "--username")
    assert rows["password"] == ("(set)", "NEO4J_PASSWORD")
    assert rows["database"] == ("cfgdb", f"config file {config}")
    assert rows["config_file"] == (str(config), "found")
    assert rows["location"] == ("remote", "uri")


# -------------------------------------------------------------------------------------------- URIs and TLS


@pytest.mark.parametrize("uri,local", [
    ("bolt://127.0.0.1:7687", True), ("neo4j://localhost", True), ("bolt://[::1]:7687", True),
    ("neo4j+s://127.1.2.3", True), ("neo4j+s://abcd.databases.neo4j.io", False), ("bolt://10.0.0.5:7687", False),
])
def test_is_local(uri, local):
    assert is_local(uri) is local


def test_require_local_refuses_a_remote_uri_in_one_line():
    require_local("bolt://127.0.0.1:7687", "kg load --bulk", "load online")
    with pytest.raises(KGError) as e:
        require_local("neo4j+s://u:pw@abcd.databases.neo4j.io", "kg load --bulk", "load online (without --bulk)")
    assert "\n" not in str(e.value) and "pw" not in str(e.value)
    assert "neo4j+s://abcd.databases.neo4j.io is a remote server" in str(e.value)


@pytest.mark.parametrize("uri", ["http://host:7474", "bolt:/host", "neo4j://", "localhost:7687"])
def test_bad_uris_are_bad_input(uri):
    with pytest.raises(KGError) as e:
        driver_target(Settings(uri=uri))
    assert e.value.exit_code == 1 and "bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc" in str(e.value) \
        or "scheme://host" in str(e.value)


def test_every_scheme_and_a_custom_ca(tmp_path):
    from neo4j import TrustCustomCAs

    for scheme in kg_settings.SCHEMES:
        assert driver_target(Settings(uri=f"{scheme}://h:7687")) == (f"{scheme}://h:7687", {})
    ca = tmp_path / "ca.pem"
    ca.write_text(CERT)
    for scheme, base in (("bolt", "bolt"), ("neo4j", "neo4j"), ("bolt+s", "bolt"), ("neo4j+s", "neo4j")):
        uri, options = driver_target(Settings(uri=f"{scheme}://h:7687", ca_cert=str(ca)))
        assert uri == f"{base}://h:7687" and options["encrypted"] is True
        assert isinstance(options["trusted_certificates"], TrustCustomCAs)
    with pytest.raises(KGError, match=r"\+ssc.*would be ignored"):
        driver_target(Settings(uri="neo4j+ssc://h", ca_cert=str(ca)))
    with pytest.raises(KGError, match="does not exist"):
        driver_target(Settings(uri="bolt://h", ca_cert=str(tmp_path / "missing.pem")))
    (tmp_path / "key.pem").write_text("not a certificate")
    with pytest.raises(KGError, match="not a PEM certificate"):
        driver_target(Settings(uri="bolt://h", ca_cert=str(tmp_path / "key.pem")))


# ------------------------------------------------------------------------------ server version, schema version


def test_server_versions(caplog):
    s = Settings(uri="bolt://h")
    with caplog.at_level(logging.WARNING, logger="kg"):
        check_version(ServerVersion("5.26.19", "community", "Neo4j/5.26.19"), s)
        check_version(ServerVersion("2025.10.1", "enterprise", "Neo4j/2025.10.1"), s)
        assert not caplog.records
        check_version(ServerVersion("5.20.0", "enterprise", "Neo4j/5.20.0"), s)
        assert "not a tested version" in caplog.text
    with pytest.raises(ConnectionFailed, match="Neo4j 4.4.30 at bolt://h is not supported.*5.26 LTS and 2025.x"):
        check_version(ServerVersion("4.4.30", "community", "Neo4j/4.4.30"), s)


def test_schema_versions():
    s = Settings(uri="neo4j+s://u:pw@db.example", database="onco")
    check_schema_version(None, s)  # a fresh database
    check_schema_version(kg.model.SCHEMA_VERSION, s)
    with pytest.raises(KGError) as newer:
        check_schema_version("99", s)
    text = str(newer.value)
    assert "schema version 99" in text and f"writes schema version {kg.model.SCHEMA_VERSION}" in text
    assert "Upgrade kg" in text and "pw" not in text and "'onco' at neo4j+s://db.example" in text
    with pytest.raises(KGError, match="DETACH DELETE.*kg load --store neo4j"):
        check_schema_version("0", s)


# ------------------------------------------------------------------------------------------ CLI conveniences


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output == f"kg, version {kg.__version__}\n"


@pytest.mark.parametrize("shell,marker", [("bash", "_kg_completion"), ("zsh", "#compdef kg"),
                                          ("fish", "complete --no-files --command kg")])
def test_shell_completion_scripts(shell, marker):
    result = CliRunner().invoke(main, [], prog_name="kg", env={"_KG_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and marker in result.output


def test_completion_knows_commands_and_question_ids():
    def complete(words: str) -> str:
        env = {"_KG_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        return CliRunner().invoke(main, [], prog_name="kg", env=env).output

    assert "plain,config" in complete("kg conf")
    assert "plain,alk-cns-after-crizotinib" in complete("kg ask alk-cns")



def test_exit_codes(no_local_server):
    runner = CliRunner()
    assert runner.invoke(main, ["questions"]).exit_code == 0
    bad_input = runner.invoke(main, ["ask", "no-such-question"])
    assert bad_input.exit_code == 1 and bad_input.output.startswith("Error: ")
    assert runner.invoke(main, ["stats", "--store", "neo4j", "--uri", "http://h"]).exit_code == 1
    assert runner.invoke(main, ["--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["stats", "--store", "nope"]).exit_code == 2
    unreachable = runner.invoke(main, ["stats", "--store", "neo4j", "--uri", f"bolt://127.0.0.1:{free_port()}"])
    assert unreachable.exit_code == 3 and "connection refused" in unreachable.output
    nothing = runner.invoke(main, ["stats", "--store", "neo4j"])
    assert nothing.exit_code == 3 and "kg server start" in nothing.output


def test_verbose_logs_debug_and_quiet_silences_success(no_local_server):
    runner = CliRunner()
    args = ["stats", "--store", "neo4j", "--uri", f"bolt://127.0.0.1:{free_port()}"]
    assert "DEBUG kg.stores.neo4j_store: connecting to bolt://127.0.0.1" in runner.invoke(main, ["-v", *args]).output
    assert "DEBUG" not in runner.invoke(main, args).output
    loud = runner.invoke(main, ["load"])
    assert loud.exit_code == 0 and "The memory store holds" in loud.output
    quiet = runner.invoke(main, ["-q", "load"])
    assert quiet.exit_code == 0 and quiet.output == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_for_big_jobs_and_not_when_quiet():
    pipe = io.StringIO()
    with Progress("Writing", stream=pipe) as p:
        p.set_total(50_000)
        for _ in range(50):
            p(1000)
    assert pipe.getvalue() == "" and p.done == 50_000

    small, big, quiet = FakeTerminal(), FakeTerminal(), FakeTerminal()
    with Progress("Writing", stream=small) as p:
        p.set_total(300)
        p(300)
    with Progress("Writing", stream=quiet, quiet=True) as p:
        p.set_total(50_000)
        p(50_000)
    with Progress("Writing", stream=big) as p:
        p.set_total(50_000)
        for _ in range(5):
            time.sleep(0.12)  # tqdm redraws at most every 0.1 s
            p(10_000)
    assert small.getvalue() == "" and quiet.getvalue() == ""
    assert "Writing" in big.getvalue() and re.search(r"[1-5]0\.0k/50\.0k", big.getvalue())


def test_kg_server_notes_a_remote_neo4j_uri(tmp_path):
    result = CliRunner().invoke(main, ["server", "status", "--data-dir", str(tmp_path / "none")],
                                env={"NEO4J_URI": "neo4j+s://abcd.databases.neo4j.io"})
    assert result.exit_code == 3
    assert "Note: NEO4J_URI is neo4j+s://abcd.databases.neo4j.io, a remote server" in result.output
    assert "No local Neo4j is running." in result.output
