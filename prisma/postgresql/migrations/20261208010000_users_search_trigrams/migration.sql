-- Written by hand, not generated: the schema cannot express these indexes. The users list's
-- search by a part of a name or an email (docs/architecture.md, "The users list"): pg_trgm's GIN
-- indexes answer `LIKE '%part%'` for a part of 3 characters or more. pg_trgm is a trusted
-- extension (PostgreSQL 13 or later): the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Emails are stored lower-cased; names are searched as lower(name).
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);

CREATE INDEX "User_name_trgm_idx" ON "User" USING GIN (lower("name") gin_trgm_ops);
