// docs/rules.md, rule 13 on real SQLite and PostgreSQL databases: the security log reads newest
// first even among entries written within one millisecond (a step 2 with a recovery code writes
// two in one transaction), because each entry's id sorts by when it was written (lib/db/row-id.ts).
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { recordAuditEvent } = await import("@/lib/audit/audit");
const { readAuditLog } = await import("@/lib/audit/audit-log");
const { CONTEXT, createAccount } = await import("../support/db-accounts");

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

describe("the security log's order", () => {
  it("lists entries written in the same millisecond newest first", async () => {
    const account = await createAccount();
    // Every entry gets the same createdAt: only the ids can order them.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-01-01T12:00:00Z") });
    for (let written = 0; written < 30; written++) {
      await recordAuditEvent({
        type: "recovery_code_used",
        subject: account,
        context: CONTEXT,
        details: { written },
      });
    }
    vi.useRealTimers();

    const { events } = await readAuditLog({
      account: account.email,
      type: "recovery_code_used",
      page: 1,
    });
    expect(new Set(events.map((event) => event.createdAt.getTime())).size).toBe(1);
    expect(events.map((event) => JSON.parse(event.details!).written)).toEqual(
      Array.from({ length: 30 }, (_, index) => 29 - index),
    );
  });
});
