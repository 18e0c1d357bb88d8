// Vitest global setup of the "sqlite" project (vitest.config.ts): one SQLite database with every
// migration applied, made once per run in a temporary folder. Each test file then copies that
// file (test/support/database.ts) instead of running the migrations again.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createMigratedDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by this setup: a migrated SQLite database (WAL mode) for test files to copy. */
    sqliteTemplate?: string;
  }
}

export default function setup(project: TestProject) {
  const folder = mkdtempSync(path.join(os.tmpdir(), "appmail-template-"));
  project.provide("sqliteTemplate", createMigratedDatabase(folder));
  return () => rmSync(folder, { recursive: true, force: true });
}
