// Vitest global setup of the "postgresql" project (vitest.config.ts): one PostgreSQL server for
// the whole run, and on it one template database with every migration applied. Each test file
// then makes its own database as a copy of the template (test/support/database.ts).
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "../../scripts/migrate-postgres";
import { createTemplateDatabase, dropDatabase, startPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** "postgresql" in that project (vitest.config.ts); unset means SQLite. */
    databaseEngine?: "sqlite" | "postgresql";
    /** Set by this setup: the server the integration tests make their databases on. */
    postgresServerUrl?: string;
    /** Set by this setup: the migrated database each test file's database is copied from. */
    postgresTemplate?: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  // Named per run: APPMAIL_TEST_POSTGRES_URL may be a server that other runs share.
  const template = `appmail_template_${randomBytes(6).toString("hex")}`;
  try {
    await createTemplateDatabase(postgres.url, template, migratePostgres);
  } catch (error) {
    postgres.stop();
    throw error;
  }
  project.provide("postgresServerUrl", postgres.url);
  project.provide("postgresTemplate", template);
  return async () => {
    await dropDatabase(postgres.url, template).catch(() => undefined);
    postgres.stop();
  };
}
