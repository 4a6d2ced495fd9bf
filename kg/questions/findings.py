"""How a finding reads in an answer: its state, its value and the population labels its number belongs to."""

from __future__ import annotations

from typing import Any

# Findings that describe responders rather than count them: shown as supporting detail, never counted.
SUPPORTING_MEASURES = ("time to response", "duration of response")


def number(value: Any, unit: str | None) -> str:
    """'54.2%', '3.5 mg' or '12': a value with its unit ('' when there is no value)."""
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else str(value)
    return f"{text}%" if unit == "%" else f"{text} {unit}" if unit else text


def population(f: dict[str, Any]) -> str:
    """'crizotinib-refractory; subgroup: measurable CNS disease; arm: ...; analysis: ...' (what is given)."""
    parts = [f["setting"]] + [f"{k}: {f[k]}" for k in ("subgroup", "arm", "analysis") if f.get(k)]
    return "; ".join(parts)


def finding_value(f: dict[str, Any]) -> str:
    """'54.2% (n=24)': the finding's value (or its text, or 'not reported') with its n."""
    text = number(f["value"], f["unit"]) or f.get("value_text") or "not reported"
    return text + (f" (n={f['n']})" if f.get("n") is not None else "")


def finding_state(f: dict[str, Any]) -> str:
    """'response' or 'no response' for a finding with an outcome, else 'measured'."""
    outcome = f.get("outcome")
    if outcome is None:
        return "measured"
    return "response" if outcome == "response" else "no response"


def finding_line(f: dict[str, Any]) -> str:
    """'metric: 54.2% (n=24)' with the comparator's value when there is one."""
    line = f"{f['metric']}: {number(f['value'], f['unit']) or f['value_text'] or 'not reported'}"
    if f.get("n") is not None:
        line += f" (n={f['n']})"
    if f.get("comparator") and f.get("comparator_value") is not None and f.get("value") is not None:
        line += f" vs {f['comparator']} {number(f['comparator_value'], f['unit'])}"
    return line


def labels(f: dict[str, Any]) -> str:
    """'; subgroup: ...; arm: ...; analysis: ...': the population labels a number belongs to, where given."""
    return "".join(f"; {k}: {f[k]}" for k in ("subgroup", "arm", "analysis") if f.get(k))
