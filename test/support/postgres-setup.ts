// Vitest global setup of the "postgresql" project (vitest.config.ts): one PostgreSQL server for
// the whole run. Each test file then makes its own database on it (test/support/database.ts).
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** "postgresql" in that project (vitest.config.ts); unset means SQLite. */
    databaseEngine?: "sqlite" | "postgresql";
    /** Set by this setup: the server the integration tests make their databases on. */
    postgresServerUrl?: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  project.provide("postgresServerUrl", postgres.url);
  return () => postgres.stop();
}
