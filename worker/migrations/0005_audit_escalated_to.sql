-- A flagged record's escalation to an assignee (FLAGGED_ESCALATION=assign:<name>=<email>): the name the
-- admin gave the assignee, never its email (`ids` holds only record IDs). NULL on every other row.
ALTER TABLE audit ADD COLUMN escalated_to TEXT;
