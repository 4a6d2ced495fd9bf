"""ChEMBL drug mechanisms (the interface's "Drug Mechanisms" download) -> INHIBITS statements with ChEMBL as source.

Where the file comes from: https://www.ebi.ac.uk/chembl/explore/drug_mechanisms — filter if you like, then
"Download" as TSV (or CSV). Interface documentation: https://chembl.gitbook.io/chembl-interface-documentation
(the columns are those of the browser's table; the search index is `chembl_mechanism_by_parent_target`). Every value
is double-quoted; the header of a 2025 TSV download reads:
  "Parent Molecule ChEMBL ID"  "Parent Molecule Name"  "Parent Molecule Type"  "Max Phase"  "First Approval"
  "USAN Stem"  "Smiles"  "Mechanism of Action"  "Mechanism Comment"  "Selectivity Comment"  "Target ChEMBL ID"
  "Target Name"  "Action Type"  "Target Type"  "Target Organism"  "Binding Site Name"  "Binding Site Comment"
  "References"  "Synonyms"  "Parent Molecule ChEMBL ID"
(the last column repeats the first; older downloads end with "ATC Codes" and use ';' or ',' in CSV). Columns read:
  Parent Molecule ChEMBL ID, Parent Molecule Name, Synonyms ('|'-separated, "Name (INN)" style)  -> the Drug
  Target ChEMBL ID, Target Name, Target Type, Target Organism                                    -> the Target
  Mechanism of Action, Action Type (INHIBITOR, ANTAGONIST, AGONIST, BLOCKER, MODULATOR, ...)       -> the statement

What a row becomes: when the molecule names a Drug of the graph (Parent Molecule Name, then a synonym) and the
target is a human SINGLE PROTEIN whose Target Name names a Target of the graph (name or synonym), an INHIBITOR row is
a DrugTarget statement — (Drug)-[:INHIBITS]->(Target), role not stated, qualifier "ChEMBL mechanism of action: ..."
— citing the Publication `oncokg:src-chembl-mechanism-<molecule ChEMBL id>` (kind database, evidence
authoritative_export, url the compound's ChEMBL page). The graph merges it into an existing INHIBITS edge of the
same pair (its sources gain ChEMBL).

Note: the download has no gene-symbol column; a target resolves only when ChEMBL's Target Name ("ALK tyrosine kinase
receptor", ChEMBL target CHEMBL4247) is the name or a synonym of a Target in the graph. Rows about drugs the graph
does not hold are skipped and counted. Rows about our drugs are reported when their target does not resolve, is a
Transporter, or has an action type other than INHIBITOR (only INHIBITOR maps to INHIBITS) — counted as skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.model import DrugTarget, EvidenceLevel, Label, Publication, SourceKind
from kg.model.names import Vocabulary
from kg.sources import LoaderResult
from kg.sources.public import Progress, Run, lookup, read_table, read_text, short
from kg.sources.loaded import Origin

MOLECULE, NAME, SYNONYMS = "Parent Molecule ChEMBL ID", "Parent Molecule Name", "Synonyms"
MECHANISM, ACTION = "Mechanism of Action", "Action Type"
TARGET, TARGET_NAME, TARGET_TYPE, ORGANISM = "Target ChEMBL ID", "Target Name", "Target Type", "Target Organism"
REQUIRED = (MOLECULE, NAME, MECHANISM, ACTION, TARGET, TARGET_NAME)
CHEMBL_ID = re.compile(r"CHEMBL\d+")
INHIBITOR = "INHIBITOR"


def read(path: Path, vocabulary: Vocabulary, *, display: str | None = None,
         progress: Progress | None = None) -> LoaderResult:
    """Read a ChEMBL drug-mechanism download (TSV or CSV)."""
    run = Run(display or str(path), progress)
    text, checksum = read_text(path, run)
    if text is None:
        return run.result(checksum)
    for number, row in read_table(text, run, REQUIRED):
        run.tick()
        _row(run, vocabulary, number, row)
    return run.result(checksum)


def _row(run: Run, vocabulary: Vocabulary, number: int, row: dict[str, str]) -> None:
    where = f"row {number}"
    problems = len(run.problems)
    molecule, target = row[MOLECULE], row[TARGET]
    if not CHEMBL_ID.fullmatch(molecule):
        run.problem(where, MOLECULE, f"{molecule!r} is not a ChEMBL id (CHEMBL followed by digits)")
    if target and not CHEMBL_ID.fullmatch(target):
        run.problem(where, TARGET, f"{target!r} is not a ChEMBL id (CHEMBL followed by digits)")
    if not row[ACTION]:
        run.problem(where, ACTION, "required value is missing")
    if len(run.problems) > problems:
        return

    synonyms = [re.sub(r"\s*\([^()]*\)\s*$", "", s).strip() for s in row.get(SYNONYMS, "").split("|")]
    drug = lookup(vocabulary, [row[NAME]] + synonyms, (Label.DRUG,))
    if drug is None or not target:
        run.counts["skipped"] += 1
        return
    label = f"{row[NAME] or molecule} ({molecule})"
    human_protein = ("Homo sapiens", "SINGLE PROTEIN")
    if (row.get(ORGANISM, human_protein[0]), row.get(TARGET_TYPE, human_protein[1])) != human_protein:
        run.counts["skipped"] += 1
        return
    genes = (Label.TARGET, Label.TRANSPORTER)
    found = lookup(vocabulary, [row[TARGET_NAME]], genes)
    target_text = f"{row[TARGET_NAME]} ({target})"
    if found is None:
        hint = run.hint(vocabulary, row[TARGET_NAME], genes)
        run.unresolved("target", target_text, where, f"no target of that name (mechanism of {label}); add ChEMBL's "
                       f"target name as a synonym of the gene to load it{hint}")
        run.counts["skipped"] += 1
        return
    if vocabulary.ids[found] == Label.TRANSPORTER:
        run.unresolved("target", target_text, where, f"a transporter: the {row[ACTION]} mechanism of {label} is not "
                       "loaded (transporter roles need a system and a qualifier)")
        run.counts["skipped"] += 1
        return
    if row[ACTION] != INHIBITOR:
        run.unresolved("action type", row[ACTION], where, f"{label} on {target_text}: only INHIBITOR becomes INHIBITS")
        run.counts["skipped"] += 1
        return

    source_id = f"oncokg:src-chembl-mechanism-{molecule}"
    origin = Origin(run.display, "row", number, f"{molecule} {target}")
    publication = run.validate(Publication, {
        "id": source_id,
        "name": short(f"ChEMBL drug mechanisms of {row[NAME] or molecule} ({molecule})"),
        "kind": SourceKind.DATABASE,
        "evidence": EvidenceLevel.AUTHORITATIVE_EXPORT,
        "url": f"https://www.ebi.ac.uk/chembl/explore/compound/{molecule}",
        "note": "Rows of a ChEMBL drug-mechanism download (ChEMBL interface, Drug Mechanisms).",
    }, where, {"name": NAME})
    mechanism = row[MECHANISM]
    qualifier = short(f"ChEMBL mechanism of action: {mechanism}" if mechanism else f"ChEMBL action type {row[ACTION]}",
                      2000)
    statement = run.validate(DrugTarget, {"drug": drug, "target": found, "qualifier": qualifier,
                                          "sources": [source_id]}, where, {"qualifier": MECHANISM})
    if publication is None or statement is None:
        return
    run.emit("publications", publication, origin, key=source_id)
    if run.emit("drug_targets", statement, origin, key=f"{drug} {found} {qualifier}"):
        run.counts["added"] += 1
    else:
        run.counts["merged"] += 1
