// Counts per label and per relationship type.
// Parameters: none
CALL () { MATCH (n) WHERE NOT n:KGMeta UNWIND labels(n) AS name RETURN 'labels' AS kind, name, count(*) AS count
          UNION ALL
          MATCH ()-[r]->() RETURN 'relationships' AS kind, type(r) AS name, count(*) AS count }
RETURN kind, name, count ORDER BY kind, name
