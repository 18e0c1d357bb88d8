// Everything the app needs before it serves: valid configuration, generated secrets, the Prisma
// client, and an up-to-date database. Used by `npm start`, `npm run build` and `npm test`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError, isPostgresUrl, loadConfig, type ServerConfig } from "../lib/config/env";

const root = path.resolve(import.meta.dirname, "..");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

export function loadConfigOrExit(): ServerConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`appmail: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

function mtime(file: string) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

/** Generates the Prisma clients (SQLite and PostgreSQL) when their schema is newer. */
export function generateClients() {
  const targets = [
    { schema: "prisma/schema.prisma", client: "lib/db/generated/client.ts", url: undefined },
    {
      schema: "prisma/postgresql/schema.prisma",
      client: "lib/db/generated-pg/client.ts",
      // Generating reads the provider from the URL; it does not connect.
      url: "postgresql://localhost/appmail",
    },
  ];
  for (const target of targets) {
    if (mtime(path.join(root, target.client)) >= mtime(path.join(root, target.schema))) continue;
    const env = { ...process.env };
    if (target.url) env.DATABASE_URL = target.url;
    else delete env.DATABASE_URL;
    execFileSync(prismaBin, ["generate"], {
      cwd: root,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
}

function migrate(databaseUrl: string) {
  try {
    execFileSync(prismaBin, ["migrate", "deploy"], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
  } catch (error) {
    const output = String((error as { stderr?: Buffer }).stderr ?? "");
    console.error(output.split("\n").find((line) => line.startsWith("Error")) ?? output);
    console.error("appmail: applying database migrations failed (is the database reachable?).");
    process.exit(1);
  }
}

/** Migrations in prisma/migrations that the database has not finished applying. */
function pendingMigrations(sqlite: Database.Database): string[] {
  const folder = path.join(root, "prisma", "migrations");
  const all = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
    .get();
  if (!table) return all;
  const applied = new Set(
    sqlite
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL")
      .all()
      .map((row) => (row as { migration_name: string }).migration_name),
  );
  return all.filter((name) => !applied.has(name));
}

export function prepare(): ServerConfig {
  const config = loadConfigOrExit();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  generateClients();
  if (isPostgresUrl(config.databaseUrl)) {
    try {
      execFileSync(
        path.join(root, "node_modules", ".bin", "tsx"),
        [path.join(root, "scripts", "migrate-postgres.ts")],
        { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: process.env },
      );
    } catch {
      process.exit(1);
    }
    return config;
  }
  const sqlite = new Database(config.databaseUrl.slice("file:".length));
  // WAL lets readers proceed while one writer commits; it is a property of the file, set once.
  sqlite.pragma("journal_mode = WAL");
  const pending = pendingMigrations(sqlite);
  sqlite.close();
  if (pending.length > 0) migrate(config.databaseUrl);
  return config;
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  if (process.argv.includes("--generate-only")) generateClients();
  else prepare();
}
