// "Protection by role"'s statement (lib/security-overview/protection-counts.ts), apart from the
// database client so that the benchmark (bench/accounts.ts) can show its plan on both engines.
import { Prisma } from "@/lib/db/generated/client";

/**
 * One grouped count, read from the index "User"(role, deactivatedAt, totpEnabledAt, passkeyCount)
 * alone whatever the number of accounts (bench/README.md, "Accounts"): the passkeys are counted
 * on the account by the database's triggers (docs/architecture.md, "Security overview"), so
 * "Passkey" is not read. Protected: an authenticator app or a passkey.
 */
export const PROTECTION_BY_ROLE = Prisma.sql`
  SELECT u."role" AS "role", COUNT(*) AS "accounts",
    SUM(CASE WHEN u."totpEnabledAt" IS NOT NULL THEN 1 ELSE 0 END) AS "app",
    SUM(CASE WHEN u."passkeyCount" > 0 THEN 1 ELSE 0 END) AS "passkey",
    SUM(CASE WHEN u."totpEnabledAt" IS NOT NULL OR u."passkeyCount" > 0 THEN 1 ELSE 0 END)
      AS "protectedCount"
  FROM "User" u WHERE u."deactivatedAt" IS NULL GROUP BY u."role"`;
