// Drugs ranked by CNS exposure, metric by metric: CNS penetration findings ranked by value within one metric and unit.
// Parameters: $metric, $species
// In Neo4j Browser, set the parameters first, e.g.
//   :param {metric: 'CSF', species: 'human'}
MATCH (f:Finding {kind: 'CNS penetration'})
WHERE $species IN ['any', f.species]
  AND ($metric = 'any' OR toLower(f.metric) CONTAINS toLower($metric))
// Never mix metrics: rank within one metric and unit (ties share a rank; text-only values stay unranked).
WITH f.metric AS metric, f.unit AS unit, collect(f) AS findings
WITH metric, unit, findings, [x IN findings WHERE x.value IS NOT NULL | x.value] AS values
UNWIND findings AS f
OPTIONAL MATCH (f)-[:OF_DRUG]->(d:Drug)
OPTIONAL MATCH (f)-[:AT_SITE]->(s:Site)
RETURN metric, unit,
       CASE WHEN f.value IS NULL THEN null ELSE 1 + size([v IN values WHERE v > f.value]) END AS rank,
       d.name AS drug, d.id AS drug_id, f.id AS finding, f.value AS value, f.value_text AS value_text,
       f.species AS species, f.n AS n, f.setting AS setting, s.name AS site, f.evidence AS evidence, f.note AS note,
       // Every source with its kind (a trial is of kind 'trial').
       [sid IN coalesce(f.sources, []) |
        head(COLLECT { MATCH (src:Publication|Trial {id: sid})
             RETURN {id: sid, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END} })] AS sources
ORDER BY metric, unit, rank, drug
