"""Sources: parsers that turn files into validated records. They touch no database.

`seed` reads the project's own YAML format. Public-data loaders are registered in LOADERS: each is a
function `(path, vocabulary) -> LoaderResult`, where the vocabulary of the curated graph (kg.model.names, which
the graph builder fills) resolves the names a public file uses (drug names, gene symbols) to our ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.model.names import Vocabulary
from kg.sources.loaded import Loaded, SourceFile


@dataclass(frozen=True)
class LoaderResult:
    """What a public-data loader read: records (supplement=True when they merge into an existing id),
    problems as `file: row: column: message`, the file's identity, and counts for the user."""

    records: list[Loaded]
    problems: list[str]
    file: SourceFile
    counts: dict[str, int] = field(default_factory=dict)  # added / merged / skipped / unresolved
    unresolved: list[str] = field(default_factory=list)   # e.g. "intervention 'X' (row 3): no drug of that name"


Loader = Callable[[Path, Vocabulary], LoaderResult]

# The public-data loaders, by the name `kg load <name> FILE` uses. Imported last: they import LoaderResult from here.
LOADERS: dict[str, Loader] = {}

from kg.sources import chembl, civic, clinicaltrials  # noqa: E402

LOADERS.update({"clinicaltrials": clinicaltrials.read, "civic": civic.read, "chembl": chembl.read})
