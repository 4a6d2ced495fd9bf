// Every relationship of the graph with its end ids and properties (for the fingerprint and exports).
// Parameters: none
MATCH (a)-[r]->(b) WHERE NOT a:KGMeta AND NOT b:KGMeta
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
