"""The commands that build a store's graph and say what it holds: validate, synth, load, unload, reset,
sources and stats."""

from __future__ import annotations

from pathlib import Path

import click

from kg import api
from kg.cli.base import (_display, _open, _quiet, format_option, handle_errors, main, max_file_size_option,
                         progress_bar, store_options)
from kg.errors import KGError, ValidationError
from kg.render import render


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--standalone", is_flag=True, help="Check the files on their own, not on top of the curated seed.")
@max_file_size_option
@handle_errors
def validate(paths: tuple[Path, ...], standalone: bool, max_file_bytes: int | None) -> None:
    """Check seed-format files without loading (default: seed/); list every problem. - reads standard input."""
    with progress_bar("Validating"):
        problems = api.validate(list(paths) or None, standalone=standalone, max_file_bytes=max_file_bytes)
    if problems:
        raise ValidationError(problems)
    if not _quiet():
        click.echo(f"OK: {', '.join(map(str, paths)) or 'seed/'} is valid.")


@main.command()
@click.option("--nodes", "-n", default=10_000, show_default=True, type=click.IntRange(500, 10_000_000),
              help="About how many nodes the dataset makes.")
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write the YAML files and EXPECTED.json to (its *.yaml files are replaced).")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed: the same seed gives the same files.")
@handle_errors
def synth(nodes: int, out: Path, seed: int) -> None:
    """Write a synthetic, fictional dataset in the seed format (for benchmarks), with a known flagship answer."""
    from kg.sources import synth as synthetic

    with progress_bar(f"Writing about {nodes} nodes to {out}"):
        expected = synthetic.generate(nodes, out, seed)
    if _quiet():
        return
    click.echo(f"Wrote {len(expected['files'])} files with about {expected['nodes']} nodes to {out}; "
               f"load it with KG_SEED_DIR={out}. Flagship answer: {', '.join(expected['drugs'])}.")


PUBLIC_SOURCES = ("clinicaltrials", "civic", "chembl")


@main.command()
@click.argument("paths", nargs=-1, metavar="[SOURCE] [PATH]...")
@store_options
@click.option("--batch-size", default=10_000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Rows per write transaction (Neo4j); over a slow link a smaller batch (e.g. 1000) keeps each "
                   "transaction short and the progress bar moving.")
@click.option("--bulk", is_flag=True,
              help="Write Neo4j with neo4j-admin database import (local server of 'kg server start' only; it is "
                   "stopped briefly). Implies --store neo4j.")
@max_file_size_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@handle_errors
def load(paths: tuple[str, ...], store: str, uri: str | None, username: str | None, database: str | None,
         batch_size: int, bulk: bool, max_file_bytes: int | None, quiet: bool) -> None:
    """Load files on top of the curated seed, or reload: validate all, then write the store.

    PATH...: seed-format YAML files or directories (cases, any record kind), - for standard input. SOURCE PATH...: a public-data
    file (clinicaltrials, civic or chembl). With no arguments, rebuild the store from the seed and the files
    loaded so far. A file that is loaded again replaces what it said before.
    """
    if bulk:
        if click.get_current_context().get_parameter_source("store") == click.core.ParameterSource.DEFAULT:
            store = "neo4j"
        elif store != "neo4j":
            raise KGError("--bulk writes Neo4j by bulk import; use it with --store neo4j")
        if uri:
            from kg.stores.bulk import refuse_remote

            refuse_remote(uri)  # before connecting
    source, files = "seed", list(paths)
    if files and files[0] in PUBLIC_SOURCES:
        if Path(files[0]).exists():
            raise KGError(f"{files[0]!r} is both a source name and a path here; write ./{files[0]} for the path")
        source, files = files[0], files[1:]
        if not files:
            raise KGError(f"kg load {source} needs at least one file")
    s = _open(store, uri, username, database)
    try:
        with progress_bar(f"Loading into {s.name}", quiet) as bar:
            report = api.load(s, [Path(f) for f in files], source=source, batch_size=batch_size, bulk=bulk,
                              progress=bar, max_file_bytes=max_file_bytes)
    finally:
        s.close()
    if not _quiet(quiet):
        _report(report)


def _report(report: api.LoadReport) -> None:
    for note in report.notes:
        click.echo(note)
    changed = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in report.changes.items() if v and k != "rebuilt")
    if report.changes.get("rebuilt"):
        changed = "rebuilt"
    click.echo(f"The {report.store} store holds {report.nodes} nodes and {report.relationships} relationships "
               f"from {len(report.files)} files (graph {report.fingerprint[:16]})"
               + (f"; {'written: ' if changed != 'rebuilt' else ''}{changed}." if changed else "; nothing changed."))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@store_options
@handle_errors
def unload(path: Path, store: str, uri: str | None, username: str | None, database: str | None) -> None:
    """Remove a loaded file from the store (what other files also state stays)."""
    s = _open(store, uri, username, database)
    try:
        with progress_bar(f"Unloading from {s.name}") as bar:
            report = api.unload(s, path, progress=bar)
    finally:
        s.close()
    if not _quiet():
        _report(report)


@main.command()
@store_options
@handle_errors
def reset(store: str, uri: str | None, username: str | None, database: str | None) -> None:
    """Forget every loaded file: the store goes back to the curated seed."""
    s = _open(store, uri, username, database)
    try:
        with progress_bar(f"Resetting {s.name}") as bar:
            report = api.reset(s, progress=bar)
    finally:
        s.close()
    if not _quiet():
        _report(report)


@main.command()
@store_options
@format_option
@handle_errors
def sources(store: str, uri: str | None, username: str | None, database: str | None, fmt: str) -> None:
    """List what the store's graph is built from: the seed's files and every loaded file."""
    s = _open(store, uri, username, database)
    try:
        click.echo(render(api.loaded_sources(s), fmt, display=_display()))
    finally:
        s.close()


@main.command()
@store_options
@format_option
@click.option("--verify", is_flag=True, help="Also recompute the fingerprint from the store's contents.")
@handle_errors
def stats(store: str, uri: str | None, username: str | None, database: str | None, fmt: str, verify: bool) -> None:
    """Counts per label and relationship type, and the graph's fingerprint."""
    s = _open(store, uri, username, database)
    try:
        with progress_bar("Counting"):
            counts = api.stats(s)
            fp = s.verify_fingerprint() if verify and hasattr(s, "verify_fingerprint") else s.fingerprint()
    finally:
        s.close()
    rows = [{"kind": "label", "name": k, "count": v} for k, v in counts["labels"].items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in counts["relationships"].items()]
    if fmt != "table":  # every row names its graph, as the rows of kg ask do
        rows = [{**row, "graph": fp} for row in rows]
    click.echo(render(rows, fmt, display=_display()))
    if fmt == "table":
        click.echo(f"\ngraph fingerprint: {fp}")
