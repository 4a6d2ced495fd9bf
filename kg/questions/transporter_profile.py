"""The question `transporter-profile`: every drug's role for each transporter, statement by statement, including what
was never assessed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.model import Label
from kg.questions.catalogue import Param, Question
from kg.questions.common import DRUG_CLASSES, drug_row, name, nodes_with
from kg.questions.transporters import (SUBSTRATE_STATES, statement_line, substrate_state, system_text,
                                       transporter_statements, with_claim)


@dataclass(frozen=True)
class AnyOrEntity(Param):
    """An entity parameter that also takes 'any' (no restriction). 'any' binds as None, which is never resolved."""

    def parse(self, value: Any, question: str) -> Any:
        if isinstance(value, str) and value.strip().lower() == "any":
            return None
        return super().parse(value, question)


def transporter_profile(g: nx.MultiDiGraph, p: dict[str, Any]) -> list[dict[str, Any]]:
    """In-memory implementation of `transporter-profile`."""
    transporters = [t for t in nodes_with(g, Label.TRANSPORTER) if p["transporter"] in (None, t)]
    rows = []
    for drug in nodes_with(g, Label.DRUG):
        if p["drug_class"] not in ("any", g.nodes[drug]["drug_class"]):
            continue
        for transporter in transporters:
            statements = transporter_statements(g, drug, transporter)
            roles = sorted({s["role"] for s in statements})
            if p["state"] not in ("any", substrate_state(roles)):
                continue
            rows.append({
                **drug_row(g, drug),
                "transporter": name(g, transporter),
                "transporter_id": transporter,
                "roles": roles,
                "state": substrate_state(roles),
                "statements": statements,
            })
    return rows


def profile_finish(rows: list[dict[str, Any]], p: dict[str, Any]) -> list[dict[str, Any]]:
    """Each statement's claim in words, and the systems the substrate state rests on, the same for both stores."""
    return [{
        **row,
        "statements": [with_claim(s) for s in row["statements"]],
        "state_systems": sorted({system_text(s) for s in row["statements"]
                                 if s["role"] in ("substrate", "not substrate")} - {""}),
    } for row in rows]


def profile_table(row: dict[str, Any]) -> dict[str, Any]:
    """One footnoted line per statement, its own sources beside it."""
    systems = "; ".join(row["state_systems"])
    return {
        "drug": row["drug"],
        "transporter": row["transporter"],
        "state": row["state"] + (f" ({systems})" if systems else ""),
        "statements": [statement_line(s) for s in row["statements"]],
    }


def profile_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One item per statement; a drug and transporter with none is one item, 'not assessed', with no sources."""
    head = {k: row[k] for k in ("drug", "drug_id", "transporter", "transporter_id", "state")}
    return [{**head, **s} for s in row["statements"]] or [{**head, "sources": []}]


TRANSPORTER_PROFILE = Question(
    id="transporter-profile",
    title=("Every drug's role for P-gp (ABCB1) and BCRP (ABCG2), statement by statement, including what was never "
           "assessed"),
    description=(
        "One row per drug and transporter (every transporter of the graph, or TRANSPORTER), also when no "
        "relationship joins them. `roles` lists the roles stated (substrate, not substrate, inhibitor, inducer); "
        "`state` sums up substrate status over every system: 'conflicting' (some statement says substrate and "
        "another asserts not, whatever their systems; `conflicting-evidence` lists those in the same system), "
        "'substrate', 'not substrate' (asserted negative), 'inhibitor/inducer only' (no substrate statement), or "
        "'not assessed' (no relationship at all; unknown, never 'no'); `state_systems` the systems and species of the "
        "substrate and non-substrate statements it rests on (e.g. 'in vitro, mouse only'). STATE keeps rows in one "
        "state. "
        "`statements` holds each curated record: role, system (in vitro, animal, patients, label), species, "
        "strength (weak, modest), resistance ('confers resistance', 'no resistance'), qualifier, its own sources, "
        "and `claim`, e.g. 'weak substrate (in vitro, mouse only)'."
    ),
    params=(
        AnyOrEntity("transporter", str, None,
                    "'any' (default: every transporter, i.e. ABCB1 and ABCG2) or one (id, symbol or synonym, e.g. P-gp, BCRP)"),
        Param("drug_class", str, "any", "only drugs of this class", DRUG_CLASSES),
        Param("state", str, "any", "only rows in this state", ("any", *SUBSTRATE_STATES)),
    ),
    memory=transporter_profile,
    columns=("drug", "transporter", "state", "roles"),
    resolve={"transporter": (Label.TRANSPORTER.value,)},
    sort_key=("drug", "drug_id", "transporter", "transporter_id"),
    paged=True,
    table=profile_table,
    items=profile_items,
    finish=profile_finish,
)
