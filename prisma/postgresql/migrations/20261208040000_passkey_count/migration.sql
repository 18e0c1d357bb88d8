-- Written from the generated diff, with the count filled in and the trigger added by hand (the
-- schema cannot express a trigger). How many passkeys each account holds, kept by the database
-- itself (docs/architecture.md, "Security overview"): the trigger on "Passkey" adds and takes one
-- in the statement's own transaction, whatever writes the passkey (adding one, removing one, an
-- admin's reset, a deleted account's cascade). Its UPDATE of "User" takes a row lock that does
-- not conflict with the key-share lock the passkey's foreign key holds.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passkeyCount" INTEGER NOT NULL DEFAULT 0;

-- The accounts that hold passkeys already.
UPDATE "User" u SET "passkeyCount" = k."count"
  FROM (SELECT "userId", COUNT(*) AS "count" FROM "Passkey" GROUP BY "userId") k
  WHERE u."id" = k."userId";

CREATE FUNCTION "Passkey_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "User" SET "passkeyCount" = "passkeyCount" - 1 WHERE "id" = OLD."userId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "User" SET "passkeyCount" = "passkeyCount" + 1 WHERE "id" = NEW."userId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Passkey_count" AFTER INSERT OR DELETE OR UPDATE OF "userId" ON "Passkey"
  FOR EACH ROW EXECUTE FUNCTION "Passkey_count"();

-- DropIndex
DROP INDEX "User_email_role_totpEnabledAt_id_idx";

-- DropIndex
DROP INDEX "User_role_email_totpEnabledAt_id_idx";

-- DropIndex
DROP INDEX "User_role_deactivatedAt_totpEnabledAt_idx";

-- CreateIndex
CREATE INDEX "User_email_role_totpEnabledAt_passkeyCount_id_idx" ON "User"("email", "role", "totpEnabledAt", "passkeyCount", "id");

-- CreateIndex
CREATE INDEX "User_role_email_totpEnabledAt_passkeyCount_id_idx" ON "User"("role", "email", "totpEnabledAt", "passkeyCount", "id");

-- CreateIndex
CREATE INDEX "User_role_deactivatedAt_totpEnabledAt_passkeyCount_idx" ON "User"("role", "deactivatedAt", "totpEnabledAt", "passkeyCount");
