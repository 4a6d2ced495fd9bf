// What the graph does not know about each drug of a class: substrate status per transporter, CNS penetration, CNS response.
// Parameters: $drug_class
// In Neo4j Browser, set the parameters first, e.g.
//   :param {drug_class: 'ALK inhibitor'}
MATCH (d:Drug)
WHERE $drug_class IN ['any', d.drug_class]
CALL (d) {
  MATCH (tr:Transporter)
  RETURN collect({what: tr.name + ' substrate status',
                  known: EXISTS { (d)-[:SUBSTRATE_OF|NOT_SUBSTRATE_OF]->(tr) }}) AS transporter_checks
}
WITH d, transporter_checks + [
  {what: 'CNS penetration finding', known: EXISTS { (:Finding {kind: 'CNS penetration'})-[:OF_DRUG]->(d) }},
  {what: 'CNS response evidence',
   known: EXISTS { (:Finding {kind: 'CNS response'})-[:OF_DRUG]->(d) }
          OR EXISTS { (d)<-[:USED]-(:TreatmentLine)-[:OBSERVED]->(:Observation)-[:AT_SITE]->(s:Site) WHERE s.cns }}
] AS checks
RETURN d.name AS drug, d.id AS drug_id, d.drug_class AS drug_class,
       [c IN checks WHERE NOT c.known | c.what] AS missing,
       [c IN checks WHERE c.known | c.what] AS known
ORDER BY drug
