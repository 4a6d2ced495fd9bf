// All evidence for a drug at a site: findings, case observations and transporter statements, each with its state and own sources.
// Parameters: $drug, $site, $evidence
// Unverified findings are left out (unless asked for) by kg.questions.cns.evidence_finish, for both stores.
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
         CASE f.outcome WHEN 'response' THEN 'response' WHEN 'no response' THEN 'no response'
                        ELSE 'measured' END AS state,
         f.id AS evidence, f.name AS name, s.name AS site, coalesce(f.verified, true) AS verified,
         {metric: f.metric, value: f.value, value_text: f.value_text, unit: f.unit, n: f.n, setting: f.setting,
          subgroup: f.subgroup, arm: f.arm, analysis: f.analysis, measure: f.measure,
          species: f.species, trial: trial.name} AS detail,
         coalesce(f.sources, []) AS source_ids
  UNION ALL
  // Case observations at the site or a part of it, after a line using the drug.
  MATCH (c:Case)-[:HAD_LINE]->(line:TreatmentLine)-[:USED]->(d)
  WHERE $evidence IN ['any', 'cases']
  MATCH (line)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  WHERE (s)-[:PART_OF*0..]->(area)
  RETURN 'case observation' AS kind, o.response_class AS state,
         o.id AS evidence, c.name + ', ' + line.step AS name, s.name AS site, true AS verified,
         {case: c.id, step: line.step, therapy_line: line.therapy_line, response: o.response,
          months: o.months_after_start, note: o.note} AS detail,
         coalesce(o.sources, []) AS source_ids
  UNION ALL
  // Transporter statements (not site-specific): one row per curated statement,
  // 'sources | system | species | strength | resistance | qualifier'.
  MATCH (d)-[r:SUBSTRATE_OF|NOT_SUBSTRATE_OF|INHIBITS_TRANSPORTER|INDUCES_TRANSPORTER]->(tr:Transporter)
  WHERE $evidence IN ['any', 'transporters']
  UNWIND r.statements AS text
  WITH tr, split(text, ' | ') AS part,
       CASE type(r) WHEN 'SUBSTRATE_OF' THEN 'substrate' WHEN 'NOT_SUBSTRATE_OF' THEN 'not substrate'
                    WHEN 'INHIBITS_TRANSPORTER' THEN 'inhibitor' ELSE 'inducer' END AS role
  WITH tr, role, part, [x IN part[1..5] | CASE x WHEN '-' THEN null ELSE x END] AS given
  RETURN 'transporter' AS kind,
         CASE role WHEN 'not substrate' THEN 'asserted negative' ELSE role END AS state,
         tr.id AS evidence, tr.name AS name, null AS site, true AS verified,
         {role: role, system: given[0], species: given[1], strength: given[2], resistance: given[3],
          qualifier: part[5]} AS detail,
         split(part[0], ', ') AS source_ids
  UNION ALL
  // Transporters for which nothing says whether the drug is a substrate: not assessed (unknown, never 'no').
  MATCH (tr:Transporter)
  WHERE $evidence IN ['any', 'transporters'] AND NOT EXISTS { (d)-[:SUBSTRATE_OF|NOT_SUBSTRATE_OF]->(tr) }
  RETURN 'transporter' AS kind, 'not assessed' AS state, tr.id AS evidence, tr.name AS name, null AS site,
         true AS verified,
         {role: null, system: null, species: null, strength: null, resistance: null, qualifier: null} AS detail,
         [] AS source_ids
}
RETURN kind, state, evidence, name, site, verified, detail,
       [sid IN source_ids |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                       RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                               verified: coalesce(src.verified, true), evidence: src.evidence} })] AS sources
ORDER BY kind, evidence, state
