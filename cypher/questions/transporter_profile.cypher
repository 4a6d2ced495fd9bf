// Every drug's role for each transporter (P-gp/ABCB1, BCRP/ABCG2), including 'not assessed' where no relationship exists.
// Parameters: $transporter, $drug_class, $state
// In Neo4j Browser, set the parameters first ($transporter null means every transporter), e.g.
//   :param {transporter: null, drug_class: 'ALK inhibitor', state: 'any'}
MATCH (d:Drug)
WHERE $drug_class IN ['any', d.drug_class]
MATCH (tr:Transporter)
WHERE $transporter IS NULL OR tr.id = $transporter
OPTIONAL MATCH (d)-[r:SUBSTRATE_OF|NOT_SUBSTRATE_OF|INHIBITS_TRANSPORTER|INDUCES_TRANSPORTER]->(tr)
WITH d, tr, collect(r) AS rels
WITH d, tr,
     [r IN rels | {
       role: CASE type(r) WHEN 'SUBSTRATE_OF' THEN 'substrate' WHEN 'NOT_SUBSTRATE_OF' THEN 'not substrate'
                          WHEN 'INHIBITS_TRANSPORTER' THEN 'inhibitor' ELSE 'inducer' END,
       systems: coalesce(r.systems, []), species: coalesce(r.species, []),
       qualifiers: coalesce(r.qualifiers, []), statements: coalesce(r.statements, []), sources: coalesce(r.sources, [])
     }] AS facts
WITH d, tr, facts, [f IN facts | f.role] AS roles
WITH d, tr, facts, roles,
     CASE WHEN 'substrate' IN roles AND 'not substrate' IN roles THEN 'conflicting'
          WHEN 'substrate' IN roles THEN 'substrate'
          WHEN 'not substrate' IN roles THEN 'not substrate'
          WHEN size(roles) > 0 THEN 'inhibitor/inducer only'
          ELSE 'not assessed' END AS state,
     reduce(acc = [], f IN facts | acc + [s IN f.sources WHERE NOT s IN acc]) AS source_ids
WHERE $state IN ['any', state]
RETURN d.name AS drug, d.id AS drug_id, d.drug_class AS drug_class, tr.name AS transporter, tr.id AS transporter_id,
       roles, state,
       reduce(acc = [], f IN facts | acc + [x IN f.systems WHERE NOT x IN acc]) AS systems,
       reduce(acc = [], f IN facts | acc + [x IN f.species WHERE NOT x IN acc]) AS species,
       reduce(acc = [], f IN facts | acc + [x IN f.qualifiers WHERE NOT x IN acc]) AS qualifiers,
       facts,
       // Every source with its kind (a trial is of kind 'trial').
       [sid IN source_ids |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
             RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })] AS sources
ORDER BY drug, transporter
