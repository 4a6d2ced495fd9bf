// The files the graph is built from beyond the seed, as record_sources recorded them.
// Parameters: none
MATCH (m:KGMeta) WHERE m.key STARTS WITH 'source:'
RETURN m.path AS path, m.format AS format, m.sha256 AS sha256, m.records AS records, m.loaded_at AS loaded_at,
       m.loaded_by AS loaded_by, m.content AS content
ORDER BY m.loaded_at, m.path
