-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "bodyExpiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "OutboxMessage_bodyExpiresAt_idx" ON "OutboxMessage"("bodyExpiresAt");


-- Bodies queued before this migration hold their link in clear (docs/rules.md, rule 25): they
-- are deleted, and a message still waiting is failed (its reader can ask for a new link).
UPDATE "OutboxMessage"
SET "textBody" = NULL,
    "htmlBody" = NULL,
    "lastError" = CASE WHEN "status" = 'QUEUED' THEN 'The link was stored in clear before an upgrade and was deleted unsent' ELSE "lastError" END,
    "status" = CASE WHEN "status" = 'QUEUED' THEN 'FAILED' ELSE "status" END
WHERE "carriesLink" = true AND ("textBody" IS NOT NULL OR "htmlBody" IS NOT NULL);
