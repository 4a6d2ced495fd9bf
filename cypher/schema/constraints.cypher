// One uniqueness constraint on `id` per label (and one index), applied before any write (idempotent).
// Parameters: none
CREATE CONSTRAINT drug_id IF NOT EXISTS FOR (n:Drug) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT transporter_id IF NOT EXISTS FOR (n:Transporter) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT alteration_id IF NOT EXISTS FOR (n:Alteration) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT disease_id IF NOT EXISTS FOR (n:Disease) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT site_id IF NOT EXISTS FOR (n:Site) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT trial_id IF NOT EXISTS FOR (n:Trial) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT publication_id IF NOT EXISTS FOR (n:Publication) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT case_id IF NOT EXISTS FOR (n:Case) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT treatment_line_id IF NOT EXISTS FOR (n:TreatmentLine) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT observation_id IF NOT EXISTS FOR (n:Observation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT finding_id IF NOT EXISTS FOR (n:Finding) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graph_meta_key IF NOT EXISTS FOR (n:KGMeta) REQUIRE n.key IS UNIQUE;
// Findings by value: the cns-penetration question joins each ranked value back to its findings by this index.
CREATE INDEX finding_value IF NOT EXISTS FOR (n:Finding) ON (n.value);
// Findings by kind: cns-penetration ranks the findings of one kind (a seek instead of a scan of every finding).
CREATE INDEX finding_kind IF NOT EXISTS FOR (n:Finding) ON (n.kind);
