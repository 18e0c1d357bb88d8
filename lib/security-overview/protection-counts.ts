import "server-only";
import { getConfig, isPostgresUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { PROTECTION_BY_ROLE } from "./protection-sql";

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

type Counted = {
  role: string;
  accounts: unknown;
  app: unknown;
  passkey: unknown;
  protectedCount: unknown;
};

/**
 * The table's figures: one grouped count over the accounts' index (`PROTECTION_BY_ROLE`). On
 * PostgreSQL without a parallel worker: starting one cost 10 to 25 ms on a loaded machine, more
 * than the scan it shares (11 to 14 ms alone at 100,000 accounts; bench/README.md, "Accounts").
 */
export async function protectionByRole(): Promise<ProtectionByRole> {
  const rows = isPostgresUrl(getConfig().databaseUrl)
    ? (
        await db.$transaction([
          db.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`,
          db.$queryRaw<Counted[]>(PROTECTION_BY_ROLE),
        ])
      )[1]
    : await db.$queryRaw<Counted[]>(PROTECTION_BY_ROLE);
  const result: ProtectionByRole = { ADMIN: empty(), CUSTOMER: empty(), ALL: empty() };
  for (const role of ROLES) {
    const counted = rows.find((row) => row.role === role);
    const row = {
      accounts: Number(counted?.accounts ?? 0),
      authenticatorApp: Number(counted?.app ?? 0),
      passkey: Number(counted?.passkey ?? 0),
      protectedCount: Number(counted?.protectedCount ?? 0),
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
