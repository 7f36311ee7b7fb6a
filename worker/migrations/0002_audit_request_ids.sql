-- The relay now makes every request_id itself (a UUID), so it names one row: a batch that is written
-- again after a timeout (the first attempt may have landed) inserts OR IGNOREs its rows instead of
-- doubling them. A Request-Id the client sent is kept apart, in client_request_id.
ALTER TABLE audit ADD COLUMN client_request_id TEXT;
-- Rows from before this migration may share a client's id: all but the first get their seq appended.
UPDATE audit SET request_id = request_id || '~' || seq WHERE seq NOT IN (SELECT MIN(seq) FROM audit GROUP BY request_id);
CREATE UNIQUE INDEX audit_request_id ON audit (request_id);
-- Retention deletes audit_id rows by seq, a batch at a time.
CREATE INDEX audit_id_seq ON audit_id (seq);
