// The admin's users list (/backend/users) on real SQLite and PostgreSQL databases: 50 accounts a
// page in email order, filters by role and by second factor (an authenticator app or a passkey:
// a passkey-only account is "Enabled"), a search that ignores case on both engines and takes
// `%` and `_` literally, an empty page past the end, any URL read without a failure, and the
// statements the page runs read the covering index (docs/architecture.md, "The users list").
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { Prisma } = await import("@/lib/db/generated/client");
const { listAccountPage, countAccounts } = await import("@/lib/users/account-list");
const { pageStartStatement } = await import("@/lib/users/account-list-sql");
const { accountListQuery } = await import("@/lib/users/account-list-query");
const { PASSWORD, createAccount, enrol, registerPasskey } = await import("../support/db-accounts");
const postgres = inject("databaseEngine") === "postgresql";

const list = (params: Record<string, string | string[]> = {}) =>
  listAccountPage(accountListQuery(params));
const emails = (page: Awaited<ReturnType<typeof list>>) => page.accounts.map((a) => a.email);

const NOW = new Date("2026-12-01T12:00:00Z");
let passkeyOnly: { id: string; email: string };
let withApp: { id: string; email: string };

beforeAll(async () => {
  // 120 customers and 8 admins straight into the table, and 3 made through the app.
  const rows = Array.from({ length: 128 }, (_, i) => ({
    name: i === 7 ? "MiXeD Case Person" : `Person ${i}`,
    email:
      i < 8
        ? `admin-${String(i).padStart(3, "0")}@example.com`
        : `c-${String(i).padStart(3, "0")}@example.com`,
    passwordHash: "not a hash",
    role: i < 8 ? "ADMIN" : "CUSTOMER",
  }));
  await db.user.createMany({ data: rows });
  passkeyOnly = await createAccount("CUSTOMER", "passkey-only@example.com");
  await registerPasskey(passkeyOnly, new SoftAuthenticator(), { password: PASSWORD }, NOW);
  withApp = await createAccount("CUSTOMER", "under_score@example.com");
  await enrol(withApp, NOW);
  await createAccount("CUSTOMER", "underxscore@example.com");
  const signedIn = (at: string, completed: boolean) => ({
    id: `s-${at}`,
    userId: withApp.id,
    stage: completed ? "COMPLETE" : "AWAITING_CODE",
    sessionVersion: 1,
    expiresAt: new Date("2027-01-01T00:00:00Z"),
    completedAt: completed ? new Date(at) : null,
  });
  await db.signIn.createMany({
    data: [signedIn("2026-11-02T08:00:00Z", true), signedIn("2026-11-20T09:30:00Z", true)],
  });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

describe("paging", () => {
  it("shows 50 accounts a page in email order, each account on exactly one page", async () => {
    const pages = [await list(), await list({ page: "2" }), await list({ page: "3" })];
    expect(pages.map((p) => p.accounts.length)).toEqual([50, 50, 31]);
    expect(pages.map((p) => [p.hasPrevious, p.hasNext])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    const all = pages.flatMap(emails);
    expect(all).toHaveLength(await db.user.count());
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort());
  });

  it("a page past the end is empty, with a way back and none forward", async () => {
    const past = await list({ page: "9" });
    expect(past).toMatchObject({ accounts: [], page: 9, hasPrevious: true, hasNext: false });
  });
});

describe("the two-factor column and filter", () => {
  it("counts a passkey-only account as Enabled, with its passkeys counted", async () => {
    const enabled = emails(await list({ twoFactor: "enabled" }));
    expect(enabled).toEqual(["passkey-only@example.com", "under_score@example.com"]);
    const row = (await list({ q: "passkey-only" })).accounts[0]!;
    expect(row).toMatchObject({ totpEnabledAt: null, _count: { passkeys: 1 } });
    const notSetUp = emails(await list({ twoFactor: "not-set-up", page: "3" }));
    expect(notSetUp).not.toContain("passkey-only@example.com");
    const notSetUpAll = (
      await Promise.all(["1", "2", "3"].map((page) => list({ twoFactor: "not-set-up", page })))
    ).flatMap(emails);
    expect(notSetUpAll).toHaveLength((await db.user.count()) - 2);
    expect(await countAccounts()).toEqual({ accounts: await db.user.count(), protected: 2 });
  });

  it("shows the last completed sign-in, or none", async () => {
    const row = (await list({ q: "under_score" })).accounts[0]!;
    expect(row.lastSignInAt?.toISOString()).toBe("2026-11-20T09:30:00.000Z");
    expect((await list({ q: "c-010" })).accounts[0]!.lastSignInAt).toBeNull();
  });
});

describe("filters and search", () => {
  it("filters by role, and by role and second factor together", async () => {
    const admins = await list({ role: "admin" });
    expect(admins.accounts).toHaveLength(8);
    expect(admins.accounts.every((a) => a.role === "ADMIN")).toBe(true);
    expect(await list({ role: "admin", twoFactor: "enabled" })).toMatchObject({ accounts: [] });
    const customers = await list({ role: "customer", page: "3" });
    expect(customers.accounts.every((a) => a.role === "CUSTOMER")).toBe(true);
  });

  it("finds a part of a name or an email whatever its case", async () => {
    expect(emails(await list({ q: "mixed case" }))).toEqual(["admin-007@example.com"]);
    // "Person 12" and "Person 120" to "Person 127", in email order.
    expect(emails(await list({ q: "PERSON 12" }))).toEqual(
      ["012", "120", "121", "122", "123", "124", "125", "126", "127"].map(
        (n) => `c-${n}@example.com`,
      ),
    );
    expect(emails(await list({ q: "ADMIN-00", role: "admin" }))).toHaveLength(8);
  });

  it("takes % and _ literally", async () => {
    expect(emails(await list({ q: "under_" }))).toEqual(["under_score@example.com"]);
    expect(await list({ q: "%" })).toMatchObject({ accounts: [] });
  });
});

describe("bad input", () => {
  it.each([["-1"], ["abc"], ["0"], ["1.5"], ["99999999999999999999"], [""]])(
    "page=%s is the first page",
    async (page) => {
      expect(accountListQuery({ page }).page).toBe(1);
      expect(emails(await list({ page }))).toEqual(emails(await list()));
    },
  );

  it("an unknown role or two-factor value is All; repeated parameters take the first", () => {
    expect(accountListQuery({ role: "unknown", twoFactor: "maybe" })).toMatchObject({
      role: "",
      twoFactor: "",
    });
    expect(accountListQuery({ role: ["admin", "customer"], page: ["2", "x"] })).toMatchObject({
      role: "admin",
      page: 2,
    });
  });

  it("a search of 10 kB is cut to 256 characters and finds nothing, without a failure", async () => {
    const q = "x".repeat(10_240);
    expect(accountListQuery({ q }).q).toHaveLength(256);
    expect(await list({ q, page: "2" })).toMatchObject({ accounts: [], hasNext: false });
  });
});

describe("query plans", () => {
  it("the page's first email is read from the covering index alone", async () => {
    const statement = pageStartStatement(
      accountListQuery({ page: "3", twoFactor: "enabled" }),
      postgres ? "postgresql" : "sqlite",
    );
    // As autovacuum leaves a table: its pages all-visible, so an index alone can answer.
    if (postgres) await db.$executeRawUnsafe('VACUUM ANALYZE "User"');
    const plan = postgres
      ? await db.$transaction(async (tx) => {
          // A small table is cheaper to read whole: ask for the plan a large one gets.
          await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
          return tx.$queryRaw<Record<string, string>[]>(Prisma.sql`EXPLAIN ${statement}`);
        })
      : await db.$queryRaw<Record<string, string>[]>(Prisma.sql`EXPLAIN QUERY PLAN ${statement}`);
    const text = plan.map((row) => Object.values(row).join(" ")).join("\n");
    expect(text).toMatch(
      postgres
        ? // PostgreSQL's choice between the two email indexes follows the table's size: at 100,000
          // accounts it is the covering one (bench/README.md); here, either, never a sort.
          /Index (Only )?Scan using "User_email_/
        : /USING COVERING INDEX User_email_role_totpEnabledAt_passkeyCount_id_idx/,
    );
    expect(text).not.toMatch(/TEMP B-TREE|Sort/);
  });
});
