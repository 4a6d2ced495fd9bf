"""Read seed-format YAML files into typed records, collecting every problem at once.

A problem reads `file: record: field: message`, e.g.
`seed/drugs.yaml: drugs[3] (alectinib): sources[0]: 'PMID:x' is not a known publication`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pydantic
import yaml

from kg.errors import ValidationError, one_line
from kg.models import RECORD_KINDS, Record


@dataclass(frozen=True)
class Origin:
    """Where a record was read: file, kind, index, and a human name for messages."""

    file: str
    kind: str
    index: int
    title: str

    def __str__(self) -> str:
        return f"{self.file}: {self.kind}[{self.index}]" + (f" ({self.title})" if self.title else "")


@dataclass(frozen=True)
class Loaded:
    """One record with where it came from.

    `supplement` marks a record from a public-data loader: when its id is already defined, it fills the
    properties the defining record leaves empty and adds to its lists, instead of being a duplicate.
    """

    kind: str
    record: Record
    origin: Origin
    supplement: bool = False


@dataclass(frozen=True)
class SourceFile:
    """A file that was read: its path as given, checksum and record count."""

    path: str
    sha256: str
    records: int


def yaml_files(paths: list[Path | str]) -> list[Path]:
    """Expand directories into their *.yaml/*.yml files (sorted, recursive); keep files as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file()))
        else:
            out.append(p)
    return out


def _field_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "record"


def _message(err: dict) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "required field is missing"
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


def _title(raw: object) -> str:
    if isinstance(raw, dict):
        for key in ("id", "name", "drug", "alteration"):
            value = raw.get(key)
            if isinstance(value, str | int):
                return str(value)[:80]
    return ""


# YAML 1.1's float (PyYAML's resolver): a JSON number that is not one is read as text, as YAML reads it.
_YAML_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?")
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _json_constant(name: str) -> str:
    raise ValueError(name)  # NaN, Infinity: not JSON that YAML reads the same way; let YAML read the file


def parse_document(text: str) -> object:
    """Parse one seed file as YAML, with the same result as `yaml.safe_load`, only faster.

    A file that is a JSON object (JSON is YAML; machine-written files such as `kg synth`'s are) is read by the
    json module, about 50 times faster than PyYAML; anything else by libyaml (CSafeLoader) when PyYAML has it.
    On a syntax error the pure-Python loader parses again, so that messages never depend on the parser.
    """
    if text.lstrip()[:1] == "{":
        try:
            return json.loads(text, parse_float=lambda s: float(s) if _YAML_FLOAT.fullmatch(s) else s,
                              parse_constant=_json_constant)
        except ValueError:
            pass
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        return yaml.safe_load(text)


def read_file(path: Path, display: str | None = None) -> tuple[list[Loaded], list[str], SourceFile | None]:
    """Parse and validate one file. Returns records, problems, and the file's identity."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return [], [f"{name}: cannot read file ({e.strerror})"], None
    checksum = hashlib.sha256(data).hexdigest()
    try:
        doc = parse_document(data.decode("utf-8"))
    except UnicodeDecodeError:
        return [], [f"{name}: not UTF-8 text"], None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        return [], [one_line(f"{name}: {where}YAML syntax error: {problem}")], None
    except RecursionError:  # PyYAML composes nested collections recursively
        return [], [f"{name}: YAML nested too deeply"], None
    if doc is None:
        return [], [], SourceFile(name, checksum, 0)
    if not isinstance(doc, dict):
        return [], [f"{name}: the file must be a mapping of record kinds to lists (one of {', '.join(RECORD_KINDS)})"], None
    loaded: list[Loaded] = []
    problems: list[str] = []
    for kind, items in doc.items():
        model = RECORD_KINDS.get(kind) if isinstance(kind, str) else None
        if model is None:
            problems.append(f"{name}: {kind}: unknown record kind (expected one of {', '.join(RECORD_KINDS)})")
            continue
        if not isinstance(items, list):
            problems.append(f"{name}: {kind}: must be a list of records")
            continue
        for i, raw in enumerate(items):
            origin = Origin(name, kind, i, _title(raw))
            if not isinstance(raw, dict):
                problems.append(f"{origin}: record: must be a mapping of fields")
                continue
            try:
                record = model.model_validate(raw)
            except pydantic.ValidationError as e:
                for err in e.errors():
                    problems.append(f"{origin}: {_field_path(err['loc'])}: {_message(err)}")
                continue
            loaded.append(Loaded(kind, record, origin))
    return loaded, [one_line(p) for p in problems], SourceFile(name, checksum, len(loaded))


def read_paths(paths: list[Path | str]) -> tuple[list[Loaded], list[str], list[SourceFile]]:
    """Read every YAML file under `paths`; returns records, all problems, and the files read."""
    records: list[Loaded] = []
    problems: list[str] = []
    files: list[SourceFile] = []
    expanded = yaml_files(paths)
    for p in map(Path, paths):
        if not p.exists():
            problems.append(f"{p}: no such file or directory")
    for path in expanded:
        got, bad, ident = read_file(path)
        records.extend(got)
        problems.extend(bad)
        if ident is not None:
            files.append(ident)
    return records, problems, files


def read_or_raise(paths: list[Path | str]) -> tuple[list[Loaded], list[SourceFile]]:
    """Like read_paths, but raise ValidationError listing every problem."""
    records, problems, files = read_paths(paths)
    if problems:
        raise ValidationError(problems)
    return records, files
