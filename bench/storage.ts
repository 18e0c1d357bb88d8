// `npx tsx --conditions react-server bench/storage.ts [--per-kind 100000] [--addresses 100]
// [--per-address 1000]`: the storage budget of docs/rules.md, rule 23, at the issue's figures.
// On a throwaway SQLite database it sends, through the domain functions with an injected clock
// (a request every 5 ms: 200 a second), `--per-kind` anonymous requests of every kind from one
// client, then `--per-address` from each of `--addresses` addresses, and prints the rows of every
// table before, after each, and after one storage sweep once everything has expired. Real argon2id:
// the limits decide how many passwords are checked. The test of the same at a smaller scale is
// test/integration/storage-budget.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: {
    "per-kind": { type: "string", default: "100000" },
    addresses: { type: "string", default: "100" },
    "per-address": { type: "string", default: "1000" },
  },
});
const perKind = Number(values["per-kind"]);
const addressCount = Number(values.addresses);
const perAddress = Number(values["per-address"]);

const dataDir = mkdtempSync(path.join(os.tmpdir(), "appmail-storage-"));
process.env.APPMAIL_DATA_DIR = dataDir;
process.env.NEXTAUTH_URL = "http://localhost:3000";
const migrations = path.resolve(import.meta.dirname, "..", "prisma", "migrations");
const sqlite = new Database(path.join(dataDir, "appmail.db"));
sqlite.pragma("journal_mode = WAL");
for (const folder of readdirSync(migrations, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()) {
  sqlite.exec(readFileSync(path.join(migrations, folder, "migration.sql"), "utf8"));
}
sqlite.close();

const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { sweepStorage } = await import("@/lib/maintenance/storage-sweep");
const { KINDS, rowCounts, sendAnonymous } = await import("@/test/support/anonymous-traffic");
const { createAccount } = await import("@/test/support/db-accounts");

await saveSettings({ twoFactorEnabled: true, companyName: "Bench Co", allowPasskeys: true });
const smtp = { smtpHost: "127.0.0.1", fromAddress: "appmail@example.com" };
await db.emailSettings.upsert({ where: { id: 1 }, create: { id: 1, ...smtp }, update: smtp });
const account = await createAccount();

const T = new Date("2030-05-01T08:00:00Z");
const at = (n: number) => new Date(T.getTime() + n * 5);
const table: Record<string, Record<string, number>> = { before: await rowCounts() };

let n = 0;
const started = Date.now();
for (const kind of KINDS) {
  const kindStarted = Date.now();
  for (let i = 0; i < perKind; i++, n++) await sendAnonymous(kind, account, "192.0.2.10", at(n), n);
  console.log(`${perKind} × ${kind}: ${((Date.now() - kindStarted) / 1000).toFixed(1)} s`);
}
table[`after ${perKind} per kind, one client`] = await rowCounts();

const addresses = Array.from(
  { length: addressCount },
  (_, i) => `10.${Math.floor(i / 250)}.${i % 250}.1`,
);
for (let round = 0; round < perAddress; round += KINDS.length) {
  for (const address of addresses) {
    for (const kind of KINDS) await sendAnonymous(kind, account, address, at(n), n++);
  }
}
table[`after ${perAddress} from each of ${addressCount} addresses`] = await rowCounts();

// The sender's work, done: queued messages sent. Then one sweep once everything has expired.
await db.outboxMessage.updateMany({ where: { status: "QUEUED" }, data: { status: "SENT" } });
const sweptAt = new Date(at(n).getTime() + 91 * 24 * 60 * 60_000);
const deleted = await sweepStorage(sweptAt);
table["after one sweep, 91 days later"] = await rowCounts();

console.log(`${n} requests in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.table(table);
console.log(`the sweep deleted ${JSON.stringify(deleted)}`);
await db.$disconnect();
rmSync(dataDir, { recursive: true, force: true });
