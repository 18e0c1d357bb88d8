// 100,000 accounts in seconds for `npm run bench:accounts` (bench/accounts.ts): rows written
// straight into the database in large batches, bypassing the app (argon2 per account would take
// half an hour). A realistic mix, the same on both engines: 1 % admins; 30 % with an authenticator
// app and its recovery codes (a few used); 12 % with one or two passkeys (a third of those with no
// app, protected by passkeys alone); 60 % signed in at least once.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

export const BENCH_ADMIN = { email: "bench-admin@example.com", password: "bench password 0123" };
const FIRST = ["Ada", "Ben", "Chloé", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jon"];
const LAST = ["Smith", "Müller", "Dubois", "García", "Rossi", "Khan", "Novak", "Ito", "Silva"];
const DAY = 86_400_000;

type Value = string | number | Buffer | Date | null;
type Rows = Record<"User" | "Passkey" | "RecoveryCode" | "SignIn", Record<string, Value>[]>;

/** The account `i` of a run: the same on every engine and size, so that searches compare. */
export function benchEmail(i: number) {
  return `${FIRST[i % FIRST.length]!.toLowerCase()}.${i.toString().padStart(6, "0")}@example.com`;
}

function accountRows(count: number, adminHash: string, now: number): Rows {
  const rows: Rows = { User: [], Passkey: [], RecoveryCode: [], SignIn: [] };
  const at = (ms: number) => new Date(ms);
  for (let i = 0; i < count; i++) {
    const id = `acct${i.toString(36).padStart(8, "0")}`;
    const created = now - ((i * 7919) % 700) * DAY;
    // Account 0 is the admin the benchmark signs in as: its password alone signs it in.
    const app = i !== 0 && i % 10 < 3;
    const passkeys = i !== 0 && i % 25 < 3 ? 1 + (i % 2) : 0;
    rows.User.push({
      id,
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      email: i === 0 ? BENCH_ADMIN.email : benchEmail(i),
      passwordHash: i === 0 ? adminHash : "not a hash",
      role: i % 100 === 0 ? "ADMIN" : "CUSTOMER",
      createdAt: at(created),
      updatedAt: at(created),
      totpSecret: app ? "bench:not-a-sealed-secret" : null,
      totpEnabledAt: app ? at(created + DAY) : null,
    });
    for (let k = 0; k < passkeys; k++) {
      rows.Passkey.push({
        id: `pk${k}${id}`,
        userId: id,
        credentialId: `${id}-${k}-${randomBytes(6).toString("base64url")}`,
        publicKey: randomBytes(77),
        name: k ? "Phone" : "Laptop",
        createdAt: at(created + DAY),
      });
    }
    for (let k = 0; app && k < 5; k++) {
      rows.RecoveryCode.push({
        id: `rc${k}${id}`,
        userId: id,
        codeHash: randomBytes(16).toString("hex"),
        usedAt: k < i % 3 ? at(created + 2 * DAY) : null,
        createdAt: at(created + DAY),
      });
    }
    if (i % 5 < 3 && i !== 0) {
      const signedIn = now - (i % 90) * DAY;
      rows.SignIn.push({
        id: `si${id}`,
        userId: id,
        stage: "COMPLETE",
        sessionVersion: 1,
        createdAt: at(signedIn),
        expiresAt: at(signedIn + 30 * DAY),
        completedAt: at(signedIn),
      });
    }
  }
  return rows;
}

const BATCH = 500;

/** Writes the accounts; returns how many rows of each table. */
export async function seedAccounts(databaseUrl: string, count: number, adminHash: string) {
  const rows = accountRows(count, adminHash, Date.now());
  if (databaseUrl.startsWith("file:")) seedSqlite(databaseUrl.slice(5), rows);
  else await seedPostgres(databaseUrl, rows);
  return Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
}

// Prisma keeps SQLite's dates as ISO text with an offset: "2026-12-07T23:02:56.615+00:00".
const sqliteValue = (value: Value) =>
  value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value;

function seedSqlite(file: string, rows: Rows) {
  const sqlite = new Database(file);
  try {
    sqlite.transaction(() => {
      for (const [table, list] of Object.entries(rows)) {
        const columns = Object.keys(list[0] ?? {});
        if (!columns.length) continue;
        const insert = sqlite.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        );
        for (const row of list) insert.run(...columns.map((c) => sqliteValue(row[c] ?? null)));
      }
    })();
    sqlite.exec("ANALYZE");
  } finally {
    sqlite.close();
  }
}

async function seedPostgres(url: string, rows: Rows) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [table, list] of Object.entries(rows)) {
      const columns = Object.keys(list[0] ?? {});
      for (let start = 0; start < list.length; start += BATCH) {
        const batch = list.slice(start, start + BATCH);
        const values: Value[] = [];
        const tuples = batch.map((row) => {
          const marks = columns.map((c) => {
            values.push(row[c] ?? null);
            return `$${values.length}`;
          });
          return `(${marks.join(", ")})`;
        });
        await client.query(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
          values,
        );
      }
    }
    // What autovacuum does after a bulk load: statistics, and pages marked all-visible, which an
    // index-only scan needs.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}
