"""Bulk loading: ``neo4j-admin database import full`` of CSV files into the stopped server's database."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kg.errors import ServerError
from kg.neo4j_server.config import _write_conf
from kg.neo4j_server.jars import _ADMIN_TOOL, _admin_env, _java, _tail, ensure_jars, extra_jvm_flags
from kg.neo4j_server.paths import DATABASE, _conf_dir, _locked, _make_layout, _resolve
from kg.neo4j_server.processes import _clean_stale, _running_pid


def admin_import(
    data_dir: Path | None,
    nodes: list[tuple[str, list[Path]]],
    relationships: list[tuple[str, list[Path]]],
    *,
    array_delimiter: str = ";",
    multiline_fields: bool = False,
) -> str:
    """Bulk-load CSV files into the ``neo4j`` database of data_dir, replacing it (server must be stopped).

    ``nodes`` is ``[(label, [header_or_data_file, ...]), ...]`` (label may be "" when the files carry a
    ``:LABEL`` column, or "A:B" for several); ``relationships`` is ``[(type, [files...]), ...]``.
    ``multiline_fields`` lets quoted values hold line breaks. Returns the tool's output; raises ServerError
    with its tail on failure.
    """
    d = _resolve(data_dir)
    with _locked(d):
        return _admin_import(d, nodes, relationships, array_delimiter, multiline_fields)


def _admin_import(
    d: Path, nodes: list[tuple[str, list[Path]]], relationships: list[tuple[str, list[Path]]], array_delimiter: str,
    multiline_fields: bool = False,
) -> str:
    pid = _running_pid(d)
    if pid is not None:
        raise ServerError(f"stop the local Neo4j (pid {pid}) before a bulk import")
    if not nodes:
        raise ServerError("admin_import needs at least one node file group")
    if len(array_delimiter) != 1:
        raise ServerError("array_delimiter must be a single character")
    home = ensure_jars()
    _make_layout(d)
    _clean_stale(d)
    conf = _conf_dir(d) / "neo4j.conf"
    if not conf.exists():
        _write_conf(
            d, 7687, auth=True, browser=False, http_port=7474, heap="512m", pagecache="256m", tls_dir=None
        )

    def flag(kind: str, name: str, files: list[Path]) -> str:
        paths = []
        for f in files:
            p = Path(f).expanduser().resolve()
            if not p.is_file():
                raise ServerError(f"import file not found: {p}")
            paths.append(str(p))
        if not paths:
            raise ServerError(f"no files given for {kind} {name!r}")
        return f"--{kind}={name + '=' if name else ''}{','.join(paths)}"

    args = [flag("nodes", n, fs) for n, fs in nodes]
    args += [flag("relationships", t, fs) for t, fs in relationships]
    cmd = [
        _java(),
        "-Xmx1g",
        *extra_jvm_flags(),
        "-cp",
        str(home / "lib" / "*"),
        _ADMIN_TOOL,
        "database",
        "import",
        "full",
        DATABASE,
        "--overwrite-destination=true",
        f"--array-delimiter={array_delimiter}",
        f"--multiline-fields={'true' if multiline_fields else 'false'}",
        f"--report-file={d / 'logs' / 'import.report'}",
        "--verbose",  # without it a failure only says "Error in input data"
        *args,
    ]
    proc = subprocess.run(
        cmd, env=_admin_env(home, d), cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        umask=0o077,
    )
    if proc.returncode != 0:
        # drop progress bars and stack frames so the tail shows the cause ("original error: ...")
        lines = [
            line
            for line in proc.stdout.splitlines()
            if line.strip()
            and not line.startswith(("..", "[", "\tat ", "\t... "))
        ]
        raise ServerError(
            f"neo4j-admin database import failed (exit {proc.returncode}):\n{_tail(chr(10).join(lines))}"
        )
    return proc.stdout
