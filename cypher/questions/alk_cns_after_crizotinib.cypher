// Inhibitors of a target that evade a transporter and show a CNS response after a prior drug, with their evidence.
// Parameters: $target, $transporter, $prior_drug, $site, $transporter_state, $evidence, $outcome
// In Neo4j Browser, set the parameters first, e.g.
//   :param {target: 'HGNC:427', transporter: 'HGNC:40', prior_drug: 'DRUGBANK:DB08865', site: 'UBERON:0001017', transporter_state: 'not substrate', evidence: 'any', outcome: 'response'}
MATCH (t:Target {id: $target})
MATCH (tr:Transporter {id: $transporter})
MATCH (prior:Drug {id: $prior_drug})
MATCH (area:Site {id: $site})
MATCH (d:Drug)-[:INHIBITS]->(t)
WHERE d <> prior
OPTIONAL MATCH (d)-[neg:NOT_SUBSTRATE_OF]->(tr)
OPTIONAL MATCH (d)-[pos:SUBSTRATE_OF]->(tr)
WITH d, tr, prior, area,
     CASE WHEN neg IS NOT NULL AND pos IS NOT NULL THEN 'conflicting'
          WHEN neg IS NOT NULL THEN 'not substrate'
          WHEN pos IS NOT NULL THEN 'substrate'
          ELSE 'not assessed' END AS transporter_state,
     coalesce(neg.sources, []) + coalesce(pos.sources, []) AS transporter_sources
WHERE $transporter_state IN ['any', transporter_state]
// Case evidence: an observation at the site after a line with the drug that is later than a line with the prior drug.
// Walked from the drug's own lines to their cases: the prior drug (crizotinib) is a hub used by many cases, so
// starting from it would cost work in proportion to the whole graph for every drug.
CALL (d, prior, area) {
  MATCH (after:TreatmentLine)-[:USED]->(d)
  WHERE $evidence IN ['any', 'cases']
  MATCH (c:Case)-[:HAD_LINE]->(after)
  MATCH (c)-[:HAD_LINE]->(before:TreatmentLine)
  WHERE before.order < after.order AND (before)-[:USED]->(prior)
  WITH c, after, min(before.order) AS first_order
  MATCH (after)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  WHERE (s)-[:PART_OF*0..]->(area) AND ($outcome = 'any' OR o.responded)
  MATCH (c)-[:HAD_LINE]->(first:TreatmentLine {order: first_order})
  MATCH path = (first)-[:NEXT*0..]->(after)
  RETURN collect(DISTINCT {
    case: c.id, observation: o.id,
    path: reduce(text = '', n IN nodes(path) |
                 text + CASE WHEN text = '' THEN '' ELSE ' -> ' END + toString(n.order) + '. ' + n.name),
    site: s.name, response: o.response, months: o.months_after_start,
    state: CASE WHEN o.responded THEN 'response' ELSE 'tested without effect' END,
    sources: o.sources
  }) AS cases
}
// Finding evidence: a CNS response finding of the drug, in a population pretreated with the prior drug, at the site.
CALL (d, prior, area) {
  MATCH (f:Finding {kind: 'CNS response'})-[:OF_DRUG]->(d)
  WHERE (f)-[:AFTER]->(prior) AND $evidence IN ['any', 'findings']
    AND ($outcome = 'any' OR f.outcome = 'response')
  MATCH (f)-[:AT_SITE]->(s:Site)
  WHERE (s)-[:PART_OF*0..]->(area)
  OPTIONAL MATCH (f)-[:FROM_TRIAL]->(trial:Trial)
  RETURN collect(DISTINCT {
    finding: f.id, name: f.name, metric: f.metric, value: f.value, value_text: f.value_text, unit: f.unit, n: f.n,
    denominator: f.denominator, setting: f.setting, site: s.name, trial: trial.name, evidence: f.evidence,
    state: CASE WHEN f.outcome = 'response' THEN 'response' ELSE 'tested without effect' END,
    sources: f.sources
  }) AS findings
}
WITH d, tr, transporter_state, transporter_sources, cases, findings
WHERE size(cases) + size(findings) > 0
// Every source the row rests on, with its kind (a trial is of kind 'trial').
CALL (transporter_sources, cases, findings) {
  UNWIND transporter_sources + reduce(acc = [], e IN cases + findings | acc + e.sources) AS sid
  WITH DISTINCT sid
  OPTIONAL MATCH (p:Publication {id: sid})
  OPTIONAL MATCH (trial:Trial {id: sid})
  RETURN collect({id: sid, name: coalesce(p.name, trial.name),
                  kind: CASE WHEN trial IS NOT NULL THEN 'trial' ELSE p.kind END}) AS sources
}
RETURN d.name AS drug, d.id AS drug_id, tr.name AS transporter, transporter_state,
       reduce(acc = [], s IN transporter_sources | CASE WHEN s IN acc THEN acc ELSE acc + s END) AS transporter_sources,
       CASE WHEN any(e IN cases + findings WHERE e.state = 'response') THEN 'response'
            ELSE 'tested without effect' END AS cns_state,
       [e IN cases | e {.case, .observation, .path, .site, .response, .months, .state}] AS cases,
       [e IN findings | e {.finding, .name, .metric, .value, .value_text, .unit, .n, .denominator, .setting, .site, .trial,
                           .evidence, .state}] AS findings,
       sources
ORDER BY drug
