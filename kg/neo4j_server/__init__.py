"""Manage a real local Neo4j Community 5.26 server built from Maven Central jars.

The server is launched directly (``org.neo4j.server.CommunityEntryPoint``), bound to 127.0.0.1 only,
with everything it writes under one data directory::

    <data_dir>/conf/neo4j.conf   written on every start
    <data_dir>/data/ logs/ run/ import/ tx/
    <data_dir>/logs/console.log  the server's stdout/stderr (appended on every start)
    <data_dir>/server.json       pid, port, uri, auth, browser_url, version of the running server
    <data_dir>/password          password of the ``neo4j`` user (mode 0600)
    <data_dir>/lib/oncokg-browser.jar  with --browser: the Browser jar plus the question guide and the style
    <data_dir>/.lock             held while start() or admin_import() runs

The modules, one job each: paths (NEO4J_HOME, the data directory and its files), jars (java, the jars, Maven),
config (neo4j.conf), browser (Neo4j Browser), processes (pids, stopping, ports), auth (Bolt login, the password),
lifecycle (start, stop, status), remembered (the servers `kg server start` ran, credentials), admin_import
(neo4j-admin database import). This package re-exports their public names.

See /work/shared/NEO4J-RUNTIME.md section V for the recipe this package follows.
"""

from kg.neo4j_server.admin_import import admin_import
from kg.neo4j_server.browser import BrowserFiles, browser_files_url, browser_url
from kg.neo4j_server.jars import ensure_jars, jars_present
from kg.neo4j_server.lifecycle import ServerInfo, start, status, stop
from kg.neo4j_server.paths import DATABASE, REPO_ROOT, USERNAME, default_data_dir, neo4j_home, state_dir
from kg.neo4j_server.remembered import credentials, find_running, known_data_dirs, remember, running


__all__ = [
    "REPO_ROOT",
    "USERNAME",
    "DATABASE",
    "ServerInfo",
    "BrowserFiles",
    "neo4j_home",
    "state_dir",
    "default_data_dir",
    "jars_present",
    "ensure_jars",
    "start",
    "stop",
    "status",
    "browser_url",
    "browser_files_url",
    "credentials",
    "remember",
    "known_data_dirs",
    "find_running",
    "running",
    "admin_import",
]
