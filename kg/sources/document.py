"""Parse one seed document as YAML (a JSON object by the json module, else libyaml, else the pure-Python parser
for its messages), refusing a mapping that names a key twice and aliases that expand it too far."""

from __future__ import annotations

import json
import re

import yaml

from kg.sources.problems import clip

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
            raise DocumentRefused(f"duplicate key {clip(key)!r} (a mapping may name each key once)")
        out[key] = value
    return out


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
                raise DocumentRefused(f"line {key_node.start_mark.line + 1}: duplicate key {clip(key)!r} "
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
