"""Neo4j Browser, ready: the question guide, the address that fills in the connection, the settings written."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import neo4j_server as server
from kg import questions
from kg.cli import main
from kg.errors import KGError, ServerError
from kg.export import browser_guide
from kg.export.browser_guide import guide_html, question_parameters, runnable
from kg.neo4j_server import browser, config, paths
from kg.stores import cypher


def slides(html: str) -> list[str]:
    return re.findall(r"<slide [^>]*>(.*?)</slide>", html, re.S)


def test_the_guide_has_one_slide_per_question_that_runs_it_with_its_parameters():
    html = guide_html()
    assert "<title>OncoKG: the question catalogue</title>" in html
    pages = slides(html)
    assert len(pages) == 1 + len(questions.REGISTRY)
    for q in questions.REGISTRY.values():
        assert f"<li>{q.id}: {q.title}</li>" in unescape(pages[0])
    for page, q in zip(pages[1:], questions.REGISTRY.values()):
        assert unescape(re.search(r"<h3>(.*?)</h3>", page).group(1)) == q.title
        blocks = [unescape(b) for b in re.findall(r'<pre class="runnable">(.*?)</pre>', page, re.S)]
        assert blocks == [runnable(q.cypher_name)]
        params, _, query = blocks[0].partition(";\n")
        assert params == f":params {question_parameters(q.cypher_name)}"
        file_text = cypher.load(q.cypher_name).text
        body = "\n".join(line for line in file_text.splitlines() if not line.startswith("//")).strip()
        assert query == body.rstrip(";") + ";"
        # every parameter the query declares is set by the :params line
        for name in cypher.load(q.cypher_name).parameters:
            assert re.search(rf"[{{,]\s*{name}:", params), (q.id, name)


def test_the_flagship_page_sets_ids_not_names():
    page = slides(guide_html())[1 + list(questions.REGISTRY).index("alk-cns-after-crizotinib")]
    block = unescape(re.search(r'<pre class="runnable">(.*?)</pre>', page, re.S).group(1))
    assert block.startswith(":params {target: 'HGNC:427', transporter: 'HGNC:40', prior_drug: 'DRUGBANK:DB08865', ")
    assert block.endswith(";") and block.count(";\n") == 1


def test_a_question_file_without_its_param_line_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "x.cypher").write_text("// Purpose.\n// Parameters: $a\nRETURN $a\n")
    monkeypatch.setattr(cypher.resources, "path", lambda name: tmp_path)
    cypher.load.cache_clear()
    try:
        with pytest.raises(KGError, match=r"x\.cypher: no '//   :param \{\.\.\.\}' comment line"):
            question_parameters("questions/x")
    finally:
        cypher.load.cache_clear()


def test_browser_url_fills_in_the_connection():
    assert server.browser_url("bolt://127.0.0.1:7687", 7474, auth=True) == (
        "http://127.0.0.1:7474/browser/?dbms=bolt://neo4j@127.0.0.1:7687&db=neo4j")
    assert server.browser_url("bolt://127.0.0.1:17687", 17474, auth=False) == (
        "http://127.0.0.1:17474/browser/?dbms=bolt://neo4j@127.0.0.1:17687&db=neo4j&preselectAuthMethod=NO_AUTH")


def test_neo4j_conf_lets_the_browser_fetch_the_guide_and_opens_it_on_connect(tmp_path: Path):
    paths._make_layout(tmp_path)
    conf = config._write_conf(tmp_path, 7687, auth=True, browser=True, http_port=7474, heap="512m",
                              pagecache="256m", tls_dir=None).read_text().splitlines()
    assert "browser.remote_content_hostname_whitelist=127.0.0.1" in conf
    assert ("browser.post_connect_cmd=style http://127.0.0.1:7474/browser/oncokg/oncokg.grass; "
            "guide http://127.0.0.1:7474/browser/oncokg/guide.html") in conf
    conf = config._write_conf(tmp_path, 7687, auth=True, browser=False, http_port=7474, heap="512m",
                              pagecache="256m", tls_dir=None).read_text().splitlines()
    assert not any(line.startswith("browser.") for line in conf)


def test_the_browser_jar_serves_the_guide_and_the_style(tmp_path: Path):
    """The copy of the Browser jar that goes first on the classpath holds the Browser and our two files."""
    import zipfile

    from kg.export.browser_style import grass

    home = tmp_path / "home"
    (home / "lib").mkdir(parents=True)
    with zipfile.ZipFile(home / "lib" / "neo4j-browser-5.24.0.jar", "w") as z:
        z.writestr("browser/index.html", "<html>Neo4j Browser</html>")
    (tmp_path / "data").mkdir()
    jar = browser._browser_jar(home, tmp_path / "data", server.BrowserFiles(guide_html(), grass()))
    with zipfile.ZipFile(jar) as z:
        assert sorted(z.namelist()) == ["browser/index.html", "browser/oncokg/guide.html",
                                        "browser/oncokg/oncokg.grass"]
        assert z.read("browser/oncokg/guide.html").decode() == guide_html()
        assert z.read("browser/oncokg/oncokg.grass").decode() == grass()


def test_without_files_the_browser_jar_of_the_previous_start_serves_again(tmp_path: Path):
    """A restart that does not render the files (kg load --bulk) keeps those of the previous start."""
    import zipfile

    home = tmp_path / "home"
    (home / "lib").mkdir(parents=True)
    with zipfile.ZipFile(home / "lib" / "neo4j-browser-5.24.0.jar", "w") as z:
        z.writestr("browser/index.html", "<html>Neo4j Browser</html>")
    (tmp_path / "fresh").mkdir()
    with pytest.raises(ServerError, match="the first start with the Browser needs its guide and style"):
        browser._browser_jar(home, tmp_path / "fresh", None)
    (tmp_path / "data").mkdir()
    jar = browser._browser_jar(home, tmp_path / "data", server.BrowserFiles("<p>guide</p>", "node {}"))
    assert browser._browser_jar(home, tmp_path / "data", None) == jar
    with zipfile.ZipFile(jar) as z:
        assert z.read("browser/oncokg/guide.html").decode() == "<p>guide</p>"
        assert z.read("browser/oncokg/oncokg.grass").decode() == "node {}"


def test_cli_server_start_browser_hands_the_guide_and_the_style_to_the_server(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch):
    from kg.export import grass

    calls: list[dict] = []
    info = server.ServerInfo("bolt://127.0.0.1:7687", 4242, "Neo4j/5.26.31", tmp_path, True, None)
    monkeypatch.setattr(server, "start", lambda *args, **kwargs: calls.append(kwargs) or info)
    for flags in (["--browser"], []):
        result = CliRunner().invoke(main, ["server", "start", *flags, "--data-dir", str(tmp_path)])
        assert result.exit_code == 0, result.output
    assert [(c["browser"], c["browser_files"]) for c in calls] == [
        (True, server.BrowserFiles(guide_html(), grass())), (False, None)]


def test_cli_server_start_browser_prints_the_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    url = server.browser_url("bolt://127.0.0.1:7687", 7474, auth=True)
    info = server.ServerInfo("bolt://127.0.0.1:7687", 4242, "Neo4j/5.26.31", tmp_path, True, url)
    monkeypatch.setattr(server, "start", lambda *args, **kwargs: info)
    result = CliRunner().invoke(main, ["server", "start", "--browser", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Neo4j running at bolt://127.0.0.1:7687 (pid 4242, Neo4j/5.26.31), data in {tmp_path}.\n"
        "Neo4j Browser: http://127.0.0.1:7474/browser/?dbms=bolt://neo4j@127.0.0.1:7687&db=neo4j\n"
        f"  (the connection is filled in: user neo4j, password in {tmp_path / 'password'}; once connected it "
        "applies the OncoKG style and opens the question guide)\n")


def test_module_docstring_names_the_guide_command():
    assert ":guide <url>" in (browser_guide.__doc__ or "")
