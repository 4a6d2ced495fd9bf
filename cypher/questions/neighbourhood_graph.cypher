// The nodes and relationships of the neighbourhood slice with all their properties, to rebuild it as a graph.
// Parameters: $id, $depth
// In Neo4j Browser, set the parameters first, e.g.
//   :param {id: 'DRUGBANK:DB11363', depth: 1}
// Same slice as questions/neighbourhood.cypher: every relationship of every node at most $depth - 1 steps away.
MATCH (centre {id: $id})
WHERE NOT centre:KGMeta
MATCH p = (centre)-[*0..2]-(near)
WHERE length(p) < $depth
WITH centre, collect(DISTINCT near) AS near
CALL (near) {
  UNWIND near AS n
  MATCH (n)-[r]-()
  RETURN collect(DISTINCT r) AS rels
}
WITH centre, rels, reduce(acc = [centre], r IN rels | acc + [startNode(r), endNode(r)]) AS ends
UNWIND ends AS n
WITH rels, collect(DISTINCT n) AS nodes
RETURN [n IN nodes | {id: n.id, label: labels(n)[0], props: properties(n)}] AS nodes,
       [r IN rels | {start: startNode(r).id, type: type(r), end: endNode(r).id, props: properties(r)}] AS relationships
