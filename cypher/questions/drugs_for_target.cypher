// Drugs that inhibit a target, with the role, qualifier and sources of each statement.
// Parameters: $target, $drug_class
// In Neo4j Browser, set the parameters first, e.g.
//   :param {target: 'HGNC:427', drug_class: 'any'}
MATCH (t:Target {id: $target})
MATCH (d:Drug)-[r:INHIBITS]->(t)
WHERE $drug_class IN ['any', d.drug_class]
RETURN d.name AS drug, d.id AS drug_id, d.drug_class AS drug_class, d.generation AS generation, t.name AS target,
       coalesce(r.roles, []) AS roles,
       // Each curated statement, stored as 'sources | role | qualifier' (absent parts left out), with its own sources.
       COLLECT {
         UNWIND coalesce(r.statements, []) AS text
         WITH split(text, ' | ') AS part
         WITH part, CASE WHEN size(part) > 1 AND part[1] IN ['primary', 'secondary'] THEN part[1] END AS role
         WITH part, role, CASE WHEN role IS NULL THEN part[1..] ELSE part[2..] END AS details
         RETURN {
           role: role,
           qualifier: CASE WHEN size(details) = 0 THEN null
                           ELSE reduce(q = head(details), x IN tail(details) | q + ' | ' + x) END,
           sources: [sid IN split(part[0], ', ') |
                     head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                               RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                                       verified: coalesce(src.verified, true), evidence: src.evidence} })]
         }
       } AS statements
ORDER BY drug
