// docs/rules.md, rule 33 on real SQLite and PostgreSQL databases: an admin issues one recovery
// code for an account holder who lost every factor. It is shown once, stored only as a keyed hash,
// works once and for 24 hours, is replaced by the next one, counts toward the code lock like any
// code (a typo counts nothing), completes step 2 through the one proof (rule 26) and sends the
// sign-in to /login/enroll for a new factor, keeping the account's other factors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { verifySecondStep: verifyCoded } = await import("@/lib/sign-in/second-step");
const { issueRecoveryCode: issueCoded } = await import("@/lib/users/issue-recovery-code");
const { resetTwoFactor } = await import("@/lib/users/admin-reset");
const { resetPassword: resetCoded } = await import("@/lib/password-reset/reset-password");
const { completeEnrolmentIfDone, enrolmentNeedOf } =
  await import("@/lib/two-factor/enrolment-need");
const { ISSUED_CODE_LIFETIME_MS } = await import("@/lib/two-factor/issued-recovery-code");
const { loadSession } = await import("@/lib/auth/session");
const { CONTEXT, PASSWORD, addMs, createAccount, enrol, pendingSignIns, liveResetLink } =
  await import("../support/db-accounts");
const verifySecondStep = saying(verifyCoded);
const issueRecoveryCode = saying(issueCoded);
const resetPassword = saying(resetCoded);

const T = new Date("2030-06-01T09:00:00Z");
const ADMIN_CONTEXT = { clientAddress: "198.51.100.4", userAgent: "vitest/admin" };
const WRONG = { ok: false, locked: false, message: "That recovery code is not valid." };
type Account = { id: string; email: string };

let admin: Account;

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme", allowPasskeys: true });
  admin = await createAccount("ADMIN");
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** An account with an authenticator app (lost, in the story) and its ten recovery codes. */
async function enrolledAccount() {
  const account = await createAccount();
  await enrol(account, addMs(T, -60 * 60_000));
  return account;
}

async function issued(account: Account, now = T): Promise<string> {
  const result = await issueRecoveryCode(account.id, admin, ADMIN_CONTEXT, now);
  if (!result.ok) throw new Error(result.message);
  return result.code;
}

async function useAt(account: Account, recoveryCode: string, now = T) {
  const [signInId] = await pendingSignIns(account.id, 1, now);
  const result = await verifySecondStep(signInId!, account, { recoveryCode }, now, CONTEXT);
  return { signInId: signInId!, result };
}

const failedCodes = async (account: Account) =>
  (await db.user.findUniqueOrThrow({ where: { id: account.id } })).failedCodes;
const subjects = async (account: Account) =>
  (await db.outboxMessage.findMany({ where: { recipient: account.email } })).map((m) => m.subject);

describe("issuing a recovery code", () => {
  it("shows the code once in the recovery codes' shape, stores only its hash, audits and notifies", async () => {
    const account = await enrolledAccount();
    const code = await issued(account);

    expect(code).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
    const row = await db.issuedRecoveryCode.findUniqueOrThrow({ where: { userId: account.id } });
    expect(JSON.stringify(row)).not.toContain(code.replace("-", ""));
    expect(row.expiresAt).toEqual(addMs(T, ISSUED_CODE_LIFETIME_MS));
    const [event] = await db.auditEvent.findMany({
      where: { type: "recovery_code_issued", subjectId: account.id },
    });
    expect(event).toMatchObject({ actorId: admin.id, clientAddress: "198.51.100.4" });
    expect(event!.details).not.toContain(code);
    expect(await subjects(account)).toContain("Acme: An administrator issued you a recovery code");
  });

  it("is refused, storing nothing, for the admin's own account and for an account asked no second factor", async () => {
    const own = await issueRecoveryCode(admin.id, admin, ADMIN_CONTEXT, T);
    expect(own).toEqual({
      ok: false,
      message:
        "You cannot issue a recovery code for your own account. Ask another admin, or use your own recovery codes.",
    });
    const bare = await createAccount();
    expect(await issueRecoveryCode(bare.id, admin, ADMIN_CONTEXT, T)).toEqual({
      ok: false,
      message: `${bare.email} is not asked for a second factor: their password alone signs them in, so they need no recovery code.`,
    });
    expect(await issueRecoveryCode("no-such-id", admin, ADMIN_CONTEXT, T)).toMatchObject({
      ok: false,
    });
    expect(
      await db.issuedRecoveryCode.count({ where: { userId: { in: [admin.id, bare.id] } } }),
    ).toBe(0);
  });
});

describe("using an issued recovery code at step 2", () => {
  it("completes step 2 into /login/enroll, audited and notified, keeping the app and the account's own codes", async () => {
    const account = await enrolledAccount();
    const code = await issued(account);

    const { signInId, result } = await useAt(account, code.toUpperCase().replace("-", " "));

    expect(result).toEqual({
      ok: true,
      method: "recovery",
      recoveryCodesLeft: null,
      stage: "AWAITING_ENROLMENT",
    });
    const session = await loadSession(signInId, addMs(T, 1000));
    expect(session).toMatchObject({ stage: "AWAITING_ENROLMENT", recoveredAt: T });
    expect(await enrolmentNeedOf(account.id, T, T)).toBe("new_factor");
    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(user.totpEnabledAt).not.toBeNull();
    expect(await db.recoveryCode.count({ where: { userId: account.id, usedAt: null } })).toBe(10);
    const events = await db.auditEvent.findMany({
      where: {
        subjectId: account.id,
        type: { in: ["issued_recovery_code_used", "sign_in_succeeded"] },
      },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.type, JSON.parse(event.details!)])).toEqual([
      ["issued_recovery_code_used", { step: "second_step" }],
      ["sign_in_succeeded", { step: "issued_recovery_code" }],
    ]);
    expect(await subjects(account)).toContain(
      "Acme: An administrator's recovery code was used to sign in",
    );
  });

  it("works once: a second use fails like a wrong code and counts toward the lock", async () => {
    const account = await enrolledAccount();
    const code = await issued(account);
    expect((await useAt(account, code)).result.ok).toBe(true);

    expect((await useAt(account, code, addMs(T, 60_000))).result).toEqual(WRONG);
    expect(await failedCodes(account)).toBe(1);
  });

  it("issuing another replaces the first", async () => {
    const account = await enrolledAccount();
    const first = await issued(account);
    const second = await issued(account, addMs(T, 1000));

    expect((await useAt(account, first, addMs(T, 2000))).result).toEqual(WRONG);
    expect((await useAt(account, second, addMs(T, 3000))).result.ok).toBe(true);
  });

  it("works for 24 hours and not a moment after", async () => {
    const late = await enrolledAccount();
    const lateCode = await issued(late);
    expect((await useAt(late, lateCode, addMs(T, ISSUED_CODE_LIFETIME_MS))).result).toEqual(WRONG);

    const inTime = await enrolledAccount();
    const inTimeCode = await issued(inTime);
    const justBefore = addMs(T, ISSUED_CODE_LIFETIME_MS - 1000);
    expect((await useAt(inTime, inTimeCode, justBefore)).result.ok).toBe(true);
  });

  it("a typo counts toward nothing; a wrong code of the right shape counts", async () => {
    const account = await enrolledAccount();
    await issued(account);
    expect((await useAt(account, "abc-12")).result).toEqual({
      ok: false,
      locked: false,
      message: expect.stringContaining("recovery code"),
    });
    expect(await failedCodes(account)).toBe(0);
    expect((await useAt(account, "zzzzz-zzzzz")).result).toEqual(WRONG);
    expect(await failedCodes(account)).toBe(1);
  });

  it("of two uses at once exactly one wins", async () => {
    const account = await enrolledAccount();
    const code = await issued(account);
    const ids = await pendingSignIns(account.id, 2, T);
    const results = await Promise.all(
      ids.map((id) => verifySecondStep(id, account, { recoveryCode: code }, T, CONTEXT)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([WRONG]);
    const stages = await db.signIn.findMany({
      where: { id: { in: ids } },
      select: { stage: true },
    });
    expect(stages.map((row) => row.stage).sort()).toEqual(["AWAITING_CODE", "AWAITING_ENROLMENT"]);
  });

  it("proves no reset link, and an admin reset removes it", async () => {
    const account = await enrolledAccount();
    const code = await issued(account);
    const token = await liveResetLink(account, T);
    const input = {
      newPassword: "another long passphrase",
      method: "recovery" as const,
      recoveryCode: code,
    };
    expect(await resetPassword(token, input, CONTEXT, T)).toMatchObject({ ok: false });

    await resetTwoFactor({ id: account.id }, admin, ADMIN_CONTEXT, T);
    expect(await db.issuedRecoveryCode.count({ where: { userId: account.id } })).toBe(0);
  });
});

describe("the new factor after an issued code", () => {
  it("a passkey added with the password alone completes the sign-in; nothing older does", async () => {
    const account = await enrolledAccount();
    const code = await issued(account);
    const { signInId } = await useAt(account, code);
    const waiting = (await loadSession(signInId, addMs(T, 1000)))!;
    // The app enabled before the code is no new factor: the sign-in keeps waiting.
    expect(await completeEnrolmentIfDone(waiting, addMs(T, 1000))).toBe("new_factor");

    const authenticator = new SoftAuthenticator();
    const at = addMs(T, 2000);
    const { startPasskeyRegistration, addPasskey } =
      await import("@/lib/two-factor/passkey-registration");
    const person = { ...account, name: "Test User" };
    const started = await startPasskeyRegistration(
      person,
      { password: PASSWORD },
      CONTEXT,
      at,
      true,
    );
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const response = authenticator.register(started.options.challenge);
    expect((await addPasskey(person, { response, name: "New phone" }, CONTEXT, at)).ok).toBe(true);

    expect(await completeEnrolmentIfDone(waiting, addMs(T, 3000))).toBeNull();
    expect(await loadSession(signInId, addMs(T, 4000))).toMatchObject({ stage: "COMPLETE" });
    // The lost app is kept until its holder removes it.
    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(user.totpEnabledAt).not.toBeNull();
  });

  it("outside that sign-in, adding a passkey still asks for the app's code", async () => {
    const account = await enrolledAccount();
    const { startPasskeyRegistration } = await import("@/lib/two-factor/passkey-registration");
    const person = { ...account, name: "Test User" };
    const started = await startPasskeyRegistration(person, { password: PASSWORD }, CONTEXT, T);
    expect(started.ok).toBe(false);
  });
});
