-- How many passkeys each account holds, kept by the database itself (docs/architecture.md,
-- "Security overview"): triggers on "Passkey" add and take one in the statement's own transaction,
-- whatever writes the passkey (adding one, removing one, an admin's reset, a deleted account's
-- cascade), so "Protection by role" and the users list read it from an index of "User" instead of
-- joining "Passkey". ADD COLUMN keeps the table, its rowids and the search's triggers.
ALTER TABLE "User" ADD COLUMN "passkeyCount" INTEGER NOT NULL DEFAULT 0;

-- The accounts that hold passkeys already.
UPDATE "User" SET "passkeyCount" = (SELECT COUNT(*) FROM "Passkey" p WHERE p."userId" = "User"."id")
  WHERE "id" IN (SELECT "userId" FROM "Passkey");

CREATE TRIGGER "Passkey_count_insert" AFTER INSERT ON "Passkey" BEGIN
  UPDATE "User" SET "passkeyCount" = "passkeyCount" + 1 WHERE "id" = new."userId";
END;

CREATE TRIGGER "Passkey_count_delete" AFTER DELETE ON "Passkey" BEGIN
  UPDATE "User" SET "passkeyCount" = "passkeyCount" - 1 WHERE "id" = old."userId";
END;

CREATE TRIGGER "Passkey_count_move" AFTER UPDATE OF "userId" ON "Passkey" BEGIN
  UPDATE "User" SET "passkeyCount" = "passkeyCount" - 1 WHERE "id" = old."userId";
  UPDATE "User" SET "passkeyCount" = "passkeyCount" + 1 WHERE "id" = new."userId";
END;

-- The indexes that read it: the users list's two (its "Two-factor" filter from the index alone)
-- and "Protection by role"'s, each with the count added.
DROP INDEX "User_email_role_totpEnabledAt_id_idx";
DROP INDEX "User_role_email_totpEnabledAt_id_idx";
DROP INDEX "User_role_deactivatedAt_totpEnabledAt_idx";
CREATE INDEX "User_email_role_totpEnabledAt_passkeyCount_id_idx" ON "User"("email", "role", "totpEnabledAt", "passkeyCount", "id");
CREATE INDEX "User_role_email_totpEnabledAt_passkeyCount_id_idx" ON "User"("role", "email", "totpEnabledAt", "passkeyCount", "id");
CREATE INDEX "User_role_deactivatedAt_totpEnabledAt_passkeyCount_idx" ON "User"("role", "deactivatedAt", "totpEnabledAt", "passkeyCount");
