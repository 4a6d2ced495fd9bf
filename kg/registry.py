"""The files loaded on top of the curated seed, per store, kept in the user's state directory.

Each entry is one file: its path as the user gave it, its format (`seed` for the project's YAML format, or
a public-data loader name), checksum and record count, and a snapshot copy taken when it was loaded, so the
graph is always rebuilt from exactly what was validated. The memory store rebuilds itself from these entries;
a Neo4j store is synchronised to the same graph.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

SEED = "seed"


def state_dir() -> Path:
    """Per-user state: $KG_STATE_DIR, else $XDG_STATE_HOME/oncokg, else ~/.local/state/oncokg."""
    if os.environ.get("KG_STATE_DIR"):
        return Path(os.environ["KG_STATE_DIR"]).expanduser()
    if os.environ.get("XDG_STATE_HOME"):
        return Path(os.environ["XDG_STATE_HOME"]).expanduser() / "oncokg"
    return Path.home() / ".local" / "state" / "oncokg"


@dataclass(frozen=True)
class Entry:
    path: str
    format: str
    sha256: str
    records: int
    loaded_at: str
    snapshot: str


def store_key(store_name: str, uri: str | None = None, database: str | None = None) -> str:
    """`memory`, or `neo4j-<hash of uri and database>` so each database has its own list."""
    if store_name == "memory":
        return "memory"
    digest = hashlib.sha256(f"{uri}|{database}".encode()).hexdigest()[:12]
    return f"neo4j-{digest}"


def _file(key: str) -> Path:
    return state_dir() / "sources" / f"{key}.json"


def read(key: str) -> list[Entry]:
    path = _file(key)
    if not path.exists():
        return []
    return [Entry(**e) for e in json.loads(path.read_text(encoding="utf-8"))]


def write(key: str, entries: list[Entry]) -> None:
    path = _file(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps([asdict(e) for e in entries], indent=2), encoding="utf-8")
    tmp.replace(path)


def snapshot(path: Path, fmt: str, records: int) -> Entry:
    """Copy `path` into the state directory (content-addressed) and describe it."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    target = state_dir() / "snapshots" / f"{digest}{path.suffix}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return Entry(str(path.resolve()), fmt, digest, records, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 str(target))


def with_entry(entries: list[Entry], entry: Entry) -> list[Entry]:
    """The list with `entry` replacing any entry of the same path (a reload), else appended."""
    return [e for e in entries if e.path != entry.path] + [entry]


def without(entries: list[Entry], path: Path) -> list[Entry]:
    return [e for e in entries if e.path != str(path.resolve())]


def write_manifest(key: str, manifest: dict) -> Path:
    """The release manifest of the store's last load, as JSON in the state directory."""
    path = state_dir() / "manifests" / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return path


def read_manifest(key: str) -> dict:
    path = state_dir() / "manifests" / f"{key}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
