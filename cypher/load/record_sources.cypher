// Record which files the graph is built from (beyond the seed): one KGMeta node per file, keyed 'source:<path>',
// with its format, checksum, record count, who loaded it and when, the ids it contributed and its content
// (zlib-compressed), so that any user's reload, unload or reset starts from what the graph holds. KGMeta nodes
// stay outside the graph's fingerprint and counts.
// Parameters: $keys, $rows
OPTIONAL MATCH (old:KGMeta) WHERE old.key STARTS WITH 'source:' AND NOT old.key IN $keys
DETACH DELETE old
WITH count(*) AS removed
UNWIND $rows AS row
MERGE (m:KGMeta {key: row.key})
SET m += row.props
