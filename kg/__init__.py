"""OncoKG: an oncology knowledge graph of targeted lung-cancer therapy and CNS disease, with its evidence."""

import importlib as _importlib

# The module kg.export is loaded before the API function of the same name is bound below, so that
# `kg.export` stays the function (`from kg.export import ...` still reaches the module).
_importlib.import_module("kg.export")

from kg.api import (  # noqa: E402
    Answer,
    LoadReport,
    ask,
    case_template,
    catalogue,
    explain,
    export,
    load,
    loaded_sources,
    open_store,
    reset,
    stats,
    unload,
    validate,
)
from kg.errors import KGError

__version__ = "0.1.0"

__all__ = ["Answer", "KGError", "LoadReport", "__version__", "ask", "case_template", "catalogue", "explain", "export", "load",
           "loaded_sources", "open_store", "reset", "stats", "unload", "validate"]
