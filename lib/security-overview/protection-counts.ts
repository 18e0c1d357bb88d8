import "server-only";
import { db } from "@/lib/db/client";

// "Protection by role" on /backend/security (docs/architecture.md, "Security overview"): counted
// by the database with grouped queries, never by loading accounts. An account counts when it can
// sign in, that is when it is not deactivated (docs/rules.md, "The security overview").

export const ROLES = ["ADMIN", "CUSTOMER"] as const;
export type Role = (typeof ROLES)[number];

/** One row of the table. `protectedCount`: accounts with an authenticator app or a passkey. */
export type ProtectionCounts = {
  accounts: number;
  authenticatorApp: number;
  passkey: number;
  protectedCount: number;
};

export type ProtectionByRole = Record<Role | "ALL", ProtectionCounts>;

const empty = (): ProtectionCounts => ({
  accounts: 0,
  authenticatorApp: 0,
  passkey: 0,
  protectedCount: 0,
});

type Counted = { role: string; accounts: unknown; app: unknown; passkey: unknown; only: unknown };

/**
 * Two grouped counts, whatever the number of accounts (bench/README.md, "Accounts"): the accounts
 * and those with an authenticator app from the index "User"(role, deactivatedAt, totpEnabledAt)
 * alone; those with a passkey from the passkeys' side (fewer rows than the accounts), with the
 * ones protected by passkeys alone. Protected = with an app + with passkeys alone.
 */
export async function protectionByRole(): Promise<ProtectionByRole> {
  const [byRole, withPasskey] = await Promise.all([
    db.$queryRaw<Counted[]>`
      SELECT u."role" AS "role", COUNT(*) AS "accounts",
        SUM(CASE WHEN u."totpEnabledAt" IS NOT NULL THEN 1 ELSE 0 END) AS "app"
      FROM "User" u WHERE u."deactivatedAt" IS NULL GROUP BY u."role"`,
    db.$queryRaw<Counted[]>`
      SELECT u."role" AS "role", COUNT(*) AS "passkey",
        SUM(CASE WHEN u."totpEnabledAt" IS NULL THEN 1 ELSE 0 END) AS "only"
      FROM (SELECT DISTINCT p."userId" FROM "Passkey" p) k JOIN "User" u ON u."id" = k."userId"
      WHERE u."deactivatedAt" IS NULL GROUP BY u."role"`,
  ]);
  const find = (rows: Counted[], role: Role) => rows.find((row) => row.role === role);
  const result: ProtectionByRole = { ADMIN: empty(), CUSTOMER: empty(), ALL: empty() };
  for (const role of ROLES) {
    const counted = find(byRole, role);
    const passkeys = find(withPasskey, role);
    const app = Number(counted?.app ?? 0);
    const row = {
      accounts: Number(counted?.accounts ?? 0),
      authenticatorApp: app,
      passkey: Number(passkeys?.passkey ?? 0),
      protectedCount: app + Number(passkeys?.only ?? 0),
    };
    result[role] = row;
    for (const key of Object.keys(row) as (keyof ProtectionCounts)[]) result.ALL[key] += row[key];
  }
  return result;
}

/** The share protected, in whole per cent; null when there is no account to share. */
export function protectedPercent(counts: { accounts: number; protectedCount: number }) {
  return counts.accounts === 0 ? null : Math.round((100 * counts.protectedCount) / counts.accounts);
}
