"""Logging in: the Bolt URI and driver, and the password of the ``neo4j`` user (generated, set, replaced)."""

from __future__ import annotations

import os
import secrets
import subprocess
import tempfile
from pathlib import Path

from kg.errors import ServerError
from kg.neo4j_server.jars import _ADMIN_TOOL, _admin_env, _java, _tail
from kg.neo4j_server.paths import USERNAME, _password_file

_DEFAULT_PASSWORD = "neo4j"  # the built-in user's initial (expired) password when auth was off at creation


class _LoginRefused(ServerError):
    """The server came up but refused our credentials."""


def _uri(port: int, tls: bool) -> str:
    return f"{'bolt+ssc' if tls else 'bolt'}://127.0.0.1:{port}"


def _driver(uri: str, password: str | None, timeout: float = 2.0):
    from neo4j import GraphDatabase

    auth = (USERNAME, password) if password is not None else None
    return GraphDatabase.driver(uri, auth=auth, connection_timeout=timeout, max_connection_pool_size=1)


def _agent(uri: str, password: str | None, timeout: float = 2.0) -> str:
    with _driver(uri, password, timeout) as driver:
        return driver.get_server_info().agent


def _read_password(d: Path) -> str | None:
    try:
        return _password_file(d).read_text().strip() or None
    except FileNotFoundError:
        return None


def _new_password(d: Path) -> str:
    password = secrets.token_urlsafe(18)
    while password.startswith("-"):  # AdminTool would read a leading '-' as an option
        password = secrets.token_urlsafe(18)
    fd = os.open(_password_file(d), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(password + "\n")
    return password


def _set_initial_password(home: Path, d: Path, password: str) -> None:
    """Run ``AdminTool dbms set-initial-password`` before the first start.

    AdminTool only takes the password as a program argument. To keep it off the process command line
    (``/proc/<pid>/cmdline`` is world-readable) the main class and its arguments go into a 0600 java
    ``@argfile`` that the java launcher expands itself; the file is deleted as soon as the tool exits.
    """
    fd, argfile = tempfile.mkstemp(dir=d, prefix=".pwargs.")  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "w") as f:
            f.write(f"{_ADMIN_TOOL} dbms set-initial-password {password}\n")
        proc = subprocess.run(
            [_java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", str(home / "lib" / "*"), f"@{argfile}"],
            env=_admin_env(home, d),
            cwd=d,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            umask=0o077,
        )
    finally:
        Path(argfile).unlink(missing_ok=True)
    output = proc.stdout.replace(password, "***")
    if proc.returncode != 0:
        raise ServerError(f"setting the initial Neo4j password failed:\n{_tail(output)}")
    auth_ini = d / "data" / "dbms" / "auth.ini"
    if auth_ini.exists():
        os.chmod(auth_ini, 0o600)


def _replace_default_password(uri: str, password: str) -> None:
    from neo4j.exceptions import Neo4jError

    try:
        with _driver(uri, _DEFAULT_PASSWORD, timeout=10.0) as driver:
            driver.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=_DEFAULT_PASSWORD,
                new=password,
                database_="system",
            )
    except Neo4jError as e:
        raise ServerError(f"setting the neo4j password failed ({e.code})") from None
