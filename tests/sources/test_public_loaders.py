"""Public-data loaders (ClinicalTrials.gov, CIViC, ChEMBL): exact parse results, exact problems for malformed
input, counts and unresolved names, idempotency, and what the catalogue answers after a load.

Fixtures: tests/fixtures/public/ (TEST DATA in the sources' exact formats; see its README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg
from kg import stores as store
from kg.errors import ValidationError
from kg.graph import build as graph
from kg.model import Publication, Trial
from kg.questions import REGISTRY
from kg.sources import LOADERS, chembl, civic, clinicaltrials

PUBLIC = Path(__file__).parent.parent / "fixtures" / "public"
ALEX_JSON = PUBLIC / "ctgov-NCT02075840.json"
STUDIES_JSON = PUBLIC / "ctgov-studies.json"
CIVIC_TSV = PUBLIC / "civic-evidence.tsv"
CHEMBL_TSV = PUBLIC / "chembl-mechanisms.tsv"
CHEMBL_SEED = PUBLIC / "chembl-curated.yaml"
ALL = [("clinicaltrials", ALEX_JSON), ("clinicaltrials", STUDIES_JSON), ("civic", CIVIC_TSV), ("chembl", CHEMBL_TSV)]


@pytest.fixture(scope="module")
def vocab() -> graph.Vocabulary:
    """The vocabulary of the curated seed, as `kg load` hands it to a loader."""
    return graph.vocabulary(store.build()[0])


@pytest.fixture(scope="module")
def chembl_vocab() -> graph.Vocabulary:
    return graph.vocabulary(store.build([CHEMBL_SEED])[0])


def dump(loaded) -> dict:
    return loaded.record.model_dump(mode="json", exclude_defaults=True)


def test_the_three_loaders_are_registered():
    assert LOADERS == {"clinicaltrials": clinicaltrials.read, "civic": civic.read, "chembl": chembl.read}


# --------------------------------------------------------------------------- ClinicalTrials.gov


def test_a_curated_trial_is_supplemented_by_its_registry_record(vocab):
    result = clinicaltrials.read(ALEX_JSON, vocab, display="alex.json")
    assert result.problems == [] and result.unresolved == []
    assert result.counts == {"rows": 1, "added": 0, "merged": 1, "skipped": 0, "unresolved": 0}
    assert result.file.path == "alex.json" and result.file.records == 2 and len(result.file.sha256) == 64
    publication, trial = result.records
    assert all(r.supplement for r in result.records)
    assert str(trial.origin) == "alex.json: study[1] (NCT02075840)"
    assert (publication.kind, trial.kind) == ("publications", "trials")
    assert dump(publication) == {
        "id": "oncokg:src-ctgov-NCT02075840",
        "name": "ClinicalTrials.gov NCT02075840 (ALEX)",
        "title": "TEST FIXTURE: alectinib versus crizotinib in untreated ALK-positive NSCLC",
        "kind": "database",
        "evidence": "authoritative_export",
        "url": "https://clinicaltrials.gov/study/NCT02075840",
        "note": "Registry record read from a ClinicalTrials.gov API v2 study JSON; last update posted 2024-01-15.",
    }
    assert dump(trial) == {
        "id": "NCT:NCT02075840",
        "name": "ALEX",
        "title": "TEST FIXTURE (not the registry text): alectinib versus crizotinib in untreated ALK-positive NSCLC",
        "registry_ids": ["TEST-ORG-0001"],
        "phase": "3",
        "setting": "not reported",
        "enrolled": 303,
        "enrolled_note": "ClinicalTrials.gov enrollment: 303 (actual)",
        "drugs": ["DRUGBANK:DB11363", "DRUGBANK:DB08865"],
        "diseases": ["NCIT:C2926"],
        "status": "ACTIVE_NOT_RECRUITING",
        "conditions": ["Carcinoma, Non-Small-Cell Lung"],
        "interventions": ["Alectinib", "Crizotinib"],
        "eligibility_flags": ["prior ALK inhibitor: exclusion criteria"],
        "sources": ["oncokg:src-ctgov-NCT02075840"],
    }


def test_a_search_response_adds_a_new_trial_and_reports_what_it_cannot_resolve(vocab):
    result = clinicaltrials.read(STUDIES_JSON, vocab)
    assert result.problems == []
    assert result.counts == {"rows": 2, "added": 1, "merged": 1, "skipped": 0, "unresolved": 1}
    assert result.unresolved == [
        "condition 'ALK-positive Lung Cancer' (NCT02838420): no disease of that name",
    ]  # pemetrexed and docetaxel are in the curated seed
    trials = {r.record.id: r.record for r in result.records if isinstance(r.record, Trial)}
    assert trials["NCT:NCT02604342"].eligibility_flags == [
        "prior ALK inhibitor: inclusion criteria", "prior crizotinib: inclusion criteria"]
    assert trials["NCT:NCT02604342"].drugs == ["DRUGBANK:DB11363", "DRUGBANK:DB00642", "DRUGBANK:DB01248"]
    alesia = trials["NCT:NCT02838420"]
    assert alesia.model_dump(mode="json", exclude_defaults=True) == {
        "id": "NCT:NCT02838420",
        "name": "ALESIA",
        "title": "TEST FIXTURE (not the registry text): alectinib versus crizotinib in Asian patients",
        "registry_ids": ["TEST-ORG-0003"],
        "phase": "3",
        "setting": "not reported",
        "enrolled_note": "ClinicalTrials.gov enrollment: 180 (estimated)",
        "drugs": ["DRUGBANK:DB11363", "DRUGBANK:DB08865"],
        "diseases": ["NCIT:C2926"],
        "status": "COMPLETED",
        "conditions": ["Carcinoma, Non-Small-Cell Lung", "ALK-positive Lung Cancer"],
        "interventions": ["Alectinib", "Crizotinib", "ALK immunohistochemistry"],
        "eligibility_flags": ["prior ALK inhibitor: exclusion criteria"],
        "sources": ["oncokg:src-ctgov-NCT02838420"],
    }


def test_curated_trial_facts_win_and_the_registry_adds(vocab):
    g, _ = store.build(public=[("clinicaltrials", ALEX_JSON), ("clinicaltrials", STUDIES_JSON)])
    alur = g.nodes["NCT:NCT02604342"]
    assert alur["enrolled"] == 107  # curated (the registry file says 119)
    assert alur["setting"] == "crizotinib-refractory or intolerant"  # curated, not the loader's 'not reported'
    assert alur["registry_ids"] == ["MO29750", "TEST-ORG-0002"]  # union
    assert alur["status"] == "COMPLETED"  # a gap the registry fills
    assert "oncokg:src-ctgov-NCT02604342" in alur["sources"]
    assert ("NCT:NCT02604342", "oncokg:src-ctgov-NCT02604342", "REPORTED_IN") in g.edges(keys=True)
    assert sorted(v for _, v, k in g.out_edges("NCT:NCT02838420", keys=True) if k == "TESTED") == [
        "DRUGBANK:DB08865", "DRUGBANK:DB11363"]


@pytest.mark.parametrize(("text", "flags"), [
    ("Inclusion Criteria:\n* Progressed on crizotinib\nExclusion Criteria:\n* Prior ALK TKI other than crizotinib",
     ["prior ALK inhibitor: exclusion criteria", "prior ALK inhibitor: inclusion criteria",
      "prior crizotinib: exclusion criteria", "prior crizotinib: inclusion criteria"]),
    ("* Previously treated with\n  alectinib or brigatinib", [
        "prior ALK inhibitor: eligibility criteria", "prior alectinib: eligibility criteria",
        "prior brigatinib: eligibility criteria"]),
    ("Inclusion Criteria:\n* ALK inhibitor naive patients eligible for lorlatinib", []),
    ("Exclusion Criteria:\n* Prior chemotherapy", []),
    ("Inclusion Criteria:\n1. No prior treatment with an ALK inhibitor\n2. Adequate organ function",
     ["no prior ALK inhibitor: inclusion criteria"]),
])
def test_eligibility_flags(text, flags):
    assert clinicaltrials.eligibility_flags(text) == flags


def test_malformed_studies_name_file_study_path_and_problem(tmp_path, vocab):
    ident = "protocolSection.identificationModule"
    studies = [
        {"protocolSection": {"identificationModule": {"briefTitle": "no id"}}},
        {"protocolSection": {"identificationModule": {"nctId": "NCT123"}}},
        {"protocolSection": {
            "identificationModule": {"nctId": "NCT02075840", "acronym": 5},
            "statusModule": {"overallStatus": "done"},
            "designModule": {"phases": ["PHASE5"], "enrollmentInfo": {"count": "many", "type": "ACTUAL"}},
            "conditionsModule": {"conditions": "NSCLC"},
            "armsInterventionsModule": {"interventions": [{"type": "DRUG"}, {"name": "Alectinib", "otherNames": "x"}]},
        }},
        "not a study",
        {"protocolSection": {"identificationModule": {"nctId": "NCT02075840"}}},
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"studies": studies}))
    result = clinicaltrials.read(path, vocab, display="bad.json")
    assert result.problems == [
        f"bad.json: study 1: {ident}.nctId: required field is missing",
        f"bad.json: study 2: {ident}.nctId: 'NCT123' is not an NCT number ('NCT' followed by 8 digits)",
        f"bad.json: study 3 (NCT02075840): {ident}.acronym: must be text, got 5",
        "bad.json: study 3 (NCT02075840): protocolSection.statusModule.overallStatus: 'done' is not a registry "
        "status (e.g. COMPLETED, RECRUITING)",
        "bad.json: study 3 (NCT02075840): protocolSection.designModule.phases: unknown phase 'PHASE5' (expected "
        "one of EARLY_PHASE1, PHASE1, PHASE2, PHASE3, PHASE4, NA)",
        "bad.json: study 3 (NCT02075840): protocolSection.designModule.enrollmentInfo.count: must be a whole "
        "number of participants, got 'many'",
        "bad.json: study 3 (NCT02075840): protocolSection.conditionsModule.conditions: must be a list of text, "
        "got 'NSCLC'",
        "bad.json: study 3 (NCT02075840): protocolSection.armsInterventionsModule.interventions[0].name: required "
        "field is missing",
        "bad.json: study 3 (NCT02075840): protocolSection.armsInterventionsModule.interventions[1].otherNames: "
        "must be a list of text, got 'x'",
        "bad.json: study 4: record: must be a study object (with protocolSection)",
        f"bad.json: study 5 (NCT02075840): {ident}.nctId: duplicate study (first at study 3)",
    ]
    assert result.records == []


@pytest.mark.parametrize(("content", "problem"), [
    (b'{"studies": [\n{,]}', "f.json: line 2: not valid JSON: Expecting property name enclosed in double quotes"),
    (b'{"x": "caf\xe9"}', "f.json: not UTF-8 text (byte 10)"),
    (b"42", "f.json: expected a study object (with protocolSection), a list of studies, or an object whose "
            "'studies' is a list"),
])
def test_unreadable_json_files(tmp_path, vocab, content, problem):
    path = tmp_path / "f.json"
    path.write_bytes(content)
    assert clinicaltrials.read(path, vocab, display="f.json").problems == [problem]


def test_a_study_without_a_known_drug_or_disease_is_skipped_and_reported(tmp_path, vocab):
    path = tmp_path / "s.json"
    path.write_text(json.dumps([{"protocolSection": {
        "identificationModule": {"nctId": "NCT09999999"},
        "conditionsModule": {"conditions": ["Melanoma"]},
        "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Alectnib"}]},
    }}]))
    result = clinicaltrials.read(path, vocab)
    assert result.problems == [] and result.records == []
    assert result.counts == {"rows": 1, "added": 0, "merged": 0, "skipped": 1, "unresolved": 3}
    assert result.unresolved == [
        "condition 'Melanoma' (NCT09999999): no disease of that name",
        "intervention 'Alectnib' (NCT09999999): no drug of that name — did you mean alectinib?",
        "study 'NCT09999999' (study 1): not loaded: no intervention is a drug and no condition is a disease of "
        "the graph",
    ]


# --------------------------------------------------------------------------- CIViC


def test_civic_evidence_items_become_variant_evidence(vocab):
    result = civic.read(CIVIC_TSV, vocab, display="civic.tsv")
    assert result.problems == []
    assert result.counts == {"rows": 9, "added": 6, "merged": 0, "skipped": 3, "unresolved": 1}
    assert result.unresolved == [
        "molecular profile 'ALK F1174L AND ALK R1275Q' (row 8): complex profile (AND/OR/NOT) not modelled",
    ]  # pemetrexed is in the curated seed
    by_id = {r.record.id: r for r in result.records}
    assert sorted(by_id) == [
        "oncokg:alt-ALK-Fusion", "oncokg:alt-EML4-ALK-Fusion",
        *[f"oncokg:finding-civic-eid90000{n}" for n in (1, 2, 3, 4, 5, 9)],
        *[f"oncokg:src-civic-eid90000{n}" for n in (1, 2, 3, 4, 5, 9)],
    ]
    assert all(r.supplement for r in result.records)
    finding = by_id["oncokg:finding-civic-eid900003"]
    assert str(finding.origin) == "civic.tsv: row[4] (EID900003)"
    assert dump(finding) == {
        "id": "oncokg:finding-civic-eid900003",
        "name": "CIViC EID900003: EML4::ALK Fusion, Alectinib — Sensitivity/Response (Lung Non-small Cell Carcinoma)",
        "kind": "variant evidence",
        "metric": "CIViC predictive evidence",
        "value_text": "Sensitivity/Response",
        "setting": "not reported",
        "drug": "DRUGBANK:DB11363",
        "trial": "NCT:NCT01871805",
        "evidence": "authoritative_export",
        "alteration": "oncokg:alt-EML4-ALK-Fusion",
        "therapies": ["Alectinib"],
        "disease_name": "Lung Non-small Cell Carcinoma",
        "evidence_type": "predictive",
        "direction": "supports",
        "significance": "Sensitivity/Response",
        "source_level": "B",
        "rating": 4,
        "sources": ["oncokg:src-civic-eid900003", "PMID:26708155"],
        "note": "TEST FIXTURE row written for the tests, not a CIViC evidence statement.",
    }
    assert dump(by_id["oncokg:src-civic-eid900003"]) == {
        "id": "oncokg:src-civic-eid900003",
        "name": "CIViC EID900003 (Test citation (seed PMID), 2016)",
        "kind": "database",
        "evidence": "authoritative_export",
        "url": "https://civicdb.org/links/evidence_items/900003",
        "pmid": "26708155",
        "note": "CIViC evidence item EID900003, citing Test citation (seed PMID), 2016 (PubMed 26708155); disease "
                "DOID:3908.",
    }
    assert dump(by_id["oncokg:alt-EML4-ALK-Fusion"]) == {
        "id": "oncokg:alt-EML4-ALK-Fusion", "name": "EML4::ALK Fusion", "gene": "HGNC:427",
        "sources": ["oncokg:src-civic-eid900003"]}
    assert dump(by_id["oncokg:alt-ALK-Fusion"])["sources"] == ["oncokg:src-civic-eid900005",
                                                               "oncokg:src-civic-eid900009"]
    # a curated alteration is referred to, not re-created; a curated PMID is cited, an unknown one is not created
    resistance = by_id["oncokg:finding-civic-eid900001"].record
    assert (resistance.alteration, resistance.drug, resistance.sources) == (
        "oncokg:alt-ALK-L1196M", "DRUGBANK:DB08865", ["oncokg:src-civic-eid900001", "PMID:22034911"])
    negative = by_id["oncokg:finding-civic-eid900004"].record
    assert (negative.direction, negative.value_text, negative.rating) == (
        "does not support", "does not support: Sensitivity/Response", None)
    assert negative.name == ("CIViC EID900004: ALK G1202R, Alectinib — does not support: Sensitivity/Response "
                             "(Lung Non-small Cell Carcinoma)")
    combination = by_id["oncokg:finding-civic-eid900005"].record
    assert (combination.drug, combination.therapies) == (None, ["Crizotinib", "Pemetrexed"])
    prognostic = by_id["oncokg:finding-civic-eid900009"].record
    assert (prognostic.evidence_type, prognostic.drug, prognostic.therapies) == ("prognostic", None, [])
    assert not any(isinstance(r.record, Publication) and r.record.id.startswith("PMID:") for r in result.records)


def test_civic_links_in_the_graph(vocab):
    g, _ = store.build(public=[("civic", CIVIC_TSV)])
    out = sorted((k, v) for _, v, k in g.out_edges("oncokg:finding-civic-eid900003", keys=True))
    assert out == [("FROM_TRIAL", "NCT:NCT01871805"), ("OF_ALTERATION", "oncokg:alt-EML4-ALK-Fusion"),
                   ("OF_DRUG", "DRUGBANK:DB11363"), ("REPORTED_IN", "PMID:26708155"),
                   ("REPORTED_IN", "oncokg:src-civic-eid900003")]
    assert [v for _, v, k in g.out_edges("oncokg:alt-EML4-ALK-Fusion", keys=True)] == ["HGNC:427"]
    assert g.nodes["oncokg:finding-civic-eid900001"]["source_level"] == "D"


CIVIC_COLUMNS = CIVIC_TSV.read_text().splitlines()[0].split("\t")


def civic_row(**values: str) -> str:
    base = dict.fromkeys(CIVIC_COLUMNS, "")
    base.update(molecular_profile="ALK G1202R", disease="Lung Non-small Cell Carcinoma", therapies="Alectinib",
                evidence_type="Predictive", evidence_direction="Supports", evidence_level="D",
                significance="Resistance", citation_id="1", source_type="ASCO", evidence_status="accepted")
    base.update(values)
    return "\t".join(base[c] for c in CIVIC_COLUMNS)


def test_malformed_civic_rows_name_file_row_column_and_problem(tmp_path, vocab):
    lines = ["\t".join(CIVIC_COLUMNS),
             civic_row(evidence_id="abc"),
             civic_row(evidence_id="11", evidence_type="Curative", evidence_direction="Maybe", evidence_level="F",
                       rating="7"),
             civic_row(evidence_id="12", source_type="PubMed", citation_id="PMC123", evidence_status="pending"),
             civic_row(evidence_id="13", molecular_profile=""),
             civic_row(evidence_id="14"),
             civic_row(evidence_id="14"),
             "ALK G1202R\t1\tshort row"]
    path = tmp_path / "civic.tsv"
    path.write_text("\n".join(lines) + "\n")
    result = civic.read(path, vocab, display="civic.tsv")
    assert result.problems == [
        "civic.tsv: row 2: evidence_id: must be a positive whole number, got 'abc'",
        "civic.tsv: row 3: evidence_type: must be one of Predictive, Diagnostic, Prognostic, Predisposing, "
        "Oncogenic, Functional, got 'Curative'",
        "civic.tsv: row 3: evidence_direction: must be one of Supports, Does Not Support, N/A, got 'Maybe'",
        "civic.tsv: row 3: evidence_level: must be one of A, B, C, D, E, got 'F'",
        "civic.tsv: row 3: rating: must be a whole number from 1 to 5 (or empty), got '7'",
        "civic.tsv: row 4: evidence_status: must be one of accepted, submitted, rejected, got 'pending'",
        "civic.tsv: row 4: citation_id: a PubMed source needs a PMID (digits), got 'PMC123'",
        "civic.tsv: row 5: molecular_profile: required value is missing",
        "civic.tsv: row 7: evidence_id: duplicate evidence item 14 (first at row 6)",
        "civic.tsv: row 8: 3 cells, but the header has 25 columns",
    ]


@pytest.mark.parametrize(("content", "problem"), [
    ("molecular_profile\tdisease\tevidence_id\n",
     "c.tsv: row 1: header: missing columns 'therapies', 'evidence_type', 'evidence_direction', 'evidence_level', "
     "'significance', 'citation_id', 'source_type', 'rating', 'evidence_status' (found 'molecular_profile', "
     "'disease', 'evidence_id')"),
    ("", "c.tsv: empty file (expected a header row)"),
])
def test_civic_file_problems(tmp_path, vocab, content, problem):
    path = tmp_path / "c.tsv"
    path.write_text(content)
    assert civic.read(path, vocab, display="c.tsv").problems == [problem]


# --------------------------------------------------------------------------- ChEMBL


def test_chembl_on_the_curated_seed_reports_targets_it_cannot_name(vocab):
    result = chembl.read(CHEMBL_TSV, vocab)
    assert result.problems == [] and result.records == []
    assert result.counts == {"rows": 5, "added": 0, "merged": 0, "skipped": 5, "unresolved": 4}
    hint = "add ChEMBL's target name as a synonym of the gene to load it"
    assert result.unresolved == [
        f"target 'ALK tyrosine kinase receptor (CHEMBL4247)' (row 2): no target of that name (mechanism of "
        f"CRIZOTINIB (CHEMBL601719)); {hint}",
        f"target 'Epidermal growth factor receptor erbB1 (CHEMBL203)' (row 5): no target of that name (mechanism of "
        f"GEFITINIB (CHEMBL939)); {hint}",
        f"target 'Hepatocyte growth factor receptor (CHEMBL3717)' (row 3): no target of that name (mechanism of "
        f"CRIZOTINIB (CHEMBL601719)); {hint}",
        f"target 'Proto-oncogene tyrosine-protein kinase ROS (CHEMBL5568)' (row 4): no target of that name "
        f"(mechanism of CRIZOTINIB (CHEMBL601719)); {hint}",
    ]


def test_chembl_mechanisms_become_inhibits_statements(chembl_vocab):
    result = chembl.read(CHEMBL_TSV, chembl_vocab, display="chembl.tsv")
    assert result.problems == []
    assert result.counts == {"rows": 5, "added": 2, "merged": 0, "skipped": 3, "unresolved": 1}
    assert [(r.kind, str(r.origin)) for r in result.records] == [
        ("publications", "chembl.tsv: row[2] (CHEMBL601719 CHEMBL4247)"),
        ("drug_targets", "chembl.tsv: row[2] (CHEMBL601719 CHEMBL4247)"),
        ("drug_targets", "chembl.tsv: row[3] (CHEMBL601719 CHEMBL3717)"),
    ]
    assert dump(result.records[0]) == {
        "id": "oncokg:src-chembl-mechanism-CHEMBL601719",
        "name": "ChEMBL drug mechanisms of CRIZOTINIB (CHEMBL601719)",
        "kind": "database",
        "evidence": "authoritative_export",
        "url": "https://www.ebi.ac.uk/chembl/explore/compound/CHEMBL601719",
        "note": "Rows of a ChEMBL drug-mechanism download (ChEMBL interface, Drug Mechanisms).",
    }
    assert [dump(r) for r in result.records[1:]] == [
        {"drug": "DRUGBANK:DB08865", "target": "HGNC:427",
         "qualifier": "ChEMBL mechanism of action: ALK tyrosine kinase receptor inhibitor",
         "sources": ["oncokg:src-chembl-mechanism-CHEMBL601719"]},
        {"drug": "DRUGBANK:DB08865", "target": "HGNC:7029",
         "qualifier": "ChEMBL mechanism of action: Hepatocyte growth factor receptor inhibitor",
         "sources": ["oncokg:src-chembl-mechanism-CHEMBL601719"]},
    ]


def test_a_chembl_statement_merges_into_the_curated_edge():
    g, _ = store.build([CHEMBL_SEED], public=[("chembl", CHEMBL_TSV)])
    assert g.edges["DRUGBANK:DB08865", "HGNC:427", "INHIBITS"] == {
        "type": "INHIBITS",
        "sources": ["oncokg:src-chembl-mechanism-CHEMBL601719", "oncokg:src-test-chembl-curation"],
        "statements": ["oncokg:src-chembl-mechanism-CHEMBL601719 | ChEMBL mechanism of action: ALK tyrosine kinase "
                       "receptor inhibitor", "oncokg:src-test-chembl-curation | primary"],
        "roles": ["primary"],
        "qualifiers": ["ChEMBL mechanism of action: ALK tyrosine kinase receptor inhibitor"],
    }
    assert "roles" not in g.edges["DRUGBANK:DB08865", "HGNC:7029", "INHIBITS"]  # no role stated: no property
    rows = kg.ask("drugs-for-target", store.MemoryStore(g), target="ALK").rows
    assert sorted(s["id"] for st in rows[0]["statements"] for s in st["sources"]) == [
        "oncokg:src-chembl-mechanism-CHEMBL601719", "oncokg:src-test-chembl-curation"]


CHEMBL_HEADER = ["Parent Molecule ChEMBL ID", "Parent Molecule Name", "Mechanism of Action", "Target ChEMBL ID",
                 "Target Name", "Action Type", "Target Type", "Target Organism", "Synonyms"]


def chembl_file(path: Path, rows: list[list[str]], sep: str = "\t") -> Path:
    path.write_text("\n".join(sep.join(f'"{c}"' for c in r) for r in [CHEMBL_HEADER] + rows) + "\n")
    return path


def test_chembl_rows_it_does_not_model_are_counted_and_reported(tmp_path, chembl_vocab):
    human = ["SINGLE PROTEIN", "Homo sapiens"]
    alk = ["CHEMBL4247", "ALK tyrosine kinase receptor"]
    path = chembl_file(tmp_path / "m.csv", [
        ["CHEMBL601719", "CRIZOTINIB", "ALK tyrosine kinase receptor inhibitor", *alk, "INHIBITOR", *human, ""],
        ["CHEMBL601719", "CRIZOTINIB", "ALK tyrosine kinase receptor inhibitor", *alk, "INHIBITOR", *human, ""],
        ["CHEMBL601719", "CRIZOTINIB", "test", "CHEMBL4302", "P-glycoprotein 1", "INHIBITOR", *human, ""],
        ["CHEMBL601719", "CRIZOTINIB", "test", "CHEMBL3717", "Hepatocyte growth factor receptor", "MODULATOR",
         *human, ""],
        ["CHEMBL601719", "CRIZOTINIB", "test", *alk, "INHIBITOR", "SINGLE PROTEIN", "Mus musculus", ""],
        ["CHEMBL2", "TESTMOLECULE", "test", "", "", "INHIBITOR", "", "", "Xalkori (trade name)|"],
        ["CHEMBL3", "UNKNOWNDRUG", "test", *alk, "INHIBITOR", *human, ""],
    ], sep=";")
    result = chembl.read(path, chembl_vocab, display="m.csv")
    assert result.problems == []
    assert result.counts == {"rows": 7, "added": 1, "merged": 1, "skipped": 5, "unresolved": 2}
    assert result.unresolved == [
        "action type 'MODULATOR' (row 5): CRIZOTINIB (CHEMBL601719) on Hepatocyte growth factor receptor "
        "(CHEMBL3717): only INHIBITOR becomes INHIBITS",
        "target 'P-glycoprotein 1 (CHEMBL4302)' (row 4): a transporter: the INHIBITOR mechanism of CRIZOTINIB "
        "(CHEMBL601719) is not loaded (transporter roles need a system and a qualifier)",
    ]


def test_malformed_chembl_rows(tmp_path, chembl_vocab):
    path = chembl_file(tmp_path / "m.tsv", [
        ["X601719", "CRIZOTINIB", "test", "4247", "ALK tyrosine kinase receptor", "", "SINGLE PROTEIN",
         "Homo sapiens", ""],
    ])
    assert chembl.read(path, chembl_vocab, display="m.tsv").problems == [
        "m.tsv: row 2: Parent Molecule ChEMBL ID: 'X601719' is not a ChEMBL id (CHEMBL followed by digits)",
        "m.tsv: row 2: Target ChEMBL ID: '4247' is not a ChEMBL id (CHEMBL followed by digits)",
        "m.tsv: row 2: Action Type: required value is missing",
    ]
    (tmp_path / "h.tsv").write_text('"Parent Molecule ChEMBL ID"\t"Target Name"\n')
    assert chembl.read(tmp_path / "h.tsv", chembl_vocab, display="h.tsv").problems == [
        "h.tsv: row 1: header: missing columns 'Parent Molecule Name', 'Mechanism of Action', 'Action Type', "
        "'Target ChEMBL ID' (found 'Parent Molecule ChEMBL ID', 'Target Name')",
    ]


# --------------------------------------------------------------------------- all three, through kg.stores.build


def test_progress_is_reported_in_row_counts(vocab):
    seen: list[int] = []
    civic.read(CIVIC_TSV, vocab, progress=seen.append)
    assert seen == [9]


def test_bad_input_loads_nothing_and_lists_every_problem(tmp_path):
    path = tmp_path / "civic.tsv"
    path.write_text("\t".join(CIVIC_COLUMNS) + "\n" + civic_row(evidence_id="21", evidence_level="Z") + "\n")
    with pytest.raises(ValidationError) as e:
        store.build(public=[("civic", path), ("clinicaltrials", ALEX_JSON)])
    assert e.value.problems == [f"{path}: row 2: evidence_level: must be one of A, B, C, D, E, got 'Z'"]


def test_loading_is_idempotent():
    g1, files1 = store.build(public=ALL)
    g2, files2 = store.build(public=ALL)
    assert graph.fingerprint(g1) == graph.fingerprint(g2)
    assert files1 == files2
    g3, _ = store.build(public=ALL + ALL)  # the same files loaded again change nothing
    assert graph.fingerprint(g3) == graph.fingerprint(g1)
    assert graph.fingerprint(g1) != graph.fingerprint(store.build()[0])


def test_the_release_files_name_each_loaded_file_with_its_checksum():
    _, files = store.build(public=ALL)
    public = [(f.path, f.records) for f in files[-4:]]
    assert public == [(str(ALEX_JSON), 2), (str(STUDIES_JSON), 4), (str(CIVIC_TSV), 14), (str(CHEMBL_TSV), 0)]
    assert all(len(f.sha256) == 64 for f in files[-4:])


def _rows(answer) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "graph"} for row in answer.rows]


# Row fields that list a row's (or a trial record's) own sources: a loaded file may add to them.
SOURCE_KEYS = ("sources", "trial_sources")


def test_catalogue_keeps_the_curated_answers_and_adds_the_new_evidence():
    curated, loaded = store.MemoryStore(store.build()[0]), store.MemoryStore(store.build(public=ALL)[0])
    for question in sorted(REGISTRY):
        before, after = _rows(kg.ask(question, curated)), _rows(kg.ask(question, loaded))
        for row in before:  # every curated row is still there, its sources (and a trial's drugs) kept; they may grow
            grow = (*SOURCE_KEYS, "drugs") if question == "trials-for-drug" else SOURCE_KEYS
            same = [r for r in after if {k: v for k, v in r.items() if k not in grow}
                    == {k: v for k, v in row.items() if k not in grow}]
            assert same, f"{question}: curated row lost: {row}"
            for key in grow:
                if isinstance(row.get(key), list):
                    assert all(s in same[0][key] for s in row[key]), question
    assert _rows(kg.ask("alk-cns-after-crizotinib", loaded)) == _rows(kg.ask("alk-cns-after-crizotinib", curated))

    # trials-for-drug shows the change: a trial the seed does not hold, and a registry source on ALEX
    trials = {r["trial"]: r for r in _rows(kg.ask("trials-for-drug", loaded, drug="alectinib"))}
    before = {r["trial"]: r for r in _rows(kg.ask("trials-for-drug", curated, drug="alectinib"))}
    assert sorted(set(trials) - set(before)) == ["ALESIA"]
    # the registry's comparator arm of ALUR (pemetrexed or docetaxel) resolves to the seed's drugs
    assert (before["ALUR"]["drugs"], trials["ALUR"]["drugs"]) == (["alectinib"], ["alectinib", "docetaxel", "pemetrexed"])
    assert trials["ALESIA"] == {
        "trial": "ALESIA", "trial_id": "NCT:NCT02838420", "phase": "3", "setting": "not reported", "enrolled": None,
        "verified": True, "drugs": ["alectinib", "crizotinib"], "findings": [],
        "trial_sources": [{"id": "oncokg:src-ctgov-NCT02838420", "name": "ClinicalTrials.gov NCT02838420 (ALESIA)",
                           "kind": "database", "verified": True, "evidence": "authoritative_export"}],
    }
    added = [s for s in trials["ALEX"]["trial_sources"] if s not in before["ALEX"]["trial_sources"]]
    assert added == [{"id": "oncokg:src-ctgov-NCT02075840", "name": "ClinicalTrials.gov NCT02075840 (ALEX)",
                      "kind": "database", "verified": True, "evidence": "authoritative_export"}]
    assert trials["ALEX"]["findings"] == before["ALEX"]["findings"]
