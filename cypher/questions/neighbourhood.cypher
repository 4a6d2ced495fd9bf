// The relationships on paths of at most a given depth (1 to 3) from a node, in either direction, each statement with its own sources.
// Parameters: $id, $depth
// In Neo4j Browser, set the parameters first, e.g.
//   :param {id: 'DRUGBANK:DB11363', depth: 1}
// The slice is every relationship of every node at most $depth - 1 steps away; the pattern's upper bound is fixed
// at 2 (a path length cannot be a parameter), so depths above 3 get the depth-3 slice (the CLI refuses them).
// Each statement (stored as 'sources | ...') comes with its own sources; its text in words is added by
// kg.questions.explore.neighbourhood_finish, the same code for both stores.
MATCH (centre {id: $id})
WHERE NOT centre:KGMeta
MATCH p = (centre)-[*0..2]-(near)
WHERE length(p) < $depth
WITH DISTINCT near
MATCH (near)-[r]-()
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN a.id AS start, labels(a)[0] AS start_label, a.name AS start_name, type(r) AS type,
       b.id AS end, labels(b)[0] AS end_label, b.name AS end_name,
       [text IN coalesce(r.statements, []) | {
         statement: text,
         sources: [sid IN split(split(text, ' | ')[0], ', ') |
                   head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                             RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                                     verified: coalesce(src.verified, true), evidence: src.evidence} })]
       }] AS statements,
       [sid IN coalesce(r.sources, []) |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                  RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                          verified: coalesce(src.verified, true), evidence: src.evidence} })] AS sources
ORDER BY start, type, end
