// Where sources disagree about the same claim in the same system (substrate status, transporter-mediated resistance), and where patients differ at a CNS site (response heterogeneity); every item with its own sources.
// Parameters: $conflict, $drug_class, $include_unverified, $offset, $limit
// $offset and $limit: the page (rows in conflict, drug, object, system, species order); kg ask passes them.
// In Neo4j Browser, set the parameters first, e.g.
//   :param {conflict: 'any', drug_class: 'any', include_unverified: false, offset: 0, limit: 100}
// Unverified findings are left out here unless asked for (a heterogeneity row left with one side only is not a
// row), so that the page is cut here; kg.questions.conflicting_evidence.conflict_finish, the same code for both
// stores, then adds each transporter statement's `claim` in words.
// Kind by kind and drug by drug in the order of the rows (names, then ids), so that the server stops at the end of
// the page: the rows of one drug and kind are ordered among themselves only.
UNWIND ['CNS response heterogeneity', 'transporter substrate status', 'transporter-mediated resistance'] AS kind
WITH kind WHERE $conflict IN ['any', kind]
MATCH (d:Drug)
WHERE $drug_class IN ['any', d.drug_class]
WITH kind, d ORDER BY kind, d.name, d.id
CALL (d, kind) {
  // Transporter statements ('sources | system | species | strength | resistance | qualifier', '-' when absent) of
  // one transporter, grouped by system and species: substrate against asserted non-substrate, and 'confers
  // resistance' against 'no resistance'.
  MATCH (d)-[r:SUBSTRATE_OF|NOT_SUBSTRATE_OF|INHIBITS_TRANSPORTER|INDUCES_TRANSPORTER]->(tr:Transporter)
  WHERE kind <> 'CNS response heterogeneity'
  UNWIND r.statements AS text
  WITH kind, tr, r, split(text, ' | ') AS part
  WITH kind, tr, part, [x IN part[1..5] | CASE x WHEN '-' THEN null ELSE x END] AS given,
       CASE type(r) WHEN 'SUBSTRATE_OF' THEN 'substrate' WHEN 'NOT_SUBSTRATE_OF' THEN 'not substrate'
                    WHEN 'INHIBITS_TRANSPORTER' THEN 'inhibitor' ELSE 'inducer' END AS role
  WITH kind, tr, given[0] AS system, given[1] AS species, collect({
    role: role, system: given[0], species: given[1], strength: given[2], resistance: given[3], qualifier: part[5],
    sources: [sid IN split(part[0], ', ') |
              head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                        RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                                verified: coalesce(src.verified, true), evidence: src.evidence} })]
  }) AS statements
  UNWIND [
    {conflict: 'transporter substrate status',
     positive: {state: 'substrate', items: [s IN statements WHERE s.role = 'substrate']},
     negative: {state: 'asserted negative', items: [s IN statements WHERE s.role = 'not substrate']}},
    {conflict: 'transporter-mediated resistance',
     positive: {state: 'confers resistance', items: [s IN statements WHERE s.resistance = 'confers resistance']},
     negative: {state: 'no resistance', items: [s IN statements WHERE s.resistance = 'no resistance']}}
  ] AS c
  WITH kind, tr, system, species, c
  WHERE c.conflict = kind AND size(c.positive.items) > 0 AND size(c.negative.items) > 0
  RETURN tr.name AS object, tr.id AS object_id, system, species,
         c.positive AS positive, c.negative AS negative
  UNION ALL
  // At one CNS site: CNS findings with an outcome (not a time to or duration of response) and case
  // observations classed response or progression. Not sources in conflict: different patients.
  CALL (d, kind) {
    MATCH (f:Finding)-[:OF_DRUG]->(d)
    WHERE kind = 'CNS response heterogeneity' AND f.outcome IS NOT NULL
      AND ($include_unverified OR coalesce(f.verified, true))
      AND NOT coalesce(f.measure, '') IN ['time to response', 'duration of response']
    MATCH (f)-[:AT_SITE]->(s:Site)
    WHERE s.cns
    RETURN s, {evidence: f.id, kind: 'finding', class: CASE WHEN f.outcome = 'response' THEN 'response' ELSE 'no response' END,
               text: f.name, value: f.value, value_text: f.value_text, unit: f.unit, n: f.n, setting: f.setting,
               subgroup: f.subgroup, arm: f.arm, analysis: f.analysis, months: null,
               verified: coalesce(f.verified, true),
               sources: coalesce(f.sources, [])} AS item
    UNION ALL
    MATCH (c:Case)-[:HAD_LINE]->(line:TreatmentLine)-[:USED]->(d)
    WHERE kind = 'CNS response heterogeneity'
    MATCH (line)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
    WHERE s.cns AND o.response_class IN ['response', 'progression']
    RETURN s, {evidence: o.id, kind: 'case observation', class: o.response_class, text: c.name + ': ' + o.name,
               value: null, value_text: null, unit: null, n: null, setting: null, subgroup: null, arm: null,
               analysis: null, months: o.months_after_start, verified: true, sources: coalesce(o.sources, [])} AS item
  }
  WITH s, collect(item {.*, sources: [sid IN item.sources |
         head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                   RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                           verified: coalesce(src.verified, true), evidence: src.evidence} })]}) AS items
  WITH s, [i IN items WHERE i.class = 'response'] AS yes, [i IN items WHERE i.class <> 'response'] AS no
  WHERE size(yes) > 0 AND size(no) > 0
  RETURN s.name AS object, s.id AS object_id, null AS system,
         null AS species, {state: 'response', items: yes} AS positive,
         {state: 'progression or no response', items: no} AS negative
}
RETURN d.name AS subject, d.id AS subject_id, object, object_id, kind AS conflict, system, species, positive, negative
ORDER BY conflict, subject, subject_id, object_id, system IS NOT NULL, system, species IS NOT NULL, species
SKIP $offset LIMIT $limit
