// Every node of the graph with its labels and properties (for the fingerprint and exports).
// Parameters: none
MATCH (n) WHERE NOT n:KGMeta
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
