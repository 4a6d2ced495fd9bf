// Delete a batch of relationships of one type that the loaded files no longer state.
// Parameters: $rows
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})-[r:__TYPE__]->(b:__END__ {id: row.end})
DELETE r
