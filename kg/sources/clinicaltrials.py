"""ClinicalTrials.gov study records (API v2 JSON) -> Trial records, merged into curated trials by NCT id.

Where the file comes from (https://clinicaltrials.gov/data-api/api):
  one study:   https://clinicaltrials.gov/api/v2/studies/NCT02075840            (the study object itself)
  a search:    https://clinicaltrials.gov/api/v2/studies?query.term=alectinib   (an object whose "studies" is a list)
A file may also hold a plain JSON list of study objects. Field reference:
https://clinicaltrials.gov/data-api/about-api/study-data-structure

JSON paths read (everything else is ignored):
  protocolSection.identificationModule.nctId                 required, "NCT" + 8 digits -> Trial id NCT:<nctId>
  protocolSection.identificationModule.acronym               -> name (else the NCT number)
  protocolSection.identificationModule.officialTitle, .briefTitle -> title (official first)
  protocolSection.identificationModule.orgStudyIdInfo.id, .secondaryIdInfos[].id -> registry_ids
  protocolSection.statusModule.overallStatus                 -> status, as given (e.g. COMPLETED)
  protocolSection.statusModule.lastUpdatePostDateStruct.date -> the note of the registry source
  protocolSection.designModule.phases                        -> phase: [PHASE1] 1, [PHASE1, PHASE2] 1/2, [PHASE2] 2,
                                                                [PHASE2, PHASE3] 2/3, [PHASE3] 3, [PHASE4] 4; none for
                                                                EARLY_PHASE1 and NA
  protocolSection.designModule.enrollmentInfo.count, .type   -> enrolled when ACTUAL; enrolled_note either way
  protocolSection.conditionsModule.conditions[]              -> conditions (text); those naming a Disease of the graph
                                                                (name or synonym; MeSH-style "Carcinoma, Non-Small-
                                                                Cell Lung" read as "non-small-cell lung carcinoma")
                                                                -> ENROLLED
  protocolSection.armsInterventionsModule.interventions[].type, .name, .otherNames[]
                                                             -> interventions (text); DRUG and BIOLOGICAL ones naming a
                                                                Drug of the graph (name, then other names) -> TESTED
  protocolSection.eligibilityModule.eligibilityCriteria      -> eligibility_flags (see `eligibility_flags`)

Merging: a study whose NCT id is already a Trial is a supplement of it — curated values win, the registry fills
what the curated record leaves empty (title, status, phase, enrolment) and adds to its lists (registry ids,
conditions, interventions, flags, sources, TESTED and ENROLLED for what it resolves). A study the graph does not
hold becomes a new Trial with setting 'not reported' (the registry does not state prior therapy in the graph's
terms; the flags show what its eligibility text says). A Trial needs a drug and a disease, so a study that
resolves neither is skipped. Names that resolve to nothing are reported as unresolved; drugs are never created.

Provenance: each study emits the Publication `oncokg:src-ctgov-<NCT id>` (kind database, evidence
authoritative_export, url https://clinicaltrials.gov/study/<NCT id>) and the Trial cites it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kg.model import EvidenceLevel, Label, Publication, Setting, SourceKind, Trial
from kg.model.names import Vocabulary
from kg.sources import LoaderResult
from kg.sources.public import Progress, Run, lookup, read_text, short
from kg.sources.loaded import Origin

NCT = re.compile(r"NCT\d{8}")
PHASES = {
    ("PHASE1",): "1", ("PHASE1", "PHASE2"): "1/2", ("PHASE2",): "2", ("PHASE2", "PHASE3"): "2/3",
    ("PHASE3",): "3", ("PHASE4",): "4",
}
KNOWN_PHASES = ("EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4", "NA")
DRUG_INTERVENTIONS = ("DRUG", "BIOLOGICAL")

# Reading eligibility text: an ALK inhibitor named generically or by INN, next to a word of prior exposure.
ALK_INHIBITORS = ("crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib", "ensartinib")
ALK_GENERIC = re.compile(r"\bALK\b[\s-]*(?:tyrosine[\s-]+kinase[\s-]+)?(?:inhibitors?|TKIs?|targeted|directed)\b", re.I)
ALK_NAMED = re.compile(r"\b(" + "|".join(ALK_INHIBITORS) + r")\b", re.I)
PRIOR = re.compile(
    r"\b(prior|previous(?:ly)?|pre-?treated|progress(?:ed|ion)|received|treated\s+with|refractory|"
    r"resistan(?:t|ce)|intoleran(?:t|ce)|fail(?:ed|ure)|exposure|exposed)\b", re.I)
NEGATION = re.compile(r"\b(no|not|without|never|na[iï]ve)\b", re.I)
HEADING = re.compile(r"^\s*(inclusion|exclusion)\s+criteria\b", re.I)
BULLET = re.compile(r"^\s*(?:[*\-\u2022]|\d+[.)])\s+")

IDENT = "protocolSection.identificationModule"
STATUS = "protocolSection.statusModule"
DESIGN = "protocolSection.designModule"
CONDITIONS = "protocolSection.conditionsModule.conditions"
INTERVENTIONS = "protocolSection.armsInterventionsModule.interventions"
ELIGIBILITY = "protocolSection.eligibilityModule.eligibilityCriteria"


def read(path: Path, vocabulary: Vocabulary, *, display: str | None = None,
         progress: Progress | None = None) -> LoaderResult:
    """Read a ClinicalTrials.gov API v2 JSON file (one study, a list, or {"studies": [...]})."""
    run = Run(display or str(path), progress)
    text, checksum = read_text(path, run)
    if text is None:
        return run.result(checksum)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        run.file_problem(f"line {e.lineno}: not valid JSON: {e.msg}")
        return run.result(checksum)
    if isinstance(doc, dict) and "studies" in doc:
        studies = doc["studies"]
    elif isinstance(doc, dict) and "protocolSection" in doc:
        studies = [doc]
    else:
        studies = doc
    if not isinstance(studies, list):
        run.file_problem("expected a study object (with protocolSection), a list of studies, "
                         "or an object whose 'studies' is a list")
        return run.result(checksum)
    seen: dict[str, int] = {}
    for number, study in enumerate(studies, start=1):
        run.tick()
        _study(run, vocabulary, number, study, seen)
    return run.result(checksum)


class _Study:
    """Typed access to one study object; every wrong type becomes a problem at its JSON path."""

    def __init__(self, run: Run, data: Any, where: str):
        self.run, self.data, self.where, self.ok = run, data, where, True

    def get(self, path: str) -> Any:
        value = self.data
        for part in path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def bad(self, path: str, message: str) -> None:
        self.ok = False
        self.run.problem(self.where, path, message)

    def text(self, path: str) -> str | None:
        value = self.get(path)
        if value is None:
            return None
        if not isinstance(value, str):
            self.bad(path, f"must be text, got {value!r}")
            return None
        return value.strip() or None

    def texts(self, path: str) -> list[str]:
        value = self.get(path)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.bad(path, f"must be a list of text, got {value!r}")
            return []
        return [v.strip() for v in value if v.strip()]

    def objects(self, path: str) -> list[dict]:
        value = self.get(path)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.bad(path, "must be a list of objects")
            return []
        return value


def _study(run: Run, vocabulary: Vocabulary, number: int, data: Any, seen: dict[str, int]) -> None:
    where = f"study {number}"
    if not isinstance(data, dict):
        run.problem(where, "record", "must be a study object (with protocolSection)")
        return
    s = _Study(run, data, where)
    raw_nct = s.get(f"{IDENT}.nctId")
    if raw_nct is None:
        s.bad(f"{IDENT}.nctId", "required field is missing")
        return
    if not isinstance(raw_nct, str) or not NCT.fullmatch(raw_nct.strip()):
        s.bad(f"{IDENT}.nctId", f"{raw_nct!r} is not an NCT number ('NCT' followed by 8 digits)")
        return
    nct = raw_nct.strip()
    s.where = where = f"study {number} ({nct})"
    if nct in seen:
        s.bad(f"{IDENT}.nctId", f"duplicate study (first at study {seen[nct]})")
        return
    seen[nct] = number

    acronym = s.text(f"{IDENT}.acronym")
    brief = s.text(f"{IDENT}.briefTitle")
    official = s.text(f"{IDENT}.officialTitle")
    registry_ids = [i for i in [s.text(f"{IDENT}.orgStudyIdInfo.id")] if i]
    for k, info in enumerate(s.objects(f"{IDENT}.secondaryIdInfos")):
        value = info.get("id")
        if isinstance(value, str) and value.strip():
            registry_ids.append(value.strip())
        elif value is not None:
            s.bad(f"{IDENT}.secondaryIdInfos[{k}].id", f"must be text, got {value!r}")
    status = s.text(f"{STATUS}.overallStatus")
    if status is not None and not re.fullmatch(r"[A-Z][A-Z_]*", status):
        s.bad(f"{STATUS}.overallStatus", f"{status!r} is not a registry status (e.g. COMPLETED, RECRUITING)")
    updated = s.text(f"{STATUS}.lastUpdatePostDateStruct.date")
    phase = _phase(s)
    enrolled, enrolled_note = _enrollment(s)
    conditions = s.texts(CONDITIONS)
    interventions = s.objects(INTERVENTIONS)
    names: list[str] = []
    for k, item in enumerate(interventions):
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            s.bad(f"{INTERVENTIONS}[{k}].name",
                  "required field is missing" if name is None else f"must be text, got {name!r}")
        else:
            names.append(name.strip())
        other = item.get("otherNames")
        if other is not None and (not isinstance(other, list) or not all(isinstance(o, str) for o in other)):
            s.bad(f"{INTERVENTIONS}[{k}].otherNames", f"must be a list of text, got {other!r}")
        kind = item.get("type")
        if kind is not None and not isinstance(kind, str):
            s.bad(f"{INTERVENTIONS}[{k}].type", f"must be text, got {kind!r}")
    criteria = s.text(ELIGIBILITY)
    if not s.ok:
        return

    # -- resolve drugs and diseases
    drugs: list[str] = []
    for item in interventions:
        if str(item.get("type", "")).upper() not in DRUG_INTERVENTIONS:
            continue
        name = item["name"].strip()
        drug = lookup(vocabulary, [name] + [o.strip() for o in item.get("otherNames") or []], (Label.DRUG,))
        if drug:
            if drug not in drugs:
                drugs.append(drug)
        else:
            hint = run.hint(vocabulary, name, (Label.DRUG,))
            run.unresolved("intervention", name, nct, f"no drug of that name{hint}")
    diseases: list[str] = []
    for condition in conditions:
        disease = _disease(vocabulary, condition)
        if disease:
            if disease not in diseases:
                diseases.append(disease)
        else:
            run.unresolved("condition", condition, nct, "no disease of that name")

    trial_id = f"NCT:{nct}"
    curated = trial_id in vocabulary.ids
    if not drugs or not diseases:
        missing = " and ".join(what for what, got in (("no intervention is a drug", drugs),
                                                      ("no condition is a disease", diseases)) if not got)
        run.unresolved("study", nct, f"study {number}", f"not loaded: {missing} of the graph")
        run.counts["skipped"] += 1
        return

    source_id = f"oncokg:src-ctgov-{nct}"
    origin = Origin(run.display, "study", number, nct)
    publication = run.validate(Publication, {
        "id": source_id,
        "name": short(f"ClinicalTrials.gov {nct}" + (f" ({acronym})" if acronym else "")),
        "title": short(brief, 2000) if brief else None,
        "kind": SourceKind.DATABASE,
        "evidence": EvidenceLevel.AUTHORITATIVE_EXPORT,
        "url": f"https://clinicaltrials.gov/study/{nct}",
        "note": "Registry record read from a ClinicalTrials.gov API v2 study JSON"
                + (f"; last update posted {updated}." if updated else "."),
    }, where, {})
    trial = run.validate(Trial, {
        "id": trial_id,
        "name": short(acronym or nct),
        "title": short(title, 2000) if (title := official or brief) else None,
        "registry_ids": sorted({short(i) for i in registry_ids if i != nct}),
        "phase": phase,
        "setting": Setting.NOT_REPORTED,
        "enrolled": enrolled,
        "enrolled_note": enrolled_note,
        "drugs": drugs,
        "diseases": diseases,
        "status": status,
        "conditions": [short(c) for c in conditions],
        "interventions": [short(n) for n in names],
        "eligibility_flags": eligibility_flags(criteria or ""),
        "sources": [source_id],
    }, where, {
        "name": f"{IDENT}.acronym", "title": f"{IDENT}.officialTitle", "registry_ids": f"{IDENT}.orgStudyIdInfo.id",
        "phase": f"{DESIGN}.phases", "enrolled": f"{DESIGN}.enrollmentInfo.count", "status": f"{STATUS}.overallStatus",
        "conditions": CONDITIONS, "interventions": INTERVENTIONS,
    })
    if publication is None or trial is None:
        return
    run.emit("publications", publication, origin)
    run.emit("trials", trial, origin)
    run.counts["merged" if curated else "added"] += 1


def _phase(s: _Study) -> str | None:
    path = f"{DESIGN}.phases"
    phases = s.texts(path)
    unknown = [p for p in phases if p not in KNOWN_PHASES]
    if unknown:
        s.bad(path, f"unknown phase {unknown[0]!r} (expected one of {', '.join(KNOWN_PHASES)})")
        return None
    return PHASES.get(tuple(sorted(p for p in phases if p not in ("EARLY_PHASE1", "NA"))))


def _enrollment(s: _Study) -> tuple[int | None, str | None]:
    count, kind = s.get(f"{DESIGN}.enrollmentInfo.count"), s.get(f"{DESIGN}.enrollmentInfo.type")
    if count is None:
        return None, None
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        s.bad(f"{DESIGN}.enrollmentInfo.count", f"must be a whole number of participants, got {count!r}")
        return None, None
    if kind is not None and kind not in ("ACTUAL", "ESTIMATED"):
        s.bad(f"{DESIGN}.enrollmentInfo.type", f"must be ACTUAL or ESTIMATED, got {kind!r}")
        return None, None
    note = f"ClinicalTrials.gov enrollment: {count}" + (f" ({kind.lower()})" if kind else "")
    return (count if kind == "ACTUAL" else None), note


def _normal(text: str) -> str:
    """Lower case, hyphens as spaces, a MeSH-style inversion ('Carcinoma, Lung') read in order."""
    t = text.lower().strip()
    if t.count(",") == 1:
        head, tail = t.split(",")
        t = f"{tail.strip()} {head.strip()}"
    return re.sub(r"[\s\-]+", " ", t).strip()


def _disease(vocabulary: Vocabulary, condition: str) -> str | None:
    found = lookup(vocabulary, [condition], (Label.DISEASE,))
    if found:
        return found
    wanted = _normal(condition)
    matches = {node for name, node in vocabulary.names[Label.DISEASE].items() if _normal(name) == wanted}
    return matches.pop() if len(matches) == 1 else None


def eligibility_flags(criteria: str) -> list[str]:
    """Flags for prior ALK-inhibitor exposure in eligibility text, per section:
    'prior ALK inhibitor: inclusion criteria' (or exclusion, or 'eligibility criteria' before any heading) when a
    criterion mentions an ALK inhibitor next to a word of prior exposure; 'prior <drug>: <section>' for each ALK
    inhibitor it names; 'no prior ...' when the criterion also holds a negation (no, not, without, never, naive).
    A criterion is a bulleted item with its continuation lines. The flags say where the text mentions the
    exposure, not what a reader concludes from it."""
    flags: set[str] = set()
    section = "eligibility criteria"
    items: list[tuple[str, str]] = []
    for line in criteria.splitlines():
        if not line.strip():
            continue
        heading = HEADING.match(line)
        if heading:
            section = f"{heading.group(1).lower()} criteria"
            continue
        if BULLET.match(line) or not items or items[-1][0] != section:
            items.append((section, line.strip()))
        else:
            items[-1] = (section, f"{items[-1][1]} {line.strip()}")
    for section, item in items:
        named = sorted({m.lower() for m in ALK_NAMED.findall(item)})
        if not (named or ALK_GENERIC.search(item)) or not PRIOR.search(item):
            continue
        prior = "no prior" if NEGATION.search(item) else "prior"
        flags.add(f"{prior} ALK inhibitor: {section}")
        flags.update(f"{prior} {drug}: {section}" for drug in named)
    return sorted(flags)
