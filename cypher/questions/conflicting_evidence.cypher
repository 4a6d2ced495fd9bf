// Where sources disagree: substrate and asserted non-substrate of one transporter, response and no response at one CNS site.
// Parameters: $conflict, $drug_class
// In Neo4j Browser, set the parameters first, e.g.
//   :param {conflict: 'any', drug_class: 'any'}
MATCH (d:Drug)
WHERE $drug_class IN ['any', d.drug_class]
CALL (d) {
  // A substrate statement and an asserted negative for the same transporter.
  MATCH (d)-[pos:SUBSTRATE_OF]->(tr:Transporter)<-[neg:NOT_SUBSTRATE_OF]-(d)
  WHERE $conflict IN ['any', 'transporter substrate status']
  RETURN tr.name AS object, tr.id AS object_id, 'transporter substrate status' AS conflict,
         {state: 'substrate', systems: coalesce(pos.systems, []), species: coalesce(pos.species, []),
          qualifiers: coalesce(pos.qualifiers, []), statements: coalesce(pos.statements, []),
          sources: [sid IN coalesce(pos.sources, []) |
                    head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                         RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })]} AS positive,
         {state: 'asserted negative', systems: coalesce(neg.systems, []), species: coalesce(neg.species, []),
          qualifiers: coalesce(neg.qualifiers, []), statements: coalesce(neg.statements, []),
          sources: [sid IN coalesce(neg.sources, []) |
                    head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                         RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })]} AS negative
  UNION ALL
  // Findings with an outcome and case observations at one CNS site, some with a response and some without.
  CALL (d) {
    MATCH (f:Finding)-[:OF_DRUG]->(d)
    WHERE f.outcome IS NOT NULL
    MATCH (f)-[:AT_SITE]->(s:Site)
    WHERE s.cns
    RETURN s, CASE WHEN f.outcome = 'response' THEN 'response' ELSE 'tested without effect' END AS state,
           f.id AS id, f.name AS text, coalesce(f.sources, []) AS sources
    UNION ALL
    MATCH (c:Case)-[:HAD_LINE]->(line:TreatmentLine)-[:USED]->(d)
    MATCH (line)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
    WHERE s.cns
    RETURN s, CASE WHEN o.responded THEN 'response' ELSE 'tested without effect' END AS state,
           o.id AS id, c.name + ', line ' + toString(line.order) + ' (' + line.name + '): ' + o.response AS text,
           coalesce(o.sources, []) AS sources
  }
  WITH s, state, id, text, sources
  WHERE $conflict IN ['any', 'CNS response']
  WITH s, collect({state: state, id: id, text: text, sources: sources}) AS statements
  WITH s, [x IN statements WHERE x.state = 'response'] AS yes, [x IN statements WHERE x.state <> 'response'] AS no
  WHERE size(yes) > 0 AND size(no) > 0
  WITH s, yes, no,
       reduce(acc = [], x IN yes | acc + [sid IN x.sources WHERE NOT sid IN acc]) AS yes_sources,
       reduce(acc = [], x IN no | acc + [sid IN x.sources WHERE NOT sid IN acc]) AS no_sources
  RETURN s.name AS object, s.id AS object_id, 'CNS response' AS conflict,
         {state: 'response', evidence: [x IN yes | x.id], qualifiers: [x IN yes | x.text],
          sources: [sid IN yes_sources |
                    head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                         RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })]} AS positive,
         {state: 'tested without effect', evidence: [x IN no | x.id], qualifiers: [x IN no | x.text],
          sources: [sid IN no_sources |
                    head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                         RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })]} AS negative
}
RETURN d.name AS subject, d.id AS subject_id, object, object_id, conflict, positive, negative
ORDER BY conflict, subject, object
