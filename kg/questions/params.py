"""Parameter resolution: the names a user typed for a question's parameters (ALK, P-gp, Alecensa) become node ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.errors import KGError
from kg.questions.catalogue import Question

# A store's name resolver: (text, labels it may name) -> node id, or ValueError saying why not.
Resolve = Callable[[str, tuple[str, ...]], str]


def resolve_params(q: Question, bound: dict[str, Any], resolve: Resolve) -> dict[str, Any]:
    """Turn names the user typed into node ids, or fail naming the parameter. `resolve` is a store's `resolve`,
    or its resolver inside a transaction (kg.questions.run)."""
    out = dict(bound)
    for name, labels in q.resolve.items():
        if out.get(name) is None or out[name] == "any":  # 'any' means no restriction
            continue
        try:
            out[name] = resolve(str(out[name]), labels)
        except ValueError as e:
            raise KGError(f"{q.id}: parameter {name!r}: {e}") from None
    return out
