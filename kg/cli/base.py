"""What every command shares: the `kg` group with its global options, error handling, output and
connection options, the store opened from them, progress bars and parameters."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import sys
from collections.abc import Callable
from typing import Any

import click

import kg
from kg.errors import KGError, ValidationError, one_line
from kg.render import FORMATS, Display
from kg.stores import STORES, Store, open_store


def _fail(e: KGError) -> None:
    if os.environ.get("KG_DEBUG") == "1":
        raise e
    if isinstance(e, ValidationError):
        for problem in e.problems:
            click.echo(f"Error: {problem}", err=True)
        click.echo(f"Error: {len(e.problems)} problem(s); nothing was loaded.", err=True)
    else:
        click.echo(f"Error: {one_line(str(e))}", err=True)
    sys.exit(e.exit_code)


def handle_errors(f: Callable) -> Callable:
    """Turn KGError into `Error: ...` and its exit code (1 input, 3 Neo4j); KG_DEBUG=1 shows the traceback."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except KGError as e:
            _fail(e)
        except Exception as e:  # a driver error that escaped the API: still one line, exit 3
            from neo4j import exceptions as neo4j_errors

            from kg.errors import ConnectionFailed

            if not isinstance(e, neo4j_errors.DriverError | neo4j_errors.Neo4jError):
                raise
            _fail(ConnectionFailed(f"Neo4j: {type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"))

    return wrapper


def _remember_wide(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    ctx.meta["kg.wide"] = value  # read by _display()


def format_option(f: Callable) -> Callable:
    """-f/--format, and --wide for tables."""
    f = click.option("--wide", is_flag=True, expose_value=False, callback=_remember_wide,
                     help="Tables: do not wrap long cells to the terminal's width (or $COLUMNS).")(f)
    return click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Output format.")(f)


def _display() -> Display:
    """How tables are shown: wrapped to the terminal's width (or to $COLUMNS when it is set and output is not a
    terminal) unless --wide; in colour on a terminal unless NO_COLOR is set."""
    terminal = sys.stdout.isatty()
    width = None
    if not click.get_current_context().meta.get("kg.wide"):
        if terminal:
            width = shutil.get_terminal_size().columns
        elif os.environ.get("COLUMNS", "").isdigit():
            width = int(os.environ["COLUMNS"])
    return Display(width=width, color=terminal and not os.environ.get("NO_COLOR"))


def _remember_ca_cert(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    ctx.meta["kg.ca_cert"] = value  # not a parameter of every command: _given() picks it up


def connection_options(f: Callable) -> Callable:
    """The Neo4j connection options (the password only ever comes from NEO4J_PASSWORD or the config file)."""
    options = [
        click.option("--uri", envvar="NEO4J_URI", show_envvar=True,
                     help="Neo4j URI: bolt, bolt+s, bolt+ssc, neo4j, neo4j+s or neo4j+ssc://host[:port] "
                          "(default: the config file, else the local server of 'kg server start')."),
        click.option("--username", envvar=["NEO4J_USERNAME", "NEO4J_USER"], show_envvar=True,
                     help="Neo4j user (default neo4j)."),
        click.option("--database", envvar="NEO4J_DATABASE", show_envvar=True, help="Neo4j database (default neo4j)."),
        click.option("--ca-cert", envvar="NEO4J_CA_CERT", show_envvar=True, expose_value=False,
                     callback=_remember_ca_cert, type=click.Path(dir_okay=False),
                     help="CA certificate (PEM) that signed the server's certificate: TLS trusting that CA only."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def store_options(f: Callable) -> Callable:
    """--store, and the Neo4j connection options."""
    f = connection_options(f)
    return click.option("--store", type=click.Choice(STORES), default="memory", show_default=True, envvar="KG_STORE",
                        show_envvar=True,
                        help="memory: the in-memory graph built from seed/; neo4j: a Neo4j database.")(f)


def _given(uri: str | None, username: str | None, database: str | None) -> dict[str, str | None]:
    """The connection options given on the command line; those from NEO4J_* variables are left to
    kg.stores.settings, which reads them itself and so can say where each setting came from."""
    ctx = click.get_current_context()
    out: dict[str, str | None] = {}
    for name, value in (("uri", uri), ("username", username), ("database", database),
                        ("ca_cert", ctx.meta.get("kg.ca_cert"))):
        from_env = ctx.get_parameter_source(name) == click.core.ParameterSource.ENVIRONMENT
        out[name] = None if from_env else value
    return out


def _open(store: str, uri: str | None, username: str | None, database: str | None) -> Store:
    return open_store(store, **_given(uri, username, database))


def _quiet(local: bool = False) -> bool:
    """-q on the command or on kg itself (kg -q COMMAND)."""
    root = click.get_current_context().find_root()
    return local or bool(root.params.get("quiet"))


def progress_bar(desc: str, quiet: bool = False, unit: str = "rows") -> Any:
    """A progress bar on stderr for long work: counts when the work reports them, else the elapsed time once
    it has run 2 s (silent when stderr is not a terminal, with -q or with --no-progress)."""
    from kg.progress import Progress

    root = click.get_current_context().find_root()
    return Progress(desc, unit=unit, quiet=_quiet(quiet) or bool(root.params.get("no_progress")))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kg.__version__, prog_name="kg")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bars, notes or reports on success; only what was asked for, warnings and errors.")
@click.option("--no-progress", is_flag=True, envvar="KG_NO_PROGRESS", show_envvar=True,
              help="No progress bars (they only ever show on a terminal, on stderr).")
@click.option("-v", "--verbose", count=True, help="Debug logging on stderr (-vv: also the Neo4j driver's).")
def main(quiet: bool, no_progress: bool, verbose: int) -> None:
    """OncoKG: targeted lung-cancer therapy and CNS disease as a knowledge graph, every fact with its sources.

    Exit codes: 0 success, 1 bad input or a refused request, 2 usage error, 3 cannot reach or log in to Neo4j.
    Shell completion: see the README (eval "$(_KG_COMPLETE=bash_source kg)")."""

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s" if verbose else
                                           "Warning: %(message)s"))
    kg_log = logging.getLogger("kg")
    kg_log.handlers[:] = [handler]
    kg_log.setLevel(logging.DEBUG if verbose else logging.WARNING)
    kg_log.propagate = False
    if verbose >= 2:
        driver_log = logging.getLogger("neo4j")
        driver_log.handlers[:] = [handler]
        driver_log.setLevel(logging.DEBUG)
        driver_log.propagate = False
    elif os.environ.get("KG_DEBUG") != "1":  # the driver's own retry and connection logs; errors come as one line
        driver_log = logging.getLogger("neo4j")
        driver_log.addHandler(logging.NullHandler())
        driver_log.propagate = False


def _file_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    from kg.sources.bounded import parse_size

    try:
        return None if value is None else parse_size(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size such as 64M or 1G") from None


def max_file_size_option(f: Callable) -> Callable:
    return click.option("--max-file-size", "max_file_bytes", metavar="SIZE", callback=_file_size,
                        help="Largest input file read, e.g. 256M [default: $KG_MAX_FILE_SIZE, else 64M].")(f)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KGError(f"parameters are written name=value, got {pair!r}")
        out[name.strip()] = value
    return out
