// Steps that used a drug and failed (a progression after them, or a later step), with every later step and its outcomes by response class, each item with its own sources.
// Parameters: $drug
// In Neo4j Browser, set the parameters first, e.g.
//   :param {drug: 'DRUGBANK:DB08865'}
MATCH (c:Case)-[:HAD_LINE]->(failed:TreatmentLine)-[:USED]->(:Drug {id: $drug})
// Failure is progression only (enlargement, progression, new lesion); stable disease and no change are disease control.
CALL (failed) {
  MATCH (failed)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  WHERE o.response_class = 'progression'
  WITH o, s,
       [sid IN o.sources |
        head(COLLECT { MATCH (p:Publication {id: sid})
                       RETURN {id: p.id, name: p.name, kind: p.kind, verified: p.verified, evidence: p.evidence} }
             + COLLECT { MATCH (t:Trial {id: sid})
                         RETURN {id: t.id, name: t.name, kind: 'trial', verified: coalesce(t.verified, true),
                                 evidence: null} })] AS sources
  RETURN collect({site: s.name, response: o.response, response_class: o.response_class,
                  months: o.months_after_start, method: o.method, note: o.note, sources: sources})
         AS failure_evidence
}
OPTIONAL MATCH path = (failed)-[:NEXT*1..]->(later:TreatmentLine)
WITH c, failed, failure_evidence, later, coalesce(nodes(path), [failed]) AS steps
WHERE size(failure_evidence) > 0 OR later IS NOT NULL
CALL (later) {
  OPTIONAL MATCH (later)-[:USED]->(d:Drug)
  RETURN collect(d.name) AS drugs
}
CALL (later) {
  MATCH (later)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  WITH o, s,
       [sid IN o.sources |
        head(COLLECT { MATCH (p:Publication {id: sid})
                       RETURN {id: p.id, name: p.name, kind: p.kind, verified: p.verified, evidence: p.evidence} }
             + COLLECT { MATCH (t:Trial {id: sid})
                         RETURN {id: t.id, name: t.name, kind: 'trial', verified: coalesce(t.verified, true),
                                 evidence: null} })] AS sources
  RETURN collect({site: s.name, response: o.response, response_class: o.response_class,
                  months: o.months_after_start, method: o.method, note: o.note, sources: sources}) AS outcomes
}
// The path's text is the steps' own text, supported by the steps' own sources.
WITH c, failed, failure_evidence, later, steps, drugs, outcomes,
     reduce(acc = [], sid IN reduce(ids = [], n IN steps | ids + n.sources) |
            CASE WHEN sid IN acc THEN acc ELSE acc + sid END) AS path_ids
RETURN c.id AS case, failed.order AS failed_order, failed.step AS failed_step,
       CASE WHEN size(failure_evidence) > 0 THEN 'progression' ELSE 'later line only' END AS failure,
       failure_evidence, failed.end_reason AS end_reason,
       later.order AS later_order, later.step AS later_step,
       reduce(text = '', n IN steps | text + CASE WHEN text = '' THEN '' ELSE ' -> ' END + n.step) AS path,
       [sid IN path_ids |
        head(COLLECT { MATCH (p:Publication {id: sid})
                       RETURN {id: p.id, name: p.name, kind: p.kind, verified: p.verified, evidence: p.evidence} }
             + COLLECT { MATCH (t:Trial {id: sid})
                         RETURN {id: t.id, name: t.name, kind: 'trial', verified: coalesce(t.verified, true),
                                 evidence: null} })] AS path_sources,
       drugs, later.modality AS modality, outcomes
ORDER BY case, failed_order, later_order
