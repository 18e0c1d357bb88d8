// docs/rules.md, rule 26 on real SQLite and PostgreSQL databases: every door that takes a second
// factor (step 2's form and its passkey route, the passkey sign-in on /login, the reset link) proves
// it through one module (lib/two-factor/proof.ts), which uses the factor up in the transaction that
// completes the sign-in or the reset. So a recovery code used anywhere sends its notice, a passkey's
// counter never moves for a sign-in that did not complete, and the security log reads the same
// whichever door a factor came through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";
import { failAuditInsert } from "@/test/support/injected-faults";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { verifyPassword } = await import("@/lib/auth/password");
const { verifySecondStep: verifySecondStepCoded } = await import("@/lib/sign-in/second-step");
const { assertionOptions } = await import("@/lib/passkeys/assertion-options");
const { signInWithPasskey, completeSecondStepWithPasskey } =
  await import("@/lib/sign-in/passkey-sign-in");
const { resetPassword: resetPasswordCoded } = await import("@/lib/password-reset/reset-password");
const { resetPasswordWithPasskey: resetPasswordWithPasskeyCoded } =
  await import("@/lib/password-reset/reset-with-passkey");
const { totpCodeAt } = await import("@/lib/two-factor/totp");
const {
  CONTEXT,
  PASSWORD,
  addMs,
  createAccount,
  enrol,
  pendingSignIns,
  registerPasskey,
  liveResetLink,
} = await import("../support/db-accounts");
const verifySecondStep = saying(verifySecondStepCoded);
const resetPassword = saying(resetPasswordCoded);
const resetPasswordWithPasskey = saying(resetPasswordWithPasskeyCoded);

const T = new Date("2030-05-02T10:00:10Z");
const HOUR = 60 * 60_000;
const NEW_PASSWORD = "a brand new passphrase";
const RECOVERY_NOTICE = "Acme: A recovery code was used to sign in";
type Account = { id: string; email: string };

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme", allowPasskeys: true });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** An account with an authenticator app and one passkey, both added as the account page adds them. */
async function enrolledAccount() {
  const account = await createAccount();
  const { secret, recoveryCodes } = await enrol(account, addMs(T, -2 * HOUR));
  const authenticator = new SoftAuthenticator();
  const at = addMs(T, -HOUR);
  const code = await totpCodeAt(secret, at);
  await registerPasskey(account, authenticator, { password: PASSWORD, code }, at);
  return { account, secret, recoveryCodes, authenticator };
}

const linkFor = (account: Account, now = T) => liveResetLink(account, now);

const passkeyOf = (account: Account) =>
  db.passkey.findFirstOrThrow({ where: { userId: account.id } });
const unusedRecoveryCodes = (account: Account) =>
  db.recoveryCode.count({ where: { userId: account.id, usedAt: null } });
const outboxTo = (account: Account) =>
  db.outboxMessage.findMany({ where: { recipient: account.email }, orderBy: { createdAt: "asc" } });

/** The security log of the account, oldest first (ids sort by when they were written). */
async function logOf(account: Account) {
  const events = await db.auditEvent.findMany({
    where: { subjectId: account.id },
    orderBy: { id: "asc" },
  });
  return events.map((event) => ({
    type: event.type,
    details: event.details ? (JSON.parse(event.details) as Record<string, unknown>) : null,
  }));
}

/** What `act` added to the account's security log and outbox. */
async function written(account: Account, act: () => Promise<unknown>) {
  const log = (await logOf(account)).length;
  const mail = (await outboxTo(account)).length;
  await act();
  return {
    events: (await logOf(account)).slice(log),
    notices: (await outboxTo(account)).slice(mail).map((message) => message.subject),
  };
}

describe("a recovery code on a reset link", () => {
  it("queues the recovery-code notice with how many remain, beside the reset's own", async () => {
    const { account, recoveryCodes } = await enrolledAccount();
    const input = {
      newPassword: NEW_PASSWORD,
      method: "recovery" as const,
      recoveryCode: recoveryCodes[3]!,
    };
    const token = await linkFor(account);

    const { events, notices } = await written(account, async () =>
      expect(await resetPassword(token, input, CONTEXT, T)).toEqual({ ok: true }),
    );

    expect(notices.sort()).toEqual([RECOVERY_NOTICE, "Acme: Your password was reset"].sort());
    const notice = (await outboxTo(account)).find((message) => message.subject === RECOVERY_NOTICE);
    expect(notice?.textBody).toContain("9 recovery codes remain.");
    expect(events).toContainEqual({
      type: "recovery_code_used",
      details: { remaining: 9, step: "reset" },
    });
    expect(await unusedRecoveryCodes(account)).toBe(9);
  });

  it("is one transaction with the reset: a fault at the reset's last write leaves the code unused and queues nothing", async () => {
    const { account, recoveryCodes } = await enrolledAccount();
    const input = {
      newPassword: NEW_PASSWORD,
      method: "recovery" as const,
      recoveryCode: recoveryCodes[0]!,
    };
    const token = await linkFor(account);
    const mailBefore = (await outboxTo(account)).length;

    const restore = await failAuditInsert(db, "password_reset", account.id);
    try {
      await expect(resetPassword(token, input, CONTEXT, T)).rejects.toThrow();
    } finally {
      await restore();
    }
    expect(await unusedRecoveryCodes(account)).toBe(10);
    expect(await outboxTo(account)).toHaveLength(mailBefore);
    expect((await logOf(account)).map((event) => event.type)).not.toContain("recovery_code_used");
    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);

    // Nothing was used up: the same link and code then work.
    expect(await resetPassword(token, input, CONTEXT, T)).toEqual({ ok: true });
    expect(await unusedRecoveryCodes(account)).toBe(9);
  });
});

describe("a passkey at step 2 completes the sign-in in the transaction that moves its counter", () => {
  it("a sign-in that expired before the passkey came: counter, last use and sign-in stay as they were; the challenge is used up", async () => {
    const { account, authenticator } = await enrolledAccount();
    // Opened 9.5 minutes before T: it expires 30 s after T, before the passkey arrives.
    const [expiring] = await pendingSignIns(account.id, 1, addMs(T, -9.5 * 60_000));
    const { challenge } = await assertionOptions(account, T);
    const assertion = authenticator.assert(challenge, 4);
    const late = addMs(T, 60_000);

    const { events } = await written(account, async () =>
      expect(
        await completeSecondStepWithPasskey(expiring!, account, assertion, CONTEXT, late),
      ).toEqual({ ok: false, reason: "sign_in_over" }),
    );

    const passkey = await passkeyOf(account);
    expect(Number(passkey.counter)).toBe(0);
    expect(passkey.lastUsedAt).toBeNull();
    expect(events.map((event) => event.type)).not.toContain("passkey_used");
    expect((await db.signIn.findUniqueOrThrow({ where: { id: expiring! } })).stage).toBe(
      "AWAITING_CODE",
    );
    // Used up all the same: the assertion completes no other sign-in.
    const [fresh] = await pendingSignIns(account.id, 1, late);
    expect(await completeSecondStepWithPasskey(fresh!, account, assertion, CONTEXT, late)).toEqual({
      ok: false,
      reason: "challenge",
    });
  });

  it("a fault after the counter moved (the sign-in's audit event fails): counter and sign-in stay as they were, and the same assertion then works", async () => {
    const { account, authenticator } = await enrolledAccount();
    const [pending] = await pendingSignIns(account.id, 1, T);
    const { challenge } = await assertionOptions(account, T);
    const assertion = authenticator.assert(challenge, 4);

    const restore = await failAuditInsert(db, "sign_in_succeeded", account.id);
    try {
      await expect(
        completeSecondStepWithPasskey(pending!, account, assertion, CONTEXT, T),
      ).rejects.toThrow();
    } finally {
      await restore();
    }
    const passkey = await passkeyOf(account);
    expect(Number(passkey.counter)).toBe(0);
    expect(passkey.lastUsedAt).toBeNull();
    expect((await logOf(account)).map((event) => event.type)).not.toContain("passkey_used");
    expect((await db.signIn.findUniqueOrThrow({ where: { id: pending! } })).stage).toBe(
      "AWAITING_CODE",
    );

    expect(await completeSecondStepWithPasskey(pending!, account, assertion, CONTEXT, T)).toEqual({
      ok: true,
      userId: account.id,
      signInId: pending,
      stage: "COMPLETE",
    });
    expect(Number((await passkeyOf(account)).counter)).toBe(4);
  });
});

describe("the other passkey doors are one transaction too", () => {
  it("alone on /login: a fault at the sign-in's audit event opens no sign-in and leaves the counter", async () => {
    const { account, authenticator } = await enrolledAccount();
    const { challenge } = await assertionOptions(null, T);
    const assertion = authenticator.assert(challenge, 3);
    const signIns = await db.signIn.count({ where: { userId: account.id } });

    const restore = await failAuditInsert(db, "sign_in_succeeded", account.id);
    try {
      await expect(signInWithPasskey(assertion, CONTEXT, T)).rejects.toThrow();
    } finally {
      await restore();
    }
    expect(await db.signIn.count({ where: { userId: account.id } })).toBe(signIns);
    expect(Number((await passkeyOf(account)).counter)).toBe(0);
    expect((await logOf(account)).map((event) => event.type)).not.toContain("passkey_used");
    expect((await signInWithPasskey(assertion, CONTEXT, T)).ok).toBe(true);
    expect(Number((await passkeyOf(account)).counter)).toBe(3);
  });

  it("on a reset link: a fault at the reset's audit event leaves the counter, the password and the link", async () => {
    const { account, authenticator } = await enrolledAccount();
    const token = await linkFor(account);
    const { challenge } = await assertionOptions(account, T, "RESET");
    const input = { newPassword: NEW_PASSWORD, response: authenticator.assert(challenge, 2) };

    const restore = await failAuditInsert(db, "password_reset", account.id);
    try {
      await expect(resetPasswordWithPasskey(token, input, CONTEXT, T)).rejects.toThrow();
    } finally {
      await restore();
    }
    expect(Number((await passkeyOf(account)).counter)).toBe(0);
    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await resetPasswordWithPasskey(token, input, CONTEXT, T)).toEqual({ ok: true });
    expect(Number((await passkeyOf(account)).counter)).toBe(2);
  });
});

describe("a reset link used by another tab while the code was checked", () => {
  it("two recovery codes on one link at once: one reset, the other code still unused and its attempt given back", async () => {
    const { account, recoveryCodes } = await enrolledAccount();
    const token = await linkFor(account);
    const tabs = [recoveryCodes[1]!, recoveryCodes[2]!].map((recoveryCode, index) =>
      resetPassword(
        token,
        { newPassword: `${NEW_PASSWORD} ${index}`, method: "recovery", recoveryCode },
        CONTEXT,
        T,
      ),
    );
    const results = await Promise.all(tabs);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    // The form's own refusal, tied to no field.
    expect(results.find((result) => !result.ok)).toEqual({
      ok: false,
      message: "This link is not valid or has expired.",
    });
    expect(await unusedRecoveryCodes(account)).toBe(9);
    const used = (await logOf(account)).filter((event) => event.type === "recovery_code_used");
    expect(used).toEqual([
      { type: "recovery_code_used", details: { remaining: 9, step: "reset" } },
    ]);
    expect((await logOf(account)).map((event) => event.type)).not.toContain(
      "two_factor_code_failed",
    );
    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(user.failedCodes).toBe(0);
  });
});

describe("one audit event shape (and notice) per method, whichever door", () => {
  it("a passkey: at step 2, alone on /login and on a reset link", async () => {
    const stepTwo = await enrolledAccount();
    const [pending] = await pendingSignIns(stepTwo.account.id, 1, T);
    const atStepTwo = await written(stepTwo.account, async () => {
      const { challenge } = await assertionOptions(stepTwo.account, T);
      const response = stepTwo.authenticator.assert(challenge, 1);
      const result = await completeSecondStepWithPasskey(
        pending!,
        stepTwo.account,
        response,
        CONTEXT,
        T,
      );
      expect(result.ok).toBe(true);
    });

    const alone = await enrolledAccount();
    const onLogin = await written(alone.account, async () => {
      const { challenge } = await assertionOptions(null, T);
      const result = await signInWithPasskey(alone.authenticator.assert(challenge, 1), CONTEXT, T);
      expect(result.ok).toBe(true);
    });

    const resetting = await enrolledAccount();
    const token = await linkFor(resetting.account);
    const onReset = await written(resetting.account, async () => {
      const { challenge } = await assertionOptions(resetting.account, T, "RESET");
      const response = resetting.authenticator.assert(challenge, 1);
      const input = { newPassword: NEW_PASSWORD, response };
      expect(await resetPasswordWithPasskey(token, input, CONTEXT, T)).toEqual({ ok: true });
    });

    const used = (step: string) => ({ type: "passkey_used", details: { name: "Laptop", step } });
    const signedIn = { type: "sign_in_succeeded", details: { step: "passkey" } };
    expect(atStepTwo).toEqual({ events: [used("second_step"), signedIn], notices: [] });
    // A passkey alone from a browser the account does not know: the new-browser notice (rule 35).
    expect(onLogin).toEqual({
      events: [used("sign_in"), signedIn],
      notices: ["Acme: New sign-in to your AppMail account"],
    });
    expect(onReset).toEqual({
      events: [used("reset"), { type: "password_reset", details: { secondFactor: "passkey" } }],
      notices: ["Acme: Your password was reset"],
    });
  });

  it("a recovery code: at step 2 and on a reset link, each with its notice", async () => {
    const stepTwo = await enrolledAccount();
    const [pending] = await pendingSignIns(stepTwo.account.id, 1, T);
    const atStepTwo = await written(stepTwo.account, async () => {
      const input = { recoveryCode: stepTwo.recoveryCodes[0] };
      expect(await verifySecondStep(pending!, stepTwo.account, input, T, CONTEXT)).toMatchObject({
        ok: true,
        recoveryCodesLeft: 9,
      });
    });

    const resetting = await enrolledAccount();
    const token = await linkFor(resetting.account);
    const onReset = await written(resetting.account, async () => {
      const input = {
        newPassword: NEW_PASSWORD,
        method: "recovery" as const,
        recoveryCode: resetting.recoveryCodes[0]!,
      };
      expect(await resetPassword(token, input, CONTEXT, T)).toEqual({ ok: true });
    });

    const used = (step: string) => ({
      type: "recovery_code_used",
      details: { remaining: 9, step },
    });
    expect(atStepTwo).toEqual({
      events: [
        used("second_step"),
        { type: "sign_in_succeeded", details: { step: "recovery_code" } },
      ],
      notices: [RECOVERY_NOTICE],
    });
    expect(onReset.events).toEqual([
      used("reset"),
      { type: "password_reset", details: { secondFactor: "recovery" } },
    ]);
    expect(onReset.notices.sort()).toEqual(
      [RECOVERY_NOTICE, "Acme: Your password was reset"].sort(),
    );
  });

  it("an authenticator code: at step 2 and on a reset link, named the same in both", async () => {
    const stepTwo = await enrolledAccount();
    const [pending] = await pendingSignIns(stepTwo.account.id, 1, T);
    const atStepTwo = await written(stepTwo.account, async () => {
      const code = await totpCodeAt(stepTwo.secret, T);
      expect((await verifySecondStep(pending!, stepTwo.account, { code }, T, CONTEXT)).ok).toBe(
        true,
      );
    });

    const resetting = await enrolledAccount();
    const token = await linkFor(resetting.account);
    const onReset = await written(resetting.account, async () => {
      const code = await totpCodeAt(resetting.secret, T);
      const input = { newPassword: NEW_PASSWORD, method: "totp" as const, code };
      expect(await resetPassword(token, input, CONTEXT, T)).toEqual({ ok: true });
    });

    expect(atStepTwo).toEqual({
      events: [{ type: "sign_in_succeeded", details: { step: "authentication_code" } }],
      notices: [],
    });
    expect(onReset).toEqual({
      events: [{ type: "password_reset", details: { secondFactor: "totp" } }],
      notices: ["Acme: Your password was reset"],
    });
  });
});
