// docs/rules.md, rule 31 on real SQLite and PostgreSQL databases: a code of the wrong shape is a
// typo, not a guess. At every place a code is typed (step 2, the reset link, a re-check on the
// account page) it is refused with what to type, counts toward no limit and writes no audit event;
// and while the second step is locked, a refusal says until when and never "not valid".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { sayFailure } from "@/words/say-failure";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { verifySecondStep: verifySecondStepCoded } = await import("@/lib/sign-in/second-step");
const { regenerateRecoveryCodes: regenerateRecoveryCodesCoded } =
  await import("@/lib/two-factor/recovery-code-store");
const { requestPasswordReset } = await import("@/lib/password-reset/request-reset");
const { resetPassword: resetPasswordCoded } = await import("@/lib/password-reset/reset-password");
const { openBodies } = await import("@/lib/email/link-bodies");

const { CONTEXT, addMs, createAccount, enrol, pendingSignIns, wrongCodeAt } =
  await import("../support/db-accounts");
const verifySecondStep = saying(verifySecondStepCoded);
const regenerateRecoveryCodes = saying(regenerateRecoveryCodesCoded);
const resetPassword = saying(resetPasswordCoded);
const ENTER_CODE = sayFailure({ code: "enter_code" });
const ENTER_RECOVERY_CODE = sayFailure({ code: "enter_recovery_code" });

const T = new Date("2030-01-01T12:00:10Z");
const ENROLLED_AT = addMs(T, -60 * 60_000);
const MINUTE = 60_000;
const TYPOS = ["12345", "abcdef", "1234567", "12 34 5", "", "１２３４５６", 123456, null];
const RECOVERY_TYPOS = ["abcde-2345", "abcde-234567", "123456", "abcde-2345!", ""];
type Account = { id: string; email: string };

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme" });
  await db.emailSettings.upsert({
    where: { id: 1 },
    create: { id: 1, smtpHost: "127.0.0.1", fromAddress: "appmail@example.com" },
    update: { smtpHost: "127.0.0.1", fromAddress: "appmail@example.com" },
  });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

async function counters(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { failedCodes: true, lockCount: true, lockedUntil: true, totpLastStep: true },
  });
}

/** Every audit row about the account: a typo must add none. */
const auditRows = (account: Account) => db.auditEvent.count({ where: { subjectId: account.id } });

async function resetLink(account: Account) {
  const asked = await requestPasswordReset(account.email, CONTEXT, T);
  if (!asked.ok) throw new Error("no reset link");
  await asked.recorded;
  const message = await db.outboxMessage.findFirstOrThrow({
    where: { recipient: account.email, carriesLink: true },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/login\/reset\/([A-Za-z0-9_-]{43})\b/.exec(openBodies(message).text ?? "")?.[1];
  if (!token) throw new Error("the message carries no link");
  return token;
}

describe("a code of the wrong shape", () => {
  it("at step 2: 'Enter the 6-digit code' six times over, nothing counted, nothing audited, never a lock", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    // Four real wrong codes first: a typo must not be the fifth.
    for (let i = 0; i < 4; i++) {
      const [id] = await pendingSignIns(account.id, 1, T);
      await verifySecondStep(id!, account, { code: await wrongCodeAt(secret, T) }, T, CONTEXT);
    }
    const before = await counters(account.id);
    expect(before.failedCodes).toBe(4);
    const auditBefore = await auditRows(account);

    const [signInId] = await pendingSignIns(account.id, 1, T);
    for (let round = 0; round < 6; round++) {
      for (const code of TYPOS) {
        expect(await verifySecondStep(signInId!, account, { code }, T, CONTEXT)).toEqual({
          ok: false,
          message: ENTER_CODE,
          locked: false,
        });
      }
    }
    for (const recoveryCode of RECOVERY_TYPOS) {
      expect(await verifySecondStep(signInId!, account, { recoveryCode }, T, CONTEXT)).toEqual({
        ok: false,
        message: ENTER_RECOVERY_CODE,
        locked: false,
      });
    }
    expect(await counters(account.id)).toEqual(before);
    expect(await auditRows(account)).toBe(auditBefore);
    const signIn = await db.signIn.findUniqueOrThrow({ where: { id: signInId! } });
    expect(signIn).toMatchObject({ stage: "AWAITING_CODE", endedAt: null });
  });

  it("on a reset link: the shape message at the field, nothing counted or audited, the link still good", async () => {
    const account = await createAccount();
    await enrol(account, ENROLLED_AT);
    const token = await resetLink(account);
    const before = await counters(account.id);
    const auditBefore = await auditRows(account);
    for (let round = 0; round < 6; round++) {
      for (const code of ["12345", "abcdef", "1234567"]) {
        const input = { newPassword: "a brand new passphrase", method: "totp" as const, code };
        expect(await resetPassword(token, input, CONTEXT, T)).toEqual({
          ok: false,
          field: "code",
          message: ENTER_CODE,
        });
      }
    }
    const recovery = {
      newPassword: "a brand new passphrase",
      method: "recovery" as const,
      recoveryCode: "abcde-2345",
    };
    expect(await resetPassword(token, recovery, CONTEXT, T)).toEqual({
      ok: false,
      field: "recoveryCode",
      message: ENTER_RECOVERY_CODE,
    });
    expect(await counters(account.id)).toEqual(before);
    expect(await auditRows(account)).toBe(auditBefore);
  });

  it("in a re-check on the account page: the same message, nothing counted or audited", async () => {
    const account = await createAccount();
    await enrol(account, ENROLLED_AT);
    const before = await counters(account.id);
    const auditBefore = await auditRows(account);
    for (let round = 0; round < 6; round++) {
      for (const code of ["12345", "abcdef", "1234567"]) {
        expect(await regenerateRecoveryCodes(account, { code }, T, CONTEXT)).toMatchObject({
          ok: false,
          message: ENTER_CODE,
        });
      }
    }
    expect(await counters(account.id)).toEqual(before);
    expect(await auditRows(account)).toBe(auditBefore);
  });
});

describe("a locked second step", () => {
  it("refuses a valid recovery code with until when, never 'not valid', and counts nothing more", async () => {
    const account = await createAccount();
    const { secret, recoveryCodes } = await enrol(account, ENROLLED_AT);
    for (let i = 0; i < 5; i++) {
      const [id] = await pendingSignIns(account.id, 1, T);
      await verifySecondStep(id!, account, { code: await wrongCodeAt(secret, T) }, T, CONTEXT);
    }
    const locked = await counters(account.id);
    expect(locked.lockedUntil).toEqual(addMs(T, 15 * MINUTE));

    const later = addMs(T, 5 * MINUTE);
    const [signInId] = await pendingSignIns(account.id, 1, later);
    const auditBefore = await auditRows(account);
    const refusal = await verifySecondStep(
      signInId!,
      account,
      { recoveryCode: recoveryCodes[0]! },
      later,
      CONTEXT,
    );
    expect(refusal).toEqual({
      ok: false,
      message: "Too many wrong codes. Try again in 10 minutes.",
      locked: true,
      lockedUntil: addMs(T, 15 * MINUTE),
    });
    expect(JSON.stringify(refusal)).not.toMatch(/not valid/);
    // A typo while locked is still only a typo: the shape message, not the lock's.
    expect(await verifySecondStep(signInId!, account, { code: "12345" }, later, CONTEXT)).toEqual({
      ok: false,
      message: ENTER_CODE,
      locked: false,
    });
    expect(await counters(account.id)).toEqual(locked);
    expect(await auditRows(account)).toBe(auditBefore);
    // The recovery code was not used up.
    expect(await db.recoveryCode.count({ where: { userId: account.id, usedAt: null } })).toBe(10);
  });
});
