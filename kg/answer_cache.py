"""The answer cache: what `kg ask` printed for a question on the memory store, so asking again is instant.

An entry is keyed by everything the output depends on: the memory store's graph cache key (the bytes of every
seed file and loaded snapshot, and the package's code, kg.graph.cache), the question, its parameters as typed,
the row limit, the format, and how output is shown (a terminal or not, its width, COLUMNS, NO_COLOR). Any
change gives a new key, so a stale answer is never printed; entries of an older graph are removed when a new one
is written. Only successful answers that logged no warning are kept. It lives in the state directory, beside
the graph cache, and is read by kg.launch before anything heavy is imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from kg import registry
from kg.errors import KGError
from kg.graph import cache as graph_cache


@dataclass(frozen=True)
class Request:
    """A `kg ask` on the memory store: `limit` is None when --limit was not given."""

    question: str
    params: tuple[str, ...]
    limit: int | None
    fmt: str
    wide: bool = False

    def key(self) -> tuple[str, str]:
        """(the graph's cache key, this request's key within it)."""
        graph_key = graph_cache.current_key("memory")
        parts = [self.question, list(self.params), self.limit, self.fmt, self.wide, display()]
        return graph_key, hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def display() -> list[object]:
    """How output is shown, as far as the renderer looks at it (kg.cli.base._display)."""
    tty = _isatty()
    width = shutil.get_terminal_size().columns if tty else None
    return [tty, width, os.environ.get("COLUMNS"), bool(os.environ.get("NO_COLOR"))]


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _folder() -> Path:
    return registry.state_dir() / "cache" / "answers"


def get(request: Request) -> tuple[str, str] | None:
    """(stdout, stderr) printed for `request` on the current graph, or None (also when the key cannot be made,
    e.g. a missing seed file: the CLI then says what is wrong)."""
    try:
        graph_key, key = request.key()
        entry = json.loads((_folder() / graph_key / f"{key}.json").read_text(encoding="utf-8"))
        return entry["stdout"], entry["stderr"]
    except (OSError, ValueError, KeyError, TypeError, KGError):
        return None


def put(request: Request, stdout: str, stderr: str) -> None:
    """Keep what `request` printed; answers of other graphs go. A read-only state directory keeps nothing."""
    try:
        graph_key, key = request.key()
        folder = _folder() / graph_key
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"stdout": stdout, "stderr": stderr}), encoding="utf-8")
        os.replace(tmp, folder / f"{key}.json")
        for other in folder.parent.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
    except (OSError, KGError):
        pass


def parse(argv: list[str]) -> Request | None:
    """The Request of a plain `kg ask QUESTION [-p NAME=VALUE]... [-f FORMAT] [--limit N] [--store memory]
    [--wide]`, or None for anything else (other options, other commands, another store), which the CLI handles."""
    if not argv or argv[0] != "ask" or os.environ.get("KG_STORE", "memory") != "memory":
        return None
    question, params, limit, fmt, wide = None, [], None, "table", False
    rest = iter(argv[1:])
    for token in rest:
        if token == "--wide":
            wide = True
        elif token in ("-p", "--param", "-f", "--format", "--limit", "--store"):
            value = next(rest, None)
            if value is None:
                return None
            if token in ("-p", "--param"):
                params.append(value)
            elif token in ("-f", "--format"):
                fmt = value
            elif token == "--limit":
                if not value.isdigit():
                    return None
                limit = int(value)
            elif value != "memory":
                return None
        elif token.startswith("-") or question is not None:
            return None
        else:
            question = token
    return Request(question, tuple(params), limit, fmt, wide) if question else None
