// The PostgreSQL schema and migrations are generated from the SQLite ones (Prisma names one
// provider per schema). `npm run db:postgres` writes them; `--check` fails when they drift.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sqliteSchemaFile = path.join(root, "prisma", "schema.prisma");
const sqliteMigrations = path.join(root, "prisma", "migrations");
const pgFolder = path.join(root, "prisma", "postgresql");
const pgSchemaFile = path.join(pgFolder, "schema.prisma");
const pgMigrations = path.join(pgFolder, "migrations");

export function postgresSchemaFrom(sqliteSchema: string): string {
  return [
    "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: do not edit by hand.",
    sqliteSchema
      .replace(/^\/\/ SQLite schema:.*\n/m, "")
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace(/url\s*=\s*"file:[^"]*"/, 'url      = env("DATABASE_URL")')
      .replace('output     = "../lib/db/generated"', 'output     = "../../lib/db/generated-pg"'),
  ].join("\n");
}

function migrationNames(folder: string) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function diff(from: string | null, to: string) {
  const prisma = path.join(root, "node_modules", ".bin", "prisma");
  const args = ["migrate", "diff", "--script", "--to-schema-datamodel", to];
  args.splice(2, 0, ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]));
  return execFileSync(prisma, args, {
    cwd: root,
    encoding: "utf8",
    // The JavaScript schema engine diffs through a live connection, even between two files.
    env: {
      ...process.env,
      DATABASE_URL: process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:55432/postgres",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function checkPostgresSchema(): string[] {
  const problems: string[] = [];
  const expected = postgresSchemaFrom(readFileSync(sqliteSchemaFile, "utf8"));
  if (!existsSync(pgSchemaFile) || readFileSync(pgSchemaFile, "utf8") !== expected) {
    problems.push("prisma/postgresql/schema.prisma is not generated from prisma/schema.prisma");
  }
  const sqliteNames = migrationNames(sqliteMigrations).join(",");
  if (migrationNames(pgMigrations).join(",") !== sqliteNames) {
    problems.push("prisma/postgresql/migrations does not have one migration per SQLite migration");
  }
  return problems;
}

function write() {
  mkdirSync(pgMigrations, { recursive: true });
  const previous = existsSync(pgSchemaFile) ? readFileSync(pgSchemaFile, "utf8") : null;
  const next = postgresSchemaFrom(readFileSync(sqliteSchemaFile, "utf8"));
  const missing = migrationNames(sqliteMigrations).filter(
    (name) => !migrationNames(pgMigrations).includes(name),
  );
  let previousFile: string | null = null;
  if (previous) {
    previousFile = path.join(pgFolder, ".previous.prisma");
    writeFileSync(previousFile, previous);
  }
  writeFileSync(pgSchemaFile, next);
  missing.forEach((name, index) => {
    // Several new SQLite migrations at once: the first carries the whole change.
    const sql = index === 0 ? diff(previousFile, pgSchemaFile) : "-- No changes.\n";
    mkdirSync(path.join(pgMigrations, name), { recursive: true });
    writeFileSync(path.join(pgMigrations, name, "migration.sql"), sql);
  });
  writeFileSync(path.join(pgMigrations, "migration_lock.toml"), 'provider = "postgresql"\n');
  if (previousFile) execFileSync("rm", ["-f", previousFile]);
  console.log(`PostgreSQL schema written; new migrations: ${missing.join(", ") || "none"}.`);
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  if (process.argv.includes("--check")) {
    const problems = checkPostgresSchema();
    for (const problem of problems) console.error(`drift: ${problem}`);
    process.exit(problems.length ? 1 : 0);
  } else {
    write();
  }
}
