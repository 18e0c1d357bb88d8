// docs/rules.md, rule 4 on real SQLite and PostgreSQL databases: five wrong codes in a row lock the
// second step for 15 minutes, doubling on each further lock; the lock ends pending sign-ins and is
// audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { sayFailure } from "@/words/say-failure";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { secondStepPageFacts, verifySecondStep: verifySecondStepCoded } =
  await import("@/lib/sign-in/second-step");
const { consumeTotpCode } = await import("@/lib/two-factor/totp-check");
const { UNFINISHED_MAX_AGE_MS } = await import("@/lib/auth/sign-in-rows");
const { totpCodeAt } = await import("@/lib/two-factor/totp");
const { CONTEXT, STEP_MS, addMs, auditEvents, createAccount, enrol, pendingSignIns, wrongCodeAt } =
  await import("../support/db-accounts");
const verifySecondStep = saying(verifySecondStepCoded);
const WRONG_CODE = sayFailure({ code: "wrong_code" });

const T = new Date("2030-01-01T12:00:10Z");
const ENROLLED_AT = addMs(T, -60 * 60_000);
const MINUTE = 60_000;
type Account = { id: string; email: string };

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme" });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

async function lockState(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { failedCodes: true, lockCount: true, lockedUntil: true, totpLastStep: true },
  });
}

async function submit(account: Account, code: string, now: Date, signInId?: string) {
  const id = signInId ?? (await pendingSignIns(account.id, 1, now))[0]!;
  return verifySecondStep(id, account, { code }, now, CONTEXT);
}

/** Whether a refusal said the account is locked; undefined for a success. */
const lockedFlag = (result: { ok: boolean; locked?: boolean }) => result.locked;

async function submitWrong(account: Account, secret: string, now: Date, times: number) {
  const results = [];
  for (let i = 0; i < times; i++)
    results.push(await submit(account, await wrongCodeAt(secret, now), now));
  return results;
}

describe("the second-step lock", () => {
  it("locks for 15 minutes after five wrong codes, then 30, then an hour", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const [pending, otherPending] = await pendingSignIns(account.id, 2, T);
    const complete = await db.signIn.create({
      data: {
        id: `complete-${account.id}`,
        userId: account.id,
        stage: "COMPLETE",
        sessionVersion: 1,
        createdAt: T,
        completedAt: T,
        expiresAt: addMs(T, 60 * MINUTE),
      },
    });
    const wrong = await wrongCodeAt(secret, T);

    // Four wrong codes: refused, not locked.
    for (let i = 0; i < 4; i++) {
      expect(await submit(account, wrong, T, pending)).toEqual({
        ok: false,
        message: WRONG_CODE,
        locked: false,
      });
    }
    expect(await lockState(account.id)).toMatchObject({ failedCodes: 4, lockedUntil: null });

    // The fifth locks for 15 minutes and says so.
    expect(await submit(account, wrong, T, pending)).toEqual({
      ok: false,
      message: `${WRONG_CODE} Too many wrong codes. Try again in 15 minutes.`,
      locked: true,
      lockedUntil: addMs(T, 15 * MINUTE),
    });
    const locked = await lockState(account.id);
    expect(locked).toMatchObject({ failedCodes: 0, lockCount: 1 });
    expect(locked.lockedUntil).toEqual(addMs(T, 15 * MINUTE));

    // Pending sign-ins are ended; the complete one on another device is left alone.
    const signIns = await db.signIn.findMany({ where: { userId: account.id } });
    for (const row of signIns.filter((r) => r.stage !== "COMPLETE")) {
      expect(row.endedAt, `pending ${row.id}`).toEqual(T);
    }
    expect(signIns.map((r) => r.id)).toEqual(
      expect.arrayContaining([pending, otherPending, complete.id]),
    );
    expect(signIns.find((r) => r.id === complete.id)!.endedAt).toBeNull();

    // Audited: five failures with their running count, one lock, with who and from where.
    const failures = await auditEvents("two_factor_code_failed", account.id);
    expect(failures.map((e) => JSON.parse(e.details!).consecutiveFailures)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    const locks = await auditEvents("two_factor_locked", account.id);
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({
      subjectEmail: account.email,
      clientAddress: CONTEXT.clientAddress,
      userAgent: CONTEXT.userAgent,
    });
    expect(JSON.parse(locks[0]!.details!)).toEqual({ minutes: 15, lockNumber: 1 });

    // While locked, even the right code is refused (and not used up), with until when and never
    // "not valid" (docs/rules.md, rule 31); wrong codes are not counted and do not extend the lock.
    const duringLock = addMs(T, 14 * MINUTE);
    const rightDuringLock = await submit(account, await totpCodeAt(secret, duringLock), duringLock);
    expect(rightDuringLock).toEqual({
      ok: false,
      message: "Too many wrong codes. Try again in 1 minute.",
      locked: true,
      lockedUntil: addMs(T, 15 * MINUTE),
    });
    const wrongDuringLock = await submitWrong(account, secret, duringLock, 3);
    expect(wrongDuringLock.every((r) => !r.ok && r.locked)).toBe(true);
    expect(await lockState(account.id)).toEqual({ ...locked });
    expect(await auditEvents("two_factor_code_failed", account.id)).toHaveLength(5);

    // The sign-in the lock ended stays ended, even with the right code after the lock.
    const afterLock = addMs(T, 15 * MINUTE + 1000);
    const endedAttempt = await submit(
      account,
      await totpCodeAt(secret, afterLock),
      afterLock,
      pending,
    );
    expect(endedAttempt.ok).toBe(false);
    expect((await db.signIn.findUniqueOrThrow({ where: { id: pending! } })).stage).toBe(
      "AWAITING_CODE",
    );

    // After 15 minutes a new sign-in works again; a right code ends the run of failures.
    const later = addMs(afterLock, 30_000);
    expect((await submitWrong(account, secret, later, 2)).map(lockedFlag)).toEqual([false, false]);
    expect((await lockState(account.id)).failedCodes).toBe(2);
    expect(await submit(account, await totpCodeAt(secret, later), later)).toEqual({
      ok: true,
      method: "totp",
      recoveryCodesLeft: null,
      stage: "COMPLETE",
    });
    expect(await lockState(account.id)).toMatchObject({ failedCodes: 0, lockCount: 1 });

    // The next lock lasts 30 minutes, the one after an hour.
    const second = addMs(later, MINUTE);
    const secondRun = await submitWrong(account, secret, second, 5);
    expect(secondRun.map(lockedFlag)).toEqual([false, false, false, false, true]);
    expect(secondRun[4]).toMatchObject({
      message: expect.stringContaining("Try again in 30 minutes."),
    });
    expect(await lockState(account.id)).toMatchObject({
      lockCount: 2,
      lockedUntil: addMs(second, 30 * MINUTE),
    });
    expect(
      (
        await submit(
          account,
          await totpCodeAt(secret, addMs(second, 29 * MINUTE)),
          addMs(second, 29 * MINUTE),
        )
      ).ok,
    ).toBe(false);

    const third = addMs(second, 30 * MINUTE + 1000);
    const thirdRun = await submitWrong(account, secret, third, 5);
    expect(thirdRun[4]).toMatchObject({
      locked: true,
      message: expect.stringContaining("Try again in 1 hour."),
    });
    expect(await lockState(account.id)).toMatchObject({
      lockCount: 3,
      lockedUntil: addMs(third, 60 * MINUTE),
    });
    const lockDetails = (await auditEvents("two_factor_locked", account.id)).map((e) =>
      JSON.parse(e.details!),
    );
    expect(lockDetails).toEqual([
      { minutes: 15, lockNumber: 1 },
      { minutes: 30, lockNumber: 2 },
      { minutes: 60, lockNumber: 3 },
    ]);
  });

  // Input that is not a code at all is a typo, not a guess (docs/rules.md, rule 31): see
  // test/integration/typed-codes.test.ts.

  it("a recovery code ends the run of failures; a right code for an ended sign-in changes nothing", async () => {
    const account = await createAccount();
    const { secret, recoveryCodes } = await enrol(account, ENROLLED_AT);
    await submitWrong(account, secret, T, 3);
    const [pending] = await pendingSignIns(account.id, 1, T);
    const recovery = { recoveryCode: recoveryCodes[0]! };
    expect(await verifySecondStep(pending!, account, recovery, T, CONTEXT)).toMatchObject({
      ok: true,
      method: "recovery",
    });
    expect(await lockState(account.id)).toMatchObject({ failedCodes: 0, lockedUntil: null });

    // The time-step's claim and the failure count's reset roll back with the completion.
    await submitWrong(account, secret, T, 2);
    const [ended] = await pendingSignIns(account.id, 1, T);
    await db.signIn.update({ where: { id: ended! }, data: { endedAt: T } });
    const before = await lockState(account.id);
    const right = await submit(account, await totpCodeAt(secret, T), T, ended);
    expect(right).toMatchObject({ ok: false, message: "Your sign-in has expired. Sign in again." });
    expect(await lockState(account.id)).toEqual(before);
    expect(await submit(account, await totpCodeAt(secret, T), T)).toMatchObject({ ok: true });
    expect(await lockState(account.id)).toMatchObject({ failedCodes: 0 });
  });
});

describe("a right code for a sign-in that no longer waits for one", () => {
  it("completes nothing once the pending sign-in has expired, and uses up nothing", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const [late, inTime] = await pendingSignIns(account.id, 2, T);
    // A pending sign-in lasts UNFINISHED_MAX_AGE_MS: at that instant it has expired.
    const expiry = addMs(T, UNFINISHED_MAX_AGE_MS);
    const before = await lockState(account.id);
    const code = await totpCodeAt(secret, expiry);
    expect(await submit(account, code, expiry, late)).toEqual({
      ok: false,
      message: "Your sign-in has expired. Sign in again.",
      locked: false,
    });
    expect(await lockState(account.id)).toEqual(before);
    expect(await db.signIn.findUniqueOrThrow({ where: { id: late! } })).toMatchObject({
      stage: "AWAITING_CODE",
      completedAt: null,
    });
    // A millisecond earlier the same code completes the other one.
    expect(await submit(account, code, addMs(expiry, -1), inTime)).toMatchObject({ ok: true });
  });

  it("completes nothing for a sign-in waiting for enrolment, not for a code", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const [enrolling] = await pendingSignIns(account.id, 1, T);
    await db.signIn.update({ where: { id: enrolling! }, data: { stage: "AWAITING_ENROLMENT" } });
    const before = await lockState(account.id);
    expect(await submit(account, await totpCodeAt(secret, T), T, enrolling)).toMatchObject({
      ok: false,
      message: "Your sign-in has expired. Sign in again.",
    });
    expect(await lockState(account.id)).toEqual(before);
    const row = await db.signIn.findUniqueOrThrow({ where: { id: enrolling! } });
    expect(row.stage).toBe("AWAITING_ENROLMENT");
  });

  it("marks the account changed with the reservation and with the time-step's claim", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const longAgo = new Date("2001-01-01T00:00:00Z");
    const changedSinceLongAgo = async () => {
      const row = await db.user.findUniqueOrThrow({ where: { id: account.id } });
      return row.updatedAt.getTime() > longAgo.getTime();
    };
    await db.user.update({ where: { id: account.id }, data: { updatedAt: longAgo } });
    await submitWrong(account, secret, T, 1);
    expect(await changedSinceLongAgo()).toBe(true);
    await db.user.update({ where: { id: account.id }, data: { updatedAt: longAgo } });
    const later = addMs(T, STEP_MS);
    expect(await consumeTotpCode(account.id, await totpCodeAt(secret, later), later)).toBe(true);
    expect(await changedSinceLongAgo()).toBe(true);
  });
});

describe("concurrent wrong codes", () => {
  it("20 at once: all refused, only five checked and logged, the account locked once for 15 minutes", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const signInIds = await pendingSignIns(account.id, 20, T);
    const wrong = await wrongCodeAt(secret, T);

    const results = await Promise.all(
      signInIds.map((id) => verifySecondStep(id, account, { code: wrong }, T, CONTEXT)),
    );

    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.some((r) => !r.ok && r.locked)).toBe(true);
    // Attempts are reserved before the code is checked: the other 15 never reach a check.
    expect(await auditEvents("two_factor_code_failed", account.id)).toHaveLength(5);
    const state = await lockState(account.id);
    const locks = await auditEvents("two_factor_locked", account.id);
    expect(locks).toHaveLength(state.lockCount);
    expect(state.lockCount).toBe(1);
    expect(state.lockedUntil).toEqual(addMs(T, 15 * MINUTE));
    expect(await db.signIn.count({ where: { userId: account.id, endedAt: null } })).toBe(0);
  });

  // Every attempt is reserved before its code is checked (2220a84), so guesses already in flight
  // when the lock engages are refused too: N parallel requests get five guesses, not N.
  it("a right code sent after five wrong ones, all at once, is refused by the lock", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const signInIds = await pendingSignIns(account.id, 100, T);
    const wrong = await wrongCodeAt(secret, T);
    const right = await totpCodeAt(secret, T);

    // 99 guesses and then the right code, as an attacker with parallel requests would send them.
    const results = await Promise.all(
      signInIds.map((id, i) =>
        verifySecondStep(id, account, { code: i === 99 ? right : wrong }, T, CONTEXT),
      ),
    );

    expect(results[99]).toMatchObject({ ok: false, locked: true });
    expect(await db.signIn.count({ where: { userId: account.id, stage: "COMPLETE" } })).toBe(0);
  });
});

describe("what /login/verify shows beside its form", () => {
  it("the lock notice while the lock lasts, and a passkey only when the account has one", async () => {
    const account = await createAccount();
    expect(await secondStepPageFacts(account.id, T)).toEqual({
      lockNotice: null,
      lockedUntil: null,
      hasPasskey: false,
    });

    await db.user.update({
      where: { id: account.id },
      data: { lockedUntil: addMs(T, 15 * MINUTE) },
    });
    await db.passkey.create({
      data: {
        userId: account.id,
        credentialId: `credential-${account.id}`,
        publicKey: new Uint8Array([1, 2, 3]),
        name: "Laptop",
      },
    });
    expect(await secondStepPageFacts(account.id, addMs(T, MINUTE))).toEqual({
      lockNotice: { code: "codes_locked", params: { minutes: 14 } },
      lockedUntil: addMs(T, 15 * MINUTE),
      hasPasskey: true,
    });
    // The lock ends on its own; the passkey stays.
    expect(await secondStepPageFacts(account.id, addMs(T, 15 * MINUTE))).toEqual({
      lockNotice: null,
      lockedUntil: null,
      hasPasskey: true,
    });
    // Another account's passkey is not this one's.
    const other = await createAccount();
    expect((await secondStepPageFacts(other.id, T)).hasPasskey).toBe(false);
  });
});
