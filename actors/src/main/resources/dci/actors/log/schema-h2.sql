-- The message log's tables on H2, created by the blade on start (MessageLog / LogSchema) when
-- missing. Statements are separated by a line holding only ";".
--
-- The journal and snapshot tables are those pekko-persistence-jdbc 1.1 expects (its
-- schema/h2/h2-create-schema.sql), with one difference: payloads are VARBINARY, not BLOB. H2
-- keeps BLOBs in a separate LOB store whose space a running database never gives back;
-- VARBINARY rows live in the table itself, so the retention pass's online compaction shrinks
-- the file once old events are deleted.
CREATE TABLE IF NOT EXISTS PUBLIC."event_journal" (
  "ordering" BIGINT UNIQUE NOT NULL AUTO_INCREMENT,
  "deleted" BOOLEAN DEFAULT false NOT NULL,
  "persistence_id" VARCHAR(255) NOT NULL,
  "sequence_number" BIGINT NOT NULL,
  "writer" VARCHAR NOT NULL,
  "write_timestamp" BIGINT NOT NULL,
  "adapter_manifest" VARCHAR NOT NULL,
  "event_payload" VARBINARY(1000000000) NOT NULL,
  "event_ser_id" INTEGER NOT NULL,
  "event_ser_manifest" VARCHAR NOT NULL,
  "meta_payload" VARBINARY(1000000000),
  "meta_ser_id" INTEGER,
  "meta_ser_manifest" VARCHAR,
  PRIMARY KEY("persistence_id", "sequence_number")
)
;
CREATE UNIQUE INDEX IF NOT EXISTS "event_journal_ordering_idx" ON PUBLIC."event_journal" ("ordering")
;
CREATE TABLE IF NOT EXISTS PUBLIC."event_tag" (
  "event_id" BIGINT NOT NULL,
  "tag" VARCHAR NOT NULL,
  PRIMARY KEY("event_id", "tag"),
  CONSTRAINT fk_event_journal FOREIGN KEY("event_id") REFERENCES "event_journal"("ordering") ON DELETE CASCADE
)
;
CREATE TABLE IF NOT EXISTS PUBLIC."snapshot" (
  "persistence_id" VARCHAR(255) NOT NULL,
  "sequence_number" BIGINT NOT NULL,
  "created" BIGINT NOT NULL,
  "snapshot_ser_id" INTEGER NOT NULL,
  "snapshot_ser_manifest" VARCHAR NOT NULL,
  "snapshot_payload" VARBINARY(1000000000) NOT NULL,
  "meta_ser_id" INTEGER,
  "meta_ser_manifest" VARCHAR,
  "meta_payload" VARBINARY(1000000000),
  PRIMARY KEY("persistence_id", "sequence_number")
)
;
-- The read side (LogIndexer writes it, LogReader queries it): the log cut into blocks of
-- dci.log.index.block-lines consecutive lines (block k holds the lines k*B+1 .. (k+1)*B).
-- Per block: the journal events holding its lines, the range of its times, and the 32-bit
-- hashes of every envelope id, correlation id and replayed id in it.
CREATE TABLE IF NOT EXISTS dci_log_blocks (
  log_id VARCHAR(255) NOT NULL,
  block BIGINT NOT NULL,
  first_event BIGINT NOT NULL,
  last_event BIGINT NOT NULL,
  min_at BIGINT NOT NULL,
  max_at BIGINT NOT NULL,
  ids VARBINARY(1000000000) NOT NULL,
  PRIMARY KEY (log_id, block)
)
;
CREATE INDEX IF NOT EXISTS dci_log_blocks_at ON dci_log_blocks (log_id, max_at)
;
-- Which blocks hold lines of an app ('a'), from a sender ('s'), for a receiver ('r').
CREATE TABLE IF NOT EXISTS dci_log_keys (
  log_id VARCHAR(255) NOT NULL,
  kind CHAR(1) NOT NULL,
  val VARCHAR(1024) NOT NULL,
  block BIGINT NOT NULL,
  PRIMARY KEY (log_id, kind, val, block)
)
;
-- How far the read side is: the newest journal event and line indexed, and the oldest line kept
-- (lines below first_seq were removed by retention). Written in the same transaction as the rows.
CREATE TABLE IF NOT EXISTS dci_log_progress (
  log_id VARCHAR(255) NOT NULL PRIMARY KEY,
  indexed_event BIGINT NOT NULL,
  indexed_seq BIGINT NOT NULL,
  first_seq BIGINT NOT NULL
)
;
