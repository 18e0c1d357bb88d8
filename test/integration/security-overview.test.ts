// /backend/security on real SQLite and PostgreSQL databases (docs/architecture.md, "Security
// overview"): the grouped counts, the 90-day history replayed from the security log's events,
// "Unlock" (counters cleared, audited, notified), and the accounts CSV (header, paging, formulas).
import { afterAll, describe, expect, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { protectionByRole } = await import("@/lib/security-overview/protection-counts");
const { protectionHistory } = await import("@/lib/security-overview/history");
const { startOfDay } = await import("@/lib/security-overview/history-replay");
const { lockedOutAccounts, unlockAccount } = await import("@/lib/security-overview/locked-out");
const { accountsCsvStream, CSV_HEADER } = await import("@/lib/security-overview/accounts-csv");
const { editAccount } = await import("@/lib/users/edit-account");
const { deactivateAccount } = await import("@/lib/users/deactivation");
const { resetTwoFactor } = await import("@/lib/users/admin-reset");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { reserveCodeAttempt, codeAttemptFailed } = await import("@/lib/two-factor/code-attempts");
const { sayFailure } = await import("@/words/say-failure");
const { CONTEXT, PASSWORD, auditEvents, createAccount, enrol } =
  await import("../support/db-accounts");

const DAY = 86_400_000;
const NOW = new Date();
/** Midday of the day `daysAgo` days before today (UTC), clear of any day's boundary. */
const daysAgo = (days: number) => new Date(startOfDay(NOW).getTime() - days * DAY + DAY / 2);

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** Moves the account's latest event of `type` back to `at`, as if it had happened then. */
async function happenedAt(type: string, subjectId: string, at: Date) {
  const [latest] = await db.auditEvent.findMany({
    where: { type, subjectId },
    orderBy: { createdAt: "desc" },
    take: 1,
  });
  await db.auditEvent.update({ where: { id: latest!.id }, data: { createdAt: at } });
}

// First in the file: the accounts the later tests make are created today, so before today the
// history holds only these.
describe("the history of protection", () => {
  it("replays the security log back from today's counts, day by day", async () => {
    const actor = await createAccount("ADMIN");
    const erin = await createAccount("CUSTOMER");
    await happenedAt("account_created", erin.id, daysAgo(40));
    await enrol(erin, new Date());
    await happenedAt("two_factor_enabled", erin.id, daysAgo(10));

    const fred = await createAccount("ADMIN");
    await happenedAt("account_created", fred.id, daysAgo(30));
    await enrol(fred, new Date());
    await happenedAt("two_factor_enabled", fred.id, daysAgo(20));
    expect((await resetTwoFactor({ id: fred.id }, actor, CONTEXT)).ok).toBe(true);
    await happenedAt("two_factor_reset", fred.id, daysAgo(5));

    // Made before the window: its creation is not in the 90 days, its later changes are.
    const gina = await createAccount("CUSTOMER");
    await happenedAt("account_created", gina.id, daysAgo(100));
    const edited = await editAccount(
      { userId: gina.id, name: "Test User", email: gina.email, role: "ADMIN" },
      actor,
      CONTEXT,
    );
    expect(edited.ok).toBe(true);
    await happenedAt("account_updated", gina.id, daysAgo(15));
    expect((await deactivateAccount(gina.id, actor, CONTEXT)).ok).toBe(true);
    await happenedAt("account_deactivated", gina.id, daysAgo(3));
    await happenedAt("account_created", actor.id, daysAgo(200));

    const history = await protectionHistory(await protectionByRole(), NOW);
    expect(history).toHaveLength(90);
    expect(history[89]!.day).toEqual(startOfDay(NOW));
    expect(history[0]!.day).toEqual(new Date(startOfDay(NOW).getTime() - 89 * DAY));
    const at = (days: number) => {
      const { ADMIN, CUSTOMER } = history[89 - days]!.byRole;
      return {
        admins: [ADMIN.accounts, ADMIN.protectedCount],
        customers: [CUSTOMER.accounts, CUSTOMER.protectedCount],
      };
    };
    // [accounts that can sign in, of which protected]; the actor is an admin throughout.
    expect(at(50)).toEqual({ admins: [1, 0], customers: [1, 0] });
    expect(at(35)).toEqual({ admins: [1, 0], customers: [2, 0] });
    expect(at(25)).toEqual({ admins: [2, 0], customers: [2, 0] });
    expect(at(18)).toEqual({ admins: [2, 1], customers: [2, 0] });
    expect(at(12)).toEqual({ admins: [3, 1], customers: [1, 0] });
    expect(at(7)).toEqual({ admins: [3, 1], customers: [1, 1] });
    expect(at(4)).toEqual({ admins: [3, 0], customers: [1, 1] });
    expect(at(1)).toEqual({ admins: [2, 0], customers: [1, 1] });
    expect(at(0)).toEqual(at(1));
    // The reset recorded what it removed, which is what the replay put back.
    const [reset] = await auditEvents("two_factor_reset", fred.id);
    expect(JSON.parse(reset!.details!)).toEqual({ authenticatorApp: true, passkeys: 0 });
  });
});

describe("protection by role", () => {
  it("counts accounts that can sign in, by factor, with grouped queries", async () => {
    const before = await protectionByRole();
    await createAccount("CUSTOMER");
    await enrol(await createAccount("CUSTOMER"), new Date());
    const keyed = await createAccount("ADMIN");
    await db.passkey.create({
      data: {
        userId: keyed.id,
        credentialId: `cred-${keyed.id}`,
        publicKey: Buffer.from([1, 2, 3]),
        name: "Laptop",
      },
    });
    const both = await createAccount("ADMIN");
    await enrol(both, new Date());
    await db.passkey.create({
      data: {
        userId: both.id,
        credentialId: `cred-${both.id}`,
        publicKey: Buffer.from([4]),
        name: "Key",
      },
    });
    const gone = await createAccount("CUSTOMER");
    await enrol(gone, new Date());
    await deactivateAccount(gone.id, null, CONTEXT);

    const after = await protectionByRole();
    const delta = (role: "ADMIN" | "CUSTOMER" | "ALL") => ({
      accounts: after[role].accounts - before[role].accounts,
      authenticatorApp: after[role].authenticatorApp - before[role].authenticatorApp,
      passkey: after[role].passkey - before[role].passkey,
      protectedCount: after[role].protectedCount - before[role].protectedCount,
    });
    expect(delta("CUSTOMER")).toEqual({
      accounts: 2,
      authenticatorApp: 1,
      passkey: 0,
      protectedCount: 1,
    });
    expect(delta("ADMIN")).toEqual({
      accounts: 2,
      authenticatorApp: 1,
      passkey: 2,
      protectedCount: 2,
    });
    expect(delta("ALL")).toEqual({
      accounts: 4,
      authenticatorApp: 2,
      passkey: 2,
      protectedCount: 3,
    });
  });

  it("counts an account with two passkeys once, and a deactivated one's passkey not at all", async () => {
    const before = await protectionByRole();
    const twoKeys = await createAccount("CUSTOMER");
    const leaving = await createAccount("CUSTOMER");
    for (const [account, name] of [
      [twoKeys, "Laptop"],
      [twoKeys, "Phone"],
      [leaving, "Laptop"],
    ] as const) {
      await db.passkey.create({
        data: {
          userId: account.id,
          credentialId: `cred-${account.id}-${name}`,
          publicKey: Buffer.from([1]),
          name,
        },
      });
    }
    await deactivateAccount(leaving.id, null, CONTEXT);
    const after = await protectionByRole();
    expect(after.CUSTOMER.accounts - before.CUSTOMER.accounts).toBe(1);
    expect(after.CUSTOMER.passkey - before.CUSTOMER.passkey).toBe(1);
    expect(after.CUSTOMER.protectedCount - before.CUSTOMER.protectedCount).toBe(1);
    expect(after.ALL.protectedCount - before.ALL.protectedCount).toBe(1);
  });
});

describe("locked out", () => {
  it("lists a second-step lock and a password lock, and Unlock lifts both, audited and notified", async () => {
    const admin = await createAccount("ADMIN");
    const locked = await createAccount("CUSTOMER");
    await enrol(locked, new Date());
    const now = new Date();
    for (let i = 0; i < 5; i++) {
      const reserved = await reserveCodeAttempt(locked.id, now);
      await codeAttemptFailed(locked, reserved!, now, CONTEXT);
    }
    const context = { clientAddress: "198.51.100.9", userAgent: "vitest/agent" };
    for (let i = 0; i < 10; i++) {
      await signInWithPassword({ email: locked.email, password: "wrong" }, context, now);
    }
    expect(
      await signInWithPassword({ email: locked.email, password: PASSWORD }, context, now),
    ).toMatchObject({ ok: false, reason: "throttled" });

    const listed = (await lockedOutAccounts(now)).find((row) => row.id === locked.id);
    expect(listed).toMatchObject({ email: locked.email, secondStep: true, password: true });
    expect(listed!.until.getTime()).toBe(now.getTime() + 15 * 60_000);

    const result = await unlockAccount(locked.id, admin, CONTEXT, now);
    expect(result).toEqual({ ok: true, email: locked.email });
    const row = await db.user.findUniqueOrThrow({ where: { id: locked.id } });
    expect(row).toMatchObject({ lockedUntil: null, failedCodes: 0 });
    expect((await lockedOutAccounts(now)).some((a) => a.id === locked.id)).toBe(false);
    const [event] = await auditEvents("account_unlocked", locked.id);
    expect(event).toMatchObject({ actorId: admin.id, subjectEmail: locked.email });
    expect(JSON.parse(event!.details!)).toEqual({ secondStep: true, password: true });
    const notices = await db.outboxMessage.findMany({ where: { recipient: locked.email } });
    expect(notices.map((n) => n.subject)).toContain("AppMail: Your account was unlocked");
    // The password counter went with it: the right password is checked again.
    expect(
      await signInWithPassword({ email: locked.email, password: PASSWORD }, context, now),
    ).toMatchObject({ ok: true });
  });

  it("refuses to unlock an account that is not locked, and writes nothing", async () => {
    const admin = await createAccount("ADMIN");
    const free = await createAccount("CUSTOMER");
    const result = await unlockAccount(free.id, admin, CONTEXT);
    expect(result.ok).toBe(false);
    expect(!result.ok && sayFailure(result.failure)).toBe(`${free.email} is not locked out.`);
    expect(await auditEvents("account_unlocked", free.id)).toEqual([]);
    expect(await db.outboxMessage.count({ where: { recipient: free.email } })).toBe(0);
    const nobody = await unlockAccount("nosuchaccount", admin, CONTEXT);
    expect(!nobody.ok && nobody.failure.code).toBe("no_such_account");
  });
});

async function readCsv(size: number): Promise<string> {
  return new Response(accountsCsvStream(size)).text();
}

describe("the accounts CSV", () => {
  it("writes a row per account across pages, with formulas neutralised", async () => {
    const evil = await createAccount("CUSTOMER", `=cmd@example.com`);
    await db.user.update({ where: { id: evil.id }, data: { name: '=HYPERLINK("http://x")' } });
    const minus = await createAccount("CUSTOMER");
    await db.user.update({ where: { id: minus.id }, data: { name: "-2+3" } });
    const at = await createAccount("CUSTOMER");
    await db.user.update({ where: { id: at.id }, data: { name: "@SUM(A1)" } });
    const enrolled = await createAccount("ADMIN");
    await enrol(enrolled, new Date());

    const text = await readCsv(3);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(CSV_HEADER.join(","));
    expect(CSV_HEADER).toEqual([
      "email",
      "name",
      "role",
      "authenticator app",
      "passkeys",
      "recovery codes left",
      "last sign-in",
      "created",
    ]);
    expect(lines).toHaveLength(1 + (await db.user.count()));
    expect(await db.user.count()).toBeGreaterThan(6);
    expect(new Set(lines.slice(1)).size).toBe(lines.length - 1);
    expect(text).toContain(`'=cmd@example.com,"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(`,'-2+3,`);
    expect(text).toContain(`,'@SUM(A1),`);
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
    const row = lines.find((line) => line.startsWith(enrolled.email))!.split(",");
    expect(row.slice(2, 6)).toEqual(["Admin", "yes", "0", "10"]);
    expect(new Date(row[7]!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await readCsv(1000)).toBe(text);
  });

  it("reads pages of 1,000 accounts, more than one of them, each account once", async () => {
    await db.user.createMany({
      data: Array.from({ length: 1_100 }, (_, i) => ({
        name: `Bulk ${i}`,
        email: `bulk${i}@example.com`,
        passwordHash: "not a hash",
        role: "CUSTOMER",
      })),
    });
    const lines = (await readCsv(1000)).trimEnd().split("\n");
    expect(lines).toHaveLength(1 + (await db.user.count()));
    expect(lines.length).toBeGreaterThan(1 + 1_000);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it("names the last complete sign-in, not a password awaiting its code", async () => {
    const person = await createAccount("CUSTOMER");
    const signedIn = await signInWithPassword({ email: person.email, password: PASSWORD }, CONTEXT);
    expect(signedIn.ok).toBe(true);
    const row = (await readCsv(1000)).split("\n").find((line) => line.startsWith(person.email))!;
    expect(row.split(",")[6]).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
