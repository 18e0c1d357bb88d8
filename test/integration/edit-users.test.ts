// An admin edits, deactivates and reactivates accounts (/backend/users/<id>), on real SQLite and
// PostgreSQL databases: the last active admin is kept under concurrency, a deactivated account's
// sign-ins end at once and it cannot sign in again (password, reset), and every change is in the
// security log and in the outbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { sayFailure } from "@/words/say-failure";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { editAccount: editAccountCoded } = await import("@/lib/users/edit-account");
const { deactivateAccount: deactivateAccountCoded, reactivateAccount: reactivateAccountCoded } =
  await import("@/lib/users/deactivation");

const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { loadSession } = await import("@/lib/auth/session");
const reset = await import("@/lib/password-reset/request-reset");
const { accountOfResetLink, newResetToken } = await import("@/lib/password-reset/tokens");
const { CONTEXT, PASSWORD, createAccount } = await import("../support/db-accounts");
const editAccount = saying(editAccountCoded);
const deactivateAccount = saying(deactivateAccountCoded);
const reactivateAccount = saying(reactivateAccountCoded);
const LAST_ADMIN = sayFailure({ code: "last_admin" });

type Account = { id: string; email: string };

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

beforeAll(async () => {
  await db.emailSettings.upsert({
    where: { id: 1 },
    create: { id: 1, smtpHost: "127.0.0.1", fromAddress: "appmail@example.com" },
    update: { smtpHost: "127.0.0.1", fromAddress: "appmail@example.com" },
  });
});

// Each test starts with no admin but those it makes, so the last-admin counts are its own.
beforeEach(async () => {
  await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "CUSTOMER" } });
});

const actorOf = (account: Account) => ({ id: account.id, email: account.email });
const demote = (target: Account, actor: Account) =>
  editAccount(
    { userId: target.id, name: "Test User", email: target.email, role: "CUSTOMER" },
    actorOf(actor),
    CONTEXT,
  );
const activeAdmins = () => db.user.count({ where: { role: "ADMIN", deactivatedAt: null } });
const outboxTo = (email: string) => db.outboxMessage.findMany({ where: { recipient: email } });
const audited = (type: string, subjectId: string) =>
  db.auditEvent.findMany({ where: { type, subjectId } });

describe("the last active admin", () => {
  it("two admins demoting each other at once leave one admin, and the other is refused", async () => {
    for (let round = 0; round < 5; round++) {
      await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "CUSTOMER" } });
      const ann = await createAccount("ADMIN");
      const bob = await createAccount("ADMIN");
      const results = await Promise.all([demote(bob, ann), demote(ann, bob)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([
        { ok: false, field: "role", message: LAST_ADMIN },
      ]);
      expect(await activeAdmins()).toBe(1);
    }
  });

  it("two admins deactivating each other at once leave one active admin", async () => {
    for (let round = 0; round < 5; round++) {
      await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "CUSTOMER" } });
      const ann = await createAccount("ADMIN");
      const bob = await createAccount("ADMIN");
      const results = await Promise.all([
        deactivateAccount(bob.id, actorOf(ann), CONTEXT),
        deactivateAccount(ann.id, actorOf(bob), CONTEXT),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, message: LAST_ADMIN }]);
      expect(await activeAdmins()).toBe(1);
    }
  });

  it("the only admin can neither demote nor deactivate itself; with a second one it can", async () => {
    const ann = await createAccount("ADMIN");
    expect(await demote(ann, ann)).toEqual({ ok: false, field: "role", message: LAST_ADMIN });
    expect(await deactivateAccount(ann.id, actorOf(ann), CONTEXT)).toEqual({
      ok: false,
      message: LAST_ADMIN,
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: ann.id } })).toMatchObject({
      role: "ADMIN",
      deactivatedAt: null,
    });
    // A deactivated admin does not count as the one that stays.
    const bob = await createAccount("ADMIN");
    expect(await deactivateAccount(bob.id, actorOf(ann), CONTEXT)).toMatchObject({ ok: true });
    expect(await demote(ann, ann)).toEqual({ ok: false, field: "role", message: LAST_ADMIN });
    expect(await reactivateAccount(bob.id, actorOf(ann), CONTEXT)).toMatchObject({ ok: true });
    expect(await demote(ann, ann)).toMatchObject({ ok: true, account: { role: "CUSTOMER" } });
    expect(await activeAdmins()).toBe(1);
  });
});

describe("editing an account", () => {
  it("saves name, email (lower-cased) and role, audits it and notifies the new and old address", async () => {
    const admin = await createAccount("ADMIN");
    const cus = await createAccount();
    const newEmail = `renamed-${cus.id}@example.com`;
    const saved = await editAccount(
      { userId: cus.id, name: "Renamed", email: newEmail, role: "ADMIN" },
      actorOf(admin),
      CONTEXT,
    );
    expect(saved).toMatchObject({
      ok: true,
      account: { id: cus.id, name: "Renamed", email: newEmail, role: "ADMIN" },
      changed: ["name", "email", "role"],
    });
    const [event] = await audited("account_updated", cus.id);
    expect(event).toMatchObject({ actorId: admin.id, subjectEmail: newEmail });
    expect(JSON.parse(event!.details!)).toMatchObject({
      changed: "name,email,role",
      role: "CUSTOMER->ADMIN",
      previousEmail: cus.email,
    });
    expect((await outboxTo(newEmail)).map((m) => m.subject)).toEqual([
      "AppMail: Your account details were changed",
    ]);
    expect((await outboxTo(cus.email)).map((m) => m.subject)).toEqual([
      "AppMail: Your account's email address was changed",
    ]);
    // The new address signs in; the old one no longer names an account.
    expect(
      await signInWithPassword({ email: newEmail, password: PASSWORD }, CONTEXT),
    ).toMatchObject({ ok: true });
    expect(await signInWithPassword({ email: cus.email, password: PASSWORD }, CONTEXT)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses an email another account has, whatever its case, and changes nothing", async () => {
    const admin = await createAccount("ADMIN");
    const ann = await createAccount();
    const bob = await createAccount();
    const refused = await editAccount(
      { userId: bob.id, name: "Bob", email: ann.email, role: "CUSTOMER" },
      actorOf(admin),
      CONTEXT,
    );
    expect(refused).toEqual({
      ok: false,
      field: "email",
      message: "An account with this email address already exists.",
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: bob.id } })).toMatchObject({
      name: "Test User",
      email: bob.email,
    });
    expect(await audited("account_updated", bob.id)).toHaveLength(0);
    expect(await outboxTo(bob.email)).toHaveLength(0);
  });
});

describe("deactivating an account", () => {
  it("ends its sign-ins at once, refuses its right password as deactivated, and reactivates", async () => {
    const admin = await createAccount("ADMIN");
    const cus = await createAccount();
    const now = new Date();
    const signedIn = (await signInWithPassword(
      { email: cus.email, password: PASSWORD },
      CONTEXT,
      now,
    )) as { ok: true; signInId: string };
    expect(await loadSession(signedIn.signInId, now)).toMatchObject({ stage: "COMPLETE" });

    expect(await deactivateAccount(cus.id, actorOf(admin), CONTEXT, now)).toEqual({
      ok: true,
      email: cus.email,
    });
    // The cookie that worked a moment ago names a sign-in that has ended.
    expect(await loadSession(signedIn.signInId, now)).toBeNull();
    expect(await db.signIn.count({ where: { userId: cus.id, endedAt: null } })).toBe(0);

    const signIn = (password: string) =>
      signInWithPassword({ email: cus.email, password }, CONTEXT, now);
    expect(await signIn(PASSWORD)).toEqual({ ok: false, reason: "deactivated" });
    expect(await signIn("not the password")).toEqual({ ok: false, reason: "invalid" });
    expect(await db.signIn.count({ where: { userId: cus.id, endedAt: null } })).toBe(0);

    // A reset request gets the neutral answer and sends nothing.
    const before = (await outboxTo(cus.email)).length;
    const answer = await reset.requestPasswordReset(cus.email, CONTEXT, now);
    expect(answer).toMatchObject({ ok: true, message: reset.RESET_SENT });
    if (answer.ok) await answer.recorded;
    expect(await outboxTo(cus.email)).toHaveLength(before);
    expect(await db.passwordResetToken.count({ where: { userId: cus.id } })).toBe(0);
    // A link stored just as the account was deactivated (a request already answered) is no link.
    const late = newResetToken();
    await db.passwordResetToken.create({
      data: {
        userId: cus.id,
        tokenHash: late.tokenHash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 60_000),
      },
    });
    expect(await accountOfResetLink(late.token, now)).toBeNull();

    expect(await deactivateAccount(cus.id, actorOf(admin), CONTEXT, now)).toMatchObject({
      ok: false,
    });
    expect(await reactivateAccount(cus.id, actorOf(admin), CONTEXT, now)).toEqual({
      ok: true,
      email: cus.email,
    });
    expect(await signIn(PASSWORD)).toMatchObject({ ok: true });
    expect(await accountOfResetLink(late.token, now)).toBeNull();

    expect(await audited("account_deactivated", cus.id)).toMatchObject([{ actorId: admin.id }]);
    expect(await audited("account_reactivated", cus.id)).toMatchObject([{ actorId: admin.id }]);
    const subjects = (await outboxTo(cus.email)).map((m) => m.subject);
    expect(subjects).toContain("AppMail: Your account was deactivated");
    expect(subjects).toContain("AppMail: Your account was reactivated");
  });
});
