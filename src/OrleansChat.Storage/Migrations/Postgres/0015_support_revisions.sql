-- A desk starts its revisions past the highest its site's conversations have (the archive keeps the later of two
-- copies), read once per activation: without the index, a scan of the site's years of conversations.
CREATE INDEX support_conversations_revision ON support_conversations (site_id, revision);
