"""Fuzzing seed files: hypothesis strategies for records, documents, bytes and edited files, files known to be
hostile, and the output every failed `kg validate`/`kg load` must have. Shared by tests/sources/test_fuzz_seed.py
(memory store) and tests/sources/test_fuzz_seed_neo4j.py (Neo4j)."""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from kg.model import RECORD_KINDS
from kg.sources.seed import CURATED_FILE
from tests.shared.hostile import STRINGS
from tests.shared.seed_records import BASE, document

PROBLEM = re.compile(r"^Error: .+: .+")


def fuzz(examples: int) -> settings:
    """Hypothesis settings for tests that run `kg` commands: a fixed budget of examples, no deadline."""
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])

# Values a field may get: any type, names the mini fixture knows, the field values of valid records, hostile text.
KNOWN = sorted({"priortinib", "alphatestinib", "Alphabrand", "ALK", "ABCB1", "P-gp", "NSCLC", "brain", "CNS",
                "lung", "TEST-ONE", "oncokg:src-test-paper-a", "oncokg:src-test-label-c", "ALK T1X",
                *(str(v) for record in BASE.values() for v in record.values() if isinstance(v, str))})
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), st.sampled_from(KNOWN),
    st.sampled_from([s for s in STRINGS if len(s) <= 1000]),  # the hostile strings, less the longest
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=3), max_leaves=8)


@st.composite
def records(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A valid record of some kind with a few of its fields (by the model's own names) changed, dropped, or
    joined by an unknown one; sometimes left valid."""
    kind = draw(st.sampled_from(sorted(BASE)))
    record = copy.deepcopy(BASE[kind])
    fields = sorted(RECORD_KINDS[kind].model_fields)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["set", "set", "drop", "extra"]))
        name = draw(st.sampled_from(fields))
        if action == "set":
            record[name] = draw(values)
        elif action == "drop":
            record.pop(name, None)
        else:
            record[draw(st.text(min_size=1, max_size=12))] = draw(values)
    return kind, record


documents = st.dictionaries(
    st.one_of(st.sampled_from(sorted(RECORD_KINDS)), st.text(max_size=12), st.integers(), st.none()),
    st.one_of(st.lists(st.dictionaries(st.one_of(st.sampled_from(["id", "name", "sources", "drug", "kind"]),
                                                 st.text(max_size=8)), values, max_size=5), max_size=3), values),
    max_size=4,
)


def valid_file() -> bytes:
    """Every kind's valid record, as one YAML file that loads on top of the mini fixture (but drugs, sites and
    diseases, which a file holding cases may not define)."""
    doc: dict[str, list[dict[str, Any]]] = {}
    for kind, record in BASE.items():
        if kind in CURATED_FILE:
            continue
        for k, v in document(kind, [record]).items():
            doc.setdefault(k, []).extend(r for r in v if r not in doc.get(k, []))
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100).encode("utf-8")


VALID = valid_file()


@st.composite
def edits(draw: st.DrawFn) -> bytes:
    """A valid file with 1 to 4 random byte edits (delete, insert, replace)."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["delete", "insert", "replace"]))
        byte = draw(st.sampled_from([*b"{}[]:,-'\"#&*!|>\n\t ", 0, 0xFF, 0xC3]) | st.integers(0, 255))
        if op == "delete":
            del data[at]
        elif op == "insert":
            data.insert(at, byte)
        else:
            data[at] = byte
    return bytes(data)


def as_yaml(doc: Any, style: str) -> bytes:
    if style == "json":
        return json.dumps(doc, ensure_ascii=True, default=str).encode()
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")


@contextmanager
def fresh_state(root: Path) -> Iterator[None]:
    """A state directory of its own for one example (a load that succeeds must not carry over)."""
    previous = os.environ.get("KG_STATE_DIR")
    os.environ["KG_STATE_DIR"] = tempfile.mkdtemp(dir=root)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("KG_STATE_DIR", None)
        else:
            os.environ["KG_STATE_DIR"] = previous



def check_output(result: Result) -> None:
    """No traceback; exit 0, or exit 1 with nothing on stdout and one `Error: <file>: <where>: <message>` line
    per problem on stderr, then the count."""
    assert result.exception is None or isinstance(result.exception, SystemExit), f"traceback: {result.exception!r}"
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert result.stdout == "" and lines, result.output
        assert all(PROBLEM.match(line) for line in lines[:-1]), [x for x in lines if not PROBLEM.match(x)]
        assert lines[-1] == f"Error: {len(lines) - 1} problem(s); nothing was loaded."


# Files known to be hostile: (name, content).
HOSTILE_FILES: list[tuple[str, bytes]] = [
    ("deep-lists", b"drugs: " + b"[" * 5000 + b"]" * 5000),  # nested deeper than the parsers recurse
    ("deep-maps", b"drugs: [" + b"{a: " * 3000 + b"1" + b"}" * 3000 + b"]"),
    ("deep-json", b'{"drugs": ' + b"[" * 5000 + b"]" * 5000 + b"}"),  # the same, on the JSON fast path
    ("billion-laughs", b"a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(  # aliases of aliases: 10^9 items
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n".encode() for i in range(1, 9)) + b"drugs: *a8\n"),
    ("python-tag", b"drugs: !!python/object/apply:os.system ['echo pwned']\n"),  # runs code with an unsafe loader
    ("utf-16", b"\xff\xfe\x00d\x00r\x00u\x00g\x00s\x00"),  # not UTF-8
    ("int-65-bits", b"drugs: [{id: 'DRUGBANK:DB90001', name: x, drug_class: ALK inhibitor, "
                    b"sources: ['oncokg:src-test-label-c'], pubchem_cid: 99999999999999999999999}]\n"),
    ("nan", b"findings: [{id: 'oncokg:finding-test-nan', name: x, kind: CNS penetration, metric: m, setting: mixed, "
            b"value: .nan, sources: ['oncokg:src-test-paper-a']}]\n"),
    ("surrogates", b'"\\ud800": [x]\ndrugs: [{id: "DRUGBANK:DB90002\\n", name: "\\ud800"}]\n'),  # and a newline
    ("forged-line", b'drug_targets: [{drug: "no\\r\\nError: forged", target: ALK, '  # a reference that forges a line
                    b"sources: ['oncokg:src-test-paper-a']}]\n"),
]
