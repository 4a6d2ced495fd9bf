"""The memory store's graph cache: read when nothing changed, rebuilt when a seed file or a load changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg
from kg import resources
from kg.graph import build as graph
from kg.graph import cache as graph_cache
from kg.stores import MemoryStore, build

SEED = resources.path("seed")


@pytest.fixture(autouse=True)
def own_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests watch the cache of their own state directory, not the run's shared one."""
    monkeypatch.delenv("KG_GRAPH_CACHE")


def test_kg_graph_cache_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_state):
    monkeypatch.setenv("KG_GRAPH_CACHE", str(tmp_path / "elsewhere"))
    assert graph_cache.folder_path() == tmp_path / "elsewhere"
    monkeypatch.delenv("KG_GRAPH_CACHE")
    assert graph_cache.folder_path() == isolated_state / "cache"


def cache_files(state: Path) -> list[Path]:
    return sorted((state / "cache").glob("memory-graph-*.pickle"))


def test_first_ask_caches_the_graph_and_the_next_reads_it(isolated_state):
    first = kg.ask("alk-cns-after-crizotinib")
    [cached] = cache_files(isolated_state)
    second = kg.ask("alk-cns-after-crizotinib")
    assert second.rows == first.rows and second.fingerprint == first.fingerprint
    assert cache_files(isolated_state) == [cached]
    fresh, _ = build()
    assert MemoryStore().fingerprint() == graph.fingerprint(fresh)


def test_editing_a_seed_file_rebuilds_the_graph(isolated_state, tmp_path, monkeypatch):
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    monkeypatch.setenv("KG_SEED_DIR", str(seed))
    before = MemoryStore().fingerprint()
    drugs = seed / "drugs.yaml"
    text = drugs.read_text()
    assert "brands: [Alecensa]" in text
    drugs.write_text(text.replace("brands: [Alecensa]", "brands: [Alecensa, Alecensa-test]", 1))
    after = MemoryStore()
    assert after.fingerprint() != before
    assert after.graph.nodes["DRUGBANK:DB11363"]["brands"] == ["Alecensa", "Alecensa-test"]
    assert len(cache_files(isolated_state)) == 1  # the stale file was replaced


def test_a_load_changes_the_key(isolated_state):
    case = Path(__file__).resolve().parents[1] / "fixtures" / "cases" / "test-case-a.yaml"
    before = MemoryStore().fingerprint()
    kg.load(MemoryStore(), [case])
    assert MemoryStore().fingerprint() != before
    kg.unload(MemoryStore(), case)
    assert MemoryStore().fingerprint() == before


def test_an_unreadable_cache_file_is_rebuilt(isolated_state):
    expected = MemoryStore().fingerprint()
    [cached] = cache_files(isolated_state)
    cached.write_bytes(b"not a pickle")
    assert MemoryStore().fingerprint() == expected
    assert cache_files(isolated_state) == [cached] and cached.read_bytes() != b"not a pickle"


def test_the_key_follows_file_content(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("drugs: []\n")
    k1 = graph_cache.key([f], [])
    f.write_text("drugs: [] \n")
    assert graph_cache.key([f], []) != k1
    assert graph_cache.key([f], []) == graph_cache.key([f], [])
