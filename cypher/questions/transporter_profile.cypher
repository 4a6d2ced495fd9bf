// Every drug's role for each transporter (P-gp/ABCB1, BCRP/ABCG2), statement by statement with its own sources, including 'not assessed' where no relationship exists.
// Parameters: $transporter, $drug_class, $state, $offset, $limit
// $offset and $limit: the page (rows in drug, transporter order); kg ask passes them.
// In Neo4j Browser, set the parameters first ($transporter null means every transporter), e.g.
//   :param {transporter: null, drug_class: 'ALK inhibitor', state: 'any', offset: 0, limit: 100}
// Each statement's `claim` in words ('weak substrate (in vitro, mouse only)') is added by
// kg.questions.drugs.profile_finish, the same code for both stores.
MATCH (d:Drug)
WHERE $drug_class IN ['any', d.drug_class]
MATCH (tr:Transporter)
WHERE $transporter IS NULL OR tr.id = $transporter
// The roles stated (by the types of the relationships that carry a statement) and the state they give, for every
// drug and transporter; then the page's pairs, in order, and only their statements are read.
CALL (d, tr) {
  MATCH (d)-[r:SUBSTRATE_OF|NOT_SUBSTRATE_OF|INHIBITS_TRANSPORTER|INDUCES_TRANSPORTER]->(tr)
  WHERE size(r.statements) > 0
  RETURN collect(DISTINCT CASE type(r) WHEN 'SUBSTRATE_OF' THEN 'substrate' WHEN 'NOT_SUBSTRATE_OF' THEN 'not substrate'
                                       WHEN 'INHIBITS_TRANSPORTER' THEN 'inhibitor' ELSE 'inducer' END) AS roles
}
WITH d, tr, roles,
     CASE WHEN 'substrate' IN roles AND 'not substrate' IN roles THEN 'conflicting'
          WHEN 'substrate' IN roles THEN 'substrate'
          WHEN 'not substrate' IN roles THEN 'not substrate'
          WHEN size(roles) > 0 THEN 'inhibitor/inducer only'
          ELSE 'not assessed' END AS state
WHERE $state IN ['any', state]
WITH d, tr, roles, state ORDER BY d.name, d.id, tr.name, tr.id SKIP $offset LIMIT $limit
// Each curated statement: 'sources | system | species | strength | resistance | qualifier', '-' when absent.
CALL (d, tr) {
  OPTIONAL MATCH (d)-[r:SUBSTRATE_OF|NOT_SUBSTRATE_OF|INHIBITS_TRANSPORTER|INDUCES_TRANSPORTER]->(tr)
  UNWIND CASE WHEN r IS NULL THEN [] ELSE r.statements END AS text
  WITH r, split(text, ' | ') AS part
  WITH CASE type(r) WHEN 'SUBSTRATE_OF' THEN 'substrate' WHEN 'NOT_SUBSTRATE_OF' THEN 'not substrate'
                    WHEN 'INHIBITS_TRANSPORTER' THEN 'inhibitor' ELSE 'inducer' END AS role, part,
       [x IN part[1..5] | CASE x WHEN '-' THEN null ELSE x END] AS given
  RETURN collect({
    role: role, system: given[0], species: given[1], strength: given[2], resistance: given[3], qualifier: part[5],
    sources: [sid IN split(part[0], ', ') |
              head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                        RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                                verified: coalesce(src.verified, true), evidence: src.evidence} })]
  }) AS statements
}
RETURN d.name AS drug, d.id AS drug_id, d.drug_class AS drug_class, tr.name AS transporter, tr.id AS transporter_id,
       roles, state, statements
ORDER BY drug, drug_id, transporter, transporter_id
