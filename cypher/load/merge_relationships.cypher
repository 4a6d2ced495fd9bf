// Merge a batch of relationships of one type between nodes matched by id; set exactly the given properties.
// Parameters: $rows
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
MERGE (a)-[r:__TYPE__]->(b)
SET r = row.props
