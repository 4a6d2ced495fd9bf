"""CIViC evidence items (the evidence TSV export) -> variant-evidence Findings about our genes' alterations.

Where the file comes from: the releases listed on https://civicdb.org/releases —
https://civicdb.org/downloads/nightly/nightly-ClinicalEvidenceSummaries.tsv (accepted evidence, rebuilt nightly) or a
monthly release, https://civicdb.org/downloads/01-<Mon>-<YYYY>/01-<Mon>-<YYYY>-ClinicalEvidenceSummaries.tsv (the
same file is also named ...-AcceptedClinicalEvidenceSummaries.tsv). What the fields mean:
https://civic.readthedocs.io/en/latest/model/evidence.html (type, direction, significance, level, rating).
The columns, as CIViC writes them (https://github.com/griffithlab/civic-v2/blob/main/server/app/tsv_formatters/
evidence_item_tsv_formatter.rb, written by server/app/jobs/generate_tsvs.rb with Ruby's CSV: tab-separated, quoted
only where needed, one header row):
  molecular_profile  molecular_profile_id  disease  doid  phenotypes  therapies  therapy_interaction_type
  evidence_type  evidence_direction  evidence_level  significance  evidence_statement  citation_id  source_type
  asco_abstract_id  citation  nct_ids  rating  evidence_status  evidence_id  variant_origin  last_review_date
  evidence_civic_url  molecular_profile_civic_url  is_flagged
Values (civic-v2 server/app/models/constants.rb): evidence_type Predictive, Diagnostic, Prognostic, Predisposing,
Oncogenic, Functional; evidence_direction Supports, Does Not Support, N/A; evidence_level A-E; rating 1-5;
evidence_status accepted, submitted, rejected; source_type PubMed, ASCO, ASH; therapies and nct_ids joined by ",".

What a row becomes (one evidence item, when its status is accepted and its molecular profile is one variant of a
gene the graph holds as a Target):
  - Finding `oncokg:finding-civic-eid<evidence_id>`, kind 'variant evidence': evidence_type, direction,
    significance (also its value_text), source_level (evidence_level), rating, disease_name, therapies (text);
    OF_DRUG the therapy when there is exactly one and it names a Drug of the graph; OF_ALTERATION the molecular
    profile; FROM_TRIAL an NCT id of nct_ids when exactly one is a Trial of the graph; note = the evidence statement.
  - Publication `oncokg:src-civic-eid<evidence_id>` (kind database, evidence authoritative_export, url the
    evidence_civic_url, pmid the citation_id of a PubMed source), cited by the Finding; the Finding also cites
    `PMID:<citation_id>` when that publication is already in the graph. A PMID the graph does not hold is not
    created (its kind — trial, cohort, case report — is not in the file); it stays on the CIViC source record.
  - The molecular profile resolves to an Alteration by name ("ALK G1202R"); one the graph does not hold becomes a new
    Alteration `oncokg:alt-<profile words>` of its gene, citing the evidence items that name it. A fusion profile
    ("EML4::ALK Fusion") belongs to its 3' partner, else its 5' partner, if the graph holds it.
Skipped and counted: rows not accepted; complex profiles (AND/OR/NOT; reported when they involve a gene we hold);
profiles of genes the graph does not hold. Therapy names that resolve to no Drug are reported; drugs are never created.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Alteration, EvidenceLevel, Finding, FindingKind, Label, Publication, Setting, SourceKind
from kg.model.names import Vocabulary
from kg.sources import LoaderResult
from kg.sources.public import Progress, Run, lookup, read_table, read_text, short
from kg.sources.loaded import Origin

REQUIRED = (
    "molecular_profile", "disease", "therapies", "evidence_type", "evidence_direction", "evidence_level",
    "significance", "citation_id", "source_type", "rating", "evidence_status", "evidence_id",
)
EVIDENCE_TYPES = ("Predictive", "Diagnostic", "Prognostic", "Predisposing", "Oncogenic", "Functional")
DIRECTIONS = {"Supports": "supports", "Does Not Support": "does not support", "N/A": "not applicable"}
LEVELS = ("A", "B", "C", "D", "E")
STATUSES = ("accepted", "submitted", "rejected")
COMPLEX = re.compile(r"(^|\s)(AND|OR|NOT)(\s|$)")

# Finding field -> the column it comes from, for validation messages.
COLUMNS = {
    "name": "molecular_profile", "value_text": "significance", "significance": "significance",
    "disease_name": "disease", "therapies": "therapies", "rating": "rating", "source_level": "evidence_level",
    "evidence_type": "evidence_type", "direction": "evidence_direction", "note": "evidence_statement",
    "pmid": "citation_id", "url": "evidence_civic_url",
}


@dataclass
class _NewAlteration:
    name: str
    gene: str
    origin: Origin
    where: str
    sources: set[str] = field(default_factory=set)


def read(path: Path, vocabulary: Vocabulary, *, display: str | None = None,
         progress: Progress | None = None) -> LoaderResult:
    """Read a CIViC evidence-item TSV export."""
    run = Run(display or str(path), progress)
    text, checksum = read_text(path, run)
    if text is None:
        return run.result(checksum)
    seen: dict[int, int] = {}
    alterations: dict[str, _NewAlteration] = {}
    for number, row in read_table(text, run, REQUIRED):
        run.tick()
        _row(run, vocabulary, number, row, seen, alterations)
    for alt_id, alt in sorted(alterations.items()):
        record = run.validate(Alteration, {"id": alt_id, "name": alt.name, "gene": alt.gene,
                                           "sources": sorted(alt.sources)}, alt.where, {"name": "molecular_profile"})
        if record is not None:
            run.emit("alterations", record, alt.origin)
    return run.result(checksum)


def _row(run: Run, vocabulary: Vocabulary, number: int, row: dict[str, str], seen: dict[int, int],
         alterations: dict[str, _NewAlteration]) -> None:
    where = f"row {number}"
    problems = len(run.problems)

    def bad(column: str, message: str) -> None:
        run.problem(where, column, message)

    eid_text = row["evidence_id"]
    if not re.fullmatch(r"[1-9]\d*", eid_text):
        bad("evidence_id", f"must be a positive whole number, got {eid_text!r}")
        return
    eid = int(eid_text)
    if eid in seen:
        bad("evidence_id", f"duplicate evidence item {eid} (first at row {seen[eid]})")
        return
    seen[eid] = number
    mp = row["molecular_profile"]
    if not mp:
        bad("molecular_profile", "required value is missing")
    evidence_type = row["evidence_type"]
    if evidence_type not in EVIDENCE_TYPES:
        bad("evidence_type", f"must be one of {', '.join(EVIDENCE_TYPES)}, got {evidence_type!r}")
    direction = row["evidence_direction"]
    if direction not in DIRECTIONS:
        bad("evidence_direction", f"must be one of {', '.join(DIRECTIONS)}, got {direction!r}")
    level = row["evidence_level"]
    if level not in LEVELS:
        bad("evidence_level", f"must be one of {', '.join(LEVELS)}, got {level!r}")
    rating = row["rating"]
    if rating and not re.fullmatch(r"[1-5]", rating):
        bad("rating", f"must be a whole number from 1 to 5 (or empty), got {rating!r}")
    status = row["evidence_status"]
    if status not in STATUSES:
        bad("evidence_status", f"must be one of {', '.join(STATUSES)}, got {status!r}")
    source_type, citation_id = row["source_type"], row["citation_id"]
    if source_type == "PubMed" and not re.fullmatch(r"[1-9]\d{0,8}", citation_id):
        bad("citation_id", f"a PubMed source needs a PMID (digits), got {citation_id!r}")
    if len(run.problems) > problems:
        return

    if status != "accepted":
        run.counts["skipped"] += 1
        return
    if COMPLEX.search(mp):
        held = [w for w in re.split(r"\s+|::", mp) if _gene(vocabulary, w)]
        if held:
            run.unresolved("molecular profile", mp, where, "complex profile (AND/OR/NOT) not modelled")
        run.counts["skipped"] += 1
        return
    partners = mp.partition(" ")[0].split("::")
    gene = next((g for g in map(lambda p: _gene(vocabulary, p), reversed(partners)) if g), None)
    if gene is None:
        run.counts["skipped"] += 1
        return

    source_id = f"oncokg:src-civic-eid{eid}"
    origin = Origin(run.display, "row", number, f"EID{eid}")
    alteration = lookup(vocabulary, [mp], (Label.ALTERATION,))
    if alteration is None:
        alteration = "oncokg:alt-" + "-".join(w.replace("?", "unknown") for w in re.findall(r"[A-Za-z0-9.?]+", mp))
        if vocabulary.ids.get(alteration) not in (None, Label.ALTERATION):
            bad("molecular_profile", f"{alteration!r} is already the id of a {vocabulary.ids[alteration].value}")
            return
        if alteration not in vocabulary.ids:
            new = alterations.setdefault(alteration, _NewAlteration(short(mp), gene, origin, where))
            new.sources.add(source_id)

    therapies = [t.strip() for t in row["therapies"].split(",") if t.strip()]
    drugs = []
    for therapy in therapies:
        drug = lookup(vocabulary, [therapy], (Label.DRUG,))
        if drug:
            drugs.append(drug)
        else:
            hint = run.hint(vocabulary, therapy, (Label.DRUG,))
            run.unresolved("therapy", therapy, where, f"no drug of that name{hint}")
    trials = sorted({t for n in row.get("nct_ids", "").split(",")
                     if vocabulary.ids.get(t := f"NCT:{n.strip()}") == Label.TRIAL})

    significance = row["significance"] or None
    url = row.get("evidence_civic_url") or f"https://civicdb.org/links/evidence_items/{eid}"
    citation = row.get("citation", "")
    cited = f"{source_type} {citation_id}".strip()
    note = f"CIViC evidence item EID{eid}" + (f", citing {citation}" if citation else "")
    note += f" ({cited})" if cited else ""
    if row.get("doid"):
        note += f"; disease DOID:{row['doid']}"
    if row.get("is_flagged", "").lower() == "true":
        note += "; flagged in CIViC"
    publication = run.validate(Publication, {
        "id": source_id,
        "name": short(f"CIViC EID{eid}" + (f" ({citation})" if citation else "")),
        "kind": SourceKind.DATABASE,
        "evidence": EvidenceLevel.AUTHORITATIVE_EXPORT,
        "url": url,
        "pmid": citation_id if source_type == "PubMed" else None,
        "note": short(note + ".", 2000),
    }, where, COLUMNS)
    pmid = f"PMID:{citation_id}" if source_type == "PubMed" and f"PMID:{citation_id}" in vocabulary.ids else None
    what = ", ".join(therapies)
    # What the item states, with its direction when it is not 'Supports': "does not support: Sensitivity/Response".
    prefix = "" if direction == "Supports" else f"{DIRECTIONS[direction]}: "
    stated = prefix + (significance or "N/A")
    finding_id = f"oncokg:finding-civic-eid{eid}"
    finding = run.validate(Finding, {
        "id": finding_id,
        "name": short(f"CIViC EID{eid}: {mp}" + (f", {what}" if what else "") + f" — {stated}"
                      + (f" ({row['disease']})" if row["disease"] else "")),
        "kind": FindingKind.VARIANT_EVIDENCE,
        "metric": f"CIViC {evidence_type.lower()} evidence",
        "value_text": stated,
        "setting": Setting.NOT_REPORTED,
        "drug": drugs[0] if len(therapies) == 1 and drugs else None,
        "trial": trials[0] if len(trials) == 1 else None,
        "alteration": alteration,
        "therapies": therapies,
        "disease_name": short(row["disease"]) if row["disease"] else None,
        "evidence_type": evidence_type.lower(),
        "direction": DIRECTIONS[direction],
        "significance": significance,
        "source_level": level,
        "rating": int(rating) if rating else None,
        "evidence": EvidenceLevel.AUTHORITATIVE_EXPORT,
        "sources": [source_id] + ([pmid] if pmid else []),
        "note": short(row["evidence_statement"], 2000) if row.get("evidence_statement") else None,
    }, where, COLUMNS)
    if publication is None or finding is None:
        return
    run.emit("publications", publication, origin)
    run.emit("findings", finding, origin)
    run.counts["merged" if finding_id in vocabulary.ids else "added"] += 1


def _gene(vocabulary: Vocabulary, symbol: str) -> str | None:
    """The Target a CIViC feature name (a gene symbol) stands for, if the graph holds it."""
    if not symbol or symbol in ("v", "?"):
        return None
    return lookup(vocabulary, [symbol], (Label.TARGET,))
