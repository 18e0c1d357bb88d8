// docs/rules.md, rules 6 and 11 on real SQLite and PostgreSQL databases: recovery codes are single use
// under concurrency, and neither they nor the TOTP secret can be read from a copy of the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { databaseBytes, removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { verifySecondStep: verifySecondStepCoded } = await import("@/lib/sign-in/second-step");
const { regenerateRecoveryCodes: regenerateRecoveryCodesCoded } =
  await import("@/lib/two-factor/recovery-code-store");
const { totpCodeAt } = await import("@/lib/two-factor/totp");
const { CONTEXT, STEP_MS, addMs, auditEvents, createAccount, enrol, pendingSignIns } =
  await import("../support/db-accounts");
const verifySecondStep = saying(verifySecondStepCoded);
const regenerateRecoveryCodes = saying(regenerateRecoveryCodesCoded);

const T = new Date("2030-01-01T12:00:10Z");
const ENROLLED_AT = addMs(T, -60 * 60_000);
const NOT_VALID = "That recovery code is not valid.";

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme" });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** The moment after any lock the account is under, so that refusals are about the code alone. */
async function afterAnyLock(userId: string, atLeast: Date) {
  const { lockedUntil } = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return lockedUntil && lockedUntil > atLeast ? addMs(lockedUntil, 1000) : atLeast;
}

async function redeemRecoveryCode(account: { id: string; email: string }, code: string, now: Date) {
  const [signInId] = await pendingSignIns(account.id, 1, now);
  return verifySecondStep(signInId!, account, { recoveryCode: code }, now, CONTEXT);
}

describe("recovery codes", () => {
  it("one code used 100 times at once completes exactly one sign-in; the other nine still work", async () => {
    const account = await createAccount();
    const { recoveryCodes } = await enrol(account, ENROLLED_AT);
    expect(recoveryCodes).toHaveLength(10);
    const [used, ...others] = recoveryCodes as [string, ...string[]];
    const signInIds = await pendingSignIns(account.id, 100, T);

    const results = await Promise.all(
      signInIds.map((id) => verifySecondStep(id, account, { recoveryCode: used }, T, CONTEXT)),
    );

    const accepted = results.filter((r) => r.ok);
    expect(accepted).toEqual([
      { ok: true, method: "recovery", recoveryCodesLeft: 9, stage: "COMPLETE" },
    ]);
    expect(await db.signIn.count({ where: { userId: account.id, stage: "COMPLETE" } })).toBe(1);
    const usedEvents = await auditEvents("recovery_code_used", account.id);
    expect(usedEvents).toHaveLength(1);
    expect(JSON.parse(usedEvents[0]!.details!)).toEqual({ remaining: 9, step: "second_step" });

    // The 99 refusals were wrong codes and may have locked the account: wait that out.
    let now = await afterAnyLock(account.id, addMs(T, 60_000));
    const again = await redeemRecoveryCode(account, used, now);
    expect(again).toEqual({ ok: false, message: NOT_VALID, locked: false });

    // Typed as people type them: upper case, spaces, no dash.
    const typed = (code: string, i: number) =>
      i % 2 ? ` ${code.toUpperCase()} ` : code.replace("-", " ");
    for (const [i, code] of others.entries()) {
      now = addMs(now, 1000);
      const result = await redeemRecoveryCode(account, typed(code, i), now);
      expect(result, `code ${i + 2}`).toEqual({
        ok: true,
        method: "recovery",
        recoveryCodesLeft: 8 - i,
        stage: "COMPLETE",
      });
    }
    for (const code of recoveryCodes) {
      now = await afterAnyLock(account.id, addMs(now, 1000));
      expect((await redeemRecoveryCode(account, code, now)).ok).toBe(false);
    }
  });

  it("regenerating replaces every code: the old unused ones stop working", async () => {
    const account = await createAccount();
    const { secret, recoveryCodes: old } = await enrol(account, ENROLLED_AT);
    const regenerated = await regenerateRecoveryCodes(
      account,
      { code: await totpCodeAt(secret, T) },
      T,
      CONTEXT,
    );
    expect(regenerated.ok).toBe(true);
    const fresh = (regenerated as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => old.includes(code))).toEqual([]);

    const later = addMs(T, STEP_MS);
    expect((await redeemRecoveryCode(account, old[0]!, later)).ok).toBe(false);
    expect(await redeemRecoveryCode(account, fresh[0]!, later)).toMatchObject({
      ok: true,
      recoveryCodesLeft: 9,
    });
  });
});

describe("a copy of the database alone reveals no secret and no recovery code", () => {
  it("stores recovery codes only as keyed hashes and the TOTP secret only encrypted", async () => {
    const account = await createAccount();
    const { secret, recoveryCodes } = await enrol(account, ENROLLED_AT);
    // One code used, so a used-code row and its audit event are on disk too.
    expect((await redeemRecoveryCode(account, recoveryCodes[0]!, T)).ok).toBe(true);

    const rows = await db.recoveryCode.findMany({ where: { userId: account.id } });
    expect(rows).toHaveLength(10);
    const plainForms = recoveryCodes.flatMap((code) => [
      code,
      code.replace("-", ""),
      code.toUpperCase(),
      code.replace("-", "").toUpperCase(),
    ]);
    for (const row of rows) {
      expect(row.codeHash).toMatch(/^v\d+:[0-9a-f]{64}$/);
      for (const plain of plainForms) expect(row.codeHash).not.toContain(plain);
    }

    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    // "v<key version>:<iv>:<tag>:<ciphertext>", each part base64url (AES-GCM).
    expect(user.totpSecret).toMatch(/^v\d+:[\w-]+:[\w-]+:[\w-]+$/);
    expect(user.totpSecret).not.toContain(secret);

    const bytes = databaseBytes(dataDir);
    // The scan reads what the app wrote: the ciphertext and the hashes are there...
    expect(bytes.includes(user.totpSecret!)).toBe(true);
    expect(bytes.includes(rows[0]!.codeHash)).toBe(true);
    // ...and no plaintext secret or code, in either case.
    for (const form of [secret, secret.toLowerCase()]) {
      expect(bytes.includes(form), "TOTP secret in the copy of the database").toBe(false);
    }
    for (const plain of plainForms) {
      expect(bytes.includes(plain), `recovery code ${plain} in the copy of the database`).toBe(
        false,
      );
    }
  });
});
