-- `ai`: 1 when the caller was an AI client (an `ai` token or an OAuth client, docs/mcp.md), on /mcp or
-- refused on /v1; NULL otherwise. `problem`: the problem code of a failed answer (RFC 9457 `code`),
-- e.g. `forbidden` for an AI client's token on /v1; NULL on success.
ALTER TABLE audit ADD COLUMN ai INTEGER;
ALTER TABLE audit ADD COLUMN problem TEXT;
