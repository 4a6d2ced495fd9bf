// Create a batch of nodes of one label in a database that holds none yet (a first load); set their properties.
// Parameters: $rows
UNWIND $rows AS row
CREATE (n:__LABEL__)
SET n = row.props
