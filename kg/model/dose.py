"""Doses as reported ("600 mg twice daily", "250 mg/day", "75 mg/m2 every 3 weeks") parsed into amount,
unit and schedule. The text as reported is always kept; parsing only adds structure where it is certain."""

from __future__ import annotations

import re

_AMOUNT = r"(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>mg/m2|mg/m²|mg/kg|mg|g|µg|mcg|Gy)"
_SCHEDULES: list[tuple[str, str, float | None]] = [
    (r"twice (a )?da(il)?y|\bb\.?i\.?d\b|/12\s*h", "twice daily", 2.0),
    (r"three times (a )?da(il)?y|\bt\.?i\.?d\b", "three times daily", 3.0),
    (r"once (a )?da(il)?y|\bq\.?d\b", "once daily", 1.0),
    # '600 mg/day' is a total per day: it may be given as 300 mg twice daily, so no frequency is read into it.
    (r"/\s*day|per day|a day", "per day (frequency not stated)", 1.0),
    (r"\bdaily\b", "daily", 1.0),
    (r"every (\d+|two|three|four) weeks", "every {0} weeks", None),
    (r"weekly|every week", "weekly", None),
]
MAX_AMOUNT = {"mg": 10_000.0, "g": 100.0, "mg/m2": 5_000.0, "mg/kg": 1_000.0, "µg": 1e7, "Gy": 100.0}


def parse_dose(text: str) -> dict[str, float | str] | None:
    """{'dose_amount', 'dose_unit', 'dose_schedule', 'daily_dose'} as far as they can be read, or None."""
    match = re.search(_AMOUNT, text)
    if not match:
        return None
    unit = {"mg/m²": "mg/m2", "mcg": "µg"}.get(match["unit"], match["unit"])
    out: dict[str, float | str] = {"dose_amount": float(match["amount"]), "dose_unit": unit}
    rest = text[match.end():].lower()
    for pattern, schedule, per_day in _SCHEDULES:
        if found := re.search(pattern, rest):
            out["dose_schedule"] = schedule.format(*found.groups())
            if per_day is not None and unit in ("mg", "g", "µg"):
                out["daily_dose"] = float(match["amount"]) * per_day
            break
    return out


def check_dose(text: str) -> str | None:
    """A problem with a reported dose (an amount out of range), or None."""
    parsed = parse_dose(text)
    if parsed is None:
        return None
    amount, unit = parsed["dose_amount"], str(parsed["dose_unit"])
    if not 0 < float(amount) <= MAX_AMOUNT.get(unit, float("inf")):
        return f"dose {text!r}: {amount:g} {unit} is out of range (0 < amount <= {MAX_AMOUNT[unit]:g})"
    return None
