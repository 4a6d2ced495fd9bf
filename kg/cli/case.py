"""`kg case`: curating case reports (a case file's template, a loaded case written back as a file)."""

from __future__ import annotations

import click

from kg import api
from kg.cli.base import _open, handle_errors, main, store_options


@main.group()
def case() -> None:
    """Curating case reports."""


@case.command("template")
def case_template() -> None:
    """Print a commented YAML skeleton of a case file (see docs/cases.md)."""
    click.echo(api.case_template(), nl=False)


@case.command("export")
@click.argument("case_id", metavar="ID")
@store_options
@handle_errors
def case_export(case_id: str, store: str, uri: str | None, username: str | None, database: str | None) -> None:
    """Print a loaded case as a case file (YAML) that reloads to the same graph."""
    s = _open(store, uri, username, database)
    try:
        click.echo(api.case_export(s, case_id), nl=False)
    finally:
        s.close()
