"""`kg export`: the graph, or a slice of it, written for Gephi, Cytoscape, yEd, a browser, KGX or neo4j-admin."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import api
from kg.cli.base import _open, _params, _quiet, handle_errors, main, progress_bar, store_options
from kg.cli.completion import _complete_around
from kg.export import FORMATS as EXPORT_FORMATS


@main.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), required=True,
              help="graphml (yEd, Cytoscape, Gephi), gexf (Gephi), cytoscape (Cytoscape.js JSON), node-link "
                   "(networkx, d3), kgx (TSV, a directory), neo4j-csv (neo4j-admin import, a directory), html.")
@click.option("-o", "--output", "output", required=True, metavar="PATH",
              help="File to write, - for standard output; a directory for kgx and neo4j-csv.")
@click.option("--around", metavar="ID", help="Export the neighbourhood of this node (an id or a name).",
              shell_complete=_complete_around)
@click.option("--depth", type=int, help="Relationships away from --around, 1 to 3 (default 1).")
@click.option("--question", metavar="ID", help="Export the nodes of this question's answer and the relationships "
                                               "among them.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of --question.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@store_options
@handle_errors
def export_command(fmt: str, output: str, around: str | None, depth: int | None, question: str | None,
                   params: tuple[str, ...], quiet: bool, store: str, uri: str | None, username: str | None,
                   database: str | None) -> None:
    """Export the graph, or a slice of it, for Gephi, Cytoscape, yEd, a browser, KGX or neo4j-admin."""
    if depth is not None and around is None:
        click.echo("Error: --depth belongs to a neighbourhood: add --around ID", err=True)
        sys.exit(2)  # usage
    depth = 1 if depth is None else depth
    s = _open(store, uri, username, database)
    try:
        with progress_bar(f"Exporting {fmt}", quiet):
            report = api.export(s, fmt, output if output == "-" else Path(output), around=around, depth=depth,
                                question=question, params=_params(params) or None)
    finally:
        s.close()
    if not _quiet(quiet):
        where = "standard output" if output == "-" else output
        click.echo(f"Wrote {report.nodes} nodes and {report.relationships} relationships as {fmt} to {where}"
                   f"{f' ({len(report.files)} files)' if len(report.files) > 1 else ''}.", err=True)
