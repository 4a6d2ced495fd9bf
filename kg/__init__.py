"""OncoKG: an oncology knowledge graph of targeted lung-cancer therapy and CNS disease, with its evidence.

The API (kg.api) is imported on first use of one of its names, so `import kg` and a `kg ask` answered from the
answer cache (kg.answer_cache) do not pay for pydantic, networkx and the questions.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from kg.resources import VERSION as __version__

__all__ = ["Answer", "KGError", "LoadReport", "__version__", "ask", "case_template", "catalogue", "explain", "export", "load",
           "loaded_sources", "open_store", "reset", "stats", "unload", "validate"]

_API = frozenset(__all__) - {"KGError", "__version__"}


def __getattr__(name: str) -> Any:
    """kg.ask, kg.load, ... (kg.api), kg.KGError and the submodules (kg.api, kg.graph.build, ...), imported when first
    asked for."""
    if name in _API:
        from kg import api

        value = getattr(api, name)
    elif name == "KGError":
        from kg.errors import KGError as value
    else:
        import importlib

        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'kg' has no attribute {name!r}") from None
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """`kg.export` is the API function. Importing the module kg.export would make the import system set the
    attribute `kg.export` to that module; this keeps the function (`from kg.export import ...` still reaches
    the module through sys.modules)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "export" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
