// Lines that used a drug and failed (an observation without response, or a later line), with every later line and its outcomes.
// Parameters: $drug
// In Neo4j Browser, set the parameters first, e.g.
//   :param {drug: 'DRUGBANK:DB08865'}
MATCH (c:Case)-[:HAD_LINE]->(failed:TreatmentLine)-[:USED]->(:Drug {id: $drug})
// Observations of the failed line that saw no response (stable disease, no change, enlargement, progression, new lesion).
CALL (failed) {
  MATCH (failed)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  WHERE NOT o.responded
  RETURN collect({site: s.name, response: o.response, months: o.months_after_start}) AS failure_evidence,
         reduce(acc = [], x IN collect(o.sources) | acc + x) AS failure_sources
}
OPTIONAL MATCH path = (failed)-[:NEXT*1..]->(later:TreatmentLine)
WITH c, failed, failure_evidence, failure_sources, later, path
WHERE size(failure_evidence) > 0 OR later IS NOT NULL
CALL (later) {
  OPTIONAL MATCH (later)-[:USED]->(d:Drug)
  RETURN collect(d.name) AS drugs
}
CALL (later) {
  MATCH (later)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  RETURN collect({site: s.name, response: o.response, months: o.months_after_start,
                  state: CASE WHEN o.responded THEN 'response' ELSE 'tested without effect' END}) AS outcomes,
         reduce(acc = [], x IN collect(o.sources) | acc + x) AS outcome_sources
}
// Every source the row rests on, with its kind (a trial is of kind 'trial').
CALL (failed, later, failure_sources, outcome_sources) {
  UNWIND failed.sources + coalesce(later.sources, []) + failure_sources + outcome_sources AS sid
  WITH DISTINCT sid
  OPTIONAL MATCH (p:Publication {id: sid})
  OPTIONAL MATCH (trial:Trial {id: sid})
  RETURN collect({id: sid, name: coalesce(p.name, trial.name),
                  kind: CASE WHEN trial IS NOT NULL THEN 'trial' ELSE p.kind END}) AS sources
}
RETURN c.id AS case, failed.order AS failed_order, toString(failed.order) + '. ' + failed.name AS failed_line,
       CASE WHEN size(failure_evidence) > 0 THEN 'tested without effect' ELSE 'later line only' END AS failure,
       failure_evidence, failed.end_reason AS end_reason,
       later.order AS later_order,
       CASE WHEN later IS NULL THEN null ELSE toString(later.order) + '. ' + later.name END AS later_line,
       CASE WHEN path IS NULL THEN toString(failed.order) + '. ' + failed.name
            ELSE reduce(text = '', n IN nodes(path) |
                        text + CASE WHEN text = '' THEN '' ELSE ' -> ' END + toString(n.order) + '. ' + n.name)
       END AS path,
       drugs, later.modality AS modality, outcomes, sources
ORDER BY case, failed_order, later_order
