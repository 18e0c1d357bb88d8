import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests whose guarantees depend on the database engine (atomic updates, counts under
// concurrency): they run a second time on PostgreSQL. See test/support/database.ts.
const onBothEngines = [
  "test/integration/totp-replay.test.ts",
  "test/integration/recovery-codes.test.ts",
  "test/integration/second-step-lock.test.ts",
  "test/integration/sign-in-throttle.test.ts",
  "test/integration/sign-in-in-flight.test.ts",
  "test/integration/users.test.ts",
  "test/integration/admin-exists.test.ts",
  "test/integration/migrations.test.ts",
  "test/integration/re-checks.test.ts",
  "test/integration/signed-in-browsers.test.ts",
  "test/integration/email-outbox.test.ts",
  "test/integration/email-reliability.test.ts",
  "test/integration/password-reset.test.ts",
  "test/integration/password-reset-passkey.test.ts",
  "test/integration/passkeys.test.ts",
  "test/integration/passkey-confirmation.test.ts",
  "test/integration/audit-log.test.ts",
  "test/integration/smtp-credentials.test.ts",
  "test/integration/email-links-at-rest.test.ts",
  "test/integration/second-factor-proof.test.ts",
  "test/integration/storage-budget.test.ts",
  "test/integration/typed-codes.test.ts",
  "test/integration/edit-users.test.ts",
  "test/integration/security-overview.test.ts",
  "test/integration/passkey-count.test.ts",
  "test/integration/issued-recovery-code.test.ts",
  "test/integration/passkey-requirement.test.ts",
  "test/integration/account-list.test.ts",
  "test/integration/account-search.test.ts",
  "test/integration/new-browser-notice.test.ts",
  "test/integration/email-languages.test.ts",
  "test/integration/general-settings.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/support/empty.ts"),
    },
  },
  test: {
    environment: "node",
    // One file per core. Vitest's default, cores - 1, runs the files one at a time on CI's two
    // cores, and they wait on databases and servers much of the time.
    maxWorkers: os.availableParallelism(),
    testTimeout: 90_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Unit tests, and integration tests on the embedded default, SQLite.
        extends: true,
        test: {
          name: "sqlite",
          include: [
            "app/**/*.test.ts",
            "lib/**/*.test.ts",
            "cli/**/*.test.ts",
            "words/**/*.test.ts",
            "scripts/**/*.test.ts",
            "bench/**/*.test.ts",
            "test/integration/**/*.test.ts",
          ],
          // A migrated SQLite database made once for the run; each test file copies it.
          globalSetup: ["test/support/sqlite-template-setup.ts"],
        },
      },
      {
        // The same integration files on a real PostgreSQL server, started once for the run
        // (or APPMAIL_TEST_POSTGRES_URL), with a migrated template database; each file gets a
        // database of its own, cloned from the template.
        extends: true,
        test: {
          name: "postgresql",
          include: onBothEngines,
          globalSetup: ["test/support/postgres-setup.ts"],
          provide: { databaseEngine: "postgresql" },
        },
      },
    ],
  },
});
