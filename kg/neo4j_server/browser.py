"""Neo4j Browser on a local server: its address, its neo4j.conf lines, and the jar that serves the guide and style."""

from __future__ import annotations

import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ServerError
from kg.neo4j_server.paths import DATABASE, USERNAME

# Where the Browser of a local server finds the catalogue guide and the style (served with the Browser itself).
_BROWSER_FILES = "browser/oncokg"
_GUIDE, _STYLE = "guide.html", "oncokg.grass"


@dataclass(frozen=True)
class BrowserFiles:
    """What the Browser opens on connecting, rendered by the caller (kg.export): a guide page (Browser guide
    HTML, opened with `:guide`) and a style sheet (GraSS, applied with `:style`)."""

    guide: str
    style: str


def browser_files_url(http_port: int) -> str:
    """The address under which the Browser's HTTP port serves the guide and the style."""
    return f"http://127.0.0.1:{http_port}/{_BROWSER_FILES}"


def _browser_settings(http_port: int) -> list[str]:
    """neo4j.conf lines for Neo4j Browser: it may fetch guides from 127.0.0.1, and once connected it applies the
    style and opens the catalogue guide (commands separated by `;`, each run as `:<command>`)."""
    files = browser_files_url(http_port)
    return [
        "browser.remote_content_hostname_whitelist=127.0.0.1",
        f"browser.post_connect_cmd=style {files}/{_STYLE}; guide {files}/{_GUIDE}",
    ]


def browser_url(uri: str, http_port: int, auth: bool) -> str:
    """The Browser address that prefills the connection form: connect URL (with the user), database, and the
    authentication method when auth is off."""
    scheme, _, host = uri.partition("://")
    url = f"http://127.0.0.1:{http_port}/browser/?dbms={scheme}://{USERNAME}@{host}&db={DATABASE}"
    return url if auth else url + "&preselectAuthMethod=NO_AUTH"


def _browser_jar(home: Path, d: Path, files: BrowserFiles | None) -> Path:
    """A copy of the Neo4j Browser jar with the guide and the style under browser/oncokg/, first on the classpath,
    so that the server's own HTTP port serves them beside the Browser (same origin, nothing else to run).
    Rewritten on every start given ``files``, so it follows the catalogue; without them the jar of the previous
    start is used again."""
    jar = d / "lib" / "oncokg-browser.jar"
    if files is None:
        if not jar.is_file():
            raise ServerError(f"{jar} does not exist: the first start with the Browser needs its guide and style")
        return jar
    source = next(iter(sorted((home / "lib").glob("neo4j-browser-*.jar"))))
    jar.parent.mkdir(exist_ok=True)
    tmp = jar.with_suffix(".tmp")
    shutil.copyfile(source, tmp)
    with zipfile.ZipFile(tmp, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{_BROWSER_FILES}/{_GUIDE}", files.guide)
        z.writestr(f"{_BROWSER_FILES}/{_STYLE}", files.style)
    os.replace(tmp, jar)
    return jar
