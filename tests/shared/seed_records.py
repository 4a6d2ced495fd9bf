"""One valid record of every seed kind, every optional field filled, naming records of the mini fixture
(tests/fixtures/mini/mini.yaml, used as the curated seed). Hostile-input and fuzz tests start from these."""

from __future__ import annotations

from pathlib import Path
from typing import Any

MINI = Path(__file__).parent.parent / "fixtures" / "mini" / "mini.yaml"

PAPER, LABEL = "oncokg:src-test-paper-a", "oncokg:src-test-label-c"
ALTERATION = {"id": "oncokg:alt-test-base", "name": "ALK T1X", "gene": "ALK", "sources": [PAPER]}

BASE: dict[str, dict[str, Any]] = {
    "publications": {"id": "oncokg:src-test-hostile", "name": "Hostile paper", "title": "t", "kind": "review",
                     "evidence": "primary", "journal": "j", "year": 2020, "authors": "a", "url": "https://x.test/",
                     "pmid": "123", "doi": "10.1234/abc", "verified": True, "note": "n"},
    "targets": {"id": "HGNC:9000", "name": "TSTA", "full_name": "f", "synonyms": ["s"], "ncbi_gene": 1,
                "ensembl": "ENSG00000000001", "uniprot": "P12345", "sources": [PAPER]},
    "transporters": {"id": "HGNC:9001", "name": "TSTB", "full_name": "f", "synonyms": ["s"], "ncbi_gene": 2,
                     "ensembl": "ENSG00000000002", "uniprot": "Q12345", "sources": [PAPER]},
    "alterations": {"id": "oncokg:alt-test-hostile", "name": "ALK T2X", "gene": "ALK", "sources": [PAPER]},
    "diseases": {"id": "NCIT:C9000000", "name": "test disease", "synonyms": ["td"], "parent": "NSCLC",
                 "mondo": "MONDO:0000001", "umls": "C0000001", "sources": [PAPER]},
    "sites": {"id": "oncokg:site-test-hostile", "name": "test site", "synonyms": ["ts"], "cns": True,
              "part_of": ["CNS"], "ncit": "NCIT:C1", "sources": [PAPER], "note": "n"},
    "drugs": {"id": "DRUGBANK:DB90000", "name": "epsilontestinib", "synonyms": ["eps"], "brands": ["Epsbrand"],
              "drug_class": "ALK inhibitor", "generation": "third", "approval": "2020", "chembl": "CHEMBL1",
              "pubchem_cid": 1, "chebi": 1, "inchikey": "AAAAAAAAAAAAAA-BBBBBBBBBB-C", "cas": "12-34-5",
              "unii": "ABCDEFGHIJ", "sources": [LABEL], "note": "n"},
    "trials": {"id": "oncokg:trial-test-hostile", "name": "TEST-HOSTILE", "title": "t", "registry_ids": ["J-1"],
               "phase": "2", "arms": "a", "population": "p", "setting": "mixed", "enrolled": 10,
               "enrolled_note": "e", "drugs": ["alphatestinib"], "diseases": ["NSCLC"], "status": "COMPLETED",
               "conditions": ["c"], "interventions": ["i"], "eligibility_flags": ["f"], "sources": [PAPER],
               "note": "n"},
    "drug_targets": {"drug": "alphatestinib", "target": "ALK", "role": "primary", "qualifier": "q",
                     "sources": [PAPER]},
    "transporter_roles": {"drug": "alphatestinib", "transporter": "ABCB1", "role": "substrate", "system": "in vitro",
                          "species": "human", "qualifier": "q", "sources": [PAPER]},
    "resistance": {"alteration": "ALK T1X", "drug": "alphatestinib", "effect": "confers resistance",
                   "system": "in vitro", "qualifier": "q", "sources": [PAPER]},
    "indications": {"drug": "alphatestinib", "disease": "NSCLC", "qualifier": "q", "sources": [PAPER]},
    "findings": {"id": "oncokg:finding-test-hostile", "name": "f", "kind": "CNS response", "metric": "m",
                 "value": 1.5, "value_text": "1.5", "unit": "ratio", "n": 10, "denominator": "d", "setting": "mixed",
                 "drug": "betatestinib", "prior_drugs": ["priortinib"], "comparator": "gammatestinib",
                 "comparator_value": 0.5, "arm": "a", "site": "brain", "trial": "TEST-ONE", "species": "human",
                 "analysis": "an", "outcome": "response", "evidence": "primary", "alteration": "ALK T1X",
                 "therapies": ["t"], "disease_name": "d", "evidence_type": "predictive", "direction": "supports",
                 "significance": "s", "source_level": "A", "rating": 3, "sources": [PAPER], "note": "n"},
    "cases": {"id": "oncokg:case-test-hostile", "name": "c", "age": 50, "sex": "female", "ethnicity": "e",
              "smoking": "never", "histology": "h", "differentiation": "d", "stage": "IV", "tnm": "T1N0M1",
              "presentation": "p", "diagnosis": "NSCLC",
              "biomarkers": [{"gene": "ALK", "method": "FISH", "result": "positive"}],
              "metastases": [{"site": "brain", "found": "during treatment", "after_line": 1}],
              "lines": [
                  {"order": 1, "kind": "systemic", "name": "l1", "therapy_line": 1, "drugs": ["priortinib"],
                   "target_sites": ["brain"], "dose": "250 mg twice daily", "cycles": 2, "duration": "2 months",
                   "end_reason": "progression", "note": "n",
                   "observations": [{"site": "brain", "response": "partial response", "months_after_start": 2,
                                     "method": "MRI", "note": "n"}]},
                  {"order": 2, "kind": "local", "name": "l2", "modality": "radiosurgery", "target_sites": ["brain"]},
              ],
              "sources": [PAPER], "note": "n"},
}



def document(kind: str, records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A seed document holding `records` of `kind`, after the alteration that resistance and findings name."""
    doc: dict[str, list[dict[str, Any]]] = {"alterations": [ALTERATION]}
    doc.setdefault(kind, []).extend(records)
    return doc
