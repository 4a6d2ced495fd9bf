"""Malformed inputs and the exact problem each must report. Shared by the unit tests (memory store)
and the integration tests (Neo4j), which both check that a failed load changes nothing.

Each case adds one file, `zz-bad.yaml`, next to a copy of the mini fixture (tests/fixtures/mini).
"""

from __future__ import annotations

DRUG = "{id: 'DRUGBANK:DB99950', name: epsilontestinib, drug_class: ALK inhibitor, sources: ['oncokg:src-test-label-c']}"
FINDING = (
    "{{id: 'oncokg:finding-test-bad', name: bad, kind: CNS response, metric: m, setting: mixed, "
    "outcome: response, sources: ['oncokg:src-test-paper-a'], {extra}}}"
)
CASE = (
    "{{id: 'oncokg:case-test-bad', name: bad, age: 50, sex: female, smoking: never, histology: h, stage: IV, "
    "diagnosis: NSCLC, sources: ['oncokg:src-test-paper-b'], {extra}}}"
)
LINE = "{order: 1, kind: systemic, name: x, drugs: [priortinib]}"

# (name, content of zz-bad.yaml, expected problem lines with the file's path written as {bad})
CASES: list[tuple[str, str, list[str]]] = [
    ("yaml syntax", "drugs: [\n  {id: x\n", ["{bad}: line 3: YAML syntax error: expected ',' or '}', but got '<stream end>'"]),
    ("not a mapping", "- a\n", ["{bad}: the file must be a mapping of record kinds to lists (one of publications, targets, transporters, alterations, diseases, sites, drugs, trials, drug_targets, transporter_roles, resistance, indications, findings, cases)"]),
    ("unknown kind", "drug: []\n", ["{bad}: drug: unknown record kind (expected one of publications, targets, transporters, alterations, diseases, sites, drugs, trials, drug_targets, transporter_roles, resistance, indications, findings, cases)"]),
    ("kind not a list", "drugs: {}\n", ["{bad}: drugs: must be a list of records"]),
    ("record not a mapping", "drugs: [x]\n", ["{bad}: drugs[0]: record: must be a mapping of fields"]),
    ("missing field", "drugs: [{id: 'DRUGBANK:DB99950', name: e, sources: ['oncokg:src-test-label-c']}]\n",
     ["{bad}: drugs[0] (DRUGBANK:DB99950): drug_class: required field is missing"]),
    ("unknown field", f"drugs: [{DRUG[:-1]}, colour: red}}]\n",
     ["{bad}: drugs[0] (DRUGBANK:DB99950): colour: unknown field"]),
    ("wrong id prefix", "drugs: [{id: 'CHEMBL:1', name: e, drug_class: ALK inhibitor, sources: ['oncokg:src-test-label-c']}]\n",
     ["{bad}: drugs[0] (CHEMBL:1): id: 'CHEMBL:1' is not a Drug identifier (expected prefix DRUGBANK:)"]),
    ("malformed local id", "drugs: [{id: 'DRUGBANK:DB1', name: e, drug_class: ALK inhibitor, sources: ['oncokg:src-test-label-c']}]\n",
     ["{bad}: drugs[0] (DRUGBANK:DB1): id: 'DRUGBANK:DB1' is not a well-formed DRUGBANK: identifier"]),
    ("duplicate id", "drugs: [{id: 'DRUGBANK:DB99901', name: again, drug_class: ALK inhibitor, sources: ['oncokg:src-test-label-c']}]\n",
     ["{bad}: drugs[0] (DRUGBANK:DB99901): id: duplicate id 'DRUGBANK:DB99901' (first defined at {mini}: drugs[0] (DRUGBANK:DB99901))"]),
    ("unknown source", "drugs: [{id: 'DRUGBANK:DB99950', name: e, drug_class: ALK inhibitor, sources: ['PMID:1']}]\n",
     ["{bad}: drugs[0] (DRUGBANK:DB99950): sources[0]: 'PMID:1' is not a known publication or trial"]),
    ("unknown drug with suggestion",
     "drug_targets: [{drug: alphatestnib, target: ALK, role: primary, sources: ['oncokg:src-test-paper-a']}]\n",
     ["{bad}: drug_targets[0] (alphatestnib): drug: unknown drug 'alphatestnib' — did you mean alphatestinib?"]),
    ("target used as transporter",
     "transporter_roles: [{drug: priortinib, transporter: ALK, role: substrate, system: in vitro, qualifier: q, sources: ['oncokg:src-test-paper-a']}]\n",
     ["{bad}: transporter_roles[0] (priortinib): transporter: unknown transporter 'ALK'"]),
    ("empty sources", "drugs: [{id: 'DRUGBANK:DB99950', name: e, drug_class: ALK inhibitor, sources: []}]\n",
     ["{bad}: drugs[0] (DRUGBANK:DB99950): sources: List should have at least 1 item after validation, not 0"]),
    ("closed vocabulary", "drugs: [{id: 'DRUGBANK:DB99950', name: e, drug_class: antibiotic, sources: ['oncokg:src-test-label-c']}]\n",
     ["{bad}: drugs[0] (DRUGBANK:DB99950): drug_class: 'antibiotic' is not a known drug class (one of ALK inhibitor, EGFR inhibitor, chemotherapy, anti-VEGF antibody, anti-PD-1 antibody)"]),
    ("percent above 100", "findings: [" + FINDING.format(extra="value: 120, unit: '%'") + "]\n",
     ["{bad}: findings[0] (oncokg:finding-test-bad): record: a percentage must be between 0 and 100, got 120.0"]),
    ("negative n", "findings: [" + FINDING.format(extra="value: 1, n: -1") + "]\n",
     ["{bad}: findings[0] (oncokg:finding-test-bad): n: Input should be greater than or equal to 0"]),
    ("finding without value", "findings: [" + FINDING.format(extra="n: 3") + "]\n",
     ["{bad}: findings[0] (oncokg:finding-test-bad): record: a finding needs a value or a value_text"]),
    ("CNS response without outcome", "findings: [" + FINDING.format(extra="value: 1").replace("outcome: response, ", "") + "]\n",
     ["{bad}: findings[0] (oncokg:finding-test-bad): record: a CNS response finding needs an outcome ('response' or 'no response')"]),
    ("unknown site in finding", "findings: [" + FINDING.format(extra="value: 1, site: cerebelum") + "]\n",
     ["{bad}: findings[0] (oncokg:finding-test-bad): site: unknown site 'cerebelum'"]),
    ("site hierarchy cycle",
     "sites: [{id: 'oncokg:site-test-a', name: a, cns: true, part_of: ['oncokg:site-test-b']}, "
     "{id: 'oncokg:site-test-b', name: b, cns: true, part_of: ['oncokg:site-test-a']}]\n",
     ["{bad}: sites[0] (oncokg:site-test-a): part_of: cycle in the hierarchy: oncokg:site-test-a -> oncokg:site-test-b -> oncokg:site-test-a"]),
    ("lines out of order", "cases: [" + CASE.format(extra="lines: [" + LINE + ", {order: 3, kind: local, name: y, modality: surgery}]") + "]\n",
     ["{bad}: case oncokg:case-test-bad: lines must be numbered 1, 2, 3, ... in order, got [1, 3]"]),
    ("systemic line without drugs", "cases: [" + CASE.format(extra="lines: [{order: 1, kind: systemic, name: x}]") + "]\n",
     ["{bad}: case oncokg:case-test-bad, line 1 (x): a systemic line needs at least one drug"]),
    ("response outside the vocabulary",
     "cases: [" + CASE.format(extra="lines: [{order: 1, kind: systemic, name: x, drugs: [priortinib], observations: [{site: brain, response: better}]}]") + "]\n",
     ["{bad}: case oncokg:case-test-bad, line 1 (x), observation 1: response 'better' is not a known response (one of complete response, marked response, partial response, clinical improvement, stable disease, no change, enlargement, progression, new lesion, responded, improved, shrank, controlled, progressed, not reported)"]),
    ("age out of range", "cases: [" + CASE.format(extra="lines: [" + LINE + "]").replace("age: 50", "age: 130") + "]\n",
     ["{bad}: case oncokg:case-test-bad: age: Input should be less than or equal to 120 (got 130)"]),
    ("age not a number", "cases: [" + CASE.format(extra="lines: [" + LINE + "]").replace("age: 50", "age: fifty") + "]\n",
     ["{bad}: case oncokg:case-test-bad: age: age must be years (0-120), a range as written ('60-69'), a bound ('≥ 60') or 'not reported' (got 'fifty')"]),
    ("metastasis after a missing line",
     "cases: [" + CASE.format(extra="lines: [" + LINE + "], metastases: [{site: brain, found: during treatment, after_line: 4}]") + "]\n",
     ["{bad}: case oncokg:case-test-bad: metastasis at brain is after line 4, but the case has 1 lines"]),
    ("unknown drug in a line",
     "cases: [" + CASE.format(extra="lines: [{order: 1, kind: systemic, name: x, drugs: [alectnib]}]") + "]\n",
     ["{bad}: case oncokg:case-test-bad, line 1 (x): drug 1: unknown drug 'alectnib' (a case file names only drugs of the curated seed: add a new one to seed/drugs.yaml, with its sources)"]),
    ("publication year out of range", "publications: [{id: 'PMID:123', name: p, kind: review, evidence: primary, year: 1800}]\n",
     ["{bad}: publications[0] (PMID:123): year: Input should be greater than or equal to 1900"]),
    ("bad PMID", "publications: [{id: 'PMID:abc', name: p, kind: review, evidence: primary}]\n",
     ["{bad}: publications[0] (PMID:abc): id: 'PMID:abc' is not a well-formed PMID: identifier"]),
    ("two problems at once",
     "drugs: [{id: 'DRUGBANK:DB99950', name: e, drug_class: ALK inhibitor, sources: ['PMID:1']}]\n"
     "drug_targets: [{drug: nosuchdrug, target: ALK, role: primary, sources: ['oncokg:src-test-paper-a']}]\n",
     ["{bad}: drugs[0] (DRUGBANK:DB99950): sources[0]: 'PMID:1' is not a known publication or trial",
      "{bad}: drug_targets[0] (nosuchdrug): drug: unknown drug 'nosuchdrug'"]),
]
