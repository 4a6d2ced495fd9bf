"""The canonical graph as a stream of rows, for the Neo4j write paths (online batches and import files).

kg.graph.build.build_graph stays the one definition of what the graph holds; this module runs its builder without
holding the whole graph. Findings and cases (most of a large graph: their nodes, their lines of therapy and
observations, and every relationship that starts at them) are built one record at a time, each into a graph of its
own, and handed on as rows; everything else (the "hub": publications, drugs, genes, sites, trials, the fact edges
whose sources are unioned across records, ...) is small and built whole first. No record refers to a finding or a
case, and none of their relationships is stated by another record, so the rows are exactly the graph's.

While the rows pass, the stream counts them and computes the graph's fingerprint (`kg.graph.build.fingerprint`, the same
value): each row's fingerprint line is kept in sorted runs spilled to temporary files and merged at the end, so
memory stays bounded and nothing is read twice.

A reference problem stops the stream with the ValidationError of `kg.graph.build.build_graph` itself (same messages, same
order); the caller undoes what it wrote.

`read` reads seed-format files so that the records of findings and cases are not all held at once: a first pass
validates every file (every record-level problem is reported before anything is written) and keeps the other
records; the stream reads the files holding findings and cases again, one file at a time.
"""

from __future__ import annotations

import hashlib
import heapq
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.errors import KGError, ValidationError
from kg.graph import build as graph
from kg.graph.cases import SiteParts
from kg.model import Label
from kg.sources.files import Source
from kg.sources.seed import Loaded, SourceFile, read_file, yaml_files

__all__ = ["LEAF_KINDS", "GraphStream", "Records", "SortedLines", "read"]

# Record kinds built one at a time: nothing refers to them, and their relationships are theirs alone.
LEAF_KINDS = frozenset({"findings", "cases"})


def is_leaf_record(loaded: Loaded) -> bool:
    """A finding, or a case outside any series: nothing else refers to it, so it can be built on its own. A series
    (a case with `patients`) and its patients (`series`) refer to each other and are built with the hub."""
    if loaded.kind not in LEAF_KINDS:
        return False
    record = loaded.record
    return loaded.kind != "cases" or (record.patients is None and record.series is None)  # type: ignore[attr-defined]
SPILL_LINES = 100_000  # fingerprint lines held in memory before a sorted run goes to a temporary file

NodeRow = tuple[str, str, dict[str, Any]]                   # id, label, properties
EdgeRow = tuple[str, str, str, dict[str, Any], str, str]    # start, type, end, properties, start label, end label


class SortedLines:
    """Lines hashed (sha256, each followed by a newline) in the order of their keys, whatever order they come in.

    A key and its line are joined by U+0001, so a string comparison orders by key first (keys are ids, or ids joined
    by NUL, holding neither, nor a line break; a JSON line holds no control character). Runs of SPILL_LINES lines are sorted and spilled to temporary files, then merged."""

    def __init__(self, directory: Path, name: str):
        self.directory = directory
        self.name = name
        self.buffer: list[str] = []
        self.runs: list[Path] = []

    def add(self, key: str, line: str) -> None:
        self.buffer.append(key + "\1" + line)
        if len(self.buffer) >= SPILL_LINES:
            self._spill()

    def _spill(self) -> None:
        self.buffer.sort()
        path = self.directory / f"{self.name}-{len(self.runs)}.txt"
        with path.open("w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(self.buffer))
            f.write("\n")
        self.runs.append(path)
        self.buffer = []

    def update(self, h: Any) -> None:
        """Feed every line, in key order, to the hash `h`."""
        if self.runs:
            if self.buffer:
                self._spill()
            files: list[IO[str]] = [p.open(encoding="utf-8", newline="\n") for p in self.runs]
            try:
                for item in heapq.merge(*files):
                    h.update(item[item.index("\1") + 1:].encode())  # the line ends with its newline
            finally:
                for f in files:
                    f.close()
        else:
            self.buffer.sort()
            for item in self.buffer:
                h.update(item[item.index("\1") + 1:].encode())
                h.update(b"\n")
        self.buffer = []


class Records:
    """Validated records in their order, without holding every finding and case: `hubs` are the other records;
    `leaves()` reads the findings and cases again from their files (or from `held`, records read by other means)."""

    def __init__(self, hubs: list[Loaded], leaf_files: list[tuple[Path, str]], leaf_ids: Counter[str],
                 all_files: list[tuple[Path, str]], held: list[Loaded] | None = None,
                 contributed: dict[str, set[str]] | None = None):
        self.hubs = hubs
        self.contributed = contributed or {}  # the ids each loaded file (beyond the seed) defines, by its name
        self.leaf_ids = leaf_ids
        self._leaf_files = leaf_files
        self._all_files = all_files
        self._held = held
        self.supplements = held is not None and any(r.supplement for r in held)
        self.checksums: dict[str, str] = {}  # sha256 of each file by its name, as first read

    @classmethod
    def of(cls, records: list[Loaded], contributed: dict[str, set[str]] | None = None) -> Records:
        """Records already in memory."""
        leaf_ids = Counter(r.record.id for r in records if is_leaf_record(r))  # type: ignore[attr-defined]
        return cls([r for r in records if not is_leaf_record(r)], [], leaf_ids, [], held=records,
                   contributed=contributed)

    def release_hubs(self) -> None:
        """Forget the other records once the graph holds them (they can be read again from their files)."""
        if self._held is None:
            self.hubs = []

    def leaves(self) -> Iterator[Loaded]:
        if self._held is not None:
            yield from (r for r in self._held if is_leaf_record(r))
            return
        for path, display in self._leaf_files:
            yield from (r for r in self._again(path, display) if is_leaf_record(r))

    def _again(self, path: Path, display: str) -> list[Loaded]:
        """A file's records, read again: refused if the file changed since the first pass."""
        got, problems, ident = read_file(path, display)
        if problems or ident is None or ident.sha256 != self.checksums.get(display, ident.sha256):
            raise KGError(f"{display}: the file changed while it was being loaded; nothing of it stays written, "
                          "load it again")
        return got

    def all(self) -> list[Loaded]:
        """Every record, in order (the whole set in memory: for the paths that build the whole graph)."""
        if self._held is not None:
            return self._held
        out: list[Loaded] = []
        for path, display in self._all_files:
            out.extend(self._again(path, display))
        return out


def read(sources: list[Source], base: list[Path | str]) -> tuple[Records, list[SourceFile]] | None:
    """Read `base` (the seed) and then seed-format `sources` as kg.stores.read_sources does, keeping all but the
    findings and cases; None when some source is not in the seed format (public-data loaders need the whole
    records) or when some file has a problem (read_sources then reports every problem)."""
    from kg import registry

    if any(s.format != registry.SEED for s in sources):
        return None
    if any(not Path(p).exists() for p in base):
        return None
    files: list[tuple[Path, str]] = [(p, str(p)) for p in yaml_files(list(base))]
    loaded = {s.display for s in sources}
    files += [(s.path, s.display) for s in sources]
    contributed: dict[str, set[str]] = {}
    checksums: dict[str, str] = {}
    hubs: list[Loaded] = []
    leaf_files: list[tuple[Path, str]] = []
    leaf_ids: Counter[str] = Counter()
    read_files: list[SourceFile] = []
    for path, display in files:
        got, problems, ident = read_file(path, display)
        if problems:
            return None
        if ident is not None:
            read_files.append(ident)
            checksums[display] = ident.sha256
        leaves = [r.record.id for r in got if is_leaf_record(r)]  # type: ignore[attr-defined]
        if leaves:
            leaf_files.append((path, display))
            leaf_ids.update(leaves)
        hubs.extend(r for r in got if not is_leaf_record(r))
        if display in loaded:
            contributed.setdefault(display, set()).update(
                r.record.id for r in got if hasattr(r.record, "id"))  # type: ignore[attr-defined]
    records = Records(hubs, leaf_files, leaf_ids, files, contributed=contributed)
    records.checksums = checksums
    return records, read_files


class GraphStream:
    """The graph `kg.graph.build.build_graph(records)` builds, as groups of rows (`groups`), with its counts and
    fingerprint once every group has passed (`fingerprint`, `counts`). One pass only."""

    def __init__(self, records: Records | list[Loaded]):
        self.records = records if isinstance(records, Records) else Records.of(records)
        self.labels: Counter[str] = Counter()
        self.relationships: Counter[str] = Counter()
        self._tmp = tempfile.TemporaryDirectory(prefix="kg-fingerprint-")
        self._nodes = SortedLines(Path(self._tmp.name), "nodes")
        self._edges = SortedLines(Path(self._tmp.name), "edges")
        self._done = False
        self._fingerprint: str | None = None

    def close(self) -> None:
        self._tmp.cleanup()

    def __enter__(self) -> GraphStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def graph(self) -> nx.MultiDiGraph:
        """The whole graph (kg.graph.build.build_graph), for the paths that compare it with what a database holds."""
        return graph.build_graph(self.records.all())

    # ------------------------------------------------------------------ rows
    def groups(self) -> Iterator[tuple[list[NodeRow], list[EdgeRow]]]:
        """(nodes, relationships) groups: the hub first, then each finding and case. Every relationship's end nodes
        are in its own group or an earlier one. Raises kg.graph.build.build_graph's ValidationError on a problem."""
        if self._done:
            raise KGError("a GraphStream is read once")
        self._done = True
        b = graph._Builder()
        leaf_ids = self.records.leaf_ids
        if self.records.supplements or any(n > 1 for n in leaf_ids.values()):
            # An id defined twice (a problem, or a record that supplements another): build those the whole way.
            hubs: Iterable[Loaded] = self.records.all()
        else:
            hubs = self.records.hubs

        def is_leaf(loaded: Loaded) -> bool:
            return (is_leaf_record(loaded) and not loaded.supplement
                    and leaf_ids[loaded.record.id] == 1)  # type: ignore[attr-defined]

        hub = b.g
        hubs = [r for r in hubs if not is_leaf(r)]
        for loaded in hubs:
            b.register(loaded)
        for loaded in hubs:
            b.connect(loaded)
        b.problems.extend(graph._hierarchy_cycles(hub, b.defined_at))
        self._check(b)
        del hubs
        self.records.release_hubs()  # built: only the graph is needed now
        graph.describe_cases(hub)
        hub_labels = {n: d["label"] for n, d in hub.nodes(data=True)}
        yield self._rows(hub, hub_labels, hub_labels, set())

        # Nothing refers to a finding or a case, and each id is defined once: the builder need not remember them.
        b.vocab = _Closed(b.vocab)
        b.defined_at = _ClosedDict(b.defined_at)
        # Cases are built one after another in one graph that keeps the alterations (a case's biomarker text names
        # its alteration, read from the graph while the case is built) and loses everything else after each case.
        cases = nx.MultiDiGraph()
        cases.add_nodes_from((n, d) for n, d in hub.nodes(data=True) if d["label"] == Label.ALTERATION.value)
        alterations = set(cases)
        parts = SiteParts(hub)
        for loaded in self.records.leaves():
            if not is_leaf(loaded):
                continue
            g = cases if loaded.kind == "cases" else nx.MultiDiGraph()
            b.g = g
            b.register(loaded)
            b.connect(loaded)
            self._check(b)
            own = {n for n in g if n not in hub}
            if g is cases:
                # describe_cases reads the nodes the case's records point at (sites' names, ...) and the hierarchy.
                for n in set(g) - own - alterations:
                    g.nodes[n].update(hub.nodes[n])
                graph.describe_cases(g, parts)
            yield self._rows(g, {n: g.nodes[n]["label"] for n in own}, hub_labels, own)
            if g is cases:
                g.remove_nodes_from([n for n in g if n not in alterations])
        b.g = hub

    def _check(self, b: Any) -> None:
        if b.problems:
            graph.build_graph(self.records.all())  # raises the ValidationError, messages in their usual order
            raise ValidationError(b.problems)

    def _rows(self, g: nx.MultiDiGraph, own: dict[str, str], hub_labels: dict[str, str],
              leaf: set[str]) -> tuple[list[NodeRow], list[EdgeRow]]:
        """The rows of `g`'s own nodes (all of `own`) and of the relationships that start at them; each is counted
        and its fingerprint line kept."""
        nodes: list[NodeRow] = []
        edges: list[EdgeRow] = []
        for node_id, label in own.items():
            props = {k: v for k, v in g.nodes[node_id].items() if k != "label"}
            nodes.append((node_id, label, props))
            self.labels[label] += 1
            self._nodes.add(_key(node_id), graph.node_line(node_id, label, props))
        for u, v, key, data in (g.out_edges(leaf, keys=True, data=True) if leaf else g.edges(keys=True, data=True)):
            props = {k: val for k, val in data.items() if k != "type"}
            edges.append((u, key, v, props, own.get(u) or hub_labels[u], own.get(v) or hub_labels[v]))
            self.relationships[key] += 1
            self._edges.add(_key(u) + "\0" + key + "\0" + _key(v), graph.edge_line(u, key, v, props))
        return nodes, edges

    # ------------------------------------------------------------------ totals
    def drain(self) -> str:
        """Pass every row without using it; the fingerprint."""
        for _ in self.groups():
            pass
        return self.fingerprint()

    def fingerprint(self) -> str:
        """kg.graph.build.fingerprint of the graph, once every group has passed."""
        if self._fingerprint is None:
            h = hashlib.sha256()
            self._nodes.update(h)
            h.update(b"--\n")
            self._edges.update(h)
            self._fingerprint = h.hexdigest()
        return self._fingerprint

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts per label and relationship type, as kg.graph.build.counts gives them."""
        return {"labels": dict(sorted(self.labels.items())), "relationships": dict(sorted(self.relationships.items()))}

    @property
    def number_of_nodes(self) -> int:
        return sum(self.labels.values())

    @property
    def number_of_edges(self) -> int:
        return sum(self.relationships.values())


class _Closed(graph.Vocabulary):
    """A vocabulary that resolves as the one it wraps and takes no new names."""

    def __init__(self, vocab: graph.Vocabulary):  # noqa: super().__init__ would make empty tables
        self.ids = vocab.ids
        self.names = vocab.names

    def add(self, label: Label, node_id: str, names: Iterable[str]) -> None:
        pass


class _ClosedDict(dict):  # type: ignore[type-arg]
    """A dict that answers as the one it copies and remembers nothing new (`setdefault` only reads)."""

    def setdefault(self, key: Any, default: Any = None) -> Any:
        return self.get(key, default)


def _key(node_id: str) -> str:
    if "\0" in node_id or "\1" in node_id or "\n" in node_id:
        raise KGError(f"id {node_id!r} holds a control character")
    return node_id

