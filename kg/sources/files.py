"""The files a graph is read from: each with its format (`seed` or a public-data loader), where to read it and how
to name it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg import registry


@dataclass(frozen=True)
class Source:
    """One file to read: its format (`seed` or a public-data loader), where to read it, how to name it."""

    format: str
    path: Path
    display: str


def sources_of(entries: list[registry.Entry]) -> list[Source]:
    """The loaded files of registry `entries`, read from their snapshots and named by the paths they were loaded from."""
    return [Source(e.format, Path(e.snapshot), e.path) for e in entries]
