// Every inhibitor of a target with its substrate statements for a transporter and its CNS evidence after a prior drug, each item with its own sources.
// Parameters: $target, $transporter, $prior_drug, $site
// Which drugs answer the question (transporter state, outcome, verified evidence only) is decided from these rows by
// kg.questions.cns.flagship_finish, the same code for both stores. In Neo4j Browser, set the parameters first, e.g.
//   :param {target: 'HGNC:427', transporter: 'HGNC:40', prior_drug: 'DRUGBANK:DB08865', site: 'UBERON:0001017'}
MATCH (t:Target {id: $target})
MATCH (tr:Transporter {id: $transporter})
MATCH (prior:Drug {id: $prior_drug})
MATCH (area:Site {id: $site})
MATCH (d:Drug)-[:INHIBITS]->(t)
// Each curated substrate / non-substrate statement: 'sources | system | species | strength | resistance | qualifier'.
CALL (d, tr) {
  OPTIONAL MATCH (d)-[r:SUBSTRATE_OF|NOT_SUBSTRATE_OF]->(tr)
  UNWIND CASE WHEN r IS NULL THEN [] ELSE r.statements END AS text
  WITH r, split(text, ' | ') AS part
  WITH CASE type(r) WHEN 'SUBSTRATE_OF' THEN 'substrate' ELSE 'not substrate' END AS role, part,
       [x IN part[1..5] | CASE x WHEN '-' THEN null ELSE x END] AS given
  RETURN collect({
    role: role, system: given[0], species: given[1], strength: given[2], resistance: given[3], qualifier: part[5],
    sources: [sid IN split(part[0], ', ') |
              head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                   RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                           verified: coalesce(src.verified, true), evidence: src.evidence} })]
  }) AS statements
}
// Case evidence: every observation at the site after a line with the drug that is later than a line with the prior
// drug. Walked from the drug's own lines to their cases: the prior drug is a hub used by many cases.
CALL (d, prior, area) {
  MATCH (after:TreatmentLine)-[:USED]->(d)
  WHERE d <> prior
  MATCH (c:Case)-[:HAD_LINE]->(after)
  MATCH (c)-[:HAD_LINE]->(before:TreatmentLine)
  WHERE before.order < after.order AND (before)-[:USED]->(prior)
  WITH c, after, before ORDER BY before.order, before.id
  WITH c, after, collect(before)[0] AS first
  MATCH (after)-[:OBSERVED]->(o:Observation)-[:AT_SITE]->(s:Site)
  WHERE (s)-[:PART_OF*0..]->(area)
  // The steps between, by order; the members of a group given in an unknown order are one part '[a; b]'.
  CALL (c, first, after) {
    OPTIONAL MATCH (c)-[:HAD_LINE]->(mid:TreatmentLine)
      WHERE mid.order > first.order AND mid.order < after.order
    WITH mid ORDER BY mid.order, mid.id
    WITH mid.order AS mid_order, collect(mid.step) AS texts
    ORDER BY mid_order
    RETURN collect(CASE WHEN mid_order IS NULL THEN null WHEN size(texts) = 1 THEN texts[0]
                        ELSE '[' + reduce(t = '', x IN texts | t + CASE WHEN t = '' THEN '' ELSE '; ' END + x) + ']'
                   END) AS mid_parts
  }
  CALL (c) {
    OPTIONAL MATCH (c)-[:IN_SERIES]->(series:Case)
    RETURN series.id AS series
  }
  WITH c, series, after, first, o, s,
       [first.step] + mid_parts + CASE WHEN first = after THEN [] ELSE [after.step] END AS parts
  RETURN collect(DISTINCT {
    case: c.id, series: series, observation: o.id,
    path: reduce(text = '', t IN parts | text + CASE WHEN text = '' THEN '' ELSE ' -> ' END + t),
    site: s.name, response: o.response, class: o.response_class, months: o.months_after_start,
    patients: o.patients, of: o.of, note: o.note,
    sources: [sid IN o.sources |
              head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                   RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                           verified: coalesce(src.verified, true), evidence: src.evidence} })]
  }) AS cases
}
// Finding evidence: a CNS response finding of the drug, in a population pretreated with the prior drug, at the site.
CALL (d, prior, area) {
  MATCH (f:Finding {kind: 'CNS response'})-[:OF_DRUG]->(d)
  WHERE d <> prior AND (f)-[:AFTER]->(prior)
  MATCH (f)-[:AT_SITE]->(s:Site)
  WHERE (s)-[:PART_OF*0..]->(area)
  OPTIONAL MATCH (f)-[:FROM_TRIAL]->(trial:Trial)
  RETURN collect(DISTINCT {
    finding: f.id, name: f.name, metric: f.metric, value: f.value, value_text: f.value_text, unit: f.unit, n: f.n,
    denominator: f.denominator, setting: f.setting, subgroup: f.subgroup, arm: f.arm, analysis: f.analysis,
    measure: f.measure, site: s.name, trial: trial.name, evidence: f.evidence, verified: coalesce(f.verified, true),
    class: CASE WHEN f.outcome = 'response' THEN 'response' ELSE 'no response' END,
    sources: [sid IN f.sources |
              head(COLLECT { MATCH (src:Publication|Trial {id: sid})
                   RETURN {id: src.id, name: src.name, kind: CASE WHEN src:Trial THEN 'trial' ELSE src.kind END,
                           verified: coalesce(src.verified, true), evidence: src.evidence} })]
  }) AS findings
}
RETURN d.name AS drug, d.id AS drug_id, prior.name AS prior_drug, d = prior AS is_prior, tr.name AS transporter,
       CASE WHEN any(s IN statements WHERE s.role = 'not substrate') AND any(s IN statements WHERE s.role = 'substrate')
              THEN 'conflicting'
            WHEN any(s IN statements WHERE s.role = 'not substrate') THEN 'not substrate'
            WHEN any(s IN statements WHERE s.role = 'substrate') THEN 'substrate'
            ELSE 'not assessed' END AS transporter_state,
       statements AS transporter_statements, cases, findings
ORDER BY drug
