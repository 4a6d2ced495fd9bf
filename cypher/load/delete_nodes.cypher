// Delete a batch of nodes of one label (and their relationships) that the loaded files no longer define.
// Parameters: $rows
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
DETACH DELETE n
