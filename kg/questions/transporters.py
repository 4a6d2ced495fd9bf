"""A drug's transporter statements as answers give them: its roles, its substrate state and each claim in words."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import TRANSPORTER_ROLE_REL, Rel
from kg.questions.catalogue import Cited
from kg.questions.common import claim_text, out_edges, parse_statement, source_refs

# A drug's role for a transporter, by relationship type: 'substrate', 'not substrate', 'inhibitor', 'inducer'.
TRANSPORTER_ROLES: dict[Rel, str] = {rel: kind.value for kind, rel in TRANSPORTER_ROLE_REL.items()}

# The state of what is known of a drug's substrate status for one transporter.
SUBSTRATE_STATES = ("conflicting", "substrate", "not substrate", "inhibitor/inducer only", "not assessed")


def substrate_state(roles: list[str] | set[str]) -> str:
    """'conflicting' (substrate and asserted not), 'substrate', 'not substrate', 'inhibitor/inducer only', 'not assessed'."""
    if "substrate" in roles and "not substrate" in roles:
        return "conflicting"
    if "substrate" in roles:
        return "substrate"
    if "not substrate" in roles:
        return "not substrate"
    return "inhibitor/inducer only" if roles else "not assessed"


def transporter_statements(g: nx.MultiDiGraph, drug: str, transporter: str) -> list[dict[str, Any]]:
    """Each curated statement of the drug's role for the transporter, as stored on its edge: role, system,
    species, strength, resistance, qualifier and its own sources (`with_claim` adds the claim in words)."""
    out = []
    for rel, role in TRANSPORTER_ROLES.items():
        for end, data in out_edges(g, drug, rel):
            if end == transporter:
                for text in data.get("statements", []):
                    st = parse_statement(text)
                    out.append({"role": role, **st, "sources": source_refs(g, st["sources"])})
    return out


def with_claim(statement: dict[str, Any]) -> dict[str, Any]:
    """The statement with `claim`: 'weak substrate (in vitro, mouse only)' (role, strength, system, species)."""
    return {**statement, "claim": claim_text(statement["role"], statement)}


def system_text(statement: dict[str, Any]) -> str:
    """'in vitro, mouse only': a statement's system and species, worded as in its claim ('' when neither is given)."""
    return claim_text("", {"system": statement["system"], "species": statement["species"]}).strip()[1:-1]


def statement_line(statement: dict[str, Any]) -> Cited:
    """'weak substrate (in vitro, mouse only): <qualifier>' with the statement's own sources."""
    return Cited(f"{statement['claim']}: {statement['qualifier']}", statement["sources"])
