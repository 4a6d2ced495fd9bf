"""Driver errors, at connect or mid-work, turned into one line that names the URI (never the password) and the fix."""

from __future__ import annotations

import socket
import ssl

from neo4j import exceptions as neo4j_errors

from kg.errors import ConnectionFailed, KGError
from kg.stores.settings import Settings, acquire_timeout, display_uri, host_port, is_local, with_scheme


def _causes(e: BaseException) -> list[BaseException]:
    """The exception, its causes and contexts, and the members of exception groups (the routing driver
    raises ServiceUnavailable from an ExceptionGroup of each router's failure)."""
    seen: list[BaseException] = []
    stack: list[BaseException | None] = [e]
    while stack:
        x = stack.pop()
        if x is None or any(x is y for y in seen):
            continue
        seen.append(x)
        stack.extend(getattr(x, "exceptions", None) or ())
        stack.extend((x.__cause__, x.__context__))
    return seen


def diagnose(e: BaseException, settings: Settings) -> ConnectionFailed:
    """One line (exit 3) saying what went wrong at connect, naming the URI (never the password) and the fix."""
    uri = settings.display_uri
    host, port = host_port(settings.uri)
    scheme = settings.uri.partition("://")[0].lower()
    base = scheme.split("+")[0]
    tls = "+" in scheme or bool(settings.ca_cert)
    causes = _causes(e)
    codes = [c.code or "" for c in causes if isinstance(c, neo4j_errors.Neo4jError)]
    start = ("start it with 'kg server start' (or check 'kg server status')" if is_local(settings.uri)
             else "check that the server runs and that the host and port are right")

    def has(kind: type) -> BaseException | None:
        return next((c for c in causes if isinstance(c, kind)), None)

    if any("AuthenticationRateLimit" in c for c in codes):
        msg = (f"Neo4j at {uri} refused the login of user {settings.username!r}: too many wrong passwords in a row, "
               "so it refuses logins for a few seconds. Check NEO4J_USERNAME and NEO4J_PASSWORD, then retry")
    elif has(neo4j_errors.AuthError) or any("Security.Unauthorized" in c for c in codes):
        if settings.password is None:
            msg = (f"Neo4j at {uri} requires a login and no password was given: set NEO4J_PASSWORD "
                   "(or password in the config file, see 'kg config show')")
        else:
            msg = (f"Neo4j at {uri} refused the login of user {settings.username!r} (wrong username or password; "
                   f"the password came from {settings.origins.get('password', 'the caller')}). "
                   "Check NEO4J_USERNAME and NEO4J_PASSWORD")
    elif any("DatabaseNotFound" in c for c in codes):
        msg = (f"Neo4j at {uri} has no database {settings.database!r}: set --database or NEO4J_DATABASE to one it "
               "has (Community Edition has only 'neo4j'; SHOW DATABASES lists them)")
    elif any("Security.Forbidden" in c for c in codes):
        msg = (f"user {settings.username!r} may not access database {settings.database!r} at {uri}: ask an "
               "administrator for ACCESS and read privileges (see the README, 'Shared Neo4j, clusters and Aura')")
    elif (cert := has(ssl.SSLCertVerificationError)) is not None:
        reason = getattr(cert, "verify_message", "") or "certificate verify failed"
        if settings.ca_cert:
            msg = (f"the TLS certificate of Neo4j at {uri} is not trusted ({reason}) by the CA certificate "
                   f"{settings.ca_cert} (from {settings.origins.get('ca_cert', '--ca-cert')}): give the CA that "
                   f"signed the server's certificate, and connect by a host name the certificate names")
        else:
            msg = (f"the TLS certificate of Neo4j at {uri} is not trusted ({reason}): give the CA certificate "
                   f"that signed it with --ca-cert or NEO4J_CA_CERT, or use "
                   f"{with_scheme(settings.uri, base + '+ssc')} to encrypt without checking the certificate")
    elif tls and (has(ssl.SSLEOFError) or _says(causes, "WRONG_VERSION_NUMBER", "record layer failure",
                                                  "packet length too long")):
        msg = (f"Neo4j at {uri} did not answer the TLS handshake: the server has TLS off on this port, so use "
               f"{with_scheme(settings.uri, base)} without a CA certificate (or turn TLS on in the server)")
    elif not tls and _says(causes, "incomplete handshake response"):
        msg = (f"Neo4j at {uri} closed the connection during the handshake: it requires TLS, so use "
               f"{with_scheme(settings.uri, base + '+s')} ({base}+ssc:// for a self-signed certificate, or "
               "--ca-cert/NEO4J_CA_CERT for a private CA)")
    elif has(ConnectionRefusedError):
        msg = f"cannot reach Neo4j at {uri}: connection refused (nothing listens on {host}:{port}); {start}"
    elif has(socket.gaierror):
        msg = f"cannot reach Neo4j at {uri}: unknown host {host!r}; check the host name in NEO4J_URI or --uri"
    elif has(TimeoutError) or _says(causes, "timed out"):
        msg = (f"cannot reach Neo4j at {uri}: no answer within {acquire_timeout():g} s (a firewall, a wrong port, "
               f"or something other than Neo4j on {host}:{port}; KG_NEO4J_TIMEOUT allows more); {start}")
    elif isinstance(e, neo4j_errors.Neo4jError):
        msg = f"Neo4j at {uri} refused the connection: {e.code}: {first_line(e.message or str(e))}"
    else:
        msg = f"cannot reach Neo4j at {uri} ({type(e).__name__}: {first_line(str(e))}); {start}"
    return ConnectionFailed(" ".join(msg.split()))


def _says(causes: list[BaseException], *needles: str) -> bool:
    return any(n.lower() in str(c).lower() for c in causes for n in needles)


def first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def translate(e: Exception, settings: Settings) -> KGError:
    """Turn a driver error raised mid-work into a one-line KGError naming the URI."""
    uri = display_uri(settings.uri)
    if isinstance(e, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
        return ConnectionFailed(f"lost the connection to Neo4j at {uri} ({type(e).__name__}); check that it "
                                "runs ('kg server status' for the local one), then rerun: loading again is safe")
    if isinstance(e, neo4j_errors.AuthError):
        return diagnose(e, settings)
    if isinstance(e, neo4j_errors.Neo4jError):
        message = first_line(e.message or str(e))
        if "Security.Forbidden" in (e.code or ""):
            return KGError(f"Neo4j at {uri}: user {settings.username!r} lacks a privilege on database "
                           f"{settings.database!r} ({message}); reading needs a reader role, loading needs "
                           "the editor/publisher role and creating constraints the architect role (see the README)")
        return KGError(f"Neo4j at {uri}: {e.code}: {message}")
    return KGError(first_line(str(e)) or type(e).__name__)
