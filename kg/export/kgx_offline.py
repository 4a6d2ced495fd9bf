"""kgx's own validator, offline: the Biolink model that the `biolink-model` package ships, no network.

kgx (through bmt) fetches the Biolink model YAML, a predicate map and a JSON-LD context over the network when its
Validator starts, and fails offline. Here bmt's Toolkit defaults point at the `biolink_model.yaml` shipped in
`biolink-model` with an empty predicate map, and kgx's Biolink JSON-LD context is written from the prefix map
shipped beside it, for the length of a `with offline_biolink():` block. Needs the `kgx` extra
(`pip install 'oncokg[kgx]'`, or kgx, bmt and biolink-model).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from kg.errors import KGError


@contextmanager
def offline_biolink() -> Iterator[Any]:
    """Within the block, bmt and kgx use the local Biolink model; yields the offline bmt Toolkit."""
    try:
        import bmt.toolkit
        import kgx.config
    except ImportError as e:
        raise KGError(f"KGX validation needs kgx, bmt and biolink-model ({e.name} is not installed)") from None
    schema = str(files("biolink_model") / "schema" / "biolink_model.yaml")
    prefixes = json.loads((files("biolink_model") / "prefixmaps" / "biolink_model_prefix_map.json").read_text())
    toolkit_defaults = bmt.toolkit.Toolkit.__init__.__defaults__
    contexts = kgx.config.get_config()["jsonld-context"]
    before = contexts.get("biolink")
    with tempfile.TemporaryDirectory(prefix="oncokg-biolink-") as tmp:
        context = Path(tmp) / "context.jsonld"
        context.write_text(json.dumps({"@context": {**prefixes, "@vocab": "https://w3id.org/biolink/vocab/"}}))
        bmt.toolkit.Toolkit.__init__.__defaults__ = (schema, {"predicate mappings": []})
        contexts["biolink"] = str(context)
        try:
            yield bmt.toolkit.Toolkit()
        finally:
            bmt.toolkit.Toolkit.__init__.__defaults__ = toolkit_defaults
            contexts["biolink"] = before


def validate(directory: Path | str) -> dict[str, dict[str, list[str]]]:
    """Run kgx's validator offline on `nodes.tsv` and `edges.tsv` in `directory` (what `kg export -f kgx` writes).
    Returns kgx's report: {level: {kind: [message, ...]}}; empty when kgx finds nothing."""
    d = Path(directory)
    missing = [n for n in ("nodes.tsv", "edges.tsv") if not (d / n).is_file()]
    if missing:
        raise KGError(f"{d}: no {' or '.join(missing)}; write it with 'kg export -f kgx -o {d}'")
    with offline_biolink(), tempfile.TemporaryDirectory(prefix="oncokg-kgx-") as tmp:
        from kgx.cli.cli_utils import validate as kgx_validate

        report: dict[str, dict[str, list[str]]] = kgx_validate(
            [str(d / "nodes.tsv"), str(d / "edges.tsv")], "tsv", None, str(Path(tmp) / "report.json"))
    return report
