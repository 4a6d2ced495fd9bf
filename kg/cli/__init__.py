"""The `kg` command: a thin door over the Python API. Each command parses, calls one function, renders.

The group and what every command shares are in kg.cli.base; the commands, by job, in kg.cli.load, ask, export,
case and server (importing them registers them with the group); shell completion in kg.cli.completion.
"""

from __future__ import annotations

from kg.cli import ask, case, export, load, server  # noqa: F401  (each registers its commands)
from kg.cli.base import handle_errors, main

__all__ = ["handle_errors", "main"]
