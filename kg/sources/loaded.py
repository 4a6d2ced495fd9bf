"""What a reader hands on: each record with where it was read, and the identity of each file read."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Record


@dataclass(frozen=True)
class Origin:
    """Where a record was read: file, kind, index, and a human name for messages."""

    file: str
    kind: str
    index: int
    title: str

    def __str__(self) -> str:
        if self.kind == "cases":  # a case file's own terms: `case <id>` (or its position, 1-based)
            return f"{self.file}: case {self.title or self.index + 1}"
        return f"{self.file}: {self.kind}[{self.index}]" + (f" ({self.title})" if self.title else "")


@dataclass(frozen=True)
class Loaded:
    """One record with where it came from.

    `supplement` marks a record from a public-data loader: when its id is already defined, it fills the
    properties the defining record leaves empty and adds to its lists, instead of being a duplicate.
    """

    kind: str
    record: Record
    origin: Origin
    supplement: bool = False


class Unparsed(Record):
    """A case that failed validation, kept only so that the names it holds are checked in the same run (its
    reference problems are reported with its field problems); never part of a graph."""

    raw: dict


@dataclass(frozen=True)
class SourceFile:
    """A file that was read: its path as given, checksum and record count."""

    path: str
    sha256: str
    records: int
