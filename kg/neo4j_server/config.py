"""neo4j.conf: the settings a local server is started with (loopback only, ports, memory limits, TLS)."""

from __future__ import annotations

from pathlib import Path

from kg.errors import ServerError
from kg.neo4j_server.browser import _browser_settings
from kg.neo4j_server.paths import _atomic_write, _conf_dir


def _write_conf(
    d: Path,
    port: int,
    *,
    auth: bool,
    browser: bool,
    http_port: int,
    heap: str,
    pagecache: str,
    tls_dir: Path | None,
) -> Path:
    lines = [
        "# Written by kg.neo4j_server on every start; edits are overwritten.",
        "server.default_listen_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{port}",
        f"server.bolt.advertised_address=127.0.0.1:{port}",
    ]
    if browser:
        lines += [
            "server.http.enabled=true",
            f"server.http.listen_address=127.0.0.1:{http_port}",
            f"server.http.advertised_address=127.0.0.1:{http_port}",
            *_browser_settings(http_port),
        ]
    else:
        lines.append("server.http.enabled=false")
    lines += [
        "server.https.enabled=false",
        f"dbms.security.auth_enabled={'true' if auth else 'false'}",
        "dbms.usage_report.enabled=false",
        f"server.directories.data={d / 'data'}",
        f"server.directories.logs={d / 'logs'}",
        f"server.directories.run={d / 'run'}",
        f"server.directories.import={d / 'import'}",
        f"server.directories.transaction.logs.root={d / 'tx'}",
        f"server.memory.heap.initial_size={heap}",
        f"server.memory.heap.max_size={heap}",
        f"server.memory.pagecache.size={pagecache}",
        "db.transaction.timeout=120s",
        *_memory_limits(heap),
        "db.tx_log.rotation.retention_policy=keep_none",
        # Bolt's graceful shutdown waits 5 s + 5 s by default; these make SIGTERM finish in about 1 s.
        "internal.server.bolt.connection_shutdown_wait_time=0s",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        "internal.dbms.bolt.netty_server_shutdown_timeout=1",
    ]
    if tls_dir is not None:
        lines += [
            "server.bolt.tls_level=REQUIRED",
            "dbms.ssl.policy.bolt.enabled=true",
            f"dbms.ssl.policy.bolt.base_directory={tls_dir}",
            "dbms.ssl.policy.bolt.private_key=private.key",
            "dbms.ssl.policy.bolt.public_certificate=public.crt",
            "dbms.ssl.policy.bolt.client_auth=NONE",
        ]
    conf = _conf_dir(d) / "neo4j.conf"
    _atomic_write(conf, "\n".join(lines) + "\n")
    return conf


def _mebibytes(size: str) -> int:
    """'512m', '1g', '1024k' or a byte count as whole MiB."""
    text = size.strip().lower().removesuffix("b")
    scale = {"k": 1 / 1024, "m": 1, "g": 1024, "t": 1024 * 1024}.get(text[-1:], None)
    try:
        return int(float(text[:-1]) * scale) if scale else int(text) // (1024 * 1024)
    except ValueError:
        raise ServerError(f"not a memory size: {size!r} (write e.g. 512m or 1g)") from None


def _memory_limits(heap: str) -> list[str]:
    """Transaction memory limits that fire long before the heap is exhausted.

    The arithmetic, for the default heap of 512 MiB (measured on 5.26 with the seed loaded: the server itself
    holds about 150-200 MiB of live heap: plan caches, Bolt, the system database):
      one transaction       heap / 4   = 128 MiB   (db.memory.transaction.max)
      all transactions      heap * 3/8 = 192 MiB   (db.memory.transaction.total.max, dbms.memory.transaction.total.max)
      left for the server   512 - 192  = 320 MiB   >= 200 MiB it needs + 120 MiB for what Neo4j does not track
    So tracked work (collect, sort, distinct, aggregation, eager buffers, transaction state) is refused with
    Neo.TransientError.General.MemoryPoolOutOfMemoryError before the heap fills. The page cache is off-heap and
    sized separately. Expressions Neo4j does not track (a string doubled in a reduce) can still fill the heap: the
    JVM runs without -XX:+ExitOnOutOfMemoryError, so Neo4j fails that one transaction
    (Neo.TransientError.General.OutOfMemoryError) and keeps serving; measured on 5.26.
    """
    mib = _mebibytes(heap)
    if mib < 256:
        raise ServerError(f"a heap of {heap} is too small for Neo4j; give at least 256m")
    return [f"db.memory.transaction.max={mib // 4}m", f"db.memory.transaction.total.max={mib * 3 // 8}m",
            f"dbms.memory.transaction.total.max={mib * 3 // 8}m"]
