"""Shell completion: question ids, their parameters and values, node ids and names, and bash's words split at
'=' and ':'."""

from __future__ import annotations

import os

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class, split_arg_string

from kg import questions as questions_registry
from kg.stores import MemoryStore


def _complete_question(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return sorted(q for q in questions_registry.REGISTRY if q.startswith(incomplete))


# Labels whose names are short enough to type (a finding's or a publication's name is a sentence).
_NAMED = ("Drug", "Target", "Transporter", "Alteration", "Disease", "Site", "Trial")


def _complete_nodes(incomplete: str, labels: tuple[str, ...] = (), prefix: str = "") -> list[CompletionItem]:
    """Ids of the memory store's nodes (of `labels`, or all), and names of those of _NAMED labels, that start
    with `incomplete`, each written after `prefix`; none when the store cannot be read (completion never fails)."""
    try:
        g = MemoryStore().graph
    except Exception:  # an invalid seed or loaded file: no suggestions (the command itself will say why)
        return []
    found: dict[str, str] = {}
    low = incomplete.lower()
    for node, data in g.nodes(data=True):
        if labels and data.get("label") not in labels:
            continue
        name = str(data.get("name") or "")
        for value in (node, name if data.get("label") in _NAMED else ""):
            if value and value.lower().startswith(low):
                found.setdefault(value, f"{data.get('label')}: {name}" if value == node else node)
    return [CompletionItem(prefix + value, help=help) for value, help in sorted(found.items())]


def _complete_around(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _complete_nodes(incomplete)


def _complete_param(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """-p NAME=VALUE: the question's parameter names, then a parameter's values: its choices, or the ids and
    names of the nodes it may name (drugs, targets, sites, ...)."""
    # While -p waits for its value, click leaves the words it has not parsed (the question among them) in ctx.args.
    given = [ctx.params.get("question"), *ctx.args]
    q = next((questions_registry.REGISTRY[w] for w in given if w in questions_registry.REGISTRY), None)
    if q is None:
        return []
    name, sep, value = incomplete.partition("=")
    if not sep:
        return [CompletionItem(f"{p.name}=", help=p.help) for p in q.params if p.name.startswith(name)]
    p = next((p for p in q.params if p.name == name), None)
    if p is None:
        return []
    if p.choices:
        return [CompletionItem(f"{name}={c}") for c in p.choices if c.lower().startswith(value.lower())]
    if p.type is bool:
        return [CompletionItem(f"{name}={c}") for c in ("true", "false") if c.startswith(value.lower())]
    if name in q.resolve:
        return _complete_nodes(value, q.resolve[name], prefix=f"{name}=")
    return []


BASH_SPACE = "\\\\ "  # a space escaped for the command line; the script's `read` takes one backslash away


class _BashComplete(BashComplete):
    """click's bash completion, except that values holding '=' or ':' complete too (`-p drug=alec`,
    `--around DRUGBANK:DB1`): bash splits words there, so the words are read from the line itself and each
    reply leaves out what bash keeps before the split; spaces in a reply are escaped."""

    source_template = BashComplete.source_template.replace(
        'COMP_CWORD=$COMP_CWORD', 'COMP_CWORD=$COMP_CWORD KG_COMP_LINE="${COMP_LINE:0:COMP_POINT}"')
    _kept = ""

    def get_completion_args(self) -> tuple[list[str], str]:
        line = os.environ.get("KG_COMP_LINE")
        if line is None:  # a script sourced before this change
            return super().get_completion_args()
        words = split_arg_string(line)
        incomplete = words.pop() if words and line and not line[-1].isspace() else ""
        cut = max(incomplete.rfind("="), incomplete.rfind(":")) + 1
        self._kept = incomplete[:cut]
        return words[1:], incomplete

    def format_completion(self, item: CompletionItem) -> str:
        value = item.value
        if item.type == "plain" and self._kept and value.startswith(self._kept):
            value = value[len(self._kept):]
        return f"{item.type},{value.replace(' ', BASH_SPACE)}"


add_completion_class(_BashComplete)
