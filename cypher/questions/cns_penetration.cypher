// Drugs ranked by CNS exposure, metric by metric: CNS penetration findings ranked by value within one metric and unit.
// Parameters: $metric, $species
// In Neo4j Browser, set the parameters first, e.g.
//   :param {metric: 'CSF', species: 'human'}
MATCH (f:Finding {kind: 'CNS penetration'})
WHERE $species IN ['any', f.species]
  AND ($metric = 'any' OR toLower(f.metric) CONTAINS toLower($metric))
// Never mix metrics: rank within one metric and unit (ties share a rank; text-only values stay unranked).
// The rank of a value is 1 + the number of findings with a greater value: the findings are grouped by value,
// the groups sorted from the highest, and each group's rank is 1 + the sizes of the groups before it (one pass,
// so the work grows with the findings, not with their square).
WITH f.metric AS metric, f.unit AS unit, f.value AS value, collect(f) AS tied
ORDER BY value DESC
WITH metric, unit, collect({value: value, tied: tied}) AS runs
WITH metric, unit, runs,
     reduce(acc = [1], r IN runs | acc + [last(acc) + CASE WHEN r.value IS NULL THEN 0 ELSE size(r.tied) END]) AS starts
UNWIND range(0, size(runs) - 1) AS i
WITH metric, unit, runs[i].tied AS tied, CASE WHEN runs[i].value IS NULL THEN null ELSE starts[i] END AS rank
UNWIND tied AS f
OPTIONAL MATCH (f)-[:OF_DRUG]->(d:Drug)
OPTIONAL MATCH (f)-[:AT_SITE]->(s:Site)
RETURN metric, unit,
       rank,
       d.name AS drug, d.id AS drug_id, f.id AS finding, f.value AS value, f.value_text AS value_text,
       f.species AS species, f.n AS n, f.setting AS setting, s.name AS site, f.evidence AS evidence, f.note AS note,
       // Every source with its kind (a trial is of kind 'trial').
       [sid IN coalesce(f.sources, []) |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
             RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })] AS sources
ORDER BY metric, unit, rank, drug
