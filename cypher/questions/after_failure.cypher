// Steps that used a drug and failed (a progression after them, or a later step), with every later step and its outcomes by response class, each item with its own sources.
// Parameters: $drug, $offset, $limit
// $offset and $limit: the page (rows in case, failed step, later step order); kg ask passes them.
// In Neo4j Browser, set the parameters first, e.g.
//   :param {drug: 'DRUGBANK:DB08865', offset: 0, limit: 100}
MATCH (c:Case)-[:HAD_LINE]->(failed:TreatmentLine)-[:USED]->(:Drug {id: $drug})
// The page's rows first: a step that used the drug and progressed, or has a later step (every later step is a
// row; no later step sorts first, as in the question's sort key); then only they are described.
OPTIONAL MATCH (c)-[:HAD_LINE]->(later:TreatmentLine)
  WHERE later.order > failed.order
WITH c, failed, later
WHERE later IS NOT NULL
   OR EXISTS { MATCH (failed)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(:Site) WHERE o.response_class = 'progression' }
WITH c, failed, later
ORDER BY c.id, failed.order, failed.step, later IS NOT NULL, later.order, later.step, failed.id, later.id
SKIP $offset LIMIT $limit
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
                  months: o.months_after_start, method: o.method, basis: o.basis, patients: o.patients, of: o.of,
                  note: o.note, sources: sources})
         AS failure_evidence
}
// Later steps (above): every step of a later order (the other members of a group given in an unknown order are
// not later).
// The steps between, by order; the members of a group between the ends are one part '[a; b]'.
CALL (c, failed, later) {
  OPTIONAL MATCH (c)-[:HAD_LINE]->(mid:TreatmentLine)
    WHERE later IS NOT NULL AND mid.order > failed.order AND mid.order < later.order
  WITH mid ORDER BY mid.order, mid.id
  WITH mid.order AS mid_order, collect(mid) AS members
  ORDER BY mid_order
  RETURN collect(CASE WHEN mid_order IS NULL THEN null
                      WHEN size(members) = 1 THEN members[0].step
                      ELSE '[' + reduce(text = '', m IN members |
                                        text + CASE WHEN text = '' THEN '' ELSE '; ' END + m.step) + ']' END)
         AS mid_parts,
         reduce(ids = [], ms IN collect(members) | ids + reduce(x = [], m IN ms | x + m.sources)) AS mid_ids
}
WITH c, failed, failure_evidence, later,
     [failed.step] + [t IN mid_parts WHERE t IS NOT NULL] + CASE WHEN later IS NULL THEN [] ELSE [later.step] END
     AS parts,
     failed.sources + mid_ids + coalesce(later.sources, []) AS step_ids
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
                  months: o.months_after_start, method: o.method, basis: o.basis, patients: o.patients, of: o.of,
                  note: o.note, sources: sources}) AS outcomes
}
// The path's text is the steps' own text, supported by the steps' own sources.
WITH c, failed, failure_evidence, later, parts, drugs, outcomes,
     reduce(acc = [], sid IN step_ids | CASE WHEN sid IN acc THEN acc ELSE acc + sid END) AS path_ids
RETURN c.id AS case, failed.order AS failed_order, failed.step AS failed_step,
       CASE WHEN size(failure_evidence) > 0 THEN 'progression' ELSE 'later line only' END AS failure,
       failure_evidence, failed.end_reason AS end_reason,
       later.order AS later_order, later.step AS later_step,
       reduce(text = '', t IN parts | text + CASE WHEN text = '' THEN '' ELSE ' -> ' END + t) AS path,
       [sid IN path_ids |
        head(COLLECT { MATCH (p:Publication {id: sid})
                       RETURN {id: p.id, name: p.name, kind: p.kind, verified: p.verified, evidence: p.evidence} }
             + COLLECT { MATCH (t:Trial {id: sid})
                         RETURN {id: t.id, name: t.name, kind: 'trial', verified: coalesce(t.verified, true),
                                 evidence: null} })] AS path_sources,
       drugs, later.modality AS modality, outcomes
ORDER BY case, failed_order, failed_step, later_order, later_step
