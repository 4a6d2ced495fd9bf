// Drugs that inhibit a target, with the role, qualifiers and sources of each statement.
// Parameters: $target, $drug_class
// In Neo4j Browser, set the parameters first, e.g.
//   :param {target: 'HGNC:427', drug_class: 'any'}
MATCH (t:Target {id: $target})
MATCH (d:Drug)-[r:INHIBITS]->(t)
WHERE $drug_class IN ['any', d.drug_class]
RETURN d.name AS drug, d.id AS drug_id, d.drug_class AS drug_class, d.generation AS generation, t.name AS target,
       coalesce(r.roles, []) AS roles, coalesce(r.qualifiers, []) AS qualifiers,
       coalesce(r.statements, []) AS statements,
       // Every source with its kind (a trial is of kind 'trial').
       [sid IN coalesce(r.sources, []) |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
             RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })] AS sources
ORDER BY drug
