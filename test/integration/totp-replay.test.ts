// docs/rules.md, rule 3 on real SQLite and PostgreSQL databases (vitest.config.ts): a code is accepted
// for its step and one either side, and each step at most once per account, even when many
// submissions race.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { consumeTotpCode } = await import("@/lib/two-factor/totp-check");
const { timeStepOf, totpCodeAt } = await import("@/lib/two-factor/totp");
const { saveSettings } = await import("@/lib/settings/settings");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { verifySecondStep: verifySecondStepCoded } = await import("@/lib/sign-in/second-step");
const { CONTEXT, PASSWORD, STEP_MS, addMs, createAccount, enrol, pendingSignIns } =
  await import("../support/db-accounts");
const verifySecondStep = saying(verifySecondStepCoded);

// 10 s into a 30-second step, so that "now" and the step of "now" are unambiguous.
const T = new Date("2030-01-01T12:00:10Z");
const ENROLLED_AT = addMs(T, -60 * 60_000);
const stepOf = (offset: number) => addMs(T, offset * STEP_MS);

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme" });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

describe("one valid code, many concurrent submissions", () => {
  it("consumeTotpCode: 100 concurrent submissions of one code, exactly one accepted", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const code = await totpCodeAt(secret, T);

    const results = await Promise.all(
      Array.from({ length: 100 }, () => consumeTotpCode(account.id, code, T)),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(user.totpLastStep).toBe(timeStepOf(T));
    // And once more, later in the same step: still refused.
    expect(await consumeTotpCode(account.id, code, addMs(T, 15_000))).toBe(false);
  });

  it("verifySecondStep: one code on 100 pending sign-ins completes exactly one", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    // Step 1 as the login page runs it: with 2FA on for the instance the sign-in waits for a code.
    const first = await signInWithPassword(
      { email: account.email, password: PASSWORD },
      CONTEXT,
      T,
    );
    expect(first.ok).toBe(true);
    const firstId = (first as { signInId: string }).signInId;
    expect((await db.signIn.findUniqueOrThrow({ where: { id: firstId } })).stage).toBe(
      "AWAITING_CODE",
    );
    const signInIds = [firstId, ...(await pendingSignIns(account.id, 99, T))];
    const code = await totpCodeAt(secret, T);

    const results = await Promise.all(
      signInIds.map((id) => verifySecondStep(id, account, { code }, T, CONTEXT)),
    );

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const complete = await db.signIn.count({ where: { userId: account.id, stage: "COMPLETE" } });
    expect(complete).toBe(1);
    const succeeded = await db.auditEvent.count({
      where: { subjectId: account.id, type: "sign_in_succeeded", details: { contains: "code" } },
    });
    expect(succeeded).toBe(1);
  });
});

describe("the window and replay, stored in the database", () => {
  it("accepts each step once, one step either side of now, never an older step", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const code = (offset: number) => totpCodeAt(secret, stepOf(offset));

    // Two steps away is outside the window, before or after.
    expect(await consumeTotpCode(account.id, await code(-2), T)).toBe(false);
    expect(await consumeTotpCode(account.id, await code(2), T)).toBe(false);

    expect(await consumeTotpCode(account.id, await code(0), T)).toBe(true);
    expect(await consumeTotpCode(account.id, await code(0), T)).toBe(false);
    // The previous step is inside the window but older than the one used: refused.
    expect(await consumeTotpCode(account.id, await code(-1), T)).toBe(false);
    expect(await consumeTotpCode(account.id, await code(1), T)).toBe(true);
    expect(await consumeTotpCode(account.id, await code(1), T)).toBe(false);
    expect(await consumeTotpCode(account.id, await code(0), T)).toBe(false);

    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(user.totpLastStep).toBe(timeStepOf(stepOf(1)));
  });

  it("accepts the previous step's code when it is the newest one used", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    expect(await consumeTotpCode(account.id, await totpCodeAt(secret, stepOf(-1)), T)).toBe(true);
    expect(await consumeTotpCode(account.id, await totpCodeAt(secret, T), T)).toBe(true);
  });

  it("the code that enabled 2FA cannot be used again to sign in", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, T);
    expect(await consumeTotpCode(account.id, await totpCodeAt(secret, T), T)).toBe(false);
    expect(await consumeTotpCode(account.id, await totpCodeAt(secret, stepOf(1)), T)).toBe(true);
  });

  it("refuses codes of an account without 2FA and input that is not a code", async () => {
    const plain = await createAccount();
    expect(await consumeTotpCode(plain.id, "123456", T)).toBe(false);

    const account = await createAccount();
    const { secret } = await enrol(account, ENROLLED_AT);
    const valid = await totpCodeAt(secret, T);
    for (const input of [undefined, 123456, "", "12345", "1234567", `${valid}x`, "１２３４５６"]) {
      expect(await consumeTotpCode(account.id, input, T)).toBe(false);
    }
    // None of those used up the step; the real code, pasted with a space, still works.
    expect(await consumeTotpCode(account.id, `${valid.slice(0, 3)} ${valid.slice(3)}`, T)).toBe(
      true,
    );
  });
});
