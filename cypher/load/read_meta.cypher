// What the last load recorded: schema version, graph fingerprint and the release manifest (JSON text).
// Parameters: none
MATCH (m:KGMeta {key: 'graph'})
RETURN m.schema_version AS schema_version, m.fingerprint AS fingerprint, m.manifest AS manifest
