// The soak test's accounts: what each client knows of its accounts as it goes, and the check of
// the database against it once the clients have stopped.
import Database from "better-sqlite3";
import type { SeededAccount } from "./server";

export type AccountState = SeededAccount & {
  /** The secret the client knows: seeded, or read from "Setup key" when it enrolled. */
  knownSecret: string | null;
  enrolledByClient: boolean;
  /** Time-steps the server accepted for this account, in the order the client saw them. */
  accepted: number[];
  lastStep: number | null;
  lastUsed: number;
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
  }));
}

type UserRow = {
  id: string;
  totpEnabledAt: unknown;
  hasSecret: number;
  totpLastStep: number | null;
  lockedUntil: unknown;
};

/**
 * Compares the database with what the clients saw, reporting each difference through `fail`;
 * returns the count of audit events of each type for the seeded accounts.
 */
export function checkDatabase(
  databaseFile: string,
  accounts: AccountState[],
  fail: (account: AccountState, message: string) => void,
) {
  const sqlite = new Database(databaseFile, { readonly: true });
  try {
    const rows = new Map(
      (
        sqlite
          .prepare(
            `SELECT id, totpEnabledAt, totpSecret IS NOT NULL AS hasSecret, totpLastStep, lockedUntil
             FROM User WHERE email LIKE 'bench-%'`,
          )
          .all() as UserRow[]
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
      const sorted = [...account.accepted].sort((a, b) => a - b);
      if (new Set(sorted).size !== sorted.length) fail(account, "a time-step was accepted twice");
      if (account.accepted.some((step, i) => i > 0 && step <= account.accepted[i - 1]!)) {
        fail(account, `accepted steps do not strictly increase: ${account.accepted.join(",")}`);
      }
      const max = sorted.at(-1) ?? null;
      if (max !== null && row.totpLastStep !== max) {
        fail(account, `stored last step ${row.totpLastStep} ≠ highest accepted ${max}`);
      }
      if (row.lockedUntil) fail(account, "the account got locked");
    }
    const audit = sqlite
      .prepare(
        `SELECT type, COUNT(*) AS n FROM AuditEvent WHERE subjectEmail LIKE 'bench-%' GROUP BY type`,
      )
      .all() as { type: string; n: number }[];
    return Object.fromEntries(audit.map((row) => [row.type, row.n]));
  } finally {
    sqlite.close();
  }
}

/** The rows of every table of the SQLite file (docs/rules.md, rule 23: what the soak leaves). */
export function tableRowCounts(databaseFile: string): Record<string, number> {
  const sqlite = new Database(databaseFile, { readonly: true });
  try {
    const tables = sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_prisma%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    sqlite.close();
  }
}
