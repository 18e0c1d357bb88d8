// The users list's search (/backend/users?q=) through its trigram indexes, on SQLite (an FTS5
// trigram table kept in step by triggers) and PostgreSQL (pg_trgm GIN indexes): a part of a name
// or an email, anywhere in a word, either case, with the filters and 50 a page; parts of 1–2
// characters, which no trigram index holds, still found; a renamed account or a changed email
// found by its new value only; a deleted account gone, a deactivated one listed as before; and the
// plans that use the indexes (docs/architecture.md, "The users list").
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { Prisma } = await import("@/lib/db/generated/client");
const { listAccountPage } = await import("@/lib/users/account-list");
const { pageRowsStatement } = await import("@/lib/users/account-list-sql");
const { accountListQuery } = await import("@/lib/users/account-list-query");
const { editAccount } = await import("@/lib/users/edit-account");
const { deactivateAccount } = await import("@/lib/users/deactivation");
const { CONTEXT, createAccount } = await import("../support/db-accounts");
const postgres = inject("databaseEngine") === "postgresql";
const engine = postgres ? "postgresql" : "sqlite";

const list = (params: Record<string, string> = {}) => listAccountPage(accountListQuery(params));
const emails = async (params: Record<string, string>) =>
  (await list(params)).accounts.map((account) => account.email);

// Names and emails chosen so that parts match inside words, across a space, in either column.
const PEOPLE = [
  ["Marguerite Duchamp", "m.duchamp@example.com"],
  ["Bartholomew Quinn", "bq@example.org"],
  ["Chloé Laurent", "chloe.laurent@example.net"],
  ["Zoë Xavier", "zx@example.com"],
  ['Dwayne "The Rock" Johnson', "rock@example.com"],
  ["Ann Q. Public", "ann.public@example.org"],
] as const;
let admin: { id: string; email: string };

beforeAll(async () => {
  admin = await createAccount("ADMIN", "the-admin@example.com");
  await db.user.createMany({
    data: [
      ...PEOPLE.map(([name, email]) => ({ name, email, passwordHash: "x", role: "CUSTOMER" })),
      // 60 accounts with one part in common, for paging; every third an admin.
      ...Array.from({ length: 60 }, (_, i) => ({
        name: `Pagination Tester ${i}`,
        email: `pager-${String(i).padStart(2, "0")}@example.com`,
        passwordHash: "x",
        role: i % 3 === 0 ? "ADMIN" : "CUSTOMER",
      })),
    ],
  });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** What the search should find: every account, filtered in JavaScript (ASCII-safe names). */
async function expected(q: string, role?: "ADMIN" | "CUSTOMER") {
  const part = q.toLowerCase();
  const all = await db.user.findMany({ select: { name: true, email: true, role: true } });
  return all
    .filter((u) => u.email.includes(part) || u.name.toLowerCase().includes(part))
    .filter((u) => !role || u.role === role)
    .map((u) => u.email)
    .sort();
}

describe("what a search finds", () => {
  it.each([
    ["a part inside a word of the name", "guerit", ["m.duchamp@example.com"]],
    ["a part inside the email", "e.laur", ["chloe.laurent@example.net"]],
    ["any case", "DuChAmP", ["m.duchamp@example.com"]],
    ["across a space", "w qui", ["bq@example.org"]],
    ["a letter with an accent", "loé la", ["chloe.laurent@example.net"]],
    ["double quotes, taken literally", '"the rock"', ["rock@example.com"]],
    ["search syntax, taken literally", "NEAR(the", []],
    ["nothing", "zzzzzz", []],
  ])("finds %s", async (_, q, found) => {
    expect(await emails({ q })).toEqual(found);
  });

  it("finds parts of 1 and 2 characters, which no trigram holds, in names and emails", async () => {
    for (const q of ["Q", "zx", "Ë", "q.", "@", "_", "%", "7"]) {
      const all = (await Promise.all(["1", "2", "3"].map((page) => emails({ q, page })))).flat();
      expect(all, q).toEqual(await expected(q));
    }
    expect(await emails({ q: "zx" })).toEqual(["zx@example.com"]);
    expect(await emails({ q: "q." })).toEqual(["ann.public@example.org"]);
  });

  it("pages its matches 50 at a time, in email order, with the filters", async () => {
    const [first, second, third] = await Promise.all(
      ["1", "2", "3"].map((page) => list({ q: "TION TEST", page })),
    );
    expect([first, second, third].map((p) => [p!.accounts.length, p!.hasNext])).toEqual([
      [50, true],
      [10, false],
      [0, false],
    ]);
    const found = [first!, second!].flatMap((p) => p.accounts.map((a) => a.email));
    expect(found).toEqual(await expected("tion test"));
    const admins = await emails({ q: "pager-", role: "admin" });
    expect(admins).toEqual(await expected("pager-", "ADMIN"));
    expect(admins).toHaveLength(20);
    expect(await emails({ q: "pager-", twoFactor: "enabled" })).toEqual([]);
  });
});

describe("a search after accounts change", () => {
  it("finds a renamed account by its new name and email, never by the old ones", async () => {
    const account = await createAccount("CUSTOMER", "old-address@example.com");
    expect(await emails({ q: "test user" })).toContain("old-address@example.com");
    const edited = await editAccount(
      {
        userId: account.id,
        name: "Persephone Okonkwo",
        email: "new-address@example.com",
        role: "CUSTOMER",
      },
      admin,
      CONTEXT,
    );
    expect(edited.ok).toBe(true);
    expect(await emails({ q: "phone okon" })).toEqual(["new-address@example.com"]);
    expect(await emails({ q: "NEW-ADDR" })).toEqual(["new-address@example.com"]);
    expect(await emails({ q: "old-address" })).toEqual([]);
    expect(await emails({ q: "test user" })).not.toContain("new-address@example.com");
  });

  it("lists a deactivated account as before and no longer finds a deleted one", async () => {
    const leaving = await createAccount("CUSTOMER", "leaving-soon@example.com");
    const gone = await createAccount("CUSTOMER", "gone-for-good@example.com");
    expect((await deactivateAccount(leaving.id, admin, CONTEXT)).ok).toBe(true);
    const [row] = (await list({ q: "leaving-soon" })).accounts;
    expect(row).toMatchObject({ email: "leaving-soon@example.com" });
    expect(row!.deactivatedAt).toBeInstanceOf(Date);
    await db.user.delete({ where: { id: gone.id } });
    expect(await emails({ q: "gone-for" })).toEqual([]);
    expect(await emails({ q: "go" })).not.toContain("gone-for-good@example.com");
  });
});

describe("query plans", () => {
  async function planOf(q: string, asIfLarge = true) {
    const statement = pageRowsStatement(accountListQuery({ q }), engine, null);
    const plan = postgres
      ? await db.$transaction(async (tx) => {
          // A small table is cheaper to read whole: ask for the plan a large one gets.
          await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = ${asIfLarge ? "off" : "on"}`);
          await tx.$executeRawUnsafe(`SET LOCAL enable_indexscan = ${asIfLarge ? "off" : "on"}`);
          return tx.$queryRaw<Record<string, string>[]>(Prisma.sql`EXPLAIN ${statement}`);
        })
      : await db.$queryRaw<Record<string, string>[]>(Prisma.sql`EXPLAIN QUERY PLAN ${statement}`);
    return plan.map((row) => Object.values(row).join(" ")).join("\n");
  }

  it("a part of 3 characters or more is looked up in the trigram index, not read row by row", async () => {
    const plan = await planOf("duchamp");
    if (postgres) {
      expect(plan).toMatch(/Bitmap Index Scan on "User_email_trgm_idx"/);
      expect(plan).toMatch(/Bitmap Index Scan on "User_name_trgm_idx"/);
      expect(plan).not.toMatch(/Seq Scan on "User"/);
    } else {
      expect(plan).toMatch(/SCAN UserSearch VIRTUAL TABLE/);
      expect(plan).toMatch(/SEARCH u USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    }
  });

  it("a part of 2 characters holds no trigram: it reads every account instead", async () => {
    // PostgreSQL could read its GIN indexes whole for it; it costs them above reading the table.
    const plan = await planOf("du", false);
    expect(plan).toMatch(postgres ? /Seq Scan on "User"/ : /SCAN u USING INDEX User_email_key/);
    expect(plan).not.toMatch(/UserSearch|trgm/);
  });
});
