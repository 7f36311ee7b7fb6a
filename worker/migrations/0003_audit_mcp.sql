-- MCP tool calls (docs/mcp.md): who the AI client says it acts for, the helpdesk ticket it names (both
-- as asserted by the client, never trusted for a role), and the vendor calls the tool call spent.
-- NULL on every row that is not a tool call.
ALTER TABLE audit ADD COLUMN on_behalf_of TEXT;
ALTER TABLE audit ADD COLUMN ticket TEXT;
ALTER TABLE audit ADD COLUMN vendor_calls INTEGER;
