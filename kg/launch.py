"""The `kg` command's entry point: a `kg ask` asked before on the same graph is printed from the answer cache
(kg.answer_cache) without importing the CLI; everything else runs the CLI (kg.cli)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    from kg import answer_cache

    request = answer_cache.parse(sys.argv[1:])
    hit = answer_cache.get(request) if request is not None else None
    if hit is None:
        from kg.cli import main as cli

        cli()
        return
    stdout, stderr = hit
    try:
        sys.stdout.write(stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # `kg ask ... | head`: stop quietly, as the CLI does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    sys.stderr.write(stderr)
    sys.exit(0)
