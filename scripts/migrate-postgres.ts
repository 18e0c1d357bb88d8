// Applies prisma/postgresql/migrations with node-postgres. Prisma 6.19's JavaScript schema engine
// cannot read PostgreSQL's catalogue through @prisma/adapter-pg (prisma/orm#27403), so
// `prisma migrate deploy` is not usable there; the migrations are plain SQL and this applies
// each once, in order, under an advisory lock so instances starting together take turns.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const folder = path.resolve(import.meta.dirname, "..", "prisma", "postgresql", "migrations");
const LOCK_ID = 727_001;

export async function migratePostgres(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_appmail_migrations" (
      "name" TEXT PRIMARY KEY,
      "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
    )`);
    const applied = new Set(
      (await client.query<{ name: string }>('SELECT "name" FROM "_appmail_migrations"')).rows.map(
        (row) => row.name,
      ),
    );
    const names = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !applied.has(entry.name))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      await client.query("BEGIN");
      try {
        await client.query(readFileSync(path.join(folder, name, "migration.sql"), "utf8"));
        await client.query('INSERT INTO "_appmail_migrations" ("name") VALUES ($1)', [name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return names;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  const url = process.env.DATABASE_URL ?? "";
  migratePostgres(url).then(
    (names) => console.log(`Applied ${names.length} migration(s).`),
    (error: unknown) => {
      console.error(`appmail: migrating PostgreSQL failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
