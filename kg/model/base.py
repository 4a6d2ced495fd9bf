"""The base of every record: strict pydantic settings, bounded text types, and CURIE identifiers checked per label."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kg.model.vocab import Label

# Identifier prefixes allowed per label. `oncokg:` is the project's own namespace, for
# records that no public registry identifies (a case, a finding, a source without PMID/DOI).
ID_PREFIXES: dict[Label, tuple[str, ...]] = {
    Label.DRUG: ("DRUGBANK",),
    Label.TARGET: ("HGNC",),
    Label.TRANSPORTER: ("HGNC",),
    Label.ALTERATION: ("oncokg",),
    Label.DISEASE: ("NCIT",),
    Label.SITE: ("UBERON", "oncokg"),
    Label.TRIAL: ("NCT", "oncokg"),
    Label.PUBLICATION: ("PMID", "DOI", "oncokg"),
    Label.CASE: ("oncokg",),
    Label.TREATMENT_LINE: ("oncokg",),
    Label.OBSERVATION: ("oncokg",),
    Label.FINDING: ("oncokg",),
}

_LOCAL_PATTERNS = {
    "DRUGBANK": r"DB\d{5}",
    "HGNC": r"\d+",
    "NCIT": r"C\d+",
    "UBERON": r"\d{7}",
    "NCT": r"NCT\d{8}",
    "PMID": r"[1-9]\d{0,8}",
    "DOI": r"10\.\d{4,9}/\S+",
    "oncokg": r"[a-z][a-z0-9]*(-[A-Za-z0-9.]+)+(/[a-z0-9][A-Za-z0-9.-]*)*",
}


def check_curie(value: str, label: Label) -> str:
    """Return `value` if it is a CURIE with a prefix allowed for `label`, else raise ValueError."""
    prefix, sep, local = value.partition(":")
    allowed = ID_PREFIXES[label]
    if not sep or prefix not in allowed:
        raise ValueError(f"{value!r} is not a {label.value} identifier (expected prefix {' or '.join(p + ':' for p in allowed)})")
    if not re.fullmatch(_LOCAL_PATTERNS[prefix], local):
        raise ValueError(f"{value!r} is not a well-formed {prefix}: identifier")
    return value


def curie_id(label: Label):
    """A validator of the record's `id`: a CURIE with a prefix allowed for `label`."""

    def validate(cls, v: str) -> str:
        return check_curie(v, label)

    return field_validator("id")(validate)


Text = Annotated[str, Field(min_length=1, max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Ref = Annotated[str, Field(min_length=1, max_length=200)]


class Record(BaseModel):
    """Base of every seed record: strict, no unknown fields, numbers that both stores can hold."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False,
                              defer_build=True)  # schemas are built on first validation, not at import

    @field_validator("*")
    @classmethod
    def _fits_64_bits(cls, value: object) -> object:
        """Neo4j integers are 64-bit: a wider one would load in memory and then fail to write to Neo4j."""
        if isinstance(value, int) and not -(2**63) <= value < 2**63:
            raise ValueError("must be an integer of at most 64 bits")
        return value
