"""What the public-data loaders (clinicaltrials, civic, chembl) share: reading a file once (checksum,
UTF-8), tables with a sniffed delimiter, problems as `file: row N: column: message`, names that did not
resolve (aggregated per name, with the rows that used them), progress, and the result.

Row numbers count the header as row 1, as a spreadsheet shows them; a JSON file's studies are numbered from 1.
Nothing here touches a database or the graph: the vocabulary of the curated graph is the only thing a loader
consults, to resolve the names a public file uses to our ids.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pydantic

from kg.model import Label, Record
from kg.model.names import Vocabulary
from kg.sources import LoaderResult
from kg.sources.bounded import FileRefused, read_bounded
from kg.sources.loaded import Loaded, Origin, SourceFile
from kg.sources.problems import clip

Progress = Callable[[int], None]
PROGRESS_EVERY = 1000  # rows between two progress calls

# How many row numbers an unresolved name lists before it says "and N more".
ROWS_SHOWN = 5


@dataclass
class Run:
    """The state of one loader run over one file: problems, unresolved names, counts, records."""

    display: str
    progress: Progress | None = None
    problems: list[str] = field(default_factory=list)
    records: list[Loaded] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"rows": 0, "added": 0, "merged": 0, "skipped": 0})
    _unresolved: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    _emitted: set[tuple[str, str]] = field(default_factory=set)
    _hints: dict[tuple[str, tuple[Label, ...]], str] = field(default_factory=dict)
    _pending: int = 0

    # -- problems and notices
    def problem(self, where: str, column: str, message: str) -> None:
        self.problems.append(f"{self.display}: {where}: {clip(column, 80)}: {clip(message, 400)}")

    def file_problem(self, message: str) -> None:
        self.problems.append(f"{self.display}: {clip(message, 400)}")

    def unresolved(self, what: str, name: str, where: str, reason: str) -> None:
        """Note that `name` (a `what`: therapy, intervention, ...) used at `where` could not be resolved."""
        self._unresolved.setdefault((what, name, reason), []).append(where)

    def unresolved_list(self) -> list[str]:
        out = []
        for (what, name, reason), places in sorted(self._unresolved.items()):
            shown = ", ".join(places[:ROWS_SHOWN])
            more = f" and {len(places) - ROWS_SHOWN} more" if len(places) > ROWS_SHOWN else ""
            out.append(f"{what} {name!r} ({shown}{more}): {reason}")
        return out

    def hint(self, vocabulary: Vocabulary, name: str, labels: tuple[Label, ...]) -> str:
        """' — did you mean ...?' for a name that did not resolve (computed once per name), or ''."""
        key = (name.lower(), labels)
        if key not in self._hints:
            try:
                vocabulary.resolve(name, labels)
                self._hints[key] = ""
            except ValueError as e:
                hint = str(e).partition(" — ")[2]
                self._hints[key] = f" — {hint}" if hint else ""
        return self._hints[key]

    # -- records
    def emit(self, kind: str, record: Record, origin: Origin, key: str | None = None) -> bool:
        """Add a record (always a supplement: it may merge into a curated id, or into the same record from
        another file). With `key`, a record already emitted under that key is not emitted twice."""
        if key is not None:
            if (kind, key) in self._emitted:
                return False
            self._emitted.add((kind, key))
        self.records.append(Loaded(kind, record, origin, supplement=True))
        return True

    def validate(self, model: type[Record], values: dict, where: str, columns: dict[str, str]) -> Record | None:
        """Build a model; a validation error becomes a problem naming the source column of the field."""
        try:
            return model.model_validate(values)
        except pydantic.ValidationError as e:
            for err in e.errors():
                loc = err["loc"]
                column = columns.get(str(loc[0]), ".".join(map(str, loc))) if loc else "record"
                message = err["msg"].removeprefix("Value error, ")
                self.problem(where, column, message)
            return None

    # -- progress
    def tick(self) -> None:
        self.counts["rows"] += 1
        self._pending += 1
        if self.progress and self._pending >= PROGRESS_EVERY:
            self.progress(self._pending)
            self._pending = 0

    def result(self, sha256: str) -> LoaderResult:
        if self.progress and self._pending:
            self.progress(self._pending)
            self._pending = 0
        unresolved = self.unresolved_list()
        counts = {**self.counts, "unresolved": len(unresolved)}
        return LoaderResult(self.records, self.problems, SourceFile(self.display, sha256, len(self.records)),
                            counts, unresolved)


def read_text(path: Path, run: Run) -> tuple[str | None, str]:
    """The file's text (UTF-8, a byte-order mark dropped) and SHA-256; None and a problem when unreadable."""
    try:
        data = read_bounded(path)
    except FileRefused as e:
        run.file_problem(str(e))
        return None, ""
    except OSError as e:
        run.file_problem(f"cannot read file ({e.strerror})")
        return None, ""
    except MemoryError:
        run.file_problem("too large to read into memory")
        return None, ""
    checksum = hashlib.sha256(data).hexdigest()
    try:
        return data.decode("utf-8-sig"), checksum
    except UnicodeDecodeError as e:
        run.file_problem(f"not UTF-8 text (byte {e.start})")
        return None, checksum
    except MemoryError:
        run.file_problem("too large to read into memory")
        return None, checksum


def read_table(text: str, run: Run, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a delimited text table as (row number, {column: value}); the delimiter (tab, comma or
    semicolon) is the one of the header line. Values are stripped; a row whose cell count differs from the
    header's is a problem. Blank lines are ignored.

    A header without a required column is a problem and yields nothing. A header naming a column twice keeps
    the first (ChEMBL's download repeats 'Parent Molecule ChEMBL ID' at the end)."""
    first = text.split("\n", 1)[0]
    delimiter = max(("\t", ",", ";"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    try:
        header = next(reader)
    except StopIteration:
        run.file_problem("empty file (expected a header row)")
        return
    except csv.Error as e:
        run.file_problem(f"row 1: not a readable table ({e})")
        return
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if len(missing) == len(required):  # another kind of file: say so, and quote none of it
        run.file_problem(f"row 1: header: none of the expected columns ({', '.join(repr(c) for c in required[:3])}, "
                         "...): not a file of this kind")
        return
    if missing:
        found = ", ".join(repr(short(h, 40)) for h in header[:8]) + (", ..." if len(header) > 8 else "")
        run.file_problem(f"row 1: header: missing column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(repr(c) for c in missing)} (found {found})")
        return
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(name, i)
    row_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            run.file_problem(f"row {row_number + 1}: not a readable table row ({e})")
            return
        row_number += 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            run.file_problem(f"row {row_number}: {len(cells)} cells, but the header has {len(header)} columns")
            continue
        yield row_number, {name: cells[i].strip() for name, i in index.items()}


def lookup(vocabulary: Vocabulary, names: list[str], labels: tuple[Label, ...]) -> str | None:
    """The id the first name that resolves stands for (an id, or a name, synonym or brand, any case), else None.

    The same match as `Vocabulary.resolve`, without its close-match search: a large file asks for thousands of
    names the graph does not hold, and only those that are reported need a hint (`Run.hint`)."""
    for name in names:
        if not name:
            continue
        if vocabulary.ids.get(name) in labels:
            return name
        for label in labels:
            hit = vocabulary.names[label].get(name.lower())
            if hit:
                return hit
    return None


def short(text: str, limit: int = 200) -> str:
    """`text` cut to `limit` characters (a name's maximum), ending with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
