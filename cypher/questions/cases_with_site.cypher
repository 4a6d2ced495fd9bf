// Cases with metastases at a site (or any site part of it), when each was found, and every outcome observed there.
// Parameters: $site
// In Neo4j Browser, set the parameters first, e.g.
//   :param {site: 'UBERON:0001017'}
MATCH (area:Site {id: $site})
MATCH (c:Case)-[m:HAS_METASTASIS]->(s:Site)
WHERE (s)-[:PART_OF*0..]->(area)
OPTIONAL MATCH (c)-[:HAD_LINE]->(found_after:TreatmentLine {order: m.after_line})
WITH area, c,
     collect({site: s.name, found: m.found,
              after_line: CASE WHEN found_after IS NULL THEN null
                               ELSE toString(found_after.order) + '. ' + found_after.name END}) AS sites,
     reduce(acc = [], x IN collect(m.sources) | acc + x) AS metastasis_sources
// Every observation at a site of the area, in any line of the case.
CALL (c, area) {
  MATCH (c)-[:HAD_LINE]->(l:TreatmentLine)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(os:Site)
  WHERE (os)-[:PART_OF*0..]->(area)
  CALL (l) {
    OPTIONAL MATCH (l)-[:USED]->(d:Drug)
    WITH d ORDER BY d.name
    RETURN collect(d.name) AS drugs
  }
  RETURN collect({line: toString(l.order) + '. ' + l.name,
                  therapy: CASE WHEN size(drugs) = 0 THEN l.modality
                                ELSE reduce(text = '', n IN drugs |
                                            text + CASE WHEN text = '' THEN '' ELSE ' + ' END + n) END,
                  site: os.name, response: o.response, months: o.months_after_start,
                  state: CASE WHEN o.responded THEN 'response' ELSE 'tested without effect' END}) AS outcomes,
         reduce(acc = [], x IN collect(o.sources) | acc + x) AS outcome_sources
}
// Every source the row rests on, with its kind (a trial is of kind 'trial').
CALL (metastasis_sources, outcome_sources) {
  UNWIND metastasis_sources + outcome_sources AS sid
  WITH DISTINCT sid
  OPTIONAL MATCH (p:Publication {id: sid})
  OPTIONAL MATCH (trial:Trial {id: sid})
  RETURN collect({id: sid, name: coalesce(p.name, trial.name),
                  kind: CASE WHEN trial IS NOT NULL THEN 'trial' ELSE p.kind END}) AS sources
}
RETURN c.id AS case, c.name AS name, sites,
       CASE WHEN any(e IN outcomes WHERE e.state = 'response') THEN 'response'
            WHEN size(outcomes) > 0 THEN 'tested without effect'
            ELSE 'not assessed' END AS state,
       outcomes, sources
ORDER BY case
