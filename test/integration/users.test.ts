// Accounts on real SQLite and PostgreSQL databases: one account per email whatever its case,
// exactly one first admin however many set-ups race, and a password change that signs every other
// session out.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const {
  changePassword: changePasswordCoded,
  createFirstAdmin: createFirstAdminCoded,
  createUser: createUserCoded,
} = await import("@/lib/users/users");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { loadSession } = await import("@/lib/auth/session");
const { trustBrowser } = await import("@/lib/two-factor/trusted-browsers");
const { CONTEXT, PASSWORD, createAccount } = await import("../support/db-accounts");
const changePassword = saying(changePasswordCoded);
const createFirstAdmin = saying(createFirstAdminCoded);
const createUser = saying(createUserCoded);

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

const NEW_PASSWORD = "a brand new passphrase";

describe("createUser", () => {
  it("refuses a second account whose email differs only in case", async () => {
    const first = await createUser(
      { name: "Ann", email: "Ann@Example.com", password: PASSWORD, role: "CUSTOMER" },
      CONTEXT,
      null,
    );
    expect(first).toMatchObject({ ok: true, user: { email: "ann@example.com" } });

    const second = await createUser(
      { name: "Other Ann", email: "ann@example.COM", password: PASSWORD, role: "ADMIN" },
      CONTEXT,
      null,
    );
    expect(second).toMatchObject({ ok: false, field: "email" });
    expect(await db.user.count({ where: { email: "ann@example.com" } })).toBe(1);
    const ann = await db.user.findUniqueOrThrow({ where: { email: "ann@example.com" } });
    expect(ann).toMatchObject({ name: "Ann", role: "CUSTOMER" });
  });

  it("never returns the password hash or a secret", async () => {
    const created = await createUser(
      { name: "Bea", email: "bea@example.com", password: PASSWORD, role: "CUSTOMER" },
      CONTEXT,
      null,
    );
    expect(created.ok).toBe(true);
    const user = (created as { user: Record<string, unknown> }).user;
    for (const key of ["passwordHash", "totpSecret", "pendingTotpSecret"]) {
      expect(user).not.toHaveProperty(key);
    }
  });
});

describe("createFirstAdmin", () => {
  beforeEach(async () => {
    // A fresh instance: no account, no set-up claim, an empty log.
    await db.user.deleteMany();
    await db.setup.deleteMany();
    await db.auditEvent.deleteMany();
  });

  const admin = (i: number) => ({
    name: `Admin ${i}`,
    email: `admin${i}@example.com`,
    password: PASSWORD,
  });

  it("two set-ups at once make exactly one admin", async () => {
    const results = await Promise.all([
      createFirstAdmin(admin(1), CONTEXT),
      createFirstAdmin(admin(2), CONTEXT),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, message: "Setup is already done." },
    ]);
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
    expect(await db.user.count()).toBe(1);
  });

  it("twenty set-ups at once make exactly one admin and one audit entry; a later one is refused", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createFirstAdmin(admin(i), CONTEXT)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser).toEqual({ ok: false, message: "Setup is already done." });
    }
    const winner = results.find((r) => r.ok) as { user: { id: string; email: string } };
    const admins = await db.user.findMany({ where: { role: "ADMIN" } });
    expect(admins.map((a) => a.id)).toEqual([winner.user.id]);
    expect(await db.user.count()).toBe(1);
    // The losers roll back completely: no audit entry names an account that does not exist.
    const created = await db.auditEvent.findMany({ where: { type: "account_created" } });
    expect(created.map((event) => [event.subjectId, event.subjectEmail])).toEqual([
      [winner.user.id, winner.user.email],
    ]);

    expect(await createFirstAdmin(admin(99), CONTEXT)).toEqual({
      ok: false,
      message: "Setup is already done.",
    });
    expect(await db.user.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { type: "account_created" } })).toBe(1);
  });

  it("a set-up refused for its email leaves set-up open", async () => {
    await createUser(
      { name: "Cus", email: "taken@example.com", password: PASSWORD, role: "CUSTOMER" },
      CONTEXT,
      null,
    );
    expect(
      await createFirstAdmin({ ...admin(1), email: "Taken@Example.com" }, CONTEXT),
    ).toMatchObject({ ok: false, field: "email" });
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(0);

    expect(await createFirstAdmin(admin(2), CONTEXT)).toMatchObject({
      ok: true,
      user: { email: "admin2@example.com", role: "ADMIN" },
    });
  });
});

describe("changePassword", () => {
  it("moves the session version on, ends every other sign-in and keeps this one", async () => {
    const account = await createAccount();
    const now = new Date();
    const signIn = async (password: string) =>
      signInWithPassword({ email: account.email, password }, CONTEXT, now);
    const current = (await signIn(PASSWORD)) as { signInId: string };
    const other = (await signIn(PASSWORD)) as { signInId: string };
    expect(await loadSession(current.signInId, now)).toMatchObject({ stage: "COMPLETE" });
    expect(await loadSession(other.signInId, now)).toMatchObject({ stage: "COMPLETE" });
    await trustBrowser(account.id, "Firefox", 30, now);
    const before = await db.user.findUniqueOrThrow({ where: { id: account.id } });

    // A wrong current password changes nothing.
    expect(
      await changePassword(
        account.id,
        current.signInId,
        { currentPassword: "not my password", newPassword: NEW_PASSWORD },
        CONTEXT,
      ),
    ).toMatchObject({ ok: false, field: "currentPassword" });
    expect(await loadSession(other.signInId, now)).not.toBeNull();

    expect(
      await changePassword(
        account.id,
        current.signInId,
        { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        CONTEXT,
      ),
    ).toEqual({ ok: true });

    const after = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await loadSession(current.signInId, now)).toMatchObject({
      signInId: current.signInId,
      stage: "COMPLETE",
      user: { id: account.id, sessionVersion: after.sessionVersion },
    });
    expect(await loadSession(other.signInId, now)).toBeNull();
    expect(await db.trustedBrowser.count({ where: { userId: account.id } })).toBe(0);

    expect(await signIn(PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(NEW_PASSWORD)).toMatchObject({ ok: true, userId: account.id });
    const audited = await db.auditEvent.count({
      where: { type: "password_changed", subjectId: account.id },
    });
    expect(audited).toBe(1);
  });
});
