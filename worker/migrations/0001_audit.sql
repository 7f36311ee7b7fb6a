-- Who looked at what: one row per /v1 request. Never personal data (see worker/src/audit/record.ts).
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,            -- ms since the epoch
  request_id TEXT NOT NULL,
  agent TEXT,                     -- null when the caller was not authenticated
  route TEXT NOT NULL,            -- the route pattern, e.g. /v1/persona/inquiries/:id
  vendor TEXT,
  ids TEXT NOT NULL,              -- JSON array of verification IDs
  outcome TEXT NOT NULL,          -- hit | miss | stale | refused | vendor-error | budget | error
  status INTEGER NOT NULL,
  cache_status TEXT,
  duration_ms INTEGER NOT NULL
);
CREATE INDEX audit_agent ON audit (agent, seq);
CREATE INDEX audit_at ON audit (at);

-- One row per verification ID of an audit row, for "who looked at this ID".
CREATE TABLE audit_id (
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (id, seq)
) WITHOUT ROWID;

-- Filled by the database itself, so a batch of audit rows is written with plain multi-row INSERTs.
CREATE TRIGGER audit_fill_ids AFTER INSERT ON audit BEGIN
  INSERT INTO audit_id (id, seq) SELECT value, NEW.seq FROM json_each(NEW.ids);
END;
