"""Problems as a reader reports them: one line per validation error, in a file's own terms (`case <id>, line 3
(alectinib), observation 2: response ...` for a case), with close matches for a closed vocabulary, and the
template placeholders a case file still holds."""

from __future__ import annotations

import difflib
import re

from kg.errors import one_line
from kg.sources.loaded import Origin


def clip(value: object, limit: int = 60) -> str:
    """`value` as text cut to `limit` characters, ending with an ellipsis when cut: a hostile file cannot make a
    message quote much of it."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "record"


def _message(err: dict) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "required field is missing"
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


def shown(value: object, limit: int = 60) -> str:
    """A bad value as a message echoes it: quoted, shortened, control characters escaped."""
    text = str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(one_line(text)) if isinstance(value, str) else one_line(text)


def _vocabulary_message(err: dict, field: str) -> str | None:
    """`response 'progresed' is not a known response — did you mean 'progressed'?` for a closed vocabulary."""
    if err["type"] not in ("literal_error", "enum"):
        return None
    allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
    value = err.get("input")
    lower = {a.lower(): a for a in allowed}
    close = [lower[c] for c in difflib.get_close_matches(str(value).lower(), list(lower), n=1, cutoff=0.6)]
    if not close and "not reported" in allowed and str(value).strip().lower() in UNKNOWN_WORDS:
        close = ["not reported"]
    hint = f" — did you mean {close[0]!r}?" if close else f" (one of {', '.join(allowed)})"
    return f"{field} {shown(value)} is not a known {field.replace('_', ' ')}{hint}"


UNKNOWN_WORDS = {"unknown", "n/a", "na", "nr", "none", "?", "unk", "not known", "not stated", "not given"}

_PLURAL = {"observations": "observation", "biomarkers": "biomarker", "metastases": "metastasis", "drugs": "drug",
           "target_sites": "target site", "sources": "source"}


def case_position(raw: object, loc: tuple) -> tuple[str, str]:
    """A pydantic error location inside a case in the file's own terms, 1-based:
    ('lines', 2, 'line', 'observations', 1, 'response') -> ('line 3 (alectinib), observation 2', 'response')."""
    where: list[str] = []
    fields: list[str] = []
    node: object = raw
    parts = list(loc)
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        items = node.get(part) if isinstance(node, dict) and isinstance(part, str) else None
        item = items[nxt] if isinstance(items, list) and isinstance(nxt, int) and nxt < len(items) else None
        if part == "lines" and isinstance(nxt, int) and not where:
            order = item.get("order", nxt + 1) if isinstance(item, dict) else nxt + 1
            name = item.get("name") if isinstance(item, dict) else None
            label = f"line {shown(order, 10).strip(chr(39))}"
            where.append(label + (f" ({one_line(str(name))[:60]})" if name else ""))
            node, i = item, i + 2
            if i < len(parts) and parts[i] in ("line", "group"):
                i += 1
        elif part == "lines" and isinstance(nxt, int) and where:  # a member of a group
            name = item.get("name") if isinstance(item, dict) else None
            where[-1] = where[-1].split(" (")[0] + chr(ord("a") + nxt) + (f" ({one_line(str(name))[:60]})" if name else "")
            node, i = item, i + 2
        elif part in ("observations", "biomarkers", "metastases") and isinstance(nxt, int):
            where.append(f"{_PLURAL[part]} {nxt + 1}")
            node, i = item, i + 2
        elif part in _PLURAL and isinstance(nxt, int):
            fields.append(f"{_PLURAL[part]} {nxt + 1}")
            i += 2
        else:
            fields.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
            i += 1
    return ", ".join(where), ".".join(fields)


def problem_lines(origin: Origin, raw: object, err: dict) -> str:
    """One problem line for one validation error, in the file's own terms for a case."""
    if origin.kind != "cases":
        field = _field_path(err["loc"])
        vocab = _vocabulary_message(err, field)
        return f"{origin}: {field}: " + (vocab.removeprefix(field + " ") if vocab else clip(_message(err), 400))
    where, field = case_position(raw, tuple(err["loc"]))
    prefix = f"{origin}" + (f", {where}" if where else "")
    vocab = _vocabulary_message(err, field.rsplit(".", 1)[-1]) if field else None
    if vocab:
        return f"{prefix}: {vocab}"
    value = err.get("input")
    got = f" (got {shown(value)})" if field and isinstance(value, str | int | float) and err["type"] != "missing" else ""
    message = clip(_message(err), 400)
    return f"{prefix}: {field}: {message}{got}" if field else f"{prefix}: {message}"


PLACEHOLDER = "REPLACE"  # every value of `kg case template` that must be filled in holds this word


def placeholders(raw: object) -> list[tuple]:
    """Paths of the string values that still hold the template's placeholder word (walked without recursion:
    a hostile file may nest deeper than Python recurses)."""
    found: list[tuple] = []
    stack: list[tuple[tuple, object]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(reversed([((*path, k), v) for k, v in value.items()]))  # popped in the file's order
        elif isinstance(value, list):
            stack.extend(reversed([((*path, i), v) for i, v in enumerate(value)]))
        elif isinstance(value, str) and PLACEHOLDER in value:
            found.append(path)
    return found


def placeholder_problem(origin: Origin, raw: object, path: tuple) -> str:
    if origin.kind == "cases":
        where, field = case_position(raw, path)
        prefix = f"{origin}" + (f", {where}" if where else "")
    else:
        prefix, field = str(origin), _field_path(path)
    return f"{prefix}: {field}: still the template's placeholder; write what the report says, or delete the field"


def plain_loc(loc: tuple) -> list:
    """A pydantic location without the tags of a union ('line', 'group')."""
    return [p for p in loc if p not in ("line", "group")]
