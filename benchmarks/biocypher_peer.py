#!/usr/bin/env python3
"""BioCypher as the peer of the bulk path: the same graph, written by BioCypher and imported with its own command.

    python benchmarks/biocypher_peer.py DATASET_DIR WORK_DIR     # prints one JSON line of timings

Runs offline as /work/shared/peers/biocypher/README.md describes (the Biolink model from a local Turtle file).
The graph is read and built by OncoKG's own source (BioCypher has no reader for our YAML; an adapter would do
the same work), then BioCypher writes its `neo4j-admin` CSV files and import call, and the import runs as that
call says, into a scratch database. Timings: build, write, import (JVM start included) and their sum.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

ONTOLOGY_CANDIDATES = [Path(os.environ.get("KG_BIOLINK_TTL", "")), REPO.parent / "shared" / "peers" / "biocypher" /
                       "biolink_model.owl.ttl", Path("/work/shared/peers/biocypher/biolink_model.owl.ttl")]


def words(name: str) -> str:
    """TreatmentLine -> treatment line, HAS_METASTASIS -> has metastasis."""
    if name.isupper():
        return name.lower().replace("_", " ")
    return "".join(" " + c.lower() if c.isupper() else c for c in name).strip()


def property_types(items) -> dict[str, str]:
    """BioCypher wants every entity of a class to declare the same properties, with their types."""
    names = {bool: "bool", int: "int", float: "float", str: "str"}
    out: dict[str, str] = {}
    for props in items:
        for k, v in props.items():
            if k in out:
                continue
            if isinstance(v, list):
                out[k] = "str[]" if not v or isinstance(v[0], str) else names[type(v[0])] + "[]"
            else:
                out[k] = names.get(type(v), "str")
    return out


def main(dataset: Path, work: Path) -> dict:
    import logging

    logging.disable(logging.WARNING)
    from kg import neo4j_server as server
    from kg.neo4j_server.config import _write_conf
    from kg.neo4j_server.jars import _ADMIN_TOOL, _admin_env, _java
    from kg.neo4j_server.paths import _make_layout
    from kg.model import Label, Rel
    from kg.stores import build

    ontology = next((p for p in ONTOLOGY_CANDIDATES if p.name and p.is_file()), None)
    if ontology is None:
        raise SystemExit("the Biolink model Turtle file is missing (set KG_BIOLINK_TTL)")
    work.mkdir(parents=True, exist_ok=True)
    config = {
        "biocypher": {"offline": True, "dbms": "neo4j", "schema_config_path": str(work / "schema_config.yaml"),
                      "head_ontology": {"url": str(ontology), "root_node": "entity"}, "cache_directory": str(work / "cache")},
        "neo4j": {"delimiter": ",", "array_delimiter": ";", "quote_character": '"', "file_format": "csv",
                  "database_name": "neo4j", "import_call_bin_prefix": ""},
    }
    t0 = time.perf_counter()
    g, _ = build([dataset])
    t1 = time.perf_counter()
    node_props: dict[str, list] = {}
    for _, d in g.nodes(data=True):
        node_props.setdefault(d["label"], []).append({k: v for k, v in d.items() if k != "label"})
    edge_props: dict[str, list] = {}
    for _, _, k, d in g.edges(keys=True, data=True):
        edge_props.setdefault(k, []).append({p: v for p, v in d.items() if p != "type"})
    schema = {}
    for label in Label:
        schema[f"synthetic {words(label.value)}"] = {
            "is_a": "named thing", "represented_as": "node", "preferred_id": "id", "input_label": label.value,
            "properties": property_types(node_props.get(label.value, []))}
    for rel in Rel:
        schema[f"synthetic {words(rel.value)}"] = {
            "is_a": "association", "represented_as": "edge", "input_label": rel.value,
            "properties": property_types(edge_props.get(rel.value, []))}
    del node_props, edge_props
    (work / "schema_config.yaml").write_text(json.dumps(schema, indent=1))
    t1b = time.perf_counter()
    (work / "biocypher_config.yaml").write_text(json.dumps(config, indent=1))
    from biocypher import BioCypher

    bc = BioCypher(biocypher_config_path=str(work / "biocypher_config.yaml"), output_directory=str(work / "out"))
    nodes = ((n, d["label"], {k: v for k, v in d.items() if k != "label"}) for n, d in g.nodes(data=True))
    edges = ((None, u, v, k, {p: x for p, x in d.items() if p != "type"}) for u, v, k, d in g.edges(keys=True, data=True))
    bc.write_nodes(nodes)
    bc.write_edges(edges)
    script = Path(bc.write_import_call())
    t2 = time.perf_counter() - (t1b - t1)  # the schema config is our preparation, not BioCypher's work

    text = script.read_text()
    call = next(line for line in text.splitlines() if "database import full" in line)
    args = shlex.split(call)
    args = args[args.index("import"):]  # database import full ... (after the bin prefix)
    if args[:2] == ["import", "full"]:
        args = ["database"] + args
    elif args[0] == "import":
        args = ["database", "import", "full"] + args[1:]
    data_dir = work / "neo4j"
    home = server.ensure_jars()
    _make_layout(data_dir)
    _write_conf(data_dir, 7687, auth=False, browser=False, http_port=7474, heap="512m", pagecache="256m",
                       tls_dir=None)
    cmd = [_java(), "-Xmx1g", "-cp", str(home / "lib" / "*"), _ADMIN_TOOL, *args]
    t3 = time.perf_counter()
    proc = subprocess.run(cmd, env=_admin_env(home, data_dir), cwd=work / "out", capture_output=True, text=True)
    t4 = time.perf_counter()
    if proc.returncode != 0:
        raise SystemExit(f"BioCypher's import failed: {proc.stdout[-1500:]} {proc.stderr[-1500:]}")
    imported: dict[str, int] = {}
    lines = proc.stdout.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "Imported:":
            for follow in lines[i + 1 : i + 4]:
                count, _, what = follow.strip().partition(" ")
                if count.isdigit():
                    imported[what] = int(count)
    return {"build_s": t1 - t0, "write_s": t2 - t1, "import_s": t4 - t3, "end_to_end_s": (t1 - t0) + (t2 - t1) + (t4 - t3),
            "nodes_in": g.number_of_nodes(), "relationships_in": g.number_of_edges(), "imported_nodes": imported.get("nodes"), "imported_relationships": imported.get("relationships")}


if __name__ == "__main__":
    result = main(Path(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps(result))
