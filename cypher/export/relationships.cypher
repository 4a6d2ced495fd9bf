// The relationships leaving the nodes of one label, ordered by start id, type and end id. The start nodes come
// in id order from the id index, so Neo4j sorts only each node's own relationships (a partial sort), never
// the whole set: one of the sorted streams an export of the whole graph merges.
// Parameters: none
MATCH (a:__LABEL__)
WHERE a.id IS NOT NULL
WITH a ORDER BY a.id
MATCH (a)-[r]->(b)
WHERE NOT b:KGMeta
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
ORDER BY start, type, end
