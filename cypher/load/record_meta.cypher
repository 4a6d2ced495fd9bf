// Record, after a load, the schema version and the fingerprint of the graph it wrote.
// Parameters: $schema_version, $fingerprint
MERGE (m:KGMeta {key: 'graph'})
SET m.schema_version = $schema_version, m.fingerprint = $fingerprint
