// Trials that tested a drug, with their CNS findings.
// Parameters: $drug
// In Neo4j Browser, set the parameters first, e.g.
//   :param {drug: 'DRUGBANK:DB11363'}
MATCH (trial:Trial)-[:TESTED]->(:Drug {id: $drug})
CALL (trial) {
  MATCH (f:Finding)-[:FROM_TRIAL]->(trial)
  WHERE f.kind STARTS WITH 'CNS'
  OPTIONAL MATCH (f)-[:OF_DRUG]->(d:Drug)
  OPTIONAL MATCH (f)-[:AT_SITE]->(s:Site)
  OPTIONAL MATCH (f)-[:COMPARED_WITH]->(c:Drug)
  RETURN collect({
    finding: f.id, kind: f.kind, drug: d.name, site: s.name, metric: f.metric, value: f.value,
    value_text: f.value_text, unit: f.unit, n: f.n, denominator: f.denominator, comparator: c.name,
    comparator_value: f.comparator_value, arm: f.arm, analysis: f.analysis,
    state: CASE f.outcome WHEN 'response' THEN 'response' WHEN 'no response' THEN 'tested without effect'
                          ELSE 'measured' END,
    sources: coalesce(f.sources, [])
  }) AS findings
}
WITH trial, findings,
     reduce(acc = [], ids IN [coalesce(trial.sources, [])] + [f IN findings | f.sources] |
            acc + [sid IN ids WHERE NOT sid IN acc]) AS source_ids
RETURN trial.name AS trial, trial.id AS trial_id, trial.phase AS phase, trial.setting AS setting,
       trial.enrolled AS enrolled, [(trial)-[:TESTED]->(x:Drug) | x.name] AS drugs,
       [f IN findings | f {.finding, .kind, .drug, .site, .metric, .value, .value_text, .unit, .n, .denominator,
                           .comparator, .comparator_value, .arm, .analysis, .state}] AS findings,
       // Every source with its kind (a trial is of kind 'trial').
       [sid IN source_ids |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
             RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })] AS sources
ORDER BY trial
