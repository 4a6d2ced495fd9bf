// Record, after a load, the schema version, the fingerprint of the graph it wrote and the release manifest.
// Parameters: $schema_version, $fingerprint, $manifest
MERGE (m:KGMeta {key: 'graph'})
SET m.schema_version = $schema_version, m.fingerprint = $fingerprint, m.manifest = $manifest
