// What the graph does not know about each drug of a class: substrate status per transporter, CNS penetration, CNS response, CNS response after a prior drug.
// Parameters: $drug_class, $prior_drug, $offset, $limit
// $offset and $limit: the page (rows in drug name, id order); kg ask passes them.
// In Neo4j Browser, set the parameters first, e.g.
//   :param {drug_class: 'ALK inhibitor', prior_drug: 'DRUGBANK:DB08865', offset: 0, limit: 100}
MATCH (prior:Drug {id: $prior_drug})
MATCH (d:Drug)
WHERE $drug_class IN ['any', d.drug_class]
// The page's drugs first, in name order (the index of Drug.name serves it), so that only they are checked.
WITH prior, d ORDER BY d.name, d.id SKIP $offset LIMIT $limit
CALL (d) {
  MATCH (tr:Transporter)
  RETURN collect({what: tr.name + ' substrate status',
                  known: EXISTS { (d)-[:SUBSTRATE_OF|NOT_SUBSTRATE_OF]->(tr) }}) AS transporter_checks
}
WITH d, prior, transporter_checks + [
  {what: 'CNS penetration finding', known: EXISTS { (:Finding {kind: 'CNS penetration'})-[:OF_DRUG]->(d) }},
  {what: 'CNS response evidence',
   known: EXISTS { (:Finding {kind: 'CNS response'})-[:OF_DRUG]->(d) }
          OR EXISTS { (d)<-[:USED]-(:TreatmentLine)-[:OBSERVED]->(:Observation)-[:AT_SITE]->(s:Site) WHERE s.cns }}
] + CASE WHEN d <> prior AND d.drug_class = prior.drug_class THEN [
  // Only for drugs of the prior drug's class: a CNS response finding in a population pretreated with it, or a case
  // observation at a CNS site after a line with the drug that follows a line with it.
  {what: 'CNS response evidence after ' + prior.name,
   known: EXISTS { MATCH (f:Finding {kind: 'CNS response'})-[:OF_DRUG]->(d)
                   WHERE (f)-[:AFTER]->(prior) AND EXISTS { (f)-[:AT_SITE]->(s:Site) WHERE s.cns } }
          OR EXISTS { MATCH (c:Case)-[:HAD_LINE]->(after:TreatmentLine)-[:USED]->(d)
                      MATCH (c)-[:HAD_LINE]->(before:TreatmentLine)-[:USED]->(prior)
                      WHERE before.order < after.order
                        AND EXISTS { (after)-[:OBSERVED]->(:Observation)-[:AT_SITE]->(s:Site) WHERE s.cns } }}
] ELSE [] END AS checks
RETURN d.name AS drug, d.id AS drug_id, d.drug_class AS drug_class,
       [c IN checks WHERE NOT c.known | c.what] AS missing,
       [c IN checks WHERE c.known | c.what] AS known
ORDER BY drug, drug_id
