"""The commands that ask the graph: the catalogue of questions, a question, your own Cypher, and the schema."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from kg import api
from kg import questions as questions_registry
from kg.cli.base import _display, _open, _params, format_option, handle_errors, main, progress_bar, store_options
from kg.cli.completion import _complete_param, _complete_question
from kg.render import render, render_answer


@main.command()
@format_option
@handle_errors
def questions(fmt: str) -> None:
    """List the catalogue of questions."""
    click.echo(render(api.catalogue(), fmt, display=_display()))


class _WarningCount(logging.Handler):
    """Counts warnings logged while a command runs (an answer that logged one is not cached)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@main.command()
@click.argument("question", shell_complete=_complete_question)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A question parameter.",
              shell_complete=_complete_param)
@click.option("--explain", is_flag=True, help="Print the Cypher and parameters instead of running.")
@click.option("--timeout", default=api.ASK_TIMEOUT, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Stop the question after this many seconds (Neo4j).")
@click.option("--limit", default=api.ASK_LIMIT, show_default=True, type=click.IntRange(0, None),
              help="Return at most this many rows (one page); 0: every row.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, None),
              help="Skip this many rows first (the next page starts at offset + limit).")
@store_options
@format_option
@handle_errors
def ask(question: str, params: tuple[str, ...], explain: bool, timeout: float, limit: int, offset: int, store: str,
        uri: str | None, username: str | None, database: str | None, fmt: str) -> None:
    """Run a catalogue question (see 'kg questions')."""
    given = _params(params)
    if explain:
        text, bound = api.explain(question, **given)
        click.echo(text.rstrip())
        click.echo("\n// Neo4j Browser: run this first to set the parameters")
        click.echo(":param {" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in bound.items()) + "}")
        return
    warnings = _WarningCount()
    logging.getLogger("kg").addHandler(warnings)
    s = _open(store, uri, username, database)
    try:
        with progress_bar(f"Asking {question}"):
            answer = api.ask(question, s, limit=limit, offset=offset, timeout=timeout, **given)
    finally:
        s.close()
        logging.getLogger("kg").removeHandler(warnings)
    out = render_answer(answer.rows, questions_registry.get(question), fmt, answer.columns, _display()) + "\n"
    if fmt == "table":
        out += f"\n{len(answer.rows)} row(s) from the {answer.store} store, graph {answer.fingerprint[:16]}.\n"
    err = "" if not answer.truncated else (f"Warning: more rows follow these {limit} (--offset {offset + limit} shows "
                                           "the next page, --limit 0 every row).\n")
    click.echo(out, nl=False)
    click.echo(err, nl=False, err=True)
    ctx = click.get_current_context()
    if store == "memory" and not warnings.count and not offset:  # the next identical `kg ask` prints this from the cache
        from kg import answer_cache

        default_limit = ctx.get_parameter_source("limit") == click.core.ParameterSource.DEFAULT
        wide = bool(ctx.meta.get("kg.wide"))
        answer_cache.put(answer_cache.Request(question, params, None if default_limit else limit, fmt, wide), out, err)


@main.command("cypher")
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter ($NAME); the value is read as JSON when it parses, else as text.")
@click.option("--write", is_flag=True, help="Allow writes (runs in write access mode, unchecked).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Stop the query after this many seconds.")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Return at most this many rows.")
@click.option("--max-bytes", default=16 * 1024 * 1024, show_default=True, type=click.IntRange(1024, 2**40),
              help="Stop when the result grows past this many bytes (as JSON text).")
@store_options
@format_option
@handle_errors
def cypher_command(query: str, params: tuple[str, ...], write: bool, timeout: float, limit: int, max_bytes: int,
                   store: str, uri: str | None, username: str | None, database: str | None, fmt: str) -> None:
    """Run your own Cypher on Neo4j: QUERY text, a .cypher FILE, or - for stdin. Read-only unless --write."""
    from kg.stores.researcher import MAX_QUERY_CHARS, parse_value, run_cypher

    if query == "-":
        query = click.get_text_stream("stdin").read(MAX_QUERY_CHARS + 1)  # longer is refused: read no more
    elif query.endswith(".cypher") and Path(query).is_file():
        with open(query, encoding="utf-8") as f:
            query = f.read(MAX_QUERY_CHARS + 1)
    values = {k: parse_value(v) for k, v in _params(params).items()}
    s = _open(store, uri, username, database)
    try:
        result = run_cypher(s, query, values, write=write, timeout=timeout, limit=limit, max_bytes=max_bytes)
    finally:
        s.close()
    click.echo(render(result.rows, fmt, result.keys, _display()))
    if result.truncated:
        click.echo(f"Warning: output cut at {limit} rows (--limit).", err=True)


@main.command()
def schema() -> None:
    """Print the schema reference: every label, property and relationship (docs/schema.md)."""
    from kg.model.schema_doc import schema_markdown

    click.echo(schema_markdown(), nl=False)
