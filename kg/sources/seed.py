"""Read seed-format YAML files into typed records, collecting every problem at once.

A problem reads `file: record: field: message`, e.g.
`seed/drugs.yaml: drugs[3] (alectinib): sources[0]: 'PMID:x' is not a known publication`.
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pydantic
import yaml

from kg.errors import ValidationError, one_line
from kg.model import RECORD_KINDS, Record


@dataclass(frozen=True)
class Origin:
    """Where a record was read: file, kind, index, and a human name for messages."""

    file: str
    kind: str
    index: int
    title: str

    def __str__(self) -> str:
        if self.kind == "cases":  # a case file's own terms: `case <id>` (or its position, 1-based)
            return f"{self.file}: case {self.title or self.index + 1}"
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


class Unparsed(Record):
    """A case that failed validation, kept only so that the names it holds are checked in the same run (its
    reference problems are reported with its field problems); never part of a graph."""

    raw: dict


@dataclass(frozen=True)
class SourceFile:
    """A file that was read: its path as given, checksum and record count."""

    path: str
    sha256: str
    records: int


# ----------------------------------------------------------------------------- bounded reading

DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
_max_file_bytes: contextvars.ContextVar[int | None] = contextvars.ContextVar("max_file_bytes", default=None)


class FileRefused(Exception):
    """A file that is not read: not a regular file, or larger than the limit. The message names no content."""


def parse_size(text: str) -> int:
    """'64M', '1G', '500k' or a byte count as bytes (ValueError otherwise)."""
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}.get(t[-1:], 1)
    value = int(float(t[:-1] if scale > 1 else t) * scale)
    if value <= 0:
        raise ValueError(text)
    return value


def max_file_bytes() -> int:
    """The size limit of one input file: the one `file_limit` set, else $KG_MAX_FILE_SIZE, else 64 MiB."""
    limit = _max_file_bytes.get()
    if limit is not None:
        return limit
    env = os.environ.get("KG_MAX_FILE_SIZE")
    if env:
        try:
            return parse_size(env)
        except ValueError:
            raise FileRefused(f"KG_MAX_FILE_SIZE must be a size such as 64M or 1G, not {env[:40]!r}") from None
    return DEFAULT_MAX_FILE_BYTES


@contextlib.contextmanager
def file_limit(limit: int | None) -> Iterator[None]:
    """Read input files with this size limit (None: the default) while the block runs."""
    token = _max_file_bytes.set(limit)
    try:
        yield
    finally:
        _max_file_bytes.reset(token)


def read_bounded(path: Path) -> bytes:
    """The bytes of a regular file of at most `max_file_bytes()`; FileRefused for a FIFO, a device, a directory
    or a larger file (opened without blocking, so a FIFO swapped in cannot hang the reader)."""
    limit = max_file_bytes()
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a directory" if stat.S_ISDIR(info.st_mode)
                    else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                    else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
            raise FileRefused(f"{kind}, not a regular file")
        if info.st_size > limit:
            raise FileRefused(_too_large(info.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
        if len(data) > limit:  # grew while being read
            raise FileRefused(_too_large(len(data), limit))
        return data
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return (f"{size} bytes, larger than the limit of {limit} bytes (raise it with --max-file-size or "
            "KG_MAX_FILE_SIZE)")


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


def shown(value: object, limit: int = 60) -> str:
    """A bad value as a message echoes it: quoted, shortened, control characters escaped."""
    text = str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(one_line(text)) if isinstance(value, str) else one_line(text)


def _vocabulary_message(err: dict, field: str) -> str | None:
    """`response 'progresed' is not a known response — did you mean 'progressed'?` for a closed vocabulary."""
    if err["type"] not in ("literal_error", "enum"):
        return None
    allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
    value = err.get("input")
    lower = {a.lower(): a for a in allowed}
    close = [lower[c] for c in difflib.get_close_matches(str(value).lower(), list(lower), n=1, cutoff=0.6)]
    if not close and "not reported" in allowed and str(value).strip().lower() in UNKNOWN_WORDS:
        close = ["not reported"]
    hint = f" — did you mean {close[0]!r}?" if close else f" (one of {', '.join(allowed)})"
    return f"{field} {shown(value)} is not a known {field.replace('_', ' ')}{hint}"


UNKNOWN_WORDS = {"unknown", "n/a", "na", "nr", "none", "?", "unk", "not known", "not stated", "not given"}

_PLURAL = {"observations": "observation", "biomarkers": "biomarker", "metastases": "metastasis", "drugs": "drug",
           "target_sites": "target site", "sources": "source"}


def case_position(raw: object, loc: tuple) -> tuple[str, str]:
    """A pydantic error location inside a case in the file's own terms, 1-based:
    ('lines', 2, 'line', 'observations', 1, 'response') -> ('line 3 (alectinib), observation 2', 'response')."""
    where: list[str] = []
    fields: list[str] = []
    node: object = raw
    parts = list(loc)
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        items = node.get(part) if isinstance(node, dict) and isinstance(part, str) else None
        item = items[nxt] if isinstance(items, list) and isinstance(nxt, int) and nxt < len(items) else None
        if part == "lines" and isinstance(nxt, int) and not where:
            order = item.get("order", nxt + 1) if isinstance(item, dict) else nxt + 1
            name = item.get("name") if isinstance(item, dict) else None
            label = f"line {shown(order, 10).strip(chr(39))}"
            where.append(label + (f" ({one_line(str(name))[:60]})" if name else ""))
            node, i = item, i + 2
            if i < len(parts) and parts[i] in ("line", "group"):
                i += 1
        elif part == "lines" and isinstance(nxt, int) and where:  # a member of a group
            name = item.get("name") if isinstance(item, dict) else None
            where[-1] = where[-1].split(" (")[0] + chr(ord("a") + nxt) + (f" ({one_line(str(name))[:60]})" if name else "")
            node, i = item, i + 2
        elif part in ("observations", "biomarkers", "metastases") and isinstance(nxt, int):
            where.append(f"{_PLURAL[part]} {nxt + 1}")
            node, i = item, i + 2
        elif part in _PLURAL and isinstance(nxt, int):
            fields.append(f"{_PLURAL[part]} {nxt + 1}")
            i += 2
        else:
            fields.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
            i += 1
    return ", ".join(where), ".".join(fields)


def problem_lines(origin: Origin, raw: object, err: dict) -> str:
    """One problem line for one validation error, in the file's own terms for a case."""
    if origin.kind != "cases":
        field = _field_path(err["loc"])
        vocab = _vocabulary_message(err, field)
        return f"{origin}: {field}: " + (vocab.removeprefix(field + " ") if vocab else _short(_message(err), 400))
    where, field = case_position(raw, tuple(err["loc"]))
    prefix = f"{origin}" + (f", {where}" if where else "")
    vocab = _vocabulary_message(err, field.rsplit(".", 1)[-1]) if field else None
    if vocab:
        return f"{prefix}: {vocab}"
    value = err.get("input")
    got = f" (got {shown(value)})" if field and isinstance(value, str | int | float) and err["type"] != "missing" else ""
    message = _short(_message(err), 400)
    return f"{prefix}: {field}: {message}{got}" if field else f"{prefix}: {message}"


PLACEHOLDER = "REPLACE"  # every value of `kg case template` that must be filled in holds this word


def placeholders(raw: object) -> list[tuple]:
    """Paths of the string values that still hold the template's placeholder word (walked without recursion:
    a hostile file may nest deeper than Python recurses)."""
    found: list[tuple] = []
    stack: list[tuple[tuple, object]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(reversed([((*path, k), v) for k, v in value.items()]))  # popped in the file's order
        elif isinstance(value, list):
            stack.extend(reversed([((*path, i), v) for i, v in enumerate(value)]))
        elif isinstance(value, str) and PLACEHOLDER in value:
            found.append(path)
    return found


def _placeholder_problem(origin: Origin, raw: object, path: tuple) -> str:
    if origin.kind == "cases":
        where, field = case_position(raw, path)
        prefix = f"{origin}" + (f", {where}" if where else "")
    else:
        prefix, field = str(origin), _field_path(path)
    return f"{prefix}: {field}: still the template's placeholder; write what the report says, or delete the field"


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


# YAML 1.1's float (PyYAML's resolver): a JSON number that is not one is read as text, as YAML reads it.
_YAML_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?")
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _json_constant(name: str) -> str:
    raise ValueError(name)  # NaN, Infinity: not JSON that YAML reads the same way; let YAML read the file


ALIAS_BUDGET = 10_000  # nodes that YAML aliases may add to a document when expanded


class DocumentRefused(ValueError):
    """A document the parsers would read wrongly or expensively: a mapping naming a key twice (they would keep
    the last silently), or aliases that expand it by more than ALIAS_BUDGET nodes."""


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise DocumentRefused(f"duplicate key {_short(key)!r} (a mapping may name each key once)")
        out[key] = value
    return out


def _short(value: object, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _NoDuplicates:
    """A safe loader's mapping constructor that refuses duplicate keys (mixed into the loaders below)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the constructor reports it
                continue
            if duplicate:
                raise DocumentRefused(f"line {key_node.start_mark.line + 1}: duplicate key {_short(key)!r} "
                                   "(a mapping may name each key once)")
        return super().construct_mapping(node, deep=deep)


class _Checked(_NoDuplicates, _FAST_LOADER):  # type: ignore[valid-type,misc]
    """libyaml's safe loader (when PyYAML has it), refusing duplicate keys."""


class _CheckedPure(_NoDuplicates, yaml.SafeLoader):
    """The pure-Python safe loader, refusing duplicate keys (for its error messages)."""


def _expanded_size(root: yaml.Node) -> tuple[int, int]:
    """(distinct nodes, nodes once every alias is expanded), without expanding anything."""
    sizes: dict[int, int] = {}
    order: list[yaml.Node] = []
    stack = [root]
    while stack:  # every distinct node once, parents before children
        node = stack.pop()
        if id(node) in sizes:
            continue
        sizes[id(node)] = 0
        order.append(node)
        stack.extend(_children(node))
    for node in reversed(order):  # children before parents
        sizes[id(node)] = 1 + sum(sizes[id(c)] for c in _children(node))
    return len(order), sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _load_yaml(text: str, loader_class: type) -> object:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        distinct, expanded = _expanded_size(node)
        if expanded - distinct > ALIAS_BUDGET:
            raise DocumentRefused(f"YAML aliases expand the document by {expanded - distinct} nodes, more than "
                               f"{ALIAS_BUDGET} (write the records out)")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse_document(text: str) -> object:
    """Parse one seed file as YAML, with the same result as `yaml.safe_load`, only faster.

    A file that is a JSON object (JSON is YAML; machine-written files such as `kg synth`'s are) is read by the
    json module, about 50 times faster than PyYAML; anything else by libyaml (CSafeLoader) when PyYAML has it.
    On a syntax error the pure-Python loader parses again, so that messages never depend on the parser.
    """
    if text.lstrip()[:1] == "{":
        try:
            return json.loads(text, parse_float=lambda s: float(s) if _YAML_FLOAT.fullmatch(s) else s,
                              parse_constant=_json_constant, object_pairs_hook=_no_duplicates)
        except DocumentRefused:
            raise
        except ValueError:
            pass
    try:
        return _load_yaml(text, _Checked)
    except yaml.YAMLError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        return _load_yaml(text, _CheckedPure)


def _plain_loc(loc: tuple) -> list:
    """A pydantic location without the tags of a union ('line', 'group')."""
    return [p for p in loc if p not in ("line", "group")]


def read_file(path: Path, display: str | None = None, *, case_file: bool = False,
              ) -> tuple[list[Loaded], list[str], SourceFile | None]:
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
    try:
        doc = parse_document(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        return [], [one_line(f"{name}: not UTF-8 text (byte {e.start})")], None
    except DocumentRefused as e:
        return [], [one_line(f"{name}: {e}")], None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        return [], [one_line(f"{name}: {where}YAML syntax error: {_short(problem)}")], None
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
            held = placeholders(raw)
            problems.extend(_placeholder_problem(origin, raw, p) for p in held)
            try:
                record = model.model_validate(raw)
            except pydantic.ValidationError as e:
                problems.extend(problem_lines(origin, raw, err) for err in e.errors()
                                if not any(tuple(_plain_loc(err["loc"]))[: len(p)] == p for p in held))
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
