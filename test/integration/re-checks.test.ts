// Re-checks outside sign-in, on real SQLite and PostgreSQL databases: with a complete session (a
// stolen cookie, say), the current code asked by "Regenerate recovery codes" and "Disable two-factor
// authentication" counts toward the second-step lock, and the current password asked by "Enable",
// "Disable…" and "Change password" toward the step-1 limit per account; every failure is audited,
// and a form that asks for both never says which one was wrong.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saying } from "@/test/support/said";
import { sayFailure } from "@/words/say-failure";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

// Counts the checks themselves, not the responses: the limits are on guessing.
const checks = vi.hoisted(() => ({ codes: 0, passwords: 0 }));
vi.mock("@/lib/two-factor/totp", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/two-factor/totp")>();
  return {
    ...original,
    verifyTotpCode: (...args: Parameters<typeof original.verifyTotpCode>) => {
      checks.codes++;
      return original.verifyTotpCode(...args);
    },
  };
});
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...original,
    verifyPassword: (...args: Parameters<typeof original.verifyPassword>) => {
      checks.passwords++;
      return original.verifyPassword(...args);
    },
  };
});

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { enableTwoFactor: enableTwoFactorCoded, startEnrolment } =
  await import("@/lib/two-factor/enrolment");
const { disableTwoFactor: disableTwoFactorCoded } = await import("@/lib/two-factor/disable");
const { regenerateRecoveryCodes: regenerateRecoveryCodesCoded } =
  await import("@/lib/two-factor/recovery-code-store");
const { verifySecondStep: verifySecondStepCoded } = await import("@/lib/sign-in/second-step");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { throttleKeys } = await import("@/lib/auth/throttle");
const { changePassword: changePasswordCoded } = await import("@/lib/users/users");

const { openTotpSecret } = await import("@/lib/two-factor/secret-store");
const { totpCodeAt } = await import("@/lib/two-factor/totp");
const { PASSWORD, STEP_MS, addMs, auditEvents, createAccount, enrol, pendingSignIns, wrongCodeAt } =
  await import("../support/db-accounts");
const enableTwoFactor = saying(enableTwoFactorCoded);
const disableTwoFactor = saying(disableTwoFactorCoded);
const regenerateRecoveryCodes = saying(regenerateRecoveryCodesCoded);
const verifySecondStep = saying(verifySecondStepCoded);
const changePassword = saying(changePasswordCoded);
const WRONG_CODE = sayFailure({ code: "wrong_code" });

const T = new Date("2030-01-01T12:00:10Z");
const ENROLLED_AT = addMs(T, -60 * 60_000);
const MINUTE = 60_000;
const LOCKED_15 = "Too many wrong codes. Try again in 15 minutes.";
const PASSWORD_OR_CODE = "Your password or code is not valid.";
const NEW_PASSWORD = "a brand new password 99";
type Account = { id: string; email: string };

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme" });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

beforeEach(() => {
  checks.codes = 0;
  checks.passwords = 0;
});

let addressCounter = 0;
/** A client address of its own for each test, so that per-address counts do not leak across. */
function newContext() {
  return { clientAddress: `192.0.2.${++addressCounter}`, userAgent: "vitest/attacker" };
}

/** An enrolled account, with the checks its enrolment made not counted. */
async function enrolledAccount() {
  const account = await createAccount();
  const enrolment = await enrol(account, ENROLLED_AT);
  checks.codes = 0;
  checks.passwords = 0;
  return { account, ...enrolment };
}

async function storedUser(userId: string) {
  return db.user.findUniqueOrThrow({ where: { id: userId } });
}

async function recoveryCodeHashes(userId: string) {
  const rows = await db.recoveryCode.findMany({ where: { userId }, orderBy: { codeHash: "asc" } });
  return rows.map((row) => row.codeHash);
}

async function details(type: string, account: Account) {
  return (await auditEvents(type, account.id)).map((event) => JSON.parse(event.details ?? "{}"));
}

type PasswordAndCode = { password: string; code: string };

/**
 * A form that asks for the current password and a code, sent a wrong code and then a wrong
 * password beside the right code: both get one answer that names neither, the password is
 * checked both times, and the wrong password counts toward the account's limit and is audited
 * under `action`. Returns the right code, which the wrong password must not have used up.
 */
async function wrongPasswordOrCode(
  account: Account,
  secret: string,
  action: string,
  submit: (input: PasswordAndCode) => Promise<unknown>,
) {
  const right = await totpCodeAt(secret, T);
  const wrongCode = await submit({ password: PASSWORD, code: await wrongCodeAt(secret, T) });
  const wrongPassword = await submit({ password: "attacker's guess", code: right });

  expect(wrongPassword).toEqual({
    ok: false,
    message: PASSWORD_OR_CODE,
    fields: ["password", "code"],
  });
  expect(wrongCode).toEqual(wrongPassword);
  expect(checks.passwords).toBe(2);
  expect(await details("password_check_failed", account)).toEqual([{ action }]);
  expect(await accountFailures(account)).toBe(1);
  return right;
}

describe("Regenerate recovery codes", () => {
  it("20 wrong codes: five checked and audited, then a lock that refuses even the right code", async () => {
    const { account, secret } = await enrolledAccount();
    const context = newContext();
    const before = await recoveryCodeHashes(account.id);
    const wrong = await wrongCodeAt(secret, T);

    const results = [];
    for (let i = 0; i < 20; i++) {
      results.push(await regenerateRecoveryCodes(account, { code: wrong }, T, context));
    }

    expect(checks.codes).toBe(5);
    expect(results.slice(0, 4)).toEqual(
      Array(4).fill({ ok: false, message: WRONG_CODE, fields: ["code"] }),
    );
    expect(results[4]).toEqual({
      ok: false,
      message: `${WRONG_CODE} ${LOCKED_15}`,
      fields: ["code"],
    });
    expect(results.slice(5)).toEqual(
      Array(15).fill({ ok: false, message: LOCKED_15, fields: ["code"] }),
    );
    const locked = await storedUser(account.id);
    expect(locked).toMatchObject({ failedCodes: 0, lockCount: 1 });
    expect(locked.lockedUntil).toEqual(addMs(T, 15 * MINUTE));
    expect(await details("two_factor_code_failed", account)).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ consecutiveFailures: n, action: "regenerate_recovery_codes" })),
    );
    expect(await auditEvents("two_factor_locked", account.id)).toEqual([
      expect.objectContaining({
        clientAddress: context.clientAddress,
        userAgent: "vitest/attacker",
      }),
    ]);

    // The right code during the lock hands out nothing and is not used up.
    const duringLock = addMs(T, 10 * MINUTE);
    const right = await totpCodeAt(secret, duringLock);
    expect(await regenerateRecoveryCodes(account, { code: right }, duringLock, context)).toEqual({
      ok: false,
      message: "Too many wrong codes. Try again in 5 minutes.",
      fields: ["code"],
    });
    expect(await recoveryCodeHashes(account.id)).toEqual(before);
    expect(await auditEvents("recovery_codes_regenerated", account.id)).toHaveLength(0);
    expect(checks.codes).toBe(5);

    // After the lock, the right code works again.
    const afterLock = addMs(T, 15 * MINUTE + STEP_MS);
    const regenerated = await regenerateRecoveryCodes(
      account,
      { code: await totpCodeAt(secret, afterLock) },
      afterLock,
      context,
    );
    expect(regenerated).toMatchObject({ ok: true, recoveryCodes: expect.any(Array) });
    expect(await recoveryCodeHashes(account.id)).not.toEqual(before);
  });

  it("20 wrong codes at once: at most five are checked, one lock", async () => {
    const { account, secret } = await enrolledAccount();
    const context = newContext();
    const wrong = await wrongCodeAt(secret, T);

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        regenerateRecoveryCodes(account, { code: wrong }, T, context),
      ),
    );

    expect(results.every((r) => !r.ok)).toBe(true);
    expect(checks.codes).toBeLessThanOrEqual(5);
    expect(await auditEvents("two_factor_code_failed", account.id)).toHaveLength(5);
    expect(await auditEvents("two_factor_locked", account.id)).toHaveLength(1);
    expect(await storedUser(account.id)).toMatchObject({
      lockCount: 1,
      lockedUntil: addMs(T, 15 * MINUTE),
    });
  });

  it("counts toward the same lock as sign-in step 2: three here and two at sign-in lock it", async () => {
    const { account, secret } = await enrolledAccount();
    const context = newContext();
    const wrong = await wrongCodeAt(secret, T);
    for (let i = 0; i < 3; i++) {
      await regenerateRecoveryCodes(account, { code: wrong }, T, context);
    }
    const [signInId] = await pendingSignIns(account.id, 1, T);
    await verifySecondStep(signInId!, account, { code: wrong }, T, context);
    expect(await verifySecondStep(signInId!, account, { code: wrong }, T, context)).toEqual({
      ok: false,
      message: `${WRONG_CODE} ${LOCKED_15}`,
      locked: true,
      lockedUntil: new Date(T.getTime() + 15 * 60_000),
    });
    // The lock now refuses the re-check, and the sign-in, with the right code.
    const right = await totpCodeAt(secret, T);
    expect(await regenerateRecoveryCodes(account, { code: right }, T, context)).toMatchObject({
      ok: false,
      message: LOCKED_15,
    });
  });
});

describe("Disable two-factor authentication", () => {
  it("a wrong password and a wrong code get the same answer, and both are counted and audited", async () => {
    const { account, secret } = await enrolledAccount();
    const context = newContext();
    const right = await wrongPasswordOrCode(account, secret, "disable_two_factor", (input) =>
      disableTwoFactor(account, input, T, context),
    );
    expect(await details("two_factor_code_failed", account)).toEqual([
      { consecutiveFailures: 1, action: "disable_two_factor" },
    ]);
    expect((await storedUser(account.id)).totpEnabledAt).not.toBeNull();

    // The right code beside the wrong password was not used up: it still disables.
    expect(
      await disableTwoFactor(account, { password: PASSWORD, code: right }, T, context),
    ).toEqual({ ok: true });
    expect((await storedUser(account.id)).totpEnabledAt).toBeNull();
  });

  it("20 wrong codes: five checked, a lock, and then the right password and code are refused", async () => {
    const { account, secret } = await enrolledAccount();
    const context = newContext();
    const wrong = await wrongCodeAt(secret, T);
    for (let i = 0; i < 20; i++) {
      await disableTwoFactor(account, { password: PASSWORD, code: wrong }, T, context);
    }
    expect(checks.codes).toBe(5);
    expect(await auditEvents("two_factor_code_failed", account.id)).toHaveLength(5);
    expect(await auditEvents("two_factor_locked", account.id)).toHaveLength(1);

    const right = await totpCodeAt(secret, addMs(T, MINUTE));
    expect(
      await disableTwoFactor(
        account,
        { password: PASSWORD, code: right },
        addMs(T, MINUTE),
        context,
      ),
    ).toEqual({
      ok: false,
      message: "Too many wrong codes. Try again in 14 minutes.",
      fields: ["code"],
    });
    expect((await storedUser(account.id)).totpEnabledAt).not.toBeNull();
    expect(await auditEvents("two_factor_disabled", account.id)).toHaveLength(0);
  });

  it("wrong passwords count toward the account's sign-in limit: after ten, even the right one is refused", async () => {
    const { account, secret } = await enrolledAccount();
    const context = newContext();
    for (let i = 0; i < 10; i++) {
      const code = await totpCodeAt(secret, T);
      expect(
        await disableTwoFactor(account, { password: `guess ${i}`, code }, T, context),
      ).toMatchObject({ ok: false, message: PASSWORD_OR_CODE });
    }
    expect(checks.passwords).toBe(10);

    const right = await totpCodeAt(secret, T);
    expect(
      await disableTwoFactor(account, { password: PASSWORD, code: right }, T, context),
    ).toEqual({
      ok: false,
      message: "Too many wrong passwords. Try again in 15 minutes.",
      fields: ["password"],
    });
    expect(checks.passwords).toBe(10);
    // A refused password gives the code's reservation back: the code counter is untouched.
    expect(await storedUser(account.id)).toMatchObject({ failedCodes: 0, lockedUntil: null });
    expect((await storedUser(account.id)).totpEnabledAt).not.toBeNull();
    // The block is the account's, at sign-in too.
    expect(
      await signInWithPassword({ email: account.email, password: PASSWORD }, newContext(), T),
    ).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("Change password", () => {
  it("ten wrong current passwords are audited and block the account, even against the right one", async () => {
    const account = await createAccount();
    const context = newContext();
    const signIn = await signInWithPassword(
      { email: account.email, password: PASSWORD },
      context,
      T,
    );
    const signInId = (signIn as { signInId: string }).signInId;
    checks.passwords = 0;
    const { passwordHash } = await storedUser(account.id);

    for (let i = 0; i < 10; i++) {
      expect(
        await changePassword(
          account.id,
          signInId,
          { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD },
          context,
          T,
        ),
      ).toEqual({
        ok: false,
        field: "currentPassword",
        message: "Your current password is incorrect.",
      });
    }
    expect(
      await changePassword(
        account.id,
        signInId,
        { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        context,
        addMs(T, 5 * MINUTE),
      ),
    ).toEqual({
      ok: false,
      field: "currentPassword",
      message: "Too many wrong passwords. Try again in 10 minutes.",
    });

    expect(checks.passwords).toBe(10);
    expect((await storedUser(account.id)).passwordHash).toBe(passwordHash);
    expect(await details("password_check_failed", account)).toEqual(
      Array(10).fill({ action: "change_password" }),
    );
    expect(await auditEvents("sign_in_throttled", account.id)).toHaveLength(1);
    expect(await auditEvents("password_changed", account.id)).toHaveLength(0);

    // After the block, the right password changes it.
    expect(
      await changePassword(
        account.id,
        signInId,
        { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        context,
        addMs(T, 15 * MINUTE + 1000),
      ),
    ).toEqual({ ok: true });
  });
});

describe("Enable", () => {
  async function offered() {
    const account = await createAccount();
    await startEnrolment(account.id, T);
    const row = await storedUser(account.id);
    return { account, secret: openTotpSecret(row.pendingTotpSecret!, account.id) };
  }

  it("asks for the current password: without it nothing is checked or enabled", async () => {
    const { account, secret } = await offered();
    const code = await totpCodeAt(secret, T);
    for (const password of [undefined, "", 123, "x".repeat(100_000)]) {
      expect(await enableTwoFactor(account, { password, code }, T, newContext())).toEqual({
        ok: false,
        message: "Enter your current password.",
        fields: ["password"],
      });
    }
    expect(checks).toEqual({ codes: 0, passwords: 0 });
    expect((await storedUser(account.id)).totpEnabledAt).toBeNull();
  });

  it("a wrong password with the right code is refused as a wrong code is, counted and audited", async () => {
    const { account, secret } = await offered();
    const context = newContext();
    const right = await wrongPasswordOrCode(account, secret, "enable_two_factor", (input) =>
      enableTwoFactor(account, input, T, context),
    );
    expect(await storedUser(account.id)).toMatchObject({ totpEnabledAt: null, totpSecret: null });
    expect(await db.recoveryCode.count({ where: { userId: account.id } })).toBe(0);

    // Nine more wrong passwords block it: the right password and code are refused.
    for (let i = 0; i < 9; i++) {
      await enableTwoFactor(account, { password: `guess ${i}`, code: right }, T, context);
    }
    expect(await enableTwoFactor(account, { password: PASSWORD, code: right }, T, context)).toEqual(
      {
        ok: false,
        message: "Too many wrong passwords. Try again in 15 minutes.",
        fields: ["password"],
      },
    );
    expect((await storedUser(account.id)).totpEnabledAt).toBeNull();
    expect(await auditEvents("two_factor_enabled", account.id)).toHaveLength(0);
  });
});

/** Failed passwords counted against the account in the current window (0 without a row). */
async function accountFailures(account: Account) {
  const key = throttleKeys(account.email, "any address").account;
  const row = await db.signInThrottle.findUnique({ where: { key } });
  return row?.failures ?? 0;
}
