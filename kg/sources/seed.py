"""Read seed-format YAML files into typed records, collecting every problem at once.

A problem reads `file: record: field: message`, e.g.
`seed/drugs.yaml: drugs[3] (alectinib): sources[0]: 'PMID:x' is not a known publication`.
The records and their origins are kg.sources.loaded, bounded reading kg.sources.bounded, parsing
kg.sources.document, problem messages kg.sources.problems.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path

import pydantic
import yaml

from kg.errors import ValidationError, one_line
from kg.model import RECORD_KINDS
from kg.sources.bounded import FileRefused, read_bounded
from kg.sources.document import DocumentRefused, parse_document
from kg.sources.loaded import Loaded, Origin, SourceFile, Unparsed
from kg.sources.problems import PLACEHOLDER, clip, placeholder_problem, placeholders, plain_loc, problem_lines

__all__ = ["CURATED_FILE", "DocumentRefused", "Loaded", "Origin", "SourceFile", "Unparsed", "parse_document",
           "read_bounded", "read_file", "read_or_raise", "read_paths", "yaml_files"]


def yaml_files(paths: list[Path | str]) -> list[Path]:
    """Expand directories into their *.yaml/*.yml files (sorted, recursive); keep files as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file()))
        else:
            out.append(p)
    return out


# A small file read again in the same process (a load validates, then writes; the streaming load reads the findings
# and cases again) is parsed and validated once: its records are frozen and kept, the least recently read dropped
# first, while all kept stay under REMEMBER_BYTES of file (the curated seed is 0.2 MB). A big file is never kept.
REMEMBER_BYTES, REMEMBER_FILE_BYTES = 2 << 20, 256 << 10
Read = tuple[list[Loaded], list[str], SourceFile | None]
_remembered: OrderedDict[tuple[str, str, bool], tuple[int, Read]] = OrderedDict()
_remembered_lock = threading.Lock()

# Record kinds a case file (a file loaded on top of the curated seed that holds cases) may not define.
CURATED_FILE = {"drugs": "drugs.yaml", "sites": "ontology.yaml", "diseases": "ontology.yaml"}
CURATED_ONLY = tuple(CURATED_FILE)


def _title(raw: object) -> str:
    if isinstance(raw, dict):
        for key in ("id", "name", "drug", "alteration"):
            value = raw.get(key)
            if isinstance(value, str | int):
                return str(value)[:80]
    return ""


def read_file(path: Path, display: str | None = None, *, case_file: bool = False) -> Read:
    """Parse and validate one file. Returns records, problems, and the file's identity. `case_file`: the file is
    loaded on top of the curated seed, so if it holds cases it may not define drugs, sites or diseases."""
    name = display or str(path)
    try:
        data = read_bounded(path)
    except FileRefused as e:
        return [], [one_line(f"{name}: {e}")], None
    except OSError as e:
        return [], [one_line(f"{name}: cannot read file ({e.strerror})")], None
    except MemoryError:
        return [], [one_line(f"{name}: too large to read into memory")], None
    checksum = hashlib.sha256(data).hexdigest()
    key = (checksum, name, case_file)
    with _remembered_lock:
        if key in _remembered:
            _remembered.move_to_end(key)
            loaded, problems, source = _remembered[key][1]
            return list(loaded), list(problems), source
    result = _parse_and_validate(data, name, checksum, case_file)
    if len(data) > REMEMBER_FILE_BYTES:
        return result
    with _remembered_lock:
        _remembered[key] = (len(data), result)
        while sum(size for size, _ in _remembered.values()) > REMEMBER_BYTES:
            _remembered.popitem(last=False)
    return list(result[0]), list(result[1]), result[2]


def _parse_and_validate(data: bytes, name: str, checksum: str, case_file: bool) -> Read:
    """read_file's work on the file's bytes."""
    try:
        text = data.decode("utf-8")
        doc = parse_document(text)
    except UnicodeDecodeError as e:
        return [], [one_line(f"{name}: not UTF-8 text (byte {e.start})")], None
    except DocumentRefused as e:
        return [], [one_line(f"{name}: {e}")], None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        return [], [one_line(f"{name}: {where}YAML syntax error: {clip(problem)}")], None
    except RecursionError:  # PyYAML composes nested collections recursively
        return [], [one_line(f"{name}: YAML nested too deeply")], None
    except MemoryError:
        return [], [one_line(f"{name}: too large to read into memory")], None
    if doc is None:
        return [], [], SourceFile(name, checksum, 0)
    if not isinstance(doc, dict):
        return [], [f"{name}: the file must be a mapping of record kinds to lists (one of {', '.join(RECORD_KINDS)})"], None
    loaded: list[Loaded] = []
    problems: list[str] = []
    # Without the word, or a backslash that could spell it in an escape, no value holds the placeholder.
    may_hold = PLACEHOLDER in text or "\\" in text
    if case_file and "cases" in doc:
        for kind in (k for k in CURATED_ONLY if k in doc):
            problems.append(f"{name}: {kind}: a case file names {kind} of the curated seed and never creates them; "
                            f"add them to the seed (seed/{CURATED_FILE[kind]}) with their sources")
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
            held = placeholders(raw) if may_hold else []
            problems.extend(placeholder_problem(origin, raw, p) for p in held)
            try:
                record = model.model_validate(raw)
            except pydantic.ValidationError as e:
                problems.extend(problem_lines(origin, raw, err) for err in e.errors()
                                if not any(tuple(plain_loc(err["loc"]))[: len(p)] == p for p in held))
                if kind == "cases" and not held:
                    loaded.append(Loaded("unparsed", Unparsed.model_construct(raw=raw), origin))
                continue
            if held:
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
