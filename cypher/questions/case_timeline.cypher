// A case's treatment lines in order, each with its drugs or local modality, dose, and the response seen per site.
// Parameters: $case
// In Neo4j Browser, set the parameters first, e.g.
//   :param {case: 'oncokg:case-alectinib-cns-case-report'}
MATCH (c:Case {id: $case})-[:HAD_LINE]->(l:TreatmentLine)
CALL (l) {
  OPTIONAL MATCH (l)-[:USED]->(d:Drug)
  RETURN collect(d.name) AS drugs
}
CALL (l) {
  OPTIONAL MATCH (l)-[:TARGETED_SITE]->(s:Site)
  RETURN collect(s.name) AS target_sites
}
CALL (l) {
  MATCH (l)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  RETURN collect({site: s.name, response: o.response, months: o.months_after_start,
                  state: CASE WHEN o.responded THEN 'response' ELSE 'tested without effect' END}) AS observations,
         reduce(acc = [], o2 IN collect(o) | acc + o2.sources) AS observation_sources
}
// The sources of the line and of its observations, each with its kind (a trial is of kind 'trial').
CALL (l, observation_sources) {
  UNWIND l.sources + observation_sources AS sid
  WITH DISTINCT sid
  OPTIONAL MATCH (p:Publication {id: sid})
  OPTIONAL MATCH (trial:Trial {id: sid})
  RETURN collect({id: sid, name: coalesce(p.name, trial.name),
                  kind: CASE WHEN trial IS NOT NULL THEN 'trial' ELSE p.kind END}) AS sources
}
RETURN c.id AS case, l.order AS order, l.kind AS kind, l.name AS name, l.therapy_line AS therapy_line,
       drugs, l.modality AS modality, target_sites, l.dose AS dose, l.cycles AS cycles, l.duration AS duration,
       l.end_reason AS end_reason, observations, sources
ORDER BY order
