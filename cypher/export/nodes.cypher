// The nodes of one label in id order, read from the id index (no sort): one of the sorted streams an export
// of the whole graph merges.
// Parameters: none
MATCH (n:__LABEL__)
WHERE n.id IS NOT NULL
RETURN n.id AS id, properties(n) AS props
ORDER BY n.id
