// The soak test's accounts: what each client knows of its accounts as it goes, and the check of
// the database against it once the clients have stopped.
import type { SeededAccount } from "./server";
import type { SoakDatabase } from "./soak-database";

export type AccountState = SeededAccount & {
  /** The secret the client knows: seeded, or read from "Setup key" when it enrolled. */
  knownSecret: string | null;
  enrolledByClient: boolean;
  /** Time-steps the server accepted for this account, in the order the client saw them. */
  accepted: number[];
  lastStep: number | null;
  lastUsed: number;
  /** Sign-ins whose password step the server acknowledged (a session cookie came back). */
  signIns: number;
  /**
   * A request of this account's was cut off by the server's kill: what it did may be stored
   * without the client knowing, so the client uses the account no more.
   */
  interrupted: boolean;
};

/** The seeded accounts as the clients start: they know the secrets of those with 2FA on. */
export function soakAccounts(seeded: SeededAccount[]): AccountState[] {
  return seeded.map((account) => ({
    ...account,
    knownSecret: account.secret,
    enrolledByClient: false,
    accepted: [],
    lastStep: null,
    lastUsed: 0,
    signIns: 0,
    interrupted: false,
  }));
}

type UserRow = {
  id: string;
  totpEnabledAt: unknown;
  hasSecret: number;
  totpLastStep: number | null;
  lockedUntil: unknown;
  signIns: number;
};

/**
 * Compares the database with what the clients saw, reporting each difference through `fail`;
 * returns the count of audit events of each type for the seeded accounts. An account whose
 * request the kill cut off may have more stored than its client saw (a code accepted, an
 * enrolment done), never less.
 */
export async function checkDatabase(
  db: SoakDatabase,
  accounts: AccountState[],
  fail: (account: AccountState, message: string) => void,
) {
  const rows = new Map(
    (
      await db.query<UserRow>(
        `SELECT u."id", u."totpEnabledAt", CASE WHEN u."totpSecret" IS NOT NULL THEN 1 ELSE 0 END
           AS "hasSecret", u."totpLastStep", u."lockedUntil",
           (SELECT COUNT(*) FROM "SignIn" s WHERE s."userId" = u."id") AS "signIns"
         FROM "User" u WHERE u."email" LIKE 'bench-%'`,
      )
    ).map((row) => [row.id, row]),
  );
  for (const account of accounts) {
    const row = rows.get(account.id);
    if (!row) {
      fail(account, "missing from the database");
      continue;
    }
    if (account.enrolledByClient && (!row.totpEnabledAt || !row.hasSecret)) {
      fail(account, "enrolment lost: 2FA is not on in the database");
    }
    if (Number(row.signIns) < account.signIns) {
      fail(account, `${account.signIns} sign-ins acknowledged, ${row.signIns} stored`);
    }
    const sorted = [...account.accepted].sort((a, b) => a - b);
    if (new Set(sorted).size !== sorted.length) fail(account, "a time-step was accepted twice");
    if (account.accepted.some((step, i) => i > 0 && step <= account.accepted[i - 1]!)) {
      fail(account, `accepted steps do not strictly increase: ${account.accepted.join(",")}`);
    }
    const max = sorted.at(-1) ?? null;
    const stored = row.totpLastStep === null ? null : Number(row.totpLastStep);
    const fits = account.interrupted ? stored !== null && stored >= max! : stored === max;
    if (max !== null && !fits) {
      fail(account, `stored last step ${stored} ≠ highest accepted ${max}`);
    }
    if (row.lockedUntil) fail(account, "the account got locked");
  }
  const audit = await db.query<{ type: string; n: number }>(
    `SELECT "type", COUNT(*) AS n FROM "AuditEvent" WHERE "subjectEmail" LIKE 'bench-%'
     GROUP BY "type"`,
  );
  return Object.fromEntries(audit.map((row) => [row.type, Number(row.n)]));
}

/**
 * What the password counters hold after the run, every password having been right: nothing may
 * refuse anyone (no block, no failure), and no check may still hold a reservation at `now` (the
 * killed server's have run out their lease; docs/rules.md, rule 32).
 */
export async function leftoverLocks(db: SoakDatabase, leaseGeneration: number) {
  const rows = await db.query<{ key: string; failures: number; blocked: number; live: number }>(
    `SELECT "key", "failures", CASE WHEN "blockedUntil" IS NULL THEN 0 ELSE 1 END AS "blocked",
       CASE WHEN "inFlightGeneration" >= ${leaseGeneration} THEN "inFlight" + "inFlightBefore"
         WHEN "inFlightGeneration" = ${leaseGeneration - 1} THEN "inFlight" ELSE 0 END AS "live"
     FROM "SignInThrottle"`,
  );
  return rows
    .filter((row) => row.failures > 0 || row.blocked || row.live > 0)
    .map((row) => `${row.key}: ${row.failures} failures, blocked ${row.blocked}, ${row.live} live`);
}
