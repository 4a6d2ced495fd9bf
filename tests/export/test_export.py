"""Exports read back by real readers (networkx, igraph, kgx, headless Chromium), compared with the source graph.

Two graphs: the seed, and the neighbourhood of alectinib to depth 2 (kg.questions.neighbourhood.neighbourhood_graph).
"""

from __future__ import annotations

import json
from html import unescape
import math
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import KGError
from kg.export import FORMATS, write
from kg.export.browser_style import grass
from kg.export.common import LABEL_COLOURS, caption, display_name, edge_id
from kg.export.kgx import BIOLINK_CATEGORY, BIOLINK_PREDICATE, KGX_RENAMED
from kg.export.neo4j_csv import write_neo4j_csv
from kg.export.view import select
from kg.model import Label, Rel
from kg.stores import MemoryStore
from kg.stores.neo4j_csv import NEO4J_ARRAY_DELIMITER

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture(scope="module", params=["seed", "slice"])
def graph(request: pytest.FixtureRequest, store: MemoryStore) -> nx.MultiDiGraph:
    if request.param == "seed":
        return select(store)
    return select(store, around="alectinib", depth=2)


def expected_nodes(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Each node as every format should give it back: labels, name (its display name) and every property."""
    return {n: {"labels": d["label"], **{k: v for k, v in d.items() if k != "label"},
                "name": display_name(n, d["label"], d)} for n, d in g.nodes(data=True)}


def test_every_node_has_a_readable_name(store: MemoryStore):
    """Every exported node has a non-empty name: its own, else `<label> <id>`. What the tools show (`caption`) is the
    name, except a treatment line's step, which names its line of therapy."""
    g = store.graph
    assert all(display_name(n, d["label"], d) == d["name"] for n, d in g.nodes(data=True))  # the graph names all
    assert all(caption(n, d) for n, d in g.nodes(data=True))
    assert display_name("oncokg:x", "Observation", {"response": "partial response"}) == "Observation oncokg:x"
    line = "oncokg:case-alectinib-cns-case-report/line-3"
    assert (g.nodes[line]["name"], caption(line, g.nodes[line])) == ("crizotinib", "line 2: crizotinib")
    assert caption("DRUGBANK:DB11363", g.nodes["DRUGBANK:DB11363"]) == "alectinib"


def expected_edges(g: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(u, k, v): dict(d) for u, v, k, d in g.edges(keys=True, data=True)}


def decode_lists(attrs: dict[str, Any], lists: set[str]) -> dict[str, Any]:
    return {k: json.loads(v) if k in lists else v for k, v in attrs.items()}


def list_keys(g: nx.MultiDiGraph) -> tuple[set[str], set[str]]:
    nodes = {k for _, d in g.nodes(data=True) for k, v in d.items() if isinstance(v, list)}
    edges = {k for *_, d in g.edges(data=True) for k, v in d.items() if isinstance(v, list)}
    return nodes, edges


def test_the_slice_is_a_real_slice(store: MemoryStore):
    s = select(store, around="alectinib", depth=2)
    assert 10 < s.number_of_nodes() < store.graph.number_of_nodes()
    assert s.graph["centre"] == "DRUGBANK:DB11363" and s.graph["depth"] == 2


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_writes_the_seed_and_a_slice(graph: nx.MultiDiGraph, fmt: str, tmp_path: Path):
    report = write(graph, fmt, tmp_path / f"out.{fmt}")
    assert (report.nodes, report.relationships) == (graph.number_of_nodes(), graph.number_of_edges())
    assert all(Path(f).is_file() and Path(f).stat().st_size > 0 for f in report.files)


# ------------------------------------------------------------------------- GraphML, GEXF, JSON


def test_graphml_read_back_by_networkx(graph: nx.MultiDiGraph, tmp_path: Path):
    path = tmp_path / "g.graphml"
    write(graph, "graphml", path)
    back = nx.read_graphml(path, force_multigraph=True)
    node_lists, edge_lists = list_keys(graph)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    want = expected_nodes(graph)
    nodes = {}
    for n, d in back.nodes(data=True):
        d = dict(d)
        # GraphML's own: name is the id (igraph's unique vertex name), label the readable name, r g b the colour
        assert (d.pop("name"), d.pop("label")) == (n, caption(n, graph.nodes[n]))
        assert (d.pop("r"), d.pop("g"), d.pop("b")) == tuple(
            int(LABEL_COLOURS[Label(d["labels"])][i:i + 2], 16) for i in (1, 3, 5))
        nodes[n] = {**decode_lists(d, node_lists), "name": want[n]["name"]}
    assert nodes == want
    got = {}
    for u, v, d in back.edges(data=True):
        d = dict(d)
        assert d.pop("label") == d["type"]
        got[(u, d["type"], v)] = decode_lists(d, edge_lists)
    assert got == expected_edges(graph)
    assert {k for _, _, k in back.edges(keys=True)} == {edge_id(u, k, v) for u, v, k in graph.edges(keys=True)}
    assert back.graph["source_fingerprint"] == graph.graph["source_fingerprint"]


def _same(a: Any, b: Any) -> bool:
    """igraph keeps numbers as floats and has no bool or missing value of its own."""
    if isinstance(b, bool) or isinstance(a, bool):
        return bool(a) == bool(b)
    if isinstance(b, int | float) and isinstance(a, int | float):
        return math.isclose(a, b)
    return a == b


def test_graphml_read_back_by_igraph(graph: nx.MultiDiGraph, tmp_path: Path):
    import igraph

    path = tmp_path / "g.graphml"
    write(graph, "graphml", path)
    back = igraph.Graph.Read_GraphML(str(path))
    assert back.is_directed()
    assert (back.vcount(), back.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    node_lists, edge_lists = list_keys(graph)
    assert sorted(back.vs["name"]) == sorted(graph.nodes)  # unique vertex names: back.vs.find(name=...) works
    assert back.vs.find(name="DRUGBANK:DB11363")["label"] == "alectinib"
    want = expected_nodes(graph)
    for v in back.vs:
        expected = dict(want[v["id"]])
        del expected["name"]  # GraphML's name is the id; the name is shown as label
        assert v["label"] == caption(v["id"], graph.nodes[v["id"]]) and v["name"] == v["id"]
        for k, value in expected.items():
            got = json.loads(v[k]) if k in node_lists else v[k]
            assert _same(got, value), (v["id"], k, got, value)
        for k in set(back.vs.attributes()) - set(expected) - {"id", "name", "label", "r", "g", "b"}:  # absent: igraph's empty value
            assert v[k] in (None, "", False) or (isinstance(v[k], float) and math.isnan(v[k])), (v["id"], k, v[k])
    edges = expected_edges(graph)
    seen = set()
    for e in back.es:
        key = (back.vs[e.source]["id"], e["type"], back.vs[e.target]["id"])
        seen.add(key)
        assert e["label"] == e["type"]
        for k, value in edges[key].items():
            got = json.loads(e[k]) if k in edge_lists else e[k]
            assert _same(got, value), (key, k, got, value)
    assert seen == set(edges)


def test_gexf_read_back_by_networkx(graph: nx.MultiDiGraph, tmp_path: Path):
    path = tmp_path / "g.gexf"
    write(graph, "gexf", path)
    back = nx.read_gexf(path)
    node_lists, edge_lists = list_keys(graph)
    assert isinstance(back, nx.MultiDiGraph)
    nodes = {}
    for n, d in back.nodes(data=True):
        d = dict(d)
        shown, viz = d.pop("label"), d.pop("viz")  # GEXF's own: what Gephi shows, and the label's colour
        assert shown == caption(n, graph.nodes[n])
        assert "#{:02X}{:02X}{:02X}".format(*(viz["color"][c] for c in "rgb")) == LABEL_COLOURS[Label(d["labels"])]
        nodes[n] = decode_lists(d, node_lists)
    assert nodes == expected_nodes(graph)
    edges = {}
    for u, v, d in back.edges(data=True):
        d = dict(d)
        assert d.pop("label") == d["type"]
        d.pop("id", None)
        edges[(u, d["type"], v)] = decode_lists(d, edge_lists)
    assert edges == expected_edges(graph)


def test_cytoscape_json_read_back_by_networkx(graph: nx.MultiDiGraph, tmp_path: Path):
    path = tmp_path / "g.cyjs"
    write(graph, "cytoscape", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.cytoscape_graph(data)
    assert isinstance(back, nx.MultiDiGraph)
    # networkx keys a node by its `value`; a property of that name (a Finding's value) is `oncokg_value`
    nodes = {n: {k.removeprefix("oncokg_"): v for k, v in d.items() if k not in ("id", "value")}
             for n, d in back.nodes(data=True)}
    assert nodes == expected_nodes(graph)
    assert any("oncokg_value" in d for _, d in back.nodes(data=True)) == any(
        "value" in d for _, d in graph.nodes(data=True))
    assert all(d["id"] == n for n, d in back.nodes(data=True))
    edges = {}
    for u, v, key, d in back.edges(keys=True, data=True):
        assert key == d["type"] == d["interaction"] and d["id"] == edge_id(u, key, v)
        own = ("id", "source", "target", "key", "interaction")
        edges[(u, key, v)] = {k: val for k, val in d.items() if k not in own}
    assert edges == expected_edges(graph)


def test_node_link_json_read_back_by_networkx(graph: nx.MultiDiGraph, tmp_path: Path):
    """`links`, as d3 reads it; networkx from 3.6 on reads `edges` unless told (3.2 to 3.5: the test below)."""
    path = tmp_path / "g.json"
    write(graph, "node-link", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["directed", "multigraph", "graph", "nodes", "links"]
    back = nx.node_link_graph(data, edges="links")
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == expected_nodes(graph)
    edges = {(u, k, v): {x: y for x, y in d.items() if x != "id"} for u, v, k, d in back.edges(keys=True, data=True)}
    assert edges == expected_edges(graph)
    assert back.graph["name"].startswith("OncoKG")


NETWORKX_FLOOR = "3.2.1"  # the lowest networkx that pyproject.toml allows (networkx>=3.2)


def test_node_link_json_read_by_the_lowest_networkx_with_its_defaults(store: MemoryStore, tmp_path: Path):
    """networkx 3.2 (pip-installed into a directory of this test) reads the file with `node_link_graph(data)` and
    its defaults, and gets the same graph as the installed networkx told `edges="links"`."""
    import os
    import sys

    target = tmp_path / "nx"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
                          "--target", str(target), f"networkx=={NETWORKX_FLOOR}"],
                         capture_output=True, text=True, check=False)
    assert pip.returncode == 0, f"cannot install networkx {NETWORKX_FLOOR} from PyPI: {pip.stderr[-500:]}"
    path = tmp_path / "g.json"
    write(select(store, around="alectinib", depth=2), "node-link", path)
    script = ("import json, sys, networkx as nx; g = nx.node_link_graph(json.load(open(sys.argv[1])));"
              "print(json.dumps([nx.__version__, sorted(g.nodes), sorted((u, k, v) for u, v, k in g.edges(keys=True)),"
              " g.nodes['DRUGBANK:DB11363']['name']]))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    version, nodes, edges, name = json.loads(run.stdout)
    here = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    assert version == NETWORKX_FLOOR
    assert nodes == sorted(here.nodes) and len(nodes) > 10
    assert [tuple(e) for e in edges] == sorted((u, k, v) for u, v, k in here.edges(keys=True))
    assert name == "alectinib"


def test_lists_and_types_in_xml_follow_one_rule(store: MemoryStore, tmp_path: Path):
    path = tmp_path / "g.graphml"
    write(select(store), "graphml", path)
    text = path.read_text(encoding="utf-8")
    assert '<key id="n0" for="node" attr.name="labels" attr.type="string"/>' in text
    assert 'attr.name="sources" attr.type="string"><desc>JSON list</desc>' in text
    assert 'attr.name="year" attr.type="long"/>' in text and 'attr.name="cns" attr.type="boolean"/>' in text
    assert "<data" in text and ">None<" not in text and ">null<" not in text


def test_export_leaves_the_store_graph_untouched(store: MemoryStore, tmp_path: Path):
    before = dict(store.graph.graph)
    for kwargs in ({}, {"answer": kg.ask("alk-cns-after-crizotinib", store)}, {"around": "ALK"}):
        write(select(store, **kwargs), "node-link", tmp_path / "g.json")
    assert store.graph.graph.keys() == before.keys()


# ------------------------------------------------------------------------- KGX


@pytest.fixture(scope="module")
def kgx_offline():
    """kgx with the Biolink model shipped in the biolink-model package (kg.export.kgx_offline) and no network at all:
    any network use fails the test."""
    from kg.export.kgx_offline import offline_biolink

    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise OSError(f"network use in an offline test: {args[:2]}")

    with pytest.MonkeyPatch.context() as mp, offline_biolink() as toolkit:
        mp.setattr(socket, "getaddrinfo", no_network)
        mp.setattr(socket, "create_connection", no_network)
        yield toolkit


def test_biolink_categories_and_predicates_exist(kgx_offline):
    tk = kgx_offline
    assert tk.get_model_version() == "4.4.6"
    assert set(BIOLINK_CATEGORY) == set(Label) and set(BIOLINK_PREDICATE) == set(Rel)
    for category in set(BIOLINK_CATEGORY.values()):
        assert tk.is_category(category), category
    for mapped in BIOLINK_PREDICATE.values():
        assert tk.is_predicate(mapped["predicate"]), mapped
        assert not tk.get_element(mapped["predicate"]).deprecated
        if "qualified_predicate" in mapped:
            aspects = tk.view.get_enum("GeneOrGeneProductOrChemicalEntityAspectEnum").permissible_values
            assert mapped["object_aspect_qualifier"] in aspects
            assert mapped["object_direction_qualifier"] in tk.view.get_enum("DirectionQualifierEnum").permissible_values


def test_kgx_renames_exactly_the_properties_biolink_uses_otherwise(kgx_offline, store: MemoryStore):
    g = store.graph
    names = {k for _, d in g.nodes(data=True) for k in d} | {k for *_, d in g.edges(data=True) for k in d}
    clashing = set()
    for name in names - {"label", "type", "name", "url"}:  # label/type are written as columns; name, url mean the same
        words = name.replace("_", " ")
        element = kgx_offline.get_element(words)
        if element is not None and type(element).__name__ == "SlotDefinition" and element.name == words:
            clashing.add(name)
    assert clashing == KGX_RENAMED & names


def _kgx_validate(directory: Path) -> dict[str, dict[str, list[str]]]:
    from kg.export.kgx_offline import validate

    return validate(directory)


def test_kgx_validate_offline_is_what_users_run(store: MemoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """kg.export.kgx_offline.validate on its own (no fixture): offline, and what it reports is about identifiers only."""
    import re

    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise OSError(f"network use in an offline test: {args[:2]}")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    write(select(store, around="ALK"), "kgx", tmp_path)
    report = _kgx_validate(tmp_path)
    assert set(report) == {"ERROR"}
    for messages in report["ERROR"].values():
        assert all(re.fullmatch(ID_MESSAGE, m) for m in messages)
    with pytest.raises(KGError, match="no nodes.tsv or edges.tsv; write it with 'kg export -f kgx"):
        _kgx_validate(tmp_path / "nothing")


# What kgx's validator says about our identifiers, and nothing else: `oncokg:` (our own namespace), `NCT:` and
# `DOI:` are not prefixes of the Biolink JSON-LD context, and a DOI with parentheses or a treatment line's id
# (`oncokg:case-.../line-1`) is no CURIE to its regex.
ID_MESSAGE = (r"(Node property 'id' is expected to be of type 'CURIE'"
              r"|(Node|Edge) property '(id|subject|object)' has a value '[^']*' with a CURIE prefix "
              r"'(oncokg|NCT|DOI)' (that )?is not represented in Biolink Model JSON-LD context"
              r"|(Node|Edge) property '(id|subject|object)' has a value '(DOI|oncokg):[^']*' "
              r"which is not a proper CURIE)")


def test_kgx_validator_accepts_categories_predicates_and_columns(kgx_offline, graph: nx.MultiDiGraph, tmp_path: Path):
    import re

    write(graph, "kgx", tmp_path)
    errors = _kgx_validate(tmp_path)
    kinds = {(level, kind) for level, by_kind in errors.items() for kind in by_kind}
    assert kinds <= {("ERROR", "INVALID_NODE_PROPERTY_VALUE"), ("ERROR", "INVALID_EDGE_PROPERTY_VALUE")}
    for level, by_kind in errors.items():
        for kind, messages in by_kind.items():
            for message in messages:
                assert re.fullmatch(ID_MESSAGE, message), message


def test_kgx_validator_catches_a_bad_category(kgx_offline, store: MemoryStore, tmp_path: Path):
    write(select(store, around="ALK"), "kgx", tmp_path)
    nodes = tmp_path / "nodes.tsv"
    nodes.write_text(nodes.read_text(encoding="utf-8").replace("biolink:Gene", "biolink:Gnee"), encoding="utf-8")
    errors = _kgx_validate(tmp_path)
    assert "INVALID_CATEGORY" in errors.get("ERROR", {})


def _kgx_value(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def _as_kgx(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for v in items:
        text = ("True" if v else "False") if isinstance(v, bool) else repr(v) if isinstance(v, float) else str(v)
        out.append(text.replace("|", "\u00a6"))
    return out


def test_kgx_read_back_by_kgx(kgx_offline, graph: nx.MultiDiGraph, tmp_path: Path):
    from kgx.transformer import Transformer

    write(graph, "kgx", tmp_path)
    t = Transformer()
    t.transform({"filename": [str(tmp_path / "nodes.tsv"), str(tmp_path / "edges.tsv")], "format": "tsv"})
    back = t.store.graph
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    nodes = dict(back.nodes(data=True))
    for node_id, want in expected_nodes(graph).items():
        got = nodes[node_id]
        assert got["category"] == [BIOLINK_CATEGORY[Label(want["labels"])]]
        for k, v in want.items():
            column = f"oncokg_{k}" if k in KGX_RENAMED else k
            if v == []:
                assert column not in got
            else:
                assert _kgx_value(got[column]) == _as_kgx(v), (node_id, k)
    edges = {}
    for s, o, _, d in back.edges(keys=True, data=True):
        rel = d["original_predicate"].removeprefix("oncokg:")
        mapped = BIOLINK_PREDICATE[Rel(rel)]
        assert d["predicate"] == mapped["predicate"]
        start, end = (o, s) if mapped.get("inverse") else (s, o)
        assert d["id"] == edge_id(start, rel, end)
        edges[(start, rel, end)] = d
    want_edges = expected_edges(graph)
    assert edges.keys() == want_edges.keys()
    for key, want in want_edges.items():
        got = edges[key]
        for k, v in want.items():
            if k == "type":
                continue
            column = f"oncokg_{k}" if k in KGX_RENAMED else k
            if v == []:
                assert column not in got
            else:
                assert _kgx_value(got[column]) == _as_kgx(v), (key, k)
        sources = want.get("sources", [])
        publications = [s for s in sources if graph.nodes.get(s, {}).get("label") == "Publication"
                        or s.startswith(("PMID:", "DOI:", "oncokg:src-"))]
        assert got.get("publications", []) == publications


def test_kgx_keeps_conflicting_substrate_statements_apart(kgx_offline, store: MemoryStore, tmp_path: Path):
    """Erlotinib is stated both a P-gp substrate and not one: kgx, which merges on (subject, predicate, object),
    must still see two edges."""
    from kgx.transformer import Transformer

    g = store.graph
    pair = ("DRUGBANK:DB00530", "HGNC:40")
    assert g.has_edge(*pair, key="SUBSTRATE_OF") and g.has_edge(*pair, key="NOT_SUBSTRATE_OF")
    write(select(store), "kgx", tmp_path)
    t = Transformer()
    t.transform({"filename": [str(tmp_path / "nodes.tsv"), str(tmp_path / "edges.tsv")], "format": "tsv"})
    found = {(s, d["predicate"], o, d.get("negated")) for s, o, d in t.store.graph.edges(data=True)
             if {s, o} == set(pair)}
    assert found == {("DRUGBANK:DB00530", "biolink:is_substrate_of", "HGNC:40", None),
                     ("HGNC:40", "biolink:has_substrate", "DRUGBANK:DB00530", True)}


# ------------------------------------------------------------------------- Neo4j import CSV


def _read_neo4j_csv(path: Path, delimiter: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Parse an import file by neo4j-admin's rules: typed headers, quoted strings, arrays split on `delimiter`."""
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        lines = f.read().splitlines()
    header = lines[0].split(",")
    convert = {"long": int, "double": float, "boolean": lambda x: {"true": True, "false": False}[x], "string": str}
    rows = []
    for raw in csv.reader(lines[1:]):
        row: dict[str, Any] = {}
        for column, cell in zip(header, raw):
            name, _, kind = column.partition(":")
            if cell == "":
                continue
            if kind.endswith("[]"):
                row[name] = [convert[kind[:-2]](x) for x in cell.split(delimiter)]
            else:
                row[name or column] = convert.get(kind, str)(cell)
        rows.append(row)
    return header, rows


def test_neo4j_csv_keeps_every_value_and_type(graph: nx.MultiDiGraph, tmp_path: Path):
    files = write_neo4j_csv(graph, tmp_path)
    assert files["array_delimiter"] == NEO4J_ARRAY_DELIMITER and files["multiline_fields"] is False
    nodes: dict[str, dict[str, Any]] = {}
    for label, path in files["nodes"]:
        header, rows = _read_neo4j_csv(path, files["array_delimiter"])
        assert header[:2] == ["id:ID", ":LABEL"]
        for row in rows:
            assert row.pop(":LABEL") == label
            node_id = row.pop("id")
            nodes[node_id] = {"labels": label, **row}
    drop_empty = lambda d: {k: v for k, v in d.items() if v != []}  # noqa: E731 neo4j-admin stores no empty list
    # the import files hold the graph as it is (kg load --bulk): a node without a name gets none here
    raw = {n: {"labels": d["label"], **{k: v for k, v in d.items() if k != "label"}} for n, d in graph.nodes(data=True)}
    assert nodes == {n: drop_empty(d) for n, d in raw.items()}
    edges = {}
    for rel, path in files["relationships"]:
        header, rows = _read_neo4j_csv(path, files["array_delimiter"])
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for row in rows:
            key = (row.pop(":START_ID"), rel, row.pop(":END_ID"))
            edges[key] = {"type": row.pop(":TYPE"), **row}
    assert edges == {k: drop_empty(d) for k, d in expected_edges(graph).items()}


def test_neo4j_csv_splits_a_label_whose_property_changes_type(tmp_path: Path):
    g = nx.MultiDiGraph()
    g.add_node("oncokg:finding-a", label="Finding", name="a", value=1)
    g.add_node("oncokg:finding-b", label="Finding", name="b", value=0.5)
    g.add_node("oncokg:finding-c", label="Finding", name="c")
    files = write_neo4j_csv(g, tmp_path)
    headers = [path.read_text(encoding="utf-8").splitlines()[0] for _, path in files["nodes"]]
    assert [label for label, _ in files["nodes"]] == ["Finding", "Finding"]
    assert sorted(headers) == ["id:ID,:LABEL,name:string,value:double", "id:ID,:LABEL,name:string,value:long"]


def test_neo4j_csv_refuses_the_array_delimiter_and_mixed_lists(tmp_path: Path):
    g = nx.MultiDiGraph()
    g.add_node("oncokg:finding-a", label="Finding", name="a", sources=[f"x{NEO4J_ARRAY_DELIMITER}y"])
    with pytest.raises(KGError, match="node oncokg:finding-a: sources: the value contains U\\+001F"):
        write_neo4j_csv(g, tmp_path)
    g.nodes["oncokg:finding-a"]["sources"] = ["a", 1]
    with pytest.raises(KGError, match="a list mixes long and string"):
        write_neo4j_csv(g, tmp_path)


# ------------------------------------------------------------------------- HTML in headless Chromium

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-default-apps",
                  "--no-pings", "--window-size=1400,900", "--virtual-time-budget=20000"]

# Appended to a copy of the page: once Cytoscape.js has drawn it, write what the rendered scene holds into the DOM
# (read back with --dump-dom): each node's caption as drawn, whether it is displayed and on screen, its caption's
# size on screen, and, at the centre node's place on the canvas, the colour of the pixels drawn there.
PROBE = """<script>
(function poll() {
  var cy = window.oncokg;
  if (!cy || !document.body.hasAttribute('data-drawn')) { setTimeout(poll, 50); return; }
  var ext = cy.extent(), zoom = cy.zoom(), dpr = window.devicePixelRatio || 1;
  var nodes = cy.nodes().map(function (n) {
    var p = n.renderedPosition(), bb = n.boundingBox();
    return {id: n.id(), caption: n.style('label'), displayed: n.visible(), classes: n.classes(),
            on_screen: n.visible() && bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2,
            font_px: parseFloat(n.style('font-size')) * zoom, x: p.x, y: p.y, width: n.renderedWidth()};
  });
  var centre = cy.nodes('.centre'), pixels = [];
  if (centre.nonempty()) {
    var p = centre.renderedPosition();
    document.querySelectorAll('#cy canvas').forEach(function (c) {
      var d = c.getContext('2d').getImageData(Math.round(p.x * dpr), Math.round(p.y * dpr), 1, 1).data;
      if (d[3] > 0) { pixels.push([d[0], d[1], d[2]]); }
    });
  }
  var out = document.createElement('pre'); out.id = 'kg-probe';
  out.textContent = JSON.stringify({nodes: nodes, relationships: cy.edges(':visible').length, zoom: zoom,
    width: cy.width(), height: cy.height(), centre_pixels: pixels});
  document.body.appendChild(out);
})();
</script>"""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("headless Chromium is not installed: run 'make chromium' (Debian package chromium)")
    return path


def run_chromium(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{page.stem}-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=180, check=False)


def page_requests(net_log: Path) -> list[str]:
    """URLs that the page (not Chromium's own background services) asked the network for, from a NetLog."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if types.get(event["type"]) == "URL_REQUEST_START_JOB" and params.get("initiator") != "not an origin":
            url = params.get("url")  # the job's end event has none
            if url and not url.startswith(("file:", "data:", "blob:", "about:", "chrome:")):
                urls.append(url)
    return urls


@pytest.fixture(scope="module")
def html_slice(store: MemoryStore, tmp_path_factory: pytest.TempPathFactory) -> tuple[nx.MultiDiGraph, Path]:
    g = select(store, around="alectinib", depth=1)
    path = tmp_path_factory.mktemp("html") / "alectinib.html"
    write(g, "html", path)
    return g, path


def test_html_is_one_self_contained_file(html_slice: tuple[nx.MultiDiGraph, Path]):
    import re

    _, path = html_slice
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)\s*=", text, re.I)
    assert "<title>OncoKG: neighbourhood of DRUGBANK:DB11363, depth 1</title>" in text


def rendered(page: Path, tmp_path: Path) -> dict[str, Any]:
    """Open a copy of `page` with PROBE in headless Chromium (stock flags, offline) and return what it wrote."""
    probe = tmp_path / f"probe-{page.stem}.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    net_log = tmp_path / f"net-{page.stem}.json"
    result = run_chromium(probe, tmp_path, f"--log-net-log={net_log}", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert page_requests(net_log) == []
    dom = result.stdout
    assert '<pre id="kg-probe">' in dom, "the page drew nothing (no Cytoscape.js graph)"
    start = dom.index('<pre id="kg-probe">') + len('<pre id="kg-probe">')
    return json.loads(unescape(dom[start:dom.index("</pre>", start)]))


def assert_readable(drawn: dict[str, Any], g: nx.MultiDiGraph) -> None:
    """The rendered scene holds every expected caption, readable at the zoom the page opens with, and the centre
    of a neighbourhood is marked, in the middle of the view, and drawn in its colour."""
    shown = {n["id"]: n for n in drawn["nodes"] if n["displayed"]}
    unlinked = {n for n, d in g.nodes(data=True) if d["label"] == "Publication" and g.degree(n) == 0}
    want = {n: caption(n, d) for n, d in g.nodes(data=True) if n not in unlinked}
    assert {n: d["caption"] for n, d in shown.items()} == want
    assert drawn["relationships"] == g.number_of_edges()
    on_screen = [n for n in shown.values() if n["on_screen"]]
    assert len(on_screen) >= min(len(want), 10)
    assert all(n["font_px"] >= 9 for n in on_screen), [(n["id"], n["font_px"]) for n in on_screen if n["font_px"] < 9]
    centre = g.graph.get("centre")
    if centre:
        c = shown[centre]
        assert c["classes"] == ["centre"] and c["on_screen"]
        # the middle of the view falls on the centre node (centred with its caption, so a little above)
        assert abs(c["x"] - drawn["width"] / 2) < c["width"] / 2 and abs(c["y"] - drawn["height"] / 2) < c["width"] / 2
        assert c["width"] > max(n["width"] for n in shown.values() if n["id"] != centre)
        colour = LABEL_COLOURS[Label(g.nodes[centre]["label"])]
        assert tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) in {tuple(p) for p in drawn["centre_pixels"]}


def test_html_draws_readable_captions_offline(html_slice: tuple[nx.MultiDiGraph, Path], tmp_path: Path):
    g, path = html_slice
    drawn = rendered(path, tmp_path)
    assert_readable(drawn, g)
    assert drawn["zoom"] >= 0.75


def test_html_check_fails_on_a_page_without_its_graph(html_slice: tuple[nx.MultiDiGraph, Path], tmp_path: Path):
    """The check above is not vacuous: the same page with its graph data taken out (the page still runs, and
    draws its legend and buttons on an empty canvas) fails it, and so does a page whose data do not load."""
    g, path = html_slice
    text = path.read_text(encoding="utf-8")
    tag = '<script type="application/json" id="oncokg-data">'
    start = text.index(tag) + len(tag)
    end = text.index("</script>", start)
    data = json.loads(text[start:end])
    empty = tmp_path / "empty.html"
    empty.write_text(text[:start] + json.dumps({**data, "nodes": [], "edges": []}) + text[end:], encoding="utf-8")
    with pytest.raises(AssertionError):
        assert_readable(rendered(empty, tmp_path), g)
    broken = tmp_path / "broken.html"
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(AssertionError, match="the page drew nothing"):
        rendered(broken, tmp_path)


def test_html_whole_graph_hides_unlinked_publications(store: MemoryStore, tmp_path: Path):
    g = select(store)
    path = tmp_path / "all.html"
    write(g, "html", path)
    drawn = rendered(path, tmp_path)
    assert_readable(drawn, g)
    unlinked = {n for n, d in g.nodes(data=True) if d["label"] == "Publication" and g.degree(n) == 0}
    linked = {n for n, d in g.nodes(data=True) if d["label"] == "Publication" and g.degree(n) > 0}
    assert unlinked and linked
    by_id = {n["id"]: n for n in drawn["nodes"]}
    assert not any(by_id[n]["displayed"] for n in unlinked)  # behind the toggle
    assert all(by_id[n]["displayed"] for n in linked)


def test_html_data_carry_every_property(html_slice: tuple[nx.MultiDiGraph, Path]):
    g, path = html_slice
    text = path.read_text(encoding="utf-8")
    tag = '<script type="application/json" id="oncokg-data">'
    data = json.loads(text[text.index(tag) + len(tag):text.index("</script>", text.index(tag))])
    by_id = {n["data"]["id"]: n["data"] for n in data["nodes"]}
    for node_id, want in expected_nodes(g).items():
        assert by_id[node_id]["props"] == {"id": node_id, **want}
    assert {e["data"]["type"] for e in data["edges"]} == {k for _, _, k in g.edges(keys=True)}
    assert [label for label, _ in data["legend"]] == [lab.value for lab in LABEL_COLOURS
                                                      if lab.value in {d["label"] for _, d in g.nodes(data=True)}]
    assert data["centre"] == "DRUGBANK:DB11363" and by_id["DRUGBANK:DB11363"]["level"] == 0


def test_network_check_sees_a_page_that_loads_from_the_network(tmp_path: Path):
    """The offline check is not vacuous: a page with a CDN script is caught (the request fails offline)."""
    page = tmp_path / "cdn.html"
    page.write_text('<html><head><script src="https://cdn.example.org/lib.js"></script></head><body>x</body></html>')
    net_log = tmp_path / "net.json"
    run_chromium(page, tmp_path, f"--log-net-log={net_log}", "--dump-dom")
    assert page_requests(net_log) == ["https://cdn.example.org/lib.js"]


class DevTools:
    """Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: fd 3 in, fd 4 out)."""

    def __init__(self, profile: Path):
        import os

        commands_in, self.commands = os.pipe()
        self.replies, replies_out = os.pipe()

        def child() -> None:  # in the child: the pipe ends become fds 3 and 4 (dup2 makes them inheritable)
            a, b = os.dup(commands_in), os.dup(replies_out)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen([chromium(), *CHROMIUM_FLAGS[:-1], f"--user-data-dir={profile}",
                                      "--remote-debugging-pipe", "about:blank"], preexec_fn=child, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(commands_in)
        os.close(replies_out)
        self.buffer, self.last, self.session = b"", 0, None

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        import os

        self.last += 1
        message: dict[str, Any] = {"id": self.last, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.replies, 1 << 20)
                assert chunk, "Chromium closed the DevTools pipe"
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.last:
                assert "error" not in reply, reply["error"]
                return reply["result"]

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", url=url)

    def eval(self, expression: str) -> Any:
        return self.send("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def close(self) -> None:
        import os

        try:
            self.send("Browser.close")
        finally:
            self.proc.wait(timeout=30)
            os.close(self.commands)
            os.close(self.replies)


def test_html_click_on_a_node_shows_its_properties_and_sources(html_slice: tuple[nx.MultiDiGraph, Path],
                                                              tmp_path: Path):
    import time

    g, path = html_slice
    centre = g.nodes["DRUGBANK:DB11363"]
    browser = DevTools(tmp_path / "profile")
    try:
        browser.open(path.as_uri())
        deadline = time.monotonic() + 60
        while not browser.eval("document.body.hasAttribute('data-drawn')") and time.monotonic() < deadline:
            time.sleep(0.2)  # until the page has drawn (not a timed assertion: the check below decides)
        x, y = browser.eval("(() => { const p = oncokg.getElementById('DRUGBANK:DB11363').renderedPosition();"
                            " const r = document.getElementById('cy').getBoundingClientRect();"
                            " return [r.x + p.x, r.y + p.y]; })()")
        browser.click(x, y)
        text = browser.eval("document.getElementById('details').innerText")
    finally:
        browser.close()
    for value in ("DRUGBANK:DB11363", centre["name"], centre["inchikey"], "sources", centre["sources"][0]):
        assert value in text, value


# ------------------------------------------------------------------------- slices, API, CLI, style


def test_question_slice_holds_the_answer_nodes(store: MemoryStore):
    answer = kg.ask("alk-cns-after-crizotinib", store)
    g = select(store, answer=answer)
    assert {"DRUGBANK:DB11363", "oncokg:case-alectinib-cns-case-report", "oncokg:finding-alur-cns-orr-measurable",
            "PMID:25205428"} <= set(g.nodes)
    text = json.dumps(answer.rows)
    assert all(f'"{n}"' in text for n in g.nodes)
    assert all(store.graph.has_edge(u, v, k) for u, v, k in g.edges(keys=True))
    assert g.number_of_edges() == store.graph.subgraph(g.nodes).number_of_edges()
    assert g.graph["question"] == "alk-cns-after-crizotinib"


def test_api_export_writes_a_file_and_to_a_stream(store: MemoryStore, tmp_path: Path):
    import io

    report = kg.export(store, "graphml", tmp_path / "x.graphml", around="ALK", depth=1)
    assert report.files == [str(tmp_path / "x.graphml")] and report.nodes > 1
    buffer = io.StringIO()
    kg.export(store, "node-link", buffer, question="alk-cns-after-crizotinib")
    assert json.loads(buffer.getvalue())["graph"]["question"] == "alk-cns-after-crizotinib"


@pytest.mark.parametrize(("args", "message"), [
    (["-f", "kgx", "-o", "-"],
     "Error: kgx writes several files: give a directory with -o DIRECTORY, not standard output"),
    (["-f", "graphml", "-o", "x.graphml", "--around", "ALK", "--question", "alk-cns-after-crizotinib"],
     "Error: export either a neighbourhood (--around) or a question's answer (--question), not both"),
    (["-f", "graphml", "-o", "x.graphml", "-p", "target=ALK"],
     "Error: parameters (-p) belong to a question: add --question ID"),
    (["-f", "graphml", "-o", "x.graphml", "--around", "ALK", "--depth", "4"],
     "Error: neighbourhood: parameter 'depth' must be between 1 and 3 ("),
    (["-f", "html", "-o", "no/such/dir/x.html", "--around", "ALK"],
     "Error: cannot write no/such/dir/x.html: the directory no/such/dir does not exist"),
])
def test_cli_export_errors(args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 1
    assert result.output.startswith(message)
    assert len(result.output.strip().splitlines()) == 1


def test_cli_export_depth_without_around_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "-f", "graphml", "-o", "x.graphml", "--depth", "2"])
    assert result.exit_code == 2
    assert result.output == "Error: --depth belongs to a neighbourhood: add --around ID\n"
    assert not (tmp_path / "x.graphml").exists()


def test_cli_export(tmp_path: Path, store: MemoryStore):
    g = store.graph
    result = CliRunner().invoke(main, ["export", "-f", "gexf", "-o", str(tmp_path / "seed.gexf")])
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} relationships as gexf "
                             f"to {tmp_path / 'seed.gexf'}.\n")
    assert nx.read_gexf(tmp_path / "seed.gexf").number_of_edges() == g.number_of_edges()
    result = CliRunner().invoke(main, ["export", "-f", "neo4j-csv", "-o", str(tmp_path / "csv"), "-q"])
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "csv" / "nodes-Drug.csv").is_file()
    result = CliRunner().invoke(main, ["export", "-f", "cytoscape", "-o", "-", "-q", "--question",
                                       "alk-cns-after-crizotinib", "-p", "transporter=P-gp"])
    assert result.exit_code == 0
    assert json.loads(result.output)["data"]["params"] == json.dumps(
        kg.ask("alk-cns-after-crizotinib", store, transporter="P-gp").params, sort_keys=True)


def test_grass_file_is_the_generated_style():
    committed = (REPO / "docs" / "oncokg.grass").read_text(encoding="utf-8")
    assert committed == grass()
    for label, colour in LABEL_COLOURS.items():
        assert f"node.{label.value} {{\n  color: {colour};" in committed
