"""Java and the Neo4j jars: finding java, resolving the jars into NEO4J_HOME/lib with Maven, the JVM flags."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from kg import resources
from kg.errors import ServerError
from kg.neo4j_server.paths import _conf_dir, neo4j_home

_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_ADMIN_TOOL = "org.neo4j.cli.AdminTool"
_JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]


def extra_jvm_flags() -> list[str]:
    """JVM options added to the server's and the import tool's command line, from $KG_NEO4J_JVM_OPTS (split as a
    shell would), e.g. `-XX:TieredStopAtLevel=1`: less compiling at start-up for short-lived servers (the tests)."""
    try:
        return shlex.split(os.environ.get("KG_NEO4J_JVM_OPTS", ""))
    except ValueError as e:
        raise ServerError(f"KG_NEO4J_JVM_OPTS: {e}") from None


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.access(Path(java_home, "bin", "java"), os.X_OK):
        return str(Path(java_home, "bin", "java"))
    java = shutil.which("java")
    if not java:
        raise ServerError("java not found: install a Java 17+ runtime (or set JAVA_HOME)")
    return java


def jars_present() -> bool:
    """True when the Neo4j jars are in NEO4J_HOME/lib (no Maven run needed)."""
    return any((neo4j_home() / "lib").glob("neo4j-*.jar"))


def ensure_jars() -> Path:
    """Return NEO4J_HOME, resolving the Neo4j jars into ``NEO4J_HOME/lib`` with Maven if they are missing."""
    home = neo4j_home()
    lib = home / "lib"
    if any(lib.glob("neo4j-*.jar")):
        return home
    pom = resources.path("neo4j") / "pom.xml"
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            f"the Neo4j jars are missing from {lib} and Maven (mvn) is not installed; install Maven "
            f"and run: mvn -B -q -f {pom} package"
        )
    _java()  # Maven needs Java too; fail with the clearer message
    if not pom.is_file():
        raise ServerError(f"the Neo4j jars are missing from {lib} and {pom} does not exist")
    cmd = [mvn, "-B", "-q", "-f", str(pom), f"-Dneo4j.home={home}", "package"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0 or not any(lib.glob("neo4j-*.jar")):
        raise ServerError(
            f"resolving the Neo4j jars failed (mvn exit {proc.returncode}):\n{_tail(proc.stdout)}"
        )
    return home


def _admin_env(home: Path, d: Path) -> dict[str, str]:
    return {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(_conf_dir(d))}


def _tail(text: str, n: int = 20) -> str:
    return "\n".join(text.rstrip().splitlines()[-n:])

