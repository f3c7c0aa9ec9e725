-- The message log's tables on PostgreSQL, created by the blade on start (MessageLog /
-- LogSchema) when missing and its user may; otherwise run this script first. Statements are
-- separated by a line holding only ";".
--
-- The journal and snapshot tables are those pekko-persistence-jdbc 1.1 expects (its
-- schema/postgres/postgres-create-schema.sql, without the durable-state table the log does not use).
CREATE TABLE IF NOT EXISTS event_journal (
  ordering BIGSERIAL,
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  deleted BOOLEAN DEFAULT FALSE NOT NULL,
  writer VARCHAR(255) NOT NULL,
  write_timestamp BIGINT,
  adapter_manifest VARCHAR(255),
  event_ser_id INTEGER NOT NULL,
  event_ser_manifest VARCHAR(255) NOT NULL,
  event_payload BYTEA NOT NULL,
  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,
  PRIMARY KEY(persistence_id, sequence_number)
)
;
CREATE UNIQUE INDEX IF NOT EXISTS event_journal_ordering_idx ON event_journal(ordering)
;
CREATE TABLE IF NOT EXISTS event_tag (
  event_id BIGINT,
  tag VARCHAR(256),
  PRIMARY KEY(event_id, tag),
  CONSTRAINT fk_event_journal FOREIGN KEY(event_id) REFERENCES event_journal(ordering) ON DELETE CASCADE
)
;
CREATE TABLE IF NOT EXISTS snapshot (
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  created BIGINT NOT NULL,
  snapshot_ser_id INTEGER NOT NULL,
  snapshot_ser_manifest VARCHAR(255) NOT NULL,
  snapshot_payload BYTEA NOT NULL,
  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,
  PRIMARY KEY(persistence_id, sequence_number)
)
;
-- The read side: see schema-h2.sql.
CREATE TABLE IF NOT EXISTS dci_log_blocks (
  log_id VARCHAR(255) NOT NULL,
  block BIGINT NOT NULL,
  first_event BIGINT NOT NULL,
  last_event BIGINT NOT NULL,
  min_at BIGINT NOT NULL,
  max_at BIGINT NOT NULL,
  ids BYTEA NOT NULL,
  PRIMARY KEY (log_id, block)
)
;
CREATE INDEX IF NOT EXISTS dci_log_blocks_at ON dci_log_blocks (log_id, max_at)
;
CREATE TABLE IF NOT EXISTS dci_log_keys (
  log_id VARCHAR(255) NOT NULL,
  kind CHAR(1) NOT NULL,
  val VARCHAR(1024) NOT NULL,
  block BIGINT NOT NULL,
  PRIMARY KEY (log_id, kind, val, block)
)
;
CREATE TABLE IF NOT EXISTS dci_log_progress (
  log_id VARCHAR(255) NOT NULL PRIMARY KEY,
  indexed_event BIGINT NOT NULL,
  indexed_seq BIGINT NOT NULL,
  first_seq BIGINT NOT NULL
)
;
