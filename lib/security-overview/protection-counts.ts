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

const canSignIn = { deactivatedAt: null };
const hasApp = { totpEnabledAt: { not: null } };
const hasPasskey = { passkeys: { some: {} } };

async function countByRole(where: object): Promise<Map<string, number>> {
  const rows = await db.user.groupBy({
    by: ["role"],
    where: { ...canSignIn, ...where },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.role, row._count._all]));
}

/** Four grouped counts, whatever the number of accounts. */
export async function protectionByRole(): Promise<ProtectionByRole> {
  const [accounts, app, passkey, protectedCount] = await Promise.all([
    countByRole({}),
    countByRole(hasApp),
    countByRole(hasPasskey),
    countByRole({ OR: [hasApp, hasPasskey] }),
  ]);
  const result: ProtectionByRole = { ADMIN: empty(), CUSTOMER: empty(), ALL: empty() };
  for (const role of ROLES) {
    const row = {
      accounts: accounts.get(role) ?? 0,
      authenticatorApp: app.get(role) ?? 0,
      passkey: passkey.get(role) ?? 0,
      protectedCount: protectedCount.get(role) ?? 0,
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
