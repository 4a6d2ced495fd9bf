// Cases with metastases at a site (or any part of it), when each was found, every outcome seen there with its response class and a summary by class, each item with its own sources.
// Parameters: $site, $offset, $limit
// $offset and $limit: the page (rows in case order); kg ask passes them.
// In Neo4j Browser, set the parameters first, e.g.
//   :param {site: 'UBERON:0001017', offset: 0, limit: 100}
MATCH (area:Site {id: $site})
// The page's cases first, in id order (the index of Case.id serves it), so that only they are described.
MATCH (c:Case)
WHERE EXISTS { MATCH (c)-[:HAS_METASTASIS]->(s:Site) WHERE (s)-[:PART_OF*0..]->(area) }
WITH area, c ORDER BY c.id SKIP $offset LIMIT $limit
MATCH (c)-[m:HAS_METASTASIS]->(s:Site)
WHERE (s)-[:PART_OF*0..]->(area)
// The step whose follow-up found the metastasis: `after_line` holds the step's order; it is shown as the step text.
CALL (c, m) {
  OPTIONAL MATCH (c)-[:HAD_LINE]->(found_after:TreatmentLine {order: m.after_line})
  WITH found_after ORDER BY found_after.id
  WITH collect(found_after.step) AS texts
  RETURN CASE WHEN size(texts) = 0 THEN null WHEN size(texts) = 1 THEN texts[0]
              ELSE '[' + reduce(text = '', t IN texts | text + CASE WHEN text = '' THEN '' ELSE '; ' END + t) + ']'
         END AS after_step
}
WITH area, c, s, m, after_step,
     [sid IN m.sources |
      head(COLLECT { MATCH (p:Publication {id: sid})
                     RETURN {id: p.id, name: p.name, kind: p.kind, verified: p.verified, evidence: p.evidence} }
           + COLLECT { MATCH (t:Trial {id: sid})
                       RETURN {id: t.id, name: t.name, kind: 'trial', verified: coalesce(t.verified, true),
                               evidence: null} })] AS sources
WITH area, c, collect({site: s.name, found: m.found, patients: m.patients, notes: coalesce(m.notes, []),
                      after_order: m.after_line,
                      after_step: after_step, sources: sources}) AS sites
// Every observation at a site of the area, in any step of the case, with its own sources.
CALL (c, area) {
  MATCH (c)-[:HAD_LINE]->(l:TreatmentLine)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(os:Site)
  WHERE (os)-[:PART_OF*0..]->(area)
  CALL (l) {
    OPTIONAL MATCH (l)-[:USED]->(d:Drug)
    WITH d ORDER BY d.name
    RETURN collect(d.name) AS drugs
  }
  WITH l, o, os, drugs,
       [sid IN o.sources |
        head(COLLECT { MATCH (p:Publication {id: sid})
                       RETURN {id: p.id, name: p.name, kind: p.kind, verified: p.verified, evidence: p.evidence} }
             + COLLECT { MATCH (t:Trial {id: sid})
                         RETURN {id: t.id, name: t.name, kind: 'trial', verified: coalesce(t.verified, true),
                                 evidence: null} })] AS sources
  RETURN collect({order: l.order, step: l.step,
                  therapy: CASE WHEN size(drugs) = 0 THEN l.modality
                                ELSE reduce(text = '', n IN drugs |
                                            text + CASE WHEN text = '' THEN '' ELSE ' + ' END + n) END,
                  site: os.name, response: o.response, response_class: o.response_class,
                  months: o.months_after_start, method: o.method, basis: o.basis, patients: o.patients,
                  of: o.of, note: o.note, sources: sources}) AS outcomes
}
// One part per response class seen, in class order: 'response at 2 sites (a, b) after line 3: alectinib'.
CALL (outcomes) {
  UNWIND range(0, 3) AS i
  WITH i, ['response', 'disease control', 'progression', 'not assessed'][i] AS response_class, outcomes
  WITH i, response_class, [o IN outcomes WHERE o.response_class = response_class] AS seen
  WHERE size(seen) > 0
  CALL (seen) {
    UNWIND seen AS o
    WITH DISTINCT o.site AS site
    ORDER BY site
    RETURN collect(site) AS class_sites
  }
  CALL (seen) {
    UNWIND seen AS o
    WITH DISTINCT o.order AS step_order, o.step AS step
    ORDER BY step_order
    RETURN collect(step) AS class_steps
  }
  CALL (seen) {
    UNWIND seen AS o
    WITH o WHERE o.of IS NOT NULL
    WITH o ORDER BY o.order, o.step, o.site, o.patients
    RETURN collect(toString(o.patients) + ' of ' + toString(o.of) + ' patients after ' + o.step) AS counts
  }
  WITH i, response_class + ' at ' + toString(size(class_sites))
          + CASE WHEN size(class_sites) = 1 THEN ' site (' ELSE ' sites (' END
          + reduce(text = '', n IN class_sites | text + CASE WHEN text = '' THEN '' ELSE ', ' END + n)
          + ') after '
          + reduce(text = '', n IN class_steps | text + CASE WHEN text = '' THEN '' ELSE ' and ' END + n)
          + CASE WHEN size(counts) = 0 THEN ''
                 ELSE ' (series-level: '
                      + reduce(text = '', n IN counts | text + CASE WHEN text = '' THEN '' ELSE ', ' END + n) + ')'
            END AS part
  ORDER BY i
  RETURN collect(part) AS parts
}
CALL (c) {
  OPTIONAL MATCH (c)-[:IN_SERIES]->(series:Case)
  RETURN series.id AS series
}
RETURN c.id AS case, c.name AS name, coalesce(c.patients, 1) AS patients, c.patients IS NOT NULL AS series_level,
       series, sites,
       CASE WHEN size(outcomes) = 0 THEN 'not assessed: no observation at these sites'
            ELSE reduce(text = '', part IN parts | text + CASE WHEN text = '' THEN '' ELSE '; ' END + part)
       END AS state,
       outcomes
ORDER BY case
