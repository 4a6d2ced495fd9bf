"""Cypher lives in files under cypher/: loaded by name, with a declared-parameter check.

Each file opens with `//` lines: a one-sentence purpose, then `// Parameters: $a, $b` (or `none`).
Templates for loading may hold `__LABEL__`, `__START__`, `__END__`, `__TYPE__`; these are filled only
from the `Label` and `Rel` enums, never from user input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg import resources
from kg.errors import KGError
from kg.model import Label, Rel

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    purpose: str
    parameters: tuple[str, ...]
    file: Path


@cache
def load(name: str) -> Query:
    """Load `cypher/<name>.cypher` and check that its declared parameters are the ones it uses."""
    path = resources.path("cypher") / f"{name}.cypher"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KGError(f"no Cypher file {path}") from None
    lines = text.splitlines()
    comments = []
    for line in lines:
        if not line.startswith("//"):
            break
        comments.append(line[2:].strip())
    purpose = comments[0] if comments else ""
    declared_line = next((i for i, c in enumerate(comments) if c.lower().startswith("parameters:")), None)
    if declared_line is None:
        raise KGError(f"{path}:1: missing '// Parameters:' line")
    declared_text = comments[declared_line].split(":", 1)[1].strip()
    declared = () if declared_text.lower() == "none" else tuple(p.strip().lstrip("$") for p in declared_text.split(","))
    used: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        code = _STRING.sub("''", line.split("//", 1)[0]) if not line.lstrip().startswith("//") else ""
        for match in _PARAM.finditer(code):
            used.setdefault(match.group(1), number)
    for param, number in used.items():
        if param not in declared:
            raise KGError(f"{path}:{number}: parameter ${param} is used but not declared")
    for param in declared:
        if param not in used:
            raise KGError(f"{path}:{declared_line + 1}: parameter ${param} is declared but not used")
    return Query(name, text, purpose, declared, path)


def template(name: str, *, label: Label | None = None, start: Label | None = None,
             end: Label | None = None, rel: Rel | None = None) -> str:
    """A load template with its placeholders filled from the schema enums only."""
    text = load(name).text
    for token, value in (("__LABEL__", label), ("__START__", start), ("__END__", end), ("__TYPE__", rel)):
        if token in text:
            if not isinstance(value, Label | Rel):
                raise KGError(f"{name}: {token} must come from the schema enums")
            text = text.replace(token, value.value)
    return text
