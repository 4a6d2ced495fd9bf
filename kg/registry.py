"""The files loaded on top of the curated seed, per store, kept in the user's state directory.

Each entry is one file: its path as the user gave it, its format (`seed` for the project's YAML format, or
a public-data loader name), checksum and record count, and a snapshot copy taken when it was loaded, so the
graph is always rebuilt from exactly what was validated. The memory store rebuilds itself from these entries;
a Neo4j store is synchronised to the same graph.
"""

from __future__ import annotations

import contextlib
import fcntl
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


def make_private(root: Path) -> int:
    """Create `root` if need be and tighten it and everything under it to 0700 (directories) and 0600 (files),
    whatever existed before; say so once on stderr (a warning) when `root` itself was open to others. Returns how many
    paths were changed. Symbolic links are left alone (their modes mean nothing)."""
    import logging
    import stat

    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    was_open = stat.S_IMODE(os.lstat(root).st_mode) & 0o077 != 0
    changed = 0

    def tighten(path: str, private: int) -> None:
        nonlocal changed
        try:
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) & 0o077 == 0:
                return
            os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077 | private)
            changed += 1
        except OSError:  # gone meanwhile, or not ours: nothing to tighten
            pass

    tighten(str(root), 0o700)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            tighten(os.path.join(folder, name), 0o700)
        for name in files:
            tighten(os.path.join(folder, name), 0o600)
    if changed and was_open:  # inside a private folder, files kg wrote with the default umask are only tightened
        logging.getLogger("kg").warning("made %d file(s) and folder(s) under %s private to you (0700/0600)",
                                        changed, root)
    return changed


@dataclass(frozen=True)
class Entry:
    path: str
    format: str
    sha256: str
    records: int
    loaded_at: str
    snapshot: str
    loaded_by: str = ""  # the user who loaded it ("" in registries written before it was recorded)


def store_key(store_name: str, uri: str | None = None, database: str | None = None) -> str:
    """`memory`, or `neo4j-<hash of uri and database>` so each database has its own list."""
    if store_name == "memory":
        return "memory"
    digest = hashlib.sha256(f"{uri}|{database}".encode()).hexdigest()[:12]
    return f"neo4j-{digest}"


@contextlib.contextmanager
def locked(key: str):
    """Hold the store's load lock: loads, unloads and resets of one store from this state directory run one
    after the other, so each reads the registry the previous one wrote (the lock dies with its process)."""
    make_private(state_dir())
    path = state_dir() / "locks" / f"{key}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


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


def snapshot(path: Path, fmt: str, records: int, user: str = "") -> Entry:
    """Copy `path` into the state directory (content-addressed) and describe it."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    target = state_dir() / "snapshots" / f"{digest}{path.suffix}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return Entry(str(path.resolve()), fmt, digest, records, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 str(target), user)


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


BOOKMARK_MAX_AGE = 600.0  # seconds; a cluster has long caught up with older writes


def write_bookmarks(key: str, bookmarks: list[str]) -> None:
    """Remember the bookmarks of a store's last write, so the next `kg` process reads its own writes
    (a question asked right after `kg load` sees the load, also on a cluster secondary)."""
    import time

    path = state_dir() / "bookmarks" / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"bookmarks": bookmarks, "saved_at": time.time()}), encoding="utf-8")
    tmp.replace(path)


def read_bookmarks(key: str) -> list[str]:
    """The bookmarks of the store's last write, if it was recent (else none: nothing to wait for)."""
    import time

    path = state_dir() / "bookmarks" / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if time.time() - float(data["saved_at"]) <= BOOKMARK_MAX_AGE:
            return [str(b) for b in data["bookmarks"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return []
