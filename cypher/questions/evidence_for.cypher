// All evidence for a drug at a site: findings, case observations and transporter facts, each with its state and sources.
// Parameters: $drug, $site, $evidence
// In Neo4j Browser, set the parameters first, e.g.
//   :param {drug: 'DRUGBANK:DB11363', site: 'UBERON:0001017', evidence: 'any'}
MATCH (d:Drug {id: $drug})
MATCH (area:Site {id: $site})
CALL (d, area) {
  // Findings of the drug at the site or a part of it.
  MATCH (f:Finding)-[:OF_DRUG]->(d)
  WHERE $evidence IN ['any', 'findings']
  MATCH (f)-[:AT_SITE]->(s:Site)
  WHERE (s)-[:PART_OF*0..]->(area)
  OPTIONAL MATCH (f)-[:FROM_TRIAL]->(trial:Trial)
  RETURN f.kind AS kind,
         CASE f.outcome WHEN 'response' THEN 'response' WHEN 'no response' THEN 'tested without effect'
                        ELSE 'measured' END AS state,
         f.id AS evidence, f.name AS name, s.name AS site,
         {metric: f.metric, value: f.value, value_text: f.value_text, unit: f.unit, n: f.n, setting: f.setting,
          species: f.species, trial: trial.name} AS detail,
         coalesce(f.sources, []) AS source_ids
  UNION ALL
  // Case observations at the site or a part of it, after a line using the drug.
  MATCH (c:Case)-[:HAD_LINE]->(line:TreatmentLine)-[:USED]->(d)
  WHERE $evidence IN ['any', 'cases']
  MATCH (line)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  WHERE (s)-[:PART_OF*0..]->(area)
  RETURN 'case observation' AS kind, CASE WHEN o.responded THEN 'response' ELSE 'tested without effect' END AS state,
         o.id AS evidence, c.name + ', line ' + toString(line.order) + ' (' + line.name + ')' AS name, s.name AS site,
         {case: c.id, line: line.order, therapy: line.name, response: o.response, months: o.months_after_start} AS detail,
         coalesce(o.sources, []) AS source_ids
  UNION ALL
  // Transporter facts (not site-specific): one row per stated role.
  MATCH (d)-[r:SUBSTRATE_OF|NOT_SUBSTRATE_OF|INHIBITS_TRANSPORTER|INDUCES_TRANSPORTER]->(tr:Transporter)
  WHERE $evidence IN ['any', 'transporters']
  WITH tr, r, CASE type(r) WHEN 'SUBSTRATE_OF' THEN 'substrate' WHEN 'NOT_SUBSTRATE_OF' THEN 'not substrate'
                           WHEN 'INHIBITS_TRANSPORTER' THEN 'inhibitor' ELSE 'inducer' END AS role
  RETURN 'transporter' AS kind,
         CASE role WHEN 'not substrate' THEN 'asserted negative' ELSE role END AS state,
         tr.id AS evidence, tr.name AS name, null AS site,
         {role: role, systems: coalesce(r.systems, []), species: coalesce(r.species, []),
          qualifiers: coalesce(r.qualifiers, []), statements: coalesce(r.statements, [])} AS detail,
         coalesce(r.sources, []) AS source_ids
  UNION ALL
  // Transporters for which nothing says whether the drug is a substrate: not assessed (unknown, never 'no').
  MATCH (tr:Transporter)
  WHERE $evidence IN ['any', 'transporters'] AND NOT EXISTS { (d)-[:SUBSTRATE_OF|NOT_SUBSTRATE_OF]->(tr) }
  RETURN 'transporter' AS kind, 'not assessed' AS state, tr.id AS evidence, tr.name AS name, null AS site,
         {role: null, systems: [], species: [], qualifiers: [], statements: []} AS detail, [] AS source_ids
}
RETURN kind, state, evidence, name, site, detail,
       // Every source with its kind (a trial is of kind 'trial').
       [sid IN source_ids |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
             RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })] AS sources
ORDER BY kind, evidence, state
