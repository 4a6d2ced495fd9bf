// Trials that tested a drug, with their CNS findings, each with its own sources and population labels.
// Parameters: $drug
// Unverified trials and findings are left out (unless asked for) by kg.questions.cns.trials_finish, for both stores.
// In Neo4j Browser, set the parameters first, e.g.
//   :param {drug: 'DRUGBANK:DB11363'}
MATCH (trial:Trial)-[:TESTED]->(:Drug {id: $drug})
CALL (trial) {
  MATCH (f:Finding)-[:FROM_TRIAL]->(trial)
  // left(...) rather than STARTS WITH: from the trial's own findings, not from the index of every CNS finding.
  WHERE left(f.kind, 3) = 'CNS'
  OPTIONAL MATCH (f)-[:OF_DRUG]->(d:Drug)
  OPTIONAL MATCH (f)-[:AT_SITE]->(s:Site)
  OPTIONAL MATCH (f)-[:COMPARED_WITH]->(c:Drug)
  RETURN collect({
    finding: f.id, kind: f.kind, drug: d.name, site: s.name, metric: f.metric, value: f.value,
    value_text: f.value_text, unit: f.unit, n: f.n, denominator: f.denominator, comparator: c.name,
    comparator_value: f.comparator_value, setting: f.setting, subgroup: f.subgroup, arm: f.arm,
    analysis: f.analysis, measure: f.measure, verified: coalesce(f.verified, true),
    state: CASE f.outcome WHEN 'response' THEN 'response' WHEN 'no response' THEN 'no response' ELSE 'measured' END,
    sources: [sid IN coalesce(f.sources, []) |
              head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                   RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                           verified: coalesce(src.verified, true), evidence: src.evidence} })]
  }) AS findings
}
RETURN trial.name AS trial, trial.id AS trial_id, trial.phase AS phase, trial.setting AS setting,
       trial.enrolled AS enrolled, coalesce(trial.verified, true) AS verified,
       [(trial)-[:TESTED]->(x:Drug) | x.name] AS drugs,
       [sid IN coalesce(trial.sources, []) |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                   RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                           verified: coalesce(src.verified, true), evidence: src.evidence} })] AS trial_sources,
       findings
ORDER BY trial
