"""One root exception and a few purposeful subclasses; the CLI maps them to exit codes."""

from __future__ import annotations


class KGError(Exception):
    """Any error the user can act on. The CLI prints `Error: <message>` and exits 1."""

    exit_code = 1


def one_line(text: str) -> str:
    """`text` with line breaks and other unprintable characters escaped (`\\n`, `\\x00`, `\\u202e`), so a
    problem that quotes hostile input stays one line and cannot forge or hide output."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class ValidationError(KGError):
    """Input files are invalid. Carries every problem, each `file: record: field: message` on one line."""

    def __init__(self, problems: list[str]):
        self.problems = [one_line(p) for p in problems]
        super().__init__("\n".join(self.problems))


class ServerError(KGError):
    """The local Neo4j server could not be started, stopped or inspected."""


class ConnectionFailed(KGError):
    """Cannot reach or log in to Neo4j (exit code 3)."""

    exit_code = 3


class QueryRefused(KGError):
    """A researcher query was refused (a write without --write, a bad parameter, a timeout)."""
