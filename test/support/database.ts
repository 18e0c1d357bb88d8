// A throwaway SQLite database for an integration test file.
//
// lib/db/client.ts creates its Prisma client when first imported, from the environment, so a test
// file calls `setUpTestDatabase()` first and only then imports app modules dynamically:
//
//   const dataDir = await setUpTestDatabase();
//   const { db } = await import("@/lib/db/client");
//
// Vitest runs each test file in its own module graph and worker, so each file gets its own
// database, secrets and Prisma client.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const migrationsFolder = path.join(projectRoot, "prisma", "migrations");

/** The SQL of every migration, oldest first (folder names start with a timestamp). */
export function migrationScripts(): string[] {
  return readdirSync(migrationsFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readFileSync(path.join(migrationsFolder, name, "migration.sql"), "utf8"));
}

/** Creates `<dataDir>/appmail.db` with every migration applied, in WAL mode as the app runs it. */
export function createMigratedDatabase(dataDir: string): string {
  const file = path.join(dataDir, "appmail.db");
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    for (const sql of migrationScripts()) sqlite.exec(sql);
  } finally {
    sqlite.close();
  }
  return file;
}

/**
 * Points this process's configuration at a new temporary data folder holding a migrated
 * database; the session secret and encryption key are generated there on first use.
 * Returns the folder.
 */
export async function setUpTestDatabase(): Promise<string> {
  // lib/db/client.ts keeps its client on globalThis: one already there belongs to another file's
  // database (a worker reused without isolation, or app modules imported too early).
  if ((globalThis as { appmailDb?: unknown }).appmailDb) {
    throw new Error(
      "The app's database client already exists: call setUpTestDatabase() before importing app modules, with Vitest's per-file isolation on.",
    );
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "appmail-integration-"));
  createMigratedDatabase(dataDir);
  process.env.APPMAIL_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.NEXTAUTH_SECRET;
  delete process.env.APPMAIL_ENCRYPTION_KEY;
  delete process.env.APPMAIL_ENCRYPTION_KEY_VERSION;
  delete process.env.APPMAIL_PREVIOUS_ENCRYPTION_KEYS;
  return dataDir;
}

/**
 * `setUpTestDatabase` under its first name. Next's ESLint config reads any `use…` call as a React
 * hook (react-hooks/rules-of-hooks), so the tests call `setUpTestDatabase`.
 */
export const useTestDatabase = setUpTestDatabase;

/** Every byte SQLite has written for the database: the main file and its write-ahead log. */
export function databaseBytes(dataDir: string): Buffer {
  const file = path.join(dataDir, "appmail.db");
  const parts = [file, `${file}-wal`].flatMap((name) => {
    try {
      return [readFileSync(name)];
    } catch {
      return [];
    }
  });
  return Buffer.concat(parts);
}

/** Removes a folder made by `setUpTestDatabase` (unless APPMAIL_KEEP_TEST_DB is set, for debugging). */
export function removeTestDatabase(dataDir: string) {
  if (process.env.APPMAIL_KEEP_TEST_DB) return;
  rmSync(dataDir, { recursive: true, force: true });
}
