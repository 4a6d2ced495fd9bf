"""A synthetic dataset in the seed format, of any size, with a known answer to the flagship question.

`generate(nodes, out, seed)` writes seed-format YAML files to `out` (chunks of about 50 000 nodes each, written
as they are made, never held as one document) plus `EXPECTED.json`. The records have the shape of the curated
seed — publications, targets, transporters, alterations, diseases, sites, drugs, trials, drug targets,
transporter roles, resistance, indications, findings, and cases with their lines of therapy and observations —
with about 4.5 relationships per node. The same `nodes` and `seed` always give byte-identical files.

Everything is fictional. Drugs are named `synthinib-NNNNNN`, with DrugBank-pattern ids from DB50000 upwards (no
DrugBank accession is that high); genes have HGNC ids from 90000001 upwards and diseases NCIT ids from C9900001
upwards (both far past the real ranges); every other record has an `oncokg:` id with `synth` in it. A few
anchor records keep their real ids and names so that the catalogue questions run with their default parameters:
ALK, ABCB1 (P-gp), ABCG2 (BCRP), NSCLC, the CNS and a few real sites, crizotinib and alectinib. What the data
says about them is fictional too.

The set is meant to stand alone (`kg validate --standalone DIR`; load it as the seed with `KG_SEED_DIR=DIR`).
The answer to `alk-cns-after-crizotinib` with default parameters is known by construction: the ALK inhibitors
that are asserted non-substrates of ABCB1 and have a crafted CNS response after crizotinib (alectinib and
synthinib-000001 ... synthinib-000007). Decoys fail exactly one condition each (wrong transporter state, a
response before crizotinib, at a non-CNS site, or no response) and the random records never make a decoy
qualify: no random record uses a not-substrate decoy, and no random drug inhibits ALK.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHUNK_NODES = 50_000
QUALIFIERS = 8  # alectinib + synthinib-000001 .. 000007
FIRST_DRUG = 50_000  # DRUGBANK:DB50000 upwards: past every real DrugBank accession
MAX_DRUGS = 49_000
FIRST_GENE = 90_000_001
FIRST_DISEASE = 9_900_001

# Real ids, for the catalogue's default parameters to resolve.
ALK, ABCB1, ABCG2 = "HGNC:427", "HGNC:40", "HGNC:74"
NSCLC, LUAD = "NCIT:C2926", "NCIT:C3512"
CRIZOTINIB, ALECTINIB = "DRUGBANK:DB08865", "DRUGBANK:DB11363"
CNS, BRAIN, LEPTO, SPINAL, CERVICAL = ("UBERON:0001017", "UBERON:0000955", "UBERON:0000391", "UBERON:0002240",
                                       "UBERON:0002726")
LUNG, LIVER, BONE, ADRENAL = "UBERON:0002048", "UBERON:0002107", "UBERON:0001474", "UBERON:0002369"
CNS_SITES = [BRAIN, LEPTO, SPINAL, CERVICAL]
BODY_SITES = [LUNG, LIVER, BONE, ADRENAL]

KINDS = ["trial", "cohort", "case report", "case series", "label", "in-vitro study", "animal study",
         "pharmacokinetic study", "review", "congress report"]
EVIDENCE = ["primary", "primary", "primary", "secondary_concordant", "single_secondary", "regulatory_label"]
CLASSES = ["ALK inhibitor", "EGFR inhibitor", "chemotherapy", "anti-VEGF antibody"]
SETTINGS = ["treatment-naive", "ALK-inhibitor-naive", "crizotinib-pretreated",
            "second-generation-ALK-inhibitor-pretreated", "mixed", "not reported"]
RESPONSES = ["complete response", "marked response", "partial response", "clinical improvement", "stable disease",
             "no change", "enlargement", "progression", "new lesion"]
FINDING_KINDS = ["CNS response", "CNS response", "CNS disease control", "CNS progression", "CNS penetration",
                 "systemic response", "survival"]
RELATION_KINDS = frozenset({"drug_targets", "transporter_roles", "resistance", "indications"})
ROLES = ["substrate", "not substrate", "inhibitor", "inducer"]


def drug_id(i: int) -> str:
    return f"DRUGBANK:DB{FIRST_DRUG + i:05d}"


def drug_name(i: int) -> str:
    return f"synthinib-{i:06d}"


class _Writer:
    """Writes records grouped by kind, in files of about CHUNK_NODES nodes.

    A file is a JSON object (so valid YAML, and read fast by kg.sources.document.parse_document) with one record per
    line. It holds each kind once (a YAML mapping must not repeat a key); records wait in a buffer of at most one
    chunk, so memory stays bounded whatever the size of the dataset.
    """

    def __init__(self, out: Path):
        self.out = out
        self.files: list[str] = []
        self.nodes = 0
        self._stem = "records"
        self._buffer: dict[str, list[str]] = {}
        self._chunk_nodes = 0

    def section(self, stem: str) -> None:
        """Start a new file for a new group of record kinds."""
        self.flush()
        self._stem = stem

    def record(self, kind: str, record: dict[str, Any], nodes: int | None = None) -> None:
        if nodes is None:
            nodes = 0 if kind in RELATION_KINDS else 1
        self._buffer.setdefault(kind, []).append(json.dumps(record, ensure_ascii=True, separators=(", ", ": ")))
        self._chunk_nodes += nodes
        self.nodes += nodes
        if self._chunk_nodes >= CHUNK_NODES:
            self.flush()

    def flush(self) -> None:
        """Write the buffer as one file: a JSON object of record lists, one record per line (JSON is YAML)."""
        if not self._buffer:
            return
        name = f"{len(self.files):03d}-{self._stem}.yaml"
        self.files.append(name)
        sections = [f'"{kind}": [\n' + ",\n".join(lines) + "\n]" for kind, lines in self._buffer.items()]
        with open(self.out / name, "w", encoding="utf-8", newline="\n") as f:
            f.write("{" + ",\n".join(sections) + "}\n")
        self._buffer = {}
        self._chunk_nodes = 0

    def close(self) -> None:
        self.flush()


def _plan(nodes: int) -> dict[str, int]:
    """How many records of each kind make about `nodes` nodes (a case is 1 + 4 lines + ~4.4 observations)."""
    n = max(nodes, 500)
    plan = {
        "publications": int(n * 0.05),
        "targets": max(10, n // 1000),
        "transporters": max(2, n // 50_000),
        "diseases": max(4, n // 20_000),
        "sites": max(6, n // 10_000),
        "alterations": max(10, n // 500),
        "drugs": min(MAX_DRUGS, max(40, n // 50)),
        "trials": int(n * 0.03),
        "findings": int(n * 0.42),
    }
    fixed = sum(plan.values()) + 20
    plan["cases"] = max(12, (n - fixed) * 10 // 94)  # ~9.4 nodes per case
    return plan


def generate(nodes: int, out: Path | str, seed: int = 0) -> dict[str, Any]:
    """Write a synthetic dataset of about `nodes` nodes to `out`; return what EXPECTED.json holds."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    rng = random.Random(seed)
    plan = _plan(nodes)
    w = _Writer(out)
    try:
        expected = _write(w, rng, plan)
    finally:
        w.close()
    expected.update({"nodes_requested": nodes, "seed": seed, "nodes": w.nodes, "files": w.files, "plan": plan})
    (out / "EXPECTED.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    return expected


def _sample(rng: random.Random, pool: list[str], k: int) -> list[str]:
    return rng.sample(pool, min(k, len(pool)))


def _write(w: _Writer, rng: random.Random, plan: dict[str, int]) -> dict[str, Any]:
    pubs = [f"oncokg:src-synth-{i:07d}" for i in range(1, plan["publications"] + 1)]
    label_src = "oncokg:src-synth-label"

    def src(k: int = 1) -> list[str]:
        return _sample(rng, pubs, k)

    # ------------------------------------------------------------------ anchors and vocabularies
    w.section("anchors")
    w.record("publications", {"id": label_src, "name": "Synthetic label", "kind": "label",
                              "evidence": "regulatory_label"})
    w.record("targets", {"id": ALK, "name": "ALK", "full_name": "ALK receptor tyrosine kinase", "sources": [label_src]})
    genes = [f"HGNC:{FIRST_GENE + i}" for i in range(plan["targets"])]
    for i, g in enumerate(genes):
        w.record("targets", {"id": g, "name": f"SYNG{i + 1:05d}", "sources": [label_src]})
    w.record("transporters", {"id": ABCB1, "name": "ABCB1", "synonyms": ["P-gp", "P-glycoprotein", "MDR1"],
                              "sources": [label_src]})
    w.record("transporters", {"id": ABCG2, "name": "ABCG2", "synonyms": ["BCRP"], "sources": [label_src]})
    transporters = [ABCB1, ABCG2]
    for i in range(plan["transporters"] - 2):
        t = f"HGNC:{FIRST_GENE + plan['targets'] + i}"
        transporters.append(t)
        w.record("transporters", {"id": t, "name": f"SYNT{i + 1:04d}", "sources": [label_src]})
    w.record("diseases", {"id": NSCLC, "name": "non-small cell lung carcinoma", "synonyms": ["NSCLC"],
                          "sources": [label_src]})
    w.record("diseases", {"id": LUAD, "name": "lung adenocarcinoma", "parent": NSCLC, "sources": [label_src]})
    diseases = [NSCLC, LUAD]
    for i in range(plan["diseases"] - 2):
        d = f"NCIT:C{FIRST_DISEASE + i}"
        diseases.append(d)
        w.record("diseases", {"id": d, "name": f"synthetic carcinoma {i + 1:05d}", "parent": NSCLC,
                              "sources": [label_src]})
    w.record("sites", {"id": CNS, "name": "central nervous system", "synonyms": ["CNS"], "cns": True})
    for sid, nm, parent in ((BRAIN, "brain", CNS), (LEPTO, "leptomeninges", CNS), (SPINAL, "spinal cord", CNS),
                            (CERVICAL, "cervical spinal cord", SPINAL)):
        w.record("sites", {"id": sid, "name": nm, "cns": True, "part_of": [parent]})
    for sid, nm in zip(BODY_SITES, ("lung", "liver", "bone", "adrenal gland")):
        w.record("sites", {"id": sid, "name": nm, "cns": False})
    cns_sites, body_sites = list(CNS_SITES), list(BODY_SITES)
    for i in range(plan["sites"] - 9):
        sid = f"oncokg:site-synth-{i + 1:05d}"
        cns = i % 3 == 0
        parent = rng.choice(cns_sites if cns else body_sites)
        w.record("sites", {"id": sid, "name": f"synthetic site {i + 1:05d}", "cns": cns, "part_of": [parent]})
        (cns_sites if cns else body_sites).append(sid)
    alterations = [f"oncokg:alt-synth-{i + 1:06d}" for i in range(plan["alterations"])]
    for i, a in enumerate(alterations):
        gene = ALK if i % 10 == 0 else rng.choice(genes)
        w.record("alterations", {"id": a, "name": f"SYN{i + 1:06d} mutation", "gene": gene, "sources": src()},)

    # ------------------------------------------------------------------ publications
    w.section("publications")
    for i, p in enumerate(pubs):
        w.record("publications", {"id": p, "name": f"Synthetic source {i + 1:07d}", "kind": rng.choice(KINDS),
                                  "evidence": rng.choice(EVIDENCE), "year": 1995 + i % 31,
                                  "journal": f"Journal of Synthetic Oncology {1 + i % 40}"})

    # ------------------------------------------------------------------ drugs and their facts
    # Roles in the flagship: Q qualify; D1 are ALK inhibitors asserted non-substrates whose only CNS evidence
    # fails (never used by random records); D2 are ALK inhibitors with another transporter state (used freely).
    n_drugs = plan["drugs"]
    q_ids = [ALECTINIB] + [drug_id(i) for i in range(1, QUALIFIERS)]
    d1_ids = [drug_id(i) for i in range(QUALIFIERS, QUALIFIERS + 4)]
    d2_ids = [drug_id(i) for i in range(QUALIFIERS + 4, QUALIFIERS + 12)]
    other = [drug_id(i) for i in range(QUALIFIERS + 12, QUALIFIERS + 12 + max(0, n_drugs - 22))]
    names = {ALECTINIB: "alectinib", CRIZOTINIB: "crizotinib"}
    usable = [CRIZOTINIB] + q_ids + d2_ids + other  # drugs random records may use
    w.section("drugs")
    w.record("drugs", {"id": CRIZOTINIB, "name": "crizotinib", "brands": ["Xalkori"], "drug_class": "ALK inhibitor",
                       "generation": "first", "sources": [label_src]})
    w.record("drugs", {"id": ALECTINIB, "name": "alectinib", "brands": ["Alecensa"], "drug_class": "ALK inhibitor",
                       "generation": "second", "sources": [label_src]})
    for d in q_ids[1:] + d1_ids + d2_ids + other:
        i = int(d.removeprefix("DRUGBANK:DB")) - FIRST_DRUG
        names[d] = drug_name(i)
        cls = "ALK inhibitor" if d not in other else rng.choice(CLASSES)
        w.record("drugs", {"id": d, "name": drug_name(i), "synonyms": [f"SYN-{i:06d}"], "drug_class": cls,
                           "sources": [label_src] + src()})
    for d in [CRIZOTINIB] + q_ids + d1_ids + d2_ids:
        w.record("drug_targets", {"drug": d, "target": ALK, "role": "primary", "sources": src()})
        w.record("indications", {"drug": d, "disease": NSCLC, "sources": [label_src]})
    for d in other:
        for g in _sample(rng, genes, rng.choice((1, 2, 2, 3))):
            w.record("drug_targets", {"drug": d, "target": g, "role": rng.choice(("primary", "secondary")),
                                      "sources": src()})
        w.record("indications", {"drug": d, "disease": rng.choice(diseases), "sources": src()})

    def role(d: str, t: str, r: str) -> None:
        w.record("transporter_roles", {"drug": d, "transporter": t, "role": r,
                                       "system": rng.choice(("in vitro", "animal", "label")),
                                       "qualifier": f"synthetic {r} statement", "sources": src()})

    role(CRIZOTINIB, ABCB1, "substrate")
    for d in q_ids + d1_ids:
        role(d, ABCB1, "not substrate")
    for k, d in enumerate(d2_ids):  # 3 substrates, 2 conflicting, 3 not assessed
        if k < 5:
            role(d, ABCB1, "substrate")
        if 3 <= k < 5:
            role(d, ABCB1, "not substrate")
    for d in q_ids + d1_ids + d2_ids + other:
        for t in _sample(rng, transporters[1:] if d not in other else transporters, rng.choice((0, 1, 1, 2))):
            role(d, t, rng.choice(ROLES) if t != ABCB1 else rng.choice(("substrate", "inhibitor")))
    for a in alterations:
        w.record("resistance", {"alteration": a, "drug": rng.choice(usable),
                                "effect": rng.choice(("confers resistance", "drug active against")),
                                "system": rng.choice(("in vitro", "patients", "review")), "sources": src()})

    # ------------------------------------------------------------------ trials
    w.section("trials")
    trials = [f"oncokg:trial-synth-{i + 1:07d}" for i in range(plan["trials"])]
    for i, t in enumerate(trials):
        w.record("trials", {"id": t, "name": f"SYNTH-{i + 1:07d}", "phase": rng.choice(("1", "1/2", "2", "3")),
                            "setting": rng.choice(SETTINGS), "enrolled": rng.randint(10, 900),
                            "drugs": _sample(rng, usable, rng.choice((1, 2, 2, 3))),
                            "diseases": _sample(rng, diseases, rng.choice((1, 1, 2))), "sources": src(2)})

    # ------------------------------------------------------------------ findings
    w.section("findings")
    crafted_findings = []
    for k, d in enumerate(q_ids):
        if k % 2 == 1:  # the even-numbered qualifiers by a finding, the others by a case
            crafted_findings.append((d, "response", rng.choice(cns_sites)))
    crafted_findings.append((d1_ids[2], "no response", BRAIN))  # D1 decoy: tested without effect
    n_find = 0
    for d, outcome, site in crafted_findings:
        n_find += 1
        w.record("findings", _finding(n_find, names[d] + " CNS response after crizotinib (synthetic)", "CNS response",
                                      d, [CRIZOTINIB], site, rng.choice(trials), outcome,
                                      rng.uniform(20, 80) if outcome == "response" else 0.0, src(2),
                                      "crizotinib-pretreated"))
    while n_find < plan["findings"]:
        n_find += 1
        kind = rng.choice(FINDING_KINDS)
        d = rng.choice(usable)
        prior = _sample(rng, usable, rng.choice((1, 1, 2)))
        site = rng.choice(cns_sites if kind.startswith("CNS") else cns_sites + body_sites)
        outcome = rng.choice(("response", "no response")) if kind == "CNS response" else None
        rec = _finding(n_find, f"{names[d]} {kind} (synthetic {n_find})", kind, d, prior, site, rng.choice(trials),
                       outcome, round(rng.uniform(0, 100), 1), src(rng.choice((1, 2, 3))), rng.choice(SETTINGS))
        if rng.random() < 0.3:
            rec["comparator"] = rng.choice(usable)
        w.record("findings", rec)

    # ------------------------------------------------------------------ cases
    w.section("cases")
    n_case = 0
    crafted_cases = []
    for k, d in enumerate(q_ids):
        if k % 2 == 0:
            crafted_cases.append(([CRIZOTINIB, d], 2, rng.choice(cns_sites), "marked response"))
    crafted_cases += [
        ([d1_ids[0], CRIZOTINIB], 1, BRAIN, "partial response"),  # a response, but before crizotinib
        ([CRIZOTINIB, d1_ids[1]], 2, LUNG, "complete response"),  # after crizotinib, at a non-CNS site
        ([CRIZOTINIB, d1_ids[3]], 2, LEPTO, "progression"),  # after crizotinib at the CNS, no response
    ]
    for drugs, observed, site, response in crafted_cases:
        n_case += 1
        lines = []
        for order, d in enumerate(drugs, start=1):
            obs = [{"site": site, "response": response, "months_after_start": 3}] if order == observed else []
            lines.append({"order": order, "kind": "systemic", "name": names[d], "therapy_line": order, "drugs": [d],
                          "observations": obs})
        w.record("cases", _case(n_case, rng, lines, site, src()), nodes=1 + len(lines) + 1)
    while n_case < plan["cases"]:
        n_case += 1
        lines = []
        n_lines = rng.choice((2, 3, 4, 4, 5, 6))
        with_crizotinib = rng.random() < 0.15
        n_obs = 0
        for order in range(1, n_lines + 1):
            if rng.random() < 0.12:
                line = {"order": order, "kind": "local", "name": "whole-brain radiotherapy",
                        "modality": "whole-brain radiotherapy", "target_sites": [BRAIN]}
            else:
                ds = _sample(rng, usable, rng.choice((1, 1, 2, 3)))
                if with_crizotinib and order == 1:
                    ds = [CRIZOTINIB]
                line = {"order": order, "kind": "systemic", "name": " + ".join(names[d] for d in ds), "drugs": ds}
            obs = []
            for site in _sample(rng, cns_sites[:6] + body_sites[:6], rng.choice((0, 1, 1, 1, 2))):
                obs.append({"site": site, "response": rng.choice(RESPONSES),
                            "months_after_start": rng.choice((1, 2, 3, 6, 9, 12))})
            n_obs += len(obs)
            line["observations"] = obs
            lines.append(line)
        w.record("cases", _case(n_case, rng, lines, rng.choice(cns_sites[:4] + body_sites[:4]),
                                src(rng.choice((1, 2, 2)))), nodes=1 + n_lines + n_obs)
    return {
        "question": "alk-cns-after-crizotinib",
        "params": {},
        "drugs": sorted(names[d] for d in q_ids),
        "drug_ids": sorted(q_ids),
    }


def _finding(i: int, name: str, kind: str, drug: str, prior: list[str], site: str, trial: str, outcome: str | None,
             value: float, sources: list[str], setting: str) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": f"oncokg:finding-synth-{i:07d}", "name": name, "kind": kind,
                           "metric": "intracranial objective response rate" if kind == "CNS response" else kind,
                           "value": round(value, 1), "unit": "%", "n": 10 + i % 200,
                           "setting": setting, "drug": drug, "prior_drugs": prior, "site": site,
                           "trial": trial, "sources": sources}
    if outcome is not None:
        rec["outcome"] = outcome
    return rec


def _case(i: int, rng: random.Random, lines: list[dict[str, Any]], metastasis: str, sources: list[str]) -> dict[str, Any]:
    mets = [{"site": metastasis, "found": "at diagnosis"}]
    if len(lines) > 1 and metastasis != BRAIN:
        mets.append({"site": BRAIN, "found": "during treatment", "after_line": 1})
    return {"id": f"oncokg:case-synth-{i:07d}", "name": f"Synthetic case {i:07d}", "age": 30 + i % 55,
            "sex": ("female", "male")[i % 2], "smoking": ("never", "former", "current", "not reported")[i % 4],
            "histology": "adenocarcinoma", "stage": "IV", "diagnosis": NSCLC,
            "biomarkers": [{"gene": "ALK", "method": rng.choice(("IHC", "FISH", "NGS")), "result": "positive"}],
            "metastases": mets, "lines": lines, "sources": sources}


def expected(out: Path | str) -> dict[str, Any]:
    """EXPECTED.json of a generated dataset."""
    return json.loads((Path(out) / "EXPECTED.json").read_text(encoding="utf-8"))


def files(out: Path | str) -> Iterator[Path]:
    yield from sorted(Path(out).glob("*.yaml"))
