"""OncoKG: an oncology knowledge graph of targeted lung-cancer therapy and CNS disease, with its evidence."""

from kg.api import (
    Answer,
    LoadReport,
    ask,
    case_template,
    catalogue,
    explain,
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

__all__ = ["Answer", "KGError", "LoadReport", "__version__", "ask", "case_template", "catalogue", "explain", "load",
           "loaded_sources", "open_store", "reset", "stats", "unload", "validate"]
