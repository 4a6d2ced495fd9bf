// Drugs ranked by CNS exposure, metric by metric: CNS penetration findings ranked by value within one metric and unit.
// Parameters: $metric, $species, $offset, $limit
// $offset and $limit: the page (rows in metric, unit, rank, drug, finding order, no value first); kg ask passes them.
// In Neo4j Browser, set the parameters first, e.g.
//   :param {metric: 'CSF', species: 'human', offset: 0, limit: 100}
// Never mix metrics: rank within one metric and unit (ties share a rank; text-only values stay unranked). The rank
// of a value is 1 + the number of findings with a greater value. First the values alone: counted per value, sorted
// from the highest, and each value's rank is 1 + the counts of the values before it (a running sum taken in blocks
// of 200 values, so the work grows with the number of values, not with its square). Then each value's findings are
// read back through the index on Finding.value, rank by rank in the rows' order, so that the server stops at
// the page's end. Findings are never held in lists: at a million nodes that would not fit in a transaction's memory.
CALL () {
  MATCH (f:Finding {kind: 'CNS penetration'})
  WHERE $species IN ['any', f.species]
    AND ($metric = 'any' OR toLower(f.metric) CONTAINS toLower($metric))
  WITH f.metric AS metric, f.unit AS unit, f.value AS value, count(*) AS n
  ORDER BY value DESC
  WITH metric, unit, collect({value: value, n: CASE WHEN value IS NULL THEN 0 ELSE n END}) AS runs, 200 AS block
  WITH metric, unit, runs, block,
       [b IN range(0, (size(runs) - 1) / block) |
        reduce(total = 0, r IN runs[b * block .. (b + 1) * block] | total + r.n)] AS block_sizes
  WITH metric, unit, runs, block, reduce(starts = [1], n IN block_sizes | starts + [last(starts) + n]) AS block_starts
  UNWIND range(0, size(runs) - 1) AS i
  RETURN metric, unit, runs[i].value AS value,
         CASE WHEN runs[i].value IS NULL THEN null
              ELSE block_starts[i / block] + reduce(before = 0, r IN runs[(i / block) * block .. i] | before + r.n)
         END AS rank
}
WITH metric, unit, value, rank
ORDER BY metric IS NOT NULL, metric, unit IS NOT NULL, unit, rank IS NOT NULL, rank
CALL (metric, unit, value) {
  MATCH (f:Finding {kind: 'CNS penetration'})
  WHERE f.value = value
  RETURN f
  UNION ALL
  // No row at all unless the value is null (a filter alone would still be planned after a scan of every finding).
  UNWIND CASE WHEN value IS NULL THEN [true] ELSE [] END AS text_only
  MATCH (f:Finding {kind: 'CNS penetration'})
  WHERE f.value IS NULL
  RETURN f
}
WITH metric, unit, value, rank, f
WHERE $species IN ['any', f.species]
  AND ($metric = 'any' OR toLower(f.metric) CONTAINS toLower($metric))
  AND (f.metric = metric OR (f.metric IS NULL AND metric IS NULL))
  AND (f.unit = unit OR (f.unit IS NULL AND unit IS NULL))
OPTIONAL MATCH (f)-[:OF_DRUG]->(d:Drug)
OPTIONAL MATCH (f)-[:AT_SITE]->(s:Site)
RETURN metric, unit,
       rank,
       d.name AS drug, d.id AS drug_id, f.id AS finding, f.value AS value, f.value_text AS value_text,
       f.species AS species, f.n AS n, f.setting AS setting, s.name AS site, f.evidence AS evidence, f.note AS note,
       [sid IN coalesce(f.sources, []) |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                       RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                               verified: coalesce(src.verified, true), evidence: src.evidence} })] AS sources
ORDER BY metric IS NOT NULL, metric, unit IS NOT NULL, unit, rank IS NOT NULL, rank, drug IS NOT NULL, drug, finding
SKIP $offset LIMIT $limit
