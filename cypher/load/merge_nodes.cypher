// Merge a batch of nodes of one label by id and set exactly the given properties.
// Parameters: $rows
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
SET n = row.props
