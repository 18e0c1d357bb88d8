// The app's SQLite database of this browser-test run, read only: what a request stored, or
// proof that it stored nothing.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** APPMAIL_TEST_DATA_DIR/appmail.db, set by playwright.config.ts. */
export function databasePath(): string {
  const dataDir = process.env.APPMAIL_TEST_DATA_DIR;
  if (!dataDir)
    throw new Error("APPMAIL_TEST_DATA_DIR is not set: run through playwright.config.ts");
  return path.join(dataDir, "appmail.db");
}

/**
 * The SignInThrottle key that counts wrong passwords typed for `email`, derived as
 * lib/auth/throttle.ts does from the session secret the app generated in the test's data folder.
 */
export function accountThrottleKey(email: string): string {
  const secret = readFileSync(path.join(path.dirname(databasePath()), "session-secret"), "utf8");
  const key = createHmac("sha256", secret.trim()).update("appmail:throttle-account").digest();
  const hash = createHmac("sha256", key).update(email.trim().toLowerCase()).digest("base64url");
  return `account:${hash}`;
}

function withDatabase<T>(work: (db: Database.Database) => T): T {
  const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

type Row = Record<string, unknown>;

/** One stored user row, for checks of a single field. */
export function storedUser(email: string): Row {
  const row = withDatabase((db) =>
    db.prepare(`SELECT * FROM "User" WHERE email = ?`).get(email.toLowerCase()),
  ) as Row | undefined;
  if (!row) throw new Error(`No stored user ${email}`);
  return row;
}

/** The stored id of an account, to look up the rows that belong to it. */
export function storedUserId(account: { email: string }): string {
  return storedUser(account.email).id as string;
}

/** The instance's settings row; undefined until an admin first saves the settings. */
export function storedSettings(): Row | undefined {
  return withDatabase((db) => db.prepare(`SELECT * FROM "Settings" WHERE id = 1`).get()) as
    Row | undefined;
}

export function trustedBrowsersOf(userId: string): Row[] {
  return withDatabase((db) =>
    db.prepare(`SELECT * FROM "TrustedBrowser" WHERE userId = ? ORDER BY rowid`).all(userId),
  ) as Row[];
}

export function recoveryCodeCount(userId: string): number {
  return withDatabase(
    (db) =>
      (
        db.prepare(`SELECT COUNT(*) AS n FROM "RecoveryCode" WHERE userId = ?`).get(userId) as {
          n: number;
        }
      ).n,
  );
}

export function auditEventCount(): number {
  return withDatabase(
    (db) => (db.prepare(`SELECT COUNT(*) AS n FROM "AuditEvent"`).get() as { n: number }).n,
  );
}

/**
 * The stored state a request must not change, as one JSON string: accounts (secrets, session
 * versions, locks), recovery codes, trusted browsers and settings; with `signIns`, also the
 * sign-ins and their end marks (which admin operations may change).
 */
export function storedState(options: { signIns?: boolean } = {}): string {
  return withDatabase((db) => {
    const dump = Object.fromEntries(
      ["User", "RecoveryCode", "TrustedBrowser", "Settings"].map((table) => [
        table,
        db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all(),
      ]),
    );
    if (options.signIns) {
      dump.SignIn = db
        .prepare(`SELECT id, userId, stage, sessionVersion, endedAt FROM "SignIn" ORDER BY rowid`)
        .all();
    }
    return JSON.stringify(dump, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
  });
}

/** The passkeys stored for an account, oldest first. */
export function passkeysOf(userId: string): Row[] {
  return withDatabase((db) =>
    db.prepare(`SELECT * FROM "Passkey" WHERE userId = ? ORDER BY createdAt`).all(userId),
  ) as Row[];
}

/** The security-log entries of one type about one account, oldest first. */
export function auditEventsAbout(userId: string, type: string): Row[] {
  return withDatabase((db) =>
    db
      .prepare(`SELECT * FROM "AuditEvent" WHERE subjectId = ? AND type = ? ORDER BY createdAt`)
      .all(userId, type),
  ) as Row[];
}

/** The instance's e-mail settings row; undefined until an admin first saves them. */
export function storedEmailSettings(): Row | undefined {
  return withDatabase((db) => db.prepare(`SELECT * FROM "EmailSettings" WHERE id = 1`).get()) as
    Row | undefined;
}

/** The details of every security-log entry of one type, oldest first (as the log stores them). */
export function auditDetailsOfType(type: string): Record<string, unknown>[] {
  const rows = withDatabase((db) =>
    db.prepare(`SELECT details FROM "AuditEvent" WHERE type = ? ORDER BY id`).all(type),
  ) as { details: string | null }[];
  return rows.map((row) =>
    row.details ? (JSON.parse(row.details) as Record<string, unknown>) : {},
  );
}

/** The addresses of the admins that are not deactivated, the last-admin rule's count. */
export function activeAdminEmails(): string[] {
  const rows = withDatabase((db) =>
    db.prepare(`SELECT email FROM "User" WHERE role = 'ADMIN' AND "deactivatedAt" IS NULL`).all(),
  ) as { email: string }[];
  return rows.map((row) => row.email);
}

/** How many messages the outbox holds for `email` whose subject ends with `subjectEnd`. */
export function outboxCount(email: string, subjectEnd: string): number {
  const row = withDatabase((db) =>
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE recipient = ? AND substr(subject, -length(?)) = ?`,
      )
      .get(email.toLowerCase(), subjectEnd, subjectEnd),
  ) as { n: number };
  return row.n;
}
