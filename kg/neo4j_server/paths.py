"""Where a local server's files live: NEO4J_HOME, the data directory, its layout, lock and state file."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from pathlib import Path

from kg import registry
from kg.errors import ServerError

REPO_ROOT = Path(__file__).resolve().parents[2]
USERNAME = "neo4j"
DATABASE = "neo4j"

_LAYOUT = ("conf", "data", "logs", "run", "import", "tx")


def neo4j_home() -> Path:
    """NEO4J_HOME (holds ``lib/``): ``$KG_NEO4J_HOME``, else ``<repo root>/.neo4j`` in a checkout, else
    ``state_dir()/neo4j-home`` (an installed package)."""
    env = os.environ.get("KG_NEO4J_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return REPO_ROOT / ".neo4j" if (REPO_ROOT / "pyproject.toml").is_file() else state_dir() / "neo4j-home"


def state_dir() -> Path:
    """Per-user state (see kg.registry.state_dir)."""
    return registry.state_dir()


def default_data_dir() -> Path:
    """``$KG_NEO4J_DATA``, else ``state_dir()/neo4j``: where ``start()`` and friends work when no data_dir is given."""
    if os.environ.get("KG_NEO4J_DATA"):
        return Path(os.environ["KG_NEO4J_DATA"]).expanduser()
    return state_dir() / "neo4j"


def _resolve(data_dir: Path | None) -> Path:
    return Path(data_dir if data_dir is not None else default_data_dir()).expanduser().resolve()


def _conf_dir(d: Path) -> Path:
    return d / "conf"


def _state_file(d: Path) -> Path:
    return d / "server.json"


def _password_file(d: Path) -> Path:
    return d / "password"


def _make_layout(d: Path) -> None:
    """The data directory and its folders, private: 0700 and 0600 for all that is in it, whatever existed before
    (the server runs with umask 077, so what it creates is private too)."""
    registry.make_private(d)
    for sub in _LAYOUT:
        (d / sub).mkdir(mode=0o700, exist_ok=True)


def _atomic_write(path: Path, text: str, mode: int = 0o600) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _locked(d: Path):
    """Hold <data_dir>/.lock so two starts or imports cannot race on one data dir."""
    d.mkdir(mode=0o700, parents=True, exist_ok=True)
    with open(d / ".lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ServerError(f"another start or import is in progress for {d}") from None
        yield


def _read_state(d: Path) -> dict | None:
    try:
        state = json.loads(_state_file(d).read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None
