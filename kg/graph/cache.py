"""A cache of the memory store's validated graph, so `kg ask` does not parse and validate the seed every time.

The graph is pickled into the state directory (or $KG_GRAPH_CACHE, a folder of its own) under a key made of everything it is built from: the bytes of
every seed file and loaded snapshot, and the package's code (its files' sizes and times). Any
change to those gives a new key, so a stale graph is never read; the previous file is replaced. The pickle is
the user's own file in the user's own state directory, read with the same trust as the registry beside it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg import registry
from kg.errors import KGError
from kg.resources import seed_dir

if TYPE_CHECKING:  # networkx is imported only where a graph is built (the key is needed before that, cheaply)
    import networkx as nx

_PACKAGE = Path(__file__).resolve().parents[1]  # the kg package: every file of it is in the key
MAX_EDGES = 500_000  # larger graphs are rebuilt each time rather than kept as a pickle of several hundred MB


def seed_files(seed: Path) -> list[Path]:
    """The seed's YAML files, sorted (as kg.sources.seed.yaml_files lists them), or `seed` itself if a file."""
    if not seed.exists():
        raise KGError(f"the seed {seed} does not exist (set KG_SEED_DIR to a seed directory, or unset it)")
    if not seed.is_dir():
        return [seed]
    return sorted(f for f in seed.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file())


def current_key(store_key: str = "memory") -> str:
    """The key of the graph the memory store holds now: the seed, the store's loaded files and the code."""
    return key(seed_files(seed_dir()), registry.read(store_key))


def key(files: Iterable[Path], entries: Iterable[registry.Entry]) -> str:
    """The cache key: the content of `files` (the seed), the registry `entries` (by their checksums) and the code."""
    h = hashlib.sha256()
    for code in sorted(_PACKAGE.rglob("*.py")):  # any change to the package's code: a new key
        st = code.stat()
        h.update(f"{code}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    for f in files:
        h.update(f"{f}|".encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    for e in entries:
        h.update(f"{e.format}|{e.path}|{e.sha256}\n".encode())
    return h.hexdigest()[:32]


def folder_path() -> Path:
    """Where the pickles are kept: $KG_GRAPH_CACHE, else the state directory's `cache` folder."""
    return Path(os.environ["KG_GRAPH_CACHE"]).expanduser() if os.environ.get("KG_GRAPH_CACHE") else (
        registry.state_dir() / "cache")


def cached(cache_key: str, build: Callable[[], nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """The graph stored under `cache_key`, else `build()` (its errors pass through, and nothing is stored)."""
    import pickle

    folder = folder_path()
    path = folder / f"memory-graph-{cache_key}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    g = build()
    if g.number_of_edges() > MAX_EDGES:
        return g
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob("memory-graph-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only state directory: answer anyway, without the cache
        pass
    return g
