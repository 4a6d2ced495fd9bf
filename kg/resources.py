"""The files that ship with the package: the curated seed, the Cypher files, templates, the Neo4j jar recipe.

The repository keeps `seed/` and `cypher/` at its top level; `kg/_data/` holds symlinks to them (and to
`tools/neo4j/`), which the wheel build follows, so an installed package carries copies under `kg/_data/`.
Everything reads them through `path()`, by importlib.resources, from a checkout and from a wheel alike.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from kg.errors import KGError

VERSION = "0.1.0"  # the package's version, as pyproject.toml states it (a test keeps the two equal)

# name -> where it is inside the package
_WHERE = {"seed": ("_data", "seed"), "cypher": ("_data", "cypher"), "neo4j": ("_data", "neo4j"),
          "templates": ("templates",)}


def path(name: str) -> Path:
    """The directory `name` (seed, cypher, neo4j or templates) of the installed package, as a real path
    (symlinks resolved, so a checkout shows its own seed/ and cypher/). A package is installed unpacked, so
    its data are files on disk."""
    where = files("kg").joinpath(*_WHERE[name])
    found = Path(str(where)).resolve()
    if not found.is_dir():
        raise KGError(f"the package's {name} files are missing ({found} is not a directory): reinstall OncoKG, "
                      "or in a checkout restore the symlinks in kg/_data/ with 'git checkout kg/_data'")
    return found


def seed_dir() -> Path:
    """The curated seed: $KG_SEED_DIR, else the package's seed/ (the repository's, in a checkout)."""
    if os.environ.get("KG_SEED_DIR"):
        return Path(os.environ["KG_SEED_DIR"])
    return path("seed")
