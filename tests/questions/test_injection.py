"""Hostile input on the memory store: every parameter of every catalogue question, through `kg.ask` and through
`kg ask -p name=value`, and every field of a seed file, with each string of tests/shared/hostile.py.

Whatever the string, the outcome is an answer (empty, or rows that really contain the text) or a one-line
error naming the parameter or the `file: record: field`; never a traceback; the graph never changes.
Questions are read from kg.questions.REGISTRY, so new questions are covered without touching this file.
"""

from __future__ import annotations

import copy
import enum
import json
import math
import re
import shutil
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from click.testing import CliRunner

import kg
from kg import registry
from kg.cli import main
from kg.errors import KGError, one_line
from kg.graph import build as graph
from kg.model import RECORD_KINDS
from kg.questions import REGISTRY, Param, Question
from kg.sources import seed
from kg.sources.problems import case_position
from kg.stores import MemoryStore, build
from tests.shared.hostile import STRINGS, ident
from tests.shared.seed_records import BASE, LABEL, MINI, document

PARAMS = [(q.id, p.name) for q in sorted(REGISTRY.values(), key=lambda q: q.id) for p in q.params]
NEVER = object()  # a parameter value outside every question's range


@pytest.fixture(scope="module")
def seed_store() -> MemoryStore:
    """The curated seed in memory, built once: defaults of every question resolve on it."""
    return MemoryStore(build()[0])


def state(store: MemoryStore) -> tuple[str, int, int, int]:
    """Fingerprint recomputed from the contents (not the cached one), sizes, and the resolver's size."""
    g = store.graph
    vocab = graph.vocabulary(g)
    return graph.fingerprint(g), g.number_of_nodes(), g.number_of_edges(), sum(map(len, vocab.names.values()))


def param(q: Question, name: str) -> Param:
    return next(p for p in q.params if p.name == name)


def texts(value: Any) -> Iterator[str]:
    """Every text inside a row."""
    if isinstance(value, dict):
        for v in value.values():
            yield from texts(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from texts(v)
    elif isinstance(value, str):
        yield value


def refusal(q: Question, p: Param, value: str) -> str | None:
    """How the error for `value` must start, or None when an answer (maybe empty) is allowed."""
    named = f"{q.id}: parameter {p.name!r}"
    if p.type is str and not 0 < len(value) <= 200:
        return f"{named} must be 1 to 200 characters"
    if p.type is str and any("\ud800" <= c <= "\udfff" for c in value):
        return f"{named} must be valid Unicode text"  # Neo4j could not be sent it
    if p.choices and value not in p.choices:
        return f"{named} must be one of"
    if p.type is bool and value.lower() in ("true", "false", "yes", "no", "1", "0"):
        return None  # a yes/no parameter: the word is its value
    if p.type is not str or p.name in q.resolve:
        return named  # not a number in range; names nothing in the graph
    return None


def problem(q: Question, p: Param, value: str, outcome: Any) -> str | None:
    """What is wrong with the outcome of asking `q` with `p=value`, or None."""
    want = refusal(q, p, value)
    if isinstance(outcome, KGError):
        message = str(outcome)
        if len(message.splitlines()) != 1 or not message.isprintable():
            return f"the error is not one printable line: {message!r}"
        if not message.startswith(want or f"{q.id}: parameter {p.name!r}"):
            return f"expected an error starting {want!r}, got {message!r}"
        return None
    if not isinstance(outcome, kg.api.Answer):
        return f"{type(outcome).__name__}: {outcome}"
    if want is not None:
        return f"expected an error starting {want!r}, got {len(outcome.rows)} row(s)"
    if p.type is not str:
        return None  # a yes/no word was read as its value: any answer is right
    needle = value.lower()
    for row in outcome.rows:
        if not any(needle in t.lower() for t in texts(row)):
            return f"a row does not contain the text it was asked for: {row}"
    return None


def outcome_of(q: Question, store: MemoryStore, params: dict[str, Any]) -> Any:
    """The answer, or the exception: a KGError is an outcome, any other is the bug these tests look for."""
    try:
        return kg.ask(q.id, store, **params)
    except Exception as e:  # noqa: BLE001
        return e


def report(failures: list[str]) -> str:
    return f"{len(failures)} failure(s):\n" + "\n".join(f[:300] for f in failures[:25])


# ---------------------------------------------------------------------------------------------- questions


def test_every_question_parameter_is_covered():
    assert len(PARAMS) >= 20
    assert {q for q, _ in PARAMS} == set(REGISTRY)


@pytest.mark.parametrize(("question", "name"), PARAMS, ids=[f"{q}:{p}" for q, p in PARAMS])
def test_hostile_values_through_the_api(seed_store, question, name):
    q = REGISTRY[question]
    p = param(q, name)
    before = state(seed_store)
    failures = []
    for value in STRINGS:
        outcome = outcome_of(q, seed_store, {name: value})
        if wrong := problem(q, p, value, outcome):
            failures.append(f"{ident(value)}: {wrong}")
    assert state(seed_store) == before, "the graph changed"
    assert not failures, report(failures)


@pytest.mark.parametrize(("question", "name"), PARAMS, ids=[f"{q}:{p}" for q, p in PARAMS])
def test_hostile_values_through_the_cli(seed_store, monkeypatch, question, name):
    """`kg ask Q -p name=value` (and with --explain): exit 0 with an answer, or exit 1 with exactly the API's
    error as one `Error: ` line on stderr and nothing on stdout; never a traceback."""
    monkeypatch.setattr("kg.cli.ask._open", lambda *_: seed_store)
    monkeypatch.setattr("kg.api.MemoryStore", lambda *_: seed_store)  # what --explain resolves names on
    q = REGISTRY[question]
    before = state(seed_store)
    runner = CliRunner()
    failures = []
    for value in STRINGS:
        expected = outcome_of(q, seed_store, {name: value})
        for extra in ([], ["--explain"]):
            result = runner.invoke(main, ["ask", question, *extra, "-p", f"{name}={value}"])
            where = f"{ident(value)}{' --explain' if extra else ''}"
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                failures.append(f"{where}: traceback: {type(result.exception).__name__}: {result.exception}")
            elif isinstance(expected, KGError):
                if (result.exit_code, result.stdout, result.stderr) != (1, "", f"Error: {expected}\n"):
                    failures.append(f"{where}: expected exit 1 and 'Error: {expected}', got {result.exit_code}: "
                                    f"{result.output[:300]!r}")
            elif result.exit_code != 0 or not result.stdout or result.stderr:
                failures.append(f"{where}: expected an answer, got {result.exit_code}: {result.output[:300]!r}")
    assert state(seed_store) == before, "the graph changed"
    assert not failures, report(failures)


def test_hostile_parameter_names_and_question_ids(seed_store, monkeypatch):
    monkeypatch.setattr("kg.cli.ask._open", lambda *_: seed_store)
    before = state(seed_store)
    runner = CliRunner()
    failures = []
    for value in STRINGS:
        for q in REGISTRY.values():
            try:
                kg.ask(q.id, seed_store, **{value: "x"})
                failures.append(f"{q.id} {ident(value)}=x: accepted as a parameter name")
            except KGError as e:
                if not str(e).startswith(f"{q.id}: unknown parameter") or len(str(e).splitlines()) != 1:
                    failures.append(f"{q.id} {ident(value)}=x: {e}")
        if value not in REGISTRY:
            try:
                kg.ask(value, seed_store)
                failures.append(f"question {ident(value)}: accepted")
            except KGError as e:
                if not str(e).startswith("unknown question ") or not str(e).isprintable():
                    failures.append(f"question {ident(value)}: {e}")
        for args in (["ask", "--", value], ["ask", "drugs-for-target", "-p", f"{value}=x"]):
            result = runner.invoke(main, args)
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                failures.append(f"{args[:2]} {ident(value)}: traceback: {result.exception!r}")
            elif result.exit_code != 1 or result.stdout or len(result.stderr.splitlines()) != 1 \
                    or not result.stderr.startswith("Error: "):
                failures.append(f"{args[:2]} {ident(value)}: {result.exit_code} {result.output[:200]!r}")
    assert state(seed_store) == before
    assert not failures, report(failures)


ODD_VALUES = [None, 0, -1, 2**70, 1.5, math.nan, math.inf, -math.inf, True, [], ["ALK"], {}, {"a": 1}, b"ALK",
              ("x",), object(), NEVER]


@pytest.mark.parametrize(("question", "name"), PARAMS, ids=[f"{q}:{p}" for q, p in PARAMS])
def test_python_values_of_other_types(seed_store, question, name):
    """Through the Python API a value may be any object: an answer or a one-line KGError, never a crash."""
    q = REGISTRY[question]
    failures = []
    for value in ODD_VALUES:
        outcome = outcome_of(q, seed_store, {name: value})
        if not isinstance(outcome, KGError | kg.api.Answer):
            failures.append(f"{value!r}: {type(outcome).__name__}: {outcome}")
        elif isinstance(outcome, KGError) and len(str(outcome).splitlines()) != 1:
            failures.append(f"{value!r}: {outcome}")
    assert not failures, report(failures)


def test_over_long_and_empty_values_are_refused_by_length(seed_store):
    """The 200-character limit of Param.parse is the protection: without it a 100k-character value reaches
    the resolver and the stores."""
    for q in REGISTRY.values():
        for p in q.params:
            if p.type is not str:
                continue
            for value in ("", "a" * 201, "x" * 100_000):
                with pytest.raises(KGError, match=rf"^{q.id}: parameter '{p.name}' must be 1 to 200 characters$"):
                    kg.ask(q.id, seed_store, **{p.name: value})


# ---------------------------------------------------------------------------------------------- seed files

# Fields that name another record: a hostile string names none, so it must be refused.
REFERENCES = {"sources", "drug", "target", "transporter", "alteration", "disease", "diagnosis", "site", "part_of",
              "parent", "trial", "prior_drugs", "comparator", "drugs", "diseases", "gene", "target_sites"}


def unique_id(kind: str, n: int) -> str | None:
    base = BASE[kind].get("id")
    if base is None:
        return None
    if base.startswith("HGNC:"):
        return f"HGNC:{900000 + n}"
    if base.startswith("NCIT:"):
        return f"NCIT:C{9000000 + n}"
    if base.startswith("DRUGBANK:"):
        return f"DRUGBANK:DB{70000 + n}"
    return f"{base}-{n}"


def leaf_paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaf_paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaf_paths(v, (*path, i))
    else:
        yield path


def field_path(path: tuple) -> str:
    """As problem lines write it: lines[0].observations[0].note"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def unwrap(ann: Any) -> Any:
    """A model inside Annotated[...] and unions (a case's `lines` hold single lines or groups: the single line)."""
    while typing.get_origin(ann) is typing.Annotated:
        ann = typing.get_args(ann)[0]
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        return unwrap(next(a for a in typing.get_args(ann) if a is not type(None)))
    return ann


def annotation_at(kind: str, path: tuple) -> tuple[Any, Any]:
    """The type a path's value must have, and its pydantic field, walking nested models and lists."""
    model: Any = RECORD_KINDS[kind]
    info: Any = None
    ann: Any = model
    for part in path:
        if isinstance(part, int):
            ann = typing.get_args(ann)[0]
            continue
        info = model.model_fields[part]
        ann = info.annotation
        if typing.get_origin(ann) in (typing.Union, types.UnionType):
            ann = next(a for a in typing.get_args(ann) if a is not type(None))
        inner = unwrap(typing.get_args(ann)[0] if typing.get_origin(ann) is list else ann)
        if isinstance(inner, type) and issubclass(inner, pydantic.BaseModel):
            model = inner
    if typing.get_origin(ann) is typing.Annotated:
        ann = typing.get_args(ann)[0]
    return ann, info


def closed(kind: str, path: tuple) -> tuple[bool, set[str]]:
    """Whether a hostile string must be refused in this field, and the values the field accepts anyway."""
    name = next(p for p in reversed(path) if isinstance(p, str))
    ann, info = annotation_at(kind, path)
    if name == "id" or name in REFERENCES:
        return True, set()
    if typing.get_origin(ann) is typing.Literal:
        return True, {str(a) for a in typing.get_args(ann)}
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        return True, {e.value for e in ann}
    if any(getattr(m, "pattern", None) for m in info.metadata):
        return True, set()
    return False, set()  # free text, numbers and flags: refused, or kept as they read


# Names, synonyms and brands enter the resolver: loaded with references, a hostile name would make a hostile
# reference of the same file valid. So each kind is tested twice: its names, then all its other fields.
GROUPS = {"names": lambda path: path[0] in ("name", "synonyms", "brands"),
          "fields": lambda path: path[0] not in ("name", "synonyms", "brands")}


def variants(kind: str, group: str) -> list[tuple[tuple, str, dict[str, Any]]]:
    """(path, hostile string, record): the base record with one value replaced, each record with its own id."""
    out = []
    for path in filter(GROUPS[group], leaf_paths(BASE[kind])):
        for value in STRINGS:
            record = copy.deepcopy(BASE[kind])
            if path != ("id",) and (new_id := unique_id(kind, len(out))):
                record["id"] = new_id
            target = record
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = value
            out.append((path, value, record))
    return out


@pytest.fixture
def mini_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/fixtures/mini/mini.yaml as the curated seed (KG_SEED_DIR); files to load go next to it."""
    seed_dir = tmp_path / "seed"
    seed_dir.mkdir()
    shutil.copy(MINI, seed_dir / "mini.yaml")
    monkeypatch.setenv("KG_SEED_DIR", str(seed_dir))
    return tmp_path


def write_json(path: Path, doc: dict[str, Any]) -> Path:
    """A seed file written as JSON (JSON is YAML; the reader takes its fast path for it). Lone surrogates and
    control characters are escaped, so every hostile string reaches the reader exactly."""
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    return path


def origin(file: Path, kind: str, index: int, record: dict[str, Any]) -> str:
    """How problem lines name a record: `file: kind[i] (id or name)`, made one printable line."""
    return one_line(str(seed.Origin(str(file), kind, index, seed._title(record))))


def related(field: str, path: str) -> bool:
    """A problem at `field` is about the value at `path`: the field, a model holding it, or the record."""
    return field == "record" or path == field or path.startswith((field + ".", field + "["))


def numbers(g: Any) -> Iterator[Any]:
    for _, data in g.nodes(data=True):
        yield from (v for v in data.values() if isinstance(v, int | float))
    for _, _, data in g.edges(data=True):
        yield from (v for v in data.values() if isinstance(v, int | float))


def load_failing(runner: CliRunner, file: Path, kind: str, records: list[dict[str, Any]],
                 before: str, paths: list[tuple]) -> list[list[tuple[str, ...]]] | None:
    """`kg load file`: None when it loads; else each record's problems as (field, message), after checking
    the output (exit 1, one `Error: ` line per problem, the count) and that the store did not change."""
    result = runner.invoke(main, ["load", str(file)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0:
        return None
    assert result.exit_code == 1 and result.stdout == "", result.output[:2000]
    lines = result.stderr.splitlines()
    assert all(line.startswith("Error: ") for line in lines), [x for x in lines if not x.startswith("Error: ")][:5]
    assert lines[-1] == f"Error: {len(lines) - 1} problem(s); nothing was loaded."
    assert registry.read("memory") == [] and MemoryStore().fingerprint() == before, "a failed load changed the store"
    first = 1 if kind == "alterations" else 0  # the supporting alteration comes first in its list
    found: list[list[tuple[str, ...]]] = [[] for _ in records]
    if kind == "cases":  # a case is named by its id, and positions inside it as the file counts them
        origins = [origin(file, kind, i, r) for i, r in enumerate(records)]
        for line in lines[:-1]:
            problem = line.removeprefix("Error: ")
            hits = [i for i, o in enumerate(origins) if problem.startswith((o + ":", o + ","))]
            assert hits, f"a problem naming no record of the file: {problem[:300]}"
            i = next((h for h in hits if len(origins[h]) == max(len(origins[k]) for k in hits)
                      and case_pair(problem[len(origins[h]):], records[h], paths[h]) not in found[h]), hits[0])
            found[i].append(case_pair(problem[len(origins[i]):], records[i], paths[i]))
        return found
    index = re.compile(rf"^{re.escape(str(file))}: {kind}\[(\d+)\]")
    for line in lines[:-1]:
        problem = line.removeprefix("Error: ")
        match = index.match(problem)
        assert match, f"a problem naming no record of the file: {problem[:300]}"
        i = int(match[1]) - first
        prefix = origin(file, kind, i + first, records[i]) + ": "
        assert problem.startswith(prefix), f"not '{prefix}...': {problem[:300]}"
        found[i].append(tuple(problem.removeprefix(prefix).split(": ", 1)))
    return found


CASE_FIELDS = set(RECORD_KINDS["cases"].model_fields)


def case_pair(rest: str, record: dict[str, Any], path: tuple) -> tuple[str, ...]:
    """A case problem after its origin (', line 1 (l1), observation 1: note: ...' or ': age: ...') as
    (field, message): the replaced value's field path when the problem is at its position and names its field,
    'record' when it is at that position or one holding it without naming a field, else the field it names."""
    where, field = case_position(record, path)
    at = (", " + where if where else "") + ": "
    if rest.startswith(at):
        tail = rest[len(at):]
        if tail.startswith((field + ": ", field + " ")):
            return field_path(path), tail[len(field) + 1:].lstrip(": ") or "?"
        if where:
            return ("record", tail)
    if not rest.startswith(": ") and not where.startswith(rest[2:].split(":", 1)[0]):
        return ("elsewhere", rest)
    tail = rest.split(": ", 1)[1] if ": " in rest else rest
    head, sep, message = tail.partition(": ")
    if sep and head in CASE_FIELDS and rest.startswith(": "):
        return head, message
    return ("record", tail)


def test_base_records_are_valid(mini_seed):
    for kind, record in BASE.items():
        file = mini_seed / f"{kind}.yaml"
        file.write_text(yaml.safe_dump(document(kind, [record]), sort_keys=False), encoding="utf-8")
        assert kg.validate([file]) == [], kind
    assert sum(1 for kind in BASE for _ in leaf_paths(BASE[kind])) >= 150


@pytest.mark.parametrize(("kind", "group"), [(k, g) for k in BASE for g in GROUPS if any(
    map(GROUPS[g], leaf_paths(BASE[k])))], ids=lambda x: x)
def test_hostile_strings_in_every_field_of_a_seed_file(mini_seed, kind, group):
    """Every value of a valid record, in turn, replaced by every hostile string (one record each). `kg load`
    exits 1 with one `Error: file: kind[i] (title): field: message` line per problem, each about the value
    that was replaced; ids, references and closed vocabularies are always refused; the store does not change.
    Model problems come first, reference problems once the models are valid, so the load is repeated on the
    records no problem named until it succeeds; everything they hold is then in the graph as given."""
    runner = CliRunner()
    before = MemoryStore().fingerprint()
    cases = variants(kind, group)
    remaining = list(range(len(cases)))
    problems: dict[int, list[tuple[str, ...]]] = {i: [] for i in remaining}
    for attempt in range(4):
        file = write_json(mini_seed / f"{kind}-{attempt}.yaml", document(kind, [cases[i][2] for i in remaining]))
        found = load_failing(runner, file, kind, [cases[i][2] for i in remaining], before,
                             [cases[i][0] for i in remaining])
        if found is None:
            break
        for i, mine in zip(remaining, found):
            problems[i].extend(mine)
        remaining = [i for i, mine in zip(remaining, found) if not mine]
    else:
        pytest.fail("the records no problem named still do not load")

    failures = []
    for i, (path, value, _) in enumerate(cases):
        where = f"{field_path(path)}={ident(value)}"
        must_refuse, allowed = closed(kind, path)
        if any(len(p) != 2 or not p[1] for p in problems[i]):
            failures.append(f"{where}: not 'field: message': {problems[i]}")
        elif any(not related(f, field_path(path)) for f, _ in problems[i]):
            failures.append(f"{where}: a problem about another field: {problems[i]}")
        elif must_refuse and not problems[i] and value not in allowed:
            failures.append(f"{where}: accepted")
    assert not failures, report(failures)

    g = MemoryStore().graph  # seed + the accepted records
    stored = {t for _, data in g.nodes(data=True) for t in texts(data)}
    stored |= {t for _, _, data in g.edges(data=True) for t in texts(data)}
    for i in remaining:
        path, value, _ = cases[i]
        if annotation_at(kind, path)[0] is str:
            assert value.strip() in stored, f"{field_path(path)}={ident(value)} is not in the graph as given"
    bad = [v for v in numbers(g) if isinstance(v, float) and not math.isfinite(v)
           or isinstance(v, int) and not -(2**63) <= v < 2**63]
    assert not bad, f"numbers Neo4j cannot hold were loaded: {bad[:5]}"


def test_hostile_strings_through_real_yaml(mini_seed):
    """The hostile strings as drug names in a real YAML file (PyYAML, as `kg load` reads it): read back exactly;
    blank and over-long names refused with one-line problems; the others load, and each is then a name that
    questions resolve, with answers about that drug only."""
    records = [{"id": f"DRUGBANK:DB{80000 + n}", "name": s, "drug_class": "ALK inhibitor", "sources": [LABEL]}
               for n, s in enumerate(STRINGS)]
    file = mini_seed / "hostile-names.yaml"
    inhibits = [{"drug": r["id"], "target": "ALK", "sources": [LABEL]} for r in records]  # a relationship each
    file.write_text(yaml.safe_dump({"drugs": records}, allow_unicode=True, sort_keys=False, width=10**9),
                    encoding="utf-8")
    got, problems, _ = seed.read_file(file)
    refused = {int(re.match(rf"^{re.escape(str(file))}: drugs\[(\d+)\]", p)[1]) for p in problems}
    assert all(len(p.splitlines()) == 1 and p.isprintable() for p in problems)
    assert [loaded.record.name for loaded in got] == [s.strip() for n, s in enumerate(STRINGS) if n not in refused]
    assert {STRINGS[n] for n in refused} >= {s for s in STRINGS if not s.strip() or len(s.strip()) > 200}

    runner = CliRunner()
    result = runner.invoke(main, ["load", str(file)])
    assert result.exit_code == 1 and all(line.startswith("Error: ") for line in result.stderr.splitlines())
    good = mini_seed / "hostile-names-accepted.yaml"
    good.write_text(yaml.safe_dump({"drugs": [r for n, r in enumerate(records) if n not in refused],
                                    "drug_targets": [r for n, r in enumerate(inhibits) if n not in refused]},
                                   allow_unicode=True, width=10**9), encoding="utf-8")
    result = runner.invoke(main, ["load", str(good)])
    assert result.exit_code == 0, result.output[:2000]
    store = MemoryStore()
    before = state(store)
    for n, record in enumerate(records):
        if n in refused:
            continue
        answer = kg.ask("neighbourhood", store, id=record["name"])
        assert {row["start"] for row in answer.rows} == {record["id"]}, ident(record["name"])
    assert state(store) == before


def test_problems_quoting_hostile_input_are_one_printable_line(mini_seed):
    """Ids, record kinds and field names are echoed in problems; `kg validate --standalone` (which returns the
    reader's problems as they are) must still give one printable line per problem."""
    doc = {"drugs": [{"id": s, "name": "x", "drug_class": "ALK inhibitor", "sources": [LABEL]} for s in STRINGS]
           + [{"id": f"DRUGBANK:DB{80000 + n}", "name": "x", "drug_class": "ALK inhibitor", "sources": [LABEL], s: 1}
              for n, s in enumerate(STRINGS)]}
    doc.update({s: [] for s in STRINGS})
    file = write_json(mini_seed / "seed" / "zz-hostile.yaml", doc)
    problems = kg.validate([file.parent], standalone=True)
    assert len(problems) >= 3 * len(STRINGS) - 5
    assert all(len(p.splitlines()) == 1 and p.isprintable() and p.startswith(f"{file}: ") for p in problems), [
        p[:200] for p in problems if len(p.splitlines()) != 1 or not p.isprintable()][:5]
    result = CliRunner().invoke(main, ["validate", "--standalone", str(file.parent)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [f"Error: {p}" for p in problems] + [
        f"Error: {len(problems)} problem(s); nothing was loaded."]
