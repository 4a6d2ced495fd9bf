"""Where kg finds Neo4j (`kg config`) and the local Neo4j server (`kg server`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from kg import api
from kg.cli.base import _display, _given, _quiet, connection_options, format_option, handle_errors, main, progress_bar
from kg.render import render


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
    from kg.export import grass
    from kg.export.browser_guide import guide_html

    files = local.BrowserFiles(guide=guide_html(), style=grass()) if browser else None
    with progress_bar("Starting Neo4j") as bar:
        if not local.jars_present():
            bar.stage("Resolving the Neo4j jars with Maven (first start only)")
            local.ensure_jars()
            bar.stage("Starting Neo4j")
        info = local.start(data_dir, port, auth=not no_auth, browser=browser, http_port=http_port,
                           browser_files=files)
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
