// Create a batch of relationships of one type between nodes matched by id, in a first load into an empty database
// under the load claim (no other load writes meanwhile; validation makes each start, type and end unique).
// Parameters: $rows
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
