"""The `kg` command: a thin door over the Python API. Each command parses, calls one function, renders."""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class, split_arg_string

import kg
from kg import api
from kg import questions as questions_registry
from kg.errors import KGError, ValidationError, one_line
from kg.export import FORMATS as EXPORT_FORMATS
from kg.render import FORMATS, Display, render, render_answer
from kg.stores import STORES, MemoryStore, Store, open_store


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


# ------------------------------------------------------------------ data


def _file_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    from kg.sources.bounded import parse_size

    try:
        return None if value is None else parse_size(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size such as 64M or 1G") from None


def max_file_size_option(f: Callable) -> Callable:
    return click.option("--max-file-size", "max_file_bytes", metavar="SIZE", callback=_file_size,
                        help="Largest input file read, e.g. 256M [default: $KG_MAX_FILE_SIZE, else 64M].")(f)


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


# ------------------------------------------------------------------ questions


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


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KGError(f"parameters are written name=value, got {pair!r}")
        out[name.strip()] = value
    return out


def _complete_question(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return sorted(q for q in questions_registry.REGISTRY if q.startswith(incomplete))


# Labels whose names are short enough to type (a finding's or a publication's name is a sentence).
_NAMED = ("Drug", "Target", "Transporter", "Alteration", "Disease", "Site", "Trial")


def _complete_nodes(incomplete: str, labels: tuple[str, ...] = (), prefix: str = "") -> list[CompletionItem]:
    """Ids of the memory store's nodes (of `labels`, or all), and names of those of _NAMED labels, that start
    with `incomplete`, each written after `prefix`; none when the store cannot be read (completion never fails)."""
    try:
        g = MemoryStore().graph
    except Exception:  # an invalid seed or loaded file: no suggestions (the command itself will say why)
        return []
    found: dict[str, str] = {}
    low = incomplete.lower()
    for node, data in g.nodes(data=True):
        if labels and data.get("label") not in labels:
            continue
        name = str(data.get("name") or "")
        for value in (node, name if data.get("label") in _NAMED else ""):
            if value and value.lower().startswith(low):
                found.setdefault(value, f"{data.get('label')}: {name}" if value == node else node)
    return [CompletionItem(prefix + value, help=help) for value, help in sorted(found.items())]


def _complete_around(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _complete_nodes(incomplete)


def _complete_param(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """-p NAME=VALUE: the question's parameter names, then a parameter's values: its choices, or the ids and
    names of the nodes it may name (drugs, targets, sites, ...)."""
    # While -p waits for its value, click leaves the words it has not parsed (the question among them) in ctx.args.
    given = [ctx.params.get("question"), *ctx.args]
    q = next((questions_registry.REGISTRY[w] for w in given if w in questions_registry.REGISTRY), None)
    if q is None:
        return []
    name, sep, value = incomplete.partition("=")
    if not sep:
        return [CompletionItem(f"{p.name}=", help=p.help) for p in q.params if p.name.startswith(name)]
    p = next((p for p in q.params if p.name == name), None)
    if p is None:
        return []
    if p.choices:
        return [CompletionItem(f"{name}={c}") for c in p.choices if c.lower().startswith(value.lower())]
    if p.type is bool:
        return [CompletionItem(f"{name}={c}") for c in ("true", "false") if c.startswith(value.lower())]
    if name in q.resolve:
        return _complete_nodes(value, q.resolve[name], prefix=f"{name}=")
    return []


BASH_SPACE = "\\\\ "  # a space escaped for the command line; the script's `read` takes one backslash away


class _BashComplete(BashComplete):
    """click's bash completion, except that values holding '=' or ':' complete too (`-p drug=alec`,
    `--around DRUGBANK:DB1`): bash splits words there, so the words are read from the line itself and each
    reply leaves out what bash keeps before the split; spaces in a reply are escaped."""

    source_template = BashComplete.source_template.replace(
        'COMP_CWORD=$COMP_CWORD', 'COMP_CWORD=$COMP_CWORD KG_COMP_LINE="${COMP_LINE:0:COMP_POINT}"')
    _kept = ""

    def get_completion_args(self) -> tuple[list[str], str]:
        line = os.environ.get("KG_COMP_LINE")
        if line is None:  # a script sourced before this change
            return super().get_completion_args()
        words = split_arg_string(line)
        incomplete = words.pop() if words and line and not line[-1].isspace() else ""
        cut = max(incomplete.rfind("="), incomplete.rfind(":")) + 1
        self._kept = incomplete[:cut]
        return words[1:], incomplete

    def format_completion(self, item: CompletionItem) -> str:
        value = item.value
        if item.type == "plain" and self._kept and value.startswith(self._kept):
            value = value[len(self._kept):]
        return f"{item.type},{value.replace(' ', BASH_SPACE)}"


add_completion_class(_BashComplete)


@main.command()
@click.argument("question", shell_complete=_complete_question)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A question parameter.",
              shell_complete=_complete_param)
@click.option("--explain", is_flag=True, help="Print the Cypher and parameters instead of running.")
@click.option("--timeout", default=api.ASK_TIMEOUT, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Stop the question after this many seconds (Neo4j).")
@click.option("--limit", default=api.ASK_LIMIT, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Return at most this many rows (one page).")
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
    err = "" if not answer.truncated else f"Warning: output cut at {limit} rows (--limit).\n" if not offset else \
        f"Warning: more rows follow these {limit} (--offset {offset + limit} shows the next page).\n"
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


@main.command()
def schema() -> None:
    """Print the schema reference: every label, property and relationship (docs/schema.md)."""
    from kg.model.schema_doc import schema_markdown

    click.echo(schema_markdown(), nl=False)


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


# ------------------------------------------------------------------ settings


@main.group()
def config() -> None:
    """Where kg finds Neo4j: options, NEO4J_* variables, the config file, the local server."""


@config.command("show")
@connection_options
@click.option("--check", is_flag=True, help="Also connect, and print the server's version and edition.")
@format_option
@handle_errors
def config_show(uri: str | None, username: str | None, database: str | None, check: bool, fmt: str) -> None:
    """Print the resolved Neo4j settings and where each came from (never the password)."""
    click.echo(render(api.connection_settings(**_given(uri, username, database), check=check), fmt,
                       display=_display()))


# ------------------------------------------------------------------ local server


@main.group()
def server() -> None:
    """Run a local Neo4j (Community 5.26 from Maven Central jars), bound to 127.0.0.1."""
    uri = os.environ.get("NEO4J_URI")
    if uri:  # kg server never uses NEO4J_URI; say so when the other commands will go elsewhere
        from kg.stores.settings import display_uri, is_local

        if not is_local(uri) and not _quiet():
            click.echo(f"Note: NEO4J_URI is {display_uri(uri)}, a remote server: 'kg server' manages only the "
                       "local one, and --store neo4j commands use NEO4J_URI until you unset it.", err=True)


def _data_dir_option(f: Callable) -> Callable:
    return click.option("--data-dir", type=click.Path(path_type=Path), envvar="KG_NEO4J_DATA",
                        help="Where the server keeps data, logs and its password (default: per-user state dir).")(f)


@server.command("start")
@_data_dir_option
@click.option("--port", default=7687, show_default=True, type=click.IntRange(1, 65535), help="Bolt port.")
@click.option("--browser", is_flag=True, help="Also serve Neo4j Browser on a loopback HTTP port, with the question "
                                               "guide and the OncoKG style applied on connecting.")
@click.option("--http-port", default=7474, show_default=True, type=click.IntRange(1, 65535),
              help="HTTP port for Neo4j Browser.")
@click.option("--no-auth", is_flag=True, help="Turn authentication off (tests only).")
@handle_errors
def server_start(data_dir: Path | None, port: int, browser: bool, http_port: int, no_auth: bool) -> None:
    """Start the local server and wait until Bolt answers."""
    from kg import neo4j_server as local

    with progress_bar("Starting Neo4j") as bar:
        if not local.jars_present():
            bar.stage("Resolving the Neo4j jars with Maven (first start only)")
            local.ensure_jars()
            bar.stage("Starting Neo4j")
        info = local.start(data_dir, port, auth=not no_auth, browser=browser, http_port=http_port)
    local.remember(info.data_dir)  # later commands find it without --data-dir or KG_NEO4J_DATA
    if _quiet():
        return
    click.echo(f"Neo4j running at {info.uri} (pid {info.pid}, {info.version}), data in {info.data_dir}.")
    if info.browser_url:
        login = f"password in {info.data_dir / 'password'}" if info.auth else "no password"
        click.echo(f"Neo4j Browser: {info.browser_url}\n  (the connection is filled in: user neo4j, {login}; once "
                   "connected it applies the OncoKG style and opens the question guide)")


@server.command("stop")
@_data_dir_option
@handle_errors
def server_stop(data_dir: Path | None) -> None:
    """Stop the local server (SIGTERM, then SIGKILL): the one of --data-dir, else the one commands use."""
    from kg import neo4j_server as local

    found = data_dir if data_dir is not None else local.find_running()
    stopped = found is not None and local.stop(found)
    if not _quiet():
        click.echo("Stopped." if stopped else "No local Neo4j is running.")


@server.command("status")
@_data_dir_option
@handle_errors
def server_status(data_dir: Path | None) -> None:
    """Print each running local server's URI, pid, version and data directory (never the password): the one
    of --data-dir, else every one that 'kg server start' started."""
    from kg import neo4j_server as local

    infos = local.running() if data_dir is None else [i for i in [local.status(data_dir)] if i is not None]
    if not infos:
        click.echo("No local Neo4j is running. Start one with 'kg server start'.")
        sys.exit(3)  # cannot reach Neo4j
    click.echo("\n\n".join(
        f"uri: {info.uri}\npid: {info.pid}\nversion: {info.version}\ndata: {info.data_dir}\n"
        f"auth: {'on' if info.auth else 'off'}" + (f"\nbrowser: {info.browser_url}" if info.browser_url else "")
        for info in infos))
