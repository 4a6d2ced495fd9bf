"""The benchmark runs (a tiny size: it must run, not be fast; no timing is asserted), and the synthetic graph gives
the answer it was built to have on Neo4j too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import kg
from kg.sources import synth
from kg.stores import MemoryStore, build

REPO = Path(__file__).resolve().parents[1]


def test_the_flagship_answer_on_neo4j_is_the_expected_one(neo4j_store, tmp_path: Path):
    synth.generate(2_000, tmp_path, seed=0)
    g, _ = build([tmp_path])
    neo4j_store.replace(g)
    on_neo4j = kg.ask("alk-cns-after-crizotinib", neo4j_store)
    assert sorted(r["drug_id"] for r in on_neo4j.rows if r["included"]) == synth.expected(tmp_path)["drug_ids"]
    assert on_neo4j.rows == kg.ask("alk-cns-after-crizotinib", MemoryStore(g)).rows


def test_benchmark_small_run(tmp_path: Path):
    out = tmp_path / "BENCHMARKS.md"
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--small", "--out", str(out),
                           "--work", str(tmp_path / "work")], capture_output=True, text=True, timeout=3000)
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = out.read_text()
    for heading in ("## Machine", "## Results", "## Catalogue questions on Neo4j", "## Targets"):
        assert heading in text
    for measure in ("online / naive", "bulk / raw import", "alk-cns-after-crizotinib", "export peak RSS",
                    "cold `kg ask"):
        assert measure in text, measure
    results = json.loads(out.with_suffix(".json").read_text())
    size = results["sizes"][0]
    assert size["questions"]["alk-cns-after-crizotinib"]["answer_ok"] is True
    assert size["bulk"]["same_counts"] is True
    assert size["raw_import"]["nodes"] == size["graph"]["nodes"]
