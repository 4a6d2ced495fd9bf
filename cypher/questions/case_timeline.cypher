// A case's treatment steps in order: line of therapy, drugs or local modality, dose, notes, and the response class seen per site, each item with its own sources.
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
// Each observation with its own sources (a trial is of kind 'trial', with no evidence level).
CALL (l) {
  MATCH (l)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  WITH o, s,
       [sid IN o.sources |
        head(COLLECT { MATCH (p:Publication {id: sid})
                       RETURN {id: p.id, name: p.name, kind: p.kind, verified: p.verified, evidence: p.evidence} }
             + COLLECT { MATCH (t:Trial {id: sid})
                         RETURN {id: t.id, name: t.name, kind: 'trial', verified: coalesce(t.verified, true),
                                 evidence: null} })] AS sources
  RETURN collect({site: s.name, response: o.response, response_class: o.response_class,
                  months: o.months_after_start, method: o.method, basis: o.basis, patients: o.patients, of: o.of,
                  note: o.note, sources: sources}) AS observations
}
RETURN c.id AS case, c.note AS case_note, c.patients AS patients, l.order AS order, l.step AS step,
       l.therapy_line AS therapy_line, l.sequence AS sequence, l.group_note AS group_note, l.kind AS kind,
       l.name AS name, drugs, l.modality AS modality, target_sites, l.dose AS dose, l.cycles AS cycles,
       l.duration AS duration, l.end_reason AS end_reason, l.note AS note, observations,
       [sid IN l.sources |
        head(COLLECT { MATCH (p:Publication {id: sid})
                       RETURN {id: p.id, name: p.name, kind: p.kind, verified: p.verified, evidence: p.evidence} }
             + COLLECT { MATCH (t:Trial {id: sid})
                         RETURN {id: t.id, name: t.name, kind: 'trial', verified: coalesce(t.verified, true),
                                 evidence: null} })] AS sources
ORDER BY order, step
