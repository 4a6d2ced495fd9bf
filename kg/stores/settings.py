"""Where Neo4j is and how to reach it: settings from options, NEO4J_* variables, a user config file, or the
local server of `kg server start`, each setting with where it came from (`kg config show`).

The user config file is TOML, at `$KG_CONFIG`, else `$XDG_CONFIG_HOME/oncokg/config.toml`, else
`~/.config/oncokg/config.toml`::

    [neo4j]
    uri = "neo4j+s://abcd1234.databases.neo4j.io"
    username = "neo4j"
    database = "neo4j"
    ca_cert = "~/certs/company-ca.pem"   # a private CA's certificate (PEM); relative to the file's folder
    password = "..."                     # only in a file no one else can read (chmod 600)

Nothing here opens a connection; kg.stores.neo4j_store.connect does.
"""

from __future__ import annotations

import ipaddress
import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.errors import ConnectionFailed, KGError

DEFAULT_DATABASE = "neo4j"
DEFAULT_USERNAME = "neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONFIG_KEYS = ("uri", "username", "password", "database", "ca_cert")
ENV = {"uri": ("NEO4J_URI",), "username": ("NEO4J_USERNAME", "NEO4J_USER"), "password": ("NEO4J_PASSWORD",),
       "database": ("NEO4J_DATABASE",), "ca_cert": ("NEO4J_CA_CERT",)}
OPTIONS = {"uri": "--uri", "username": "--username", "database": "--database", "ca_cert": "--ca-cert",
           "password": "password argument"}


@dataclass(frozen=True)
class Settings:
    """Where Neo4j is and who we are; the password is never printed.

    `origins` says where each setting came from (an option, a variable, the config file, the local server
    or the default); `ca_cert` is the path of a CA certificate (PEM) that signed the server's certificate.
    """

    uri: str
    username: str = DEFAULT_USERNAME
    password: str | None = None
    database: str = DEFAULT_DATABASE
    ca_cert: str | None = None
    origins: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        return (f"Settings(uri={self.uri!r}, username={self.username!r}, database={self.database!r}"
                + (f", ca_cert={self.ca_cert!r}" if self.ca_cert else "") + ")")

    @property
    def display_uri(self) -> str:
        return display_uri(self.uri)


# ------------------------------------------------------------------------------------------- config file


def config_path() -> Path:
    """The user config file: $KG_CONFIG, else $XDG_CONFIG_HOME/oncokg/config.toml, else ~/.config/oncokg/config.toml."""
    if os.environ.get("KG_CONFIG"):
        return Path(os.environ["KG_CONFIG"]).expanduser()
    base = Path(os.environ["XDG_CONFIG_HOME"]).expanduser() if os.environ.get("XDG_CONFIG_HOME") else \
        Path.home() / ".config"
    return base / "oncokg" / "config.toml"


def read_config(path: Path | None = None) -> dict[str, str]:
    """The `[neo4j]` table of the config file (empty when there is no file); unknown keys are errors."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise KGError(f"{path}: cannot read the config file ({e.strerror})") from e
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise KGError(f"{path}: not valid TOML: {e}") from e
    unknown = sorted(set(data) - {"neo4j"})
    if unknown:
        raise KGError(f"{path}: unknown table(s) {', '.join(unknown)} (valid: [neo4j])")
    table = data.get("neo4j", {})
    if not isinstance(table, dict):
        raise KGError(f"{path}: 'neo4j' must be a table ([neo4j])")
    out: dict[str, str] = {}
    for key, value in table.items():
        if key not in CONFIG_KEYS:
            raise KGError(f"{path}: [neo4j]: unknown key {key!r} (valid: {', '.join(CONFIG_KEYS)})")
        if not isinstance(value, str) or not value:
            raise KGError(f"{path}: [neo4j]: {key} must be a non-empty string")
        out[key] = value
    if "password" in out and os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KGError(f"{path} holds a password but others can read it: run 'chmod 600 {path}' "
                      "(or keep the password in NEO4J_PASSWORD)")
    if "ca_cert" in out:
        out["ca_cert"] = str((path.parent / Path(out["ca_cert"]).expanduser()).resolve())
    return out


# ---------------------------------------------------------------------------------------------- resolve


def _layers(uri: str | None, username: str | None, database: str | None, password: str | None,
            ca_cert: str | None) -> tuple[dict[str, Any], dict[str, str]]:
    """Each setting from the first layer that has it: options, NEO4J_* variables, the config file,
    then (for the URI and its login together) the local server."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    given = {"uri": uri, "username": username, "database": database, "password": password, "ca_cert": ca_cert}
    for key, value in given.items():
        if value:
            values[key], origins[key] = value, OPTIONS[key]
    for key, names in ENV.items():
        for name in names:
            if key not in values and os.environ.get(name):
                values[key], origins[key] = os.environ[name], name
    path = config_path()
    for key, value in read_config(path).items():
        if key not in values:
            values[key], origins[key] = value, f"config file {path}"
    if "uri" not in values:
        from kg import neo4j_server as server

        local = server.credentials()
        if local is not None:
            where = f"local server ({server.find_running() or server.default_data_dir()})"
            local_uri, local_user, local_password = local
            values["uri"], origins["uri"] = local_uri, where
            if "username" not in values:
                values["username"], origins["username"] = local_user, where
            if "password" not in values and local_password is not None:
                values["password"], origins["password"] = local_password, where
    for key, default in (("username", DEFAULT_USERNAME), ("database", DEFAULT_DATABASE)):
        if key not in values:
            values[key], origins[key] = default, "default"
    return values, origins


def resolve_settings(uri: str | None = None, username: str | None = None, database: str | None = None, *,
                     password: str | None = None, ca_cert: str | None = None) -> Settings:
    """Options (these arguments), then NEO4J_URI, NEO4J_USERNAME (alias NEO4J_USER), NEO4J_PASSWORD,
    NEO4J_DATABASE, NEO4J_CA_CERT, then the user config file, then the local server of `kg server start`."""
    values, origins = _layers(uri, username, database, password, ca_cert)
    if "uri" not in values:
        from kg import neo4j_server as server

        remembered = [d for d in server.known_data_dirs() if d != server.default_data_dir().resolve()]
        start = f"kg server start --data-dir {remembered[-1]}" if remembered else "kg server start"
        raise ConnectionFailed(
            "no Neo4j configured: set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD) or write "
            f"{config_path()}, or start a local one with '{start}'"
        )
    check_uri(values["uri"])
    return Settings(uri=values["uri"], username=values["username"], password=values.get("password"),
                    database=values["database"], ca_cert=values.get("ca_cert"), origins=origins)


def describe_settings(uri: str | None = None, username: str | None = None, database: str | None = None, *,
                      ca_cert: str | None = None) -> list[dict[str, str]]:
    """Rows (setting, value, from) of the resolved settings; the password shows only whether it is set."""
    values, origins = _layers(uri, username, database, None, ca_cert)
    rows = []
    for key in ("uri", "username", "password", "database", "ca_cert"):
        value = values.get(key)
        if key == "password":
            shown = "(set)" if value else "(not set)"
        elif key == "uri":
            shown = display_uri(value) if value else "(not set)"
        else:
            shown = value or "(not set)"
        rows.append({"setting": key, "value": shown, "from": origins.get(key, "-")})
    path = config_path()
    rows.append({"setting": "config_file", "value": str(path), "from": "found" if path.exists() else "not found"})
    if values.get("uri"):
        rows.append({"setting": "location", "value": "local" if is_local(values["uri"]) else "remote", "from": "uri"})
    return rows


# ------------------------------------------------------------------------------------------------- URIs


def check_uri(uri: str) -> None:
    """Refuse what the driver cannot use, naming the valid schemes (bad input: exit 1)."""
    scheme, sep, rest = uri.partition("://")
    if not sep or not rest.strip("/"):
        raise KGError(f"invalid Neo4j URI {display_uri(uri)!r}: write scheme://host[:port], e.g. neo4j+s://host:7687")
    if scheme.lower() not in SCHEMES:
        raise KGError(f"unsupported scheme {scheme!r} in Neo4j URI {display_uri(uri)!r} "
                      f"(valid: {', '.join(SCHEMES)})")


def display_uri(uri: str) -> str:
    """The URI as it may be shown: without any user:password@ part."""
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return uri
    netloc, slash, path = rest.partition("/")
    return f"{scheme}{sep}{netloc.rpartition('@')[2]}{slash}{path}"


def host_port(uri: str) -> tuple[str, int]:
    parts = urlsplit(uri)
    try:
        port = parts.port or 7687
    except ValueError:
        port = 7687
    return parts.hostname or "localhost", port


def is_local(uri: str) -> bool:
    """True when the URI names this machine (localhost or a loopback address)."""
    host, _ = host_port(uri)
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_local(uri: str, action: str, instead: str) -> None:
    """Refuse `action` on a remote server in one line, e.g.
    require_local(uri, "kg load --bulk", "load online: kg load --store neo4j (without --bulk)")."""
    if not is_local(uri):
        raise KGError(f"{action} works on the local server's files only, and {display_uri(uri)} is a remote "
                      f"server; {instead}")


def with_scheme(uri: str, scheme: str) -> str:
    """The same address under another scheme (used by error messages to suggest a fix)."""
    _, sep, rest = display_uri(uri).partition("://")
    return f"{scheme}://{rest}" if sep else uri


def driver_target(settings: Settings) -> tuple[str, dict[str, Any]]:
    """The URI and TLS options to open the driver with.

    A CA certificate makes the connection encrypted and trust that CA only: with `bolt://`/`neo4j://` (and
    `+s`, which then means the same) the driver is given `encrypted=True, trusted_certificates=TrustCustomCAs`.
    `+ssc` trusts any certificate, so a CA certificate there is a contradiction and refused.
    """
    check_uri(settings.uri)
    if not settings.ca_cert:
        return settings.uri, {}
    from neo4j import TrustCustomCAs

    path = Path(settings.ca_cert).expanduser()
    where = settings.origins.get("ca_cert", "--ca-cert")
    if not path.is_file():
        raise KGError(f"CA certificate {path} (from {where}) does not exist")
    try:
        head = path.read_bytes()[:4096]
    except OSError as e:
        raise KGError(f"CA certificate {path} (from {where}) cannot be read ({e.strerror})") from e
    if b"-----BEGIN CERTIFICATE-----" not in head:
        raise KGError(f"CA certificate {path} (from {where}) is not a PEM certificate "
                      "(it should contain -----BEGIN CERTIFICATE-----)")
    scheme, _, rest = settings.uri.partition("://")
    scheme = scheme.lower()
    if scheme.endswith("+ssc"):
        base = scheme.split("+")[0]
        raise KGError(f"{display_uri(settings.uri)} trusts any certificate (+ssc), so the CA certificate {path} "
                      f"would be ignored: use {base}:// or {base}+s:// with a CA certificate, or drop the CA certificate")
    return f"{scheme.split('+')[0]}://{rest}", {"encrypted": True, "trusted_certificates": TrustCustomCAs(str(path))}


ACQUIRE_TIMEOUT = 5.0   # seconds until a connection is in hand (routing table included); the driver's default is 60


def acquire_timeout() -> float:
    """ACQUIRE_TIMEOUT, or $KG_NEO4J_TIMEOUT seconds for a very slow link."""
    try:
        return max(1.0, float(os.environ.get("KG_NEO4J_TIMEOUT") or ACQUIRE_TIMEOUT))
    except ValueError:
        raise KGError(f"KG_NEO4J_TIMEOUT must be a number of seconds, not {os.environ['KG_NEO4J_TIMEOUT']!r}") from None
