import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { HAS_PASSKEY_COLUMN, sqlBoolean } from "@/lib/db/raw-sql";
import { completesWaitingSignIn } from "@/lib/two-factor/completions";
import { proveSecondFactor } from "@/lib/two-factor/proof";
import { lockNotice, wrongAndLocked } from "@/lib/two-factor/code-lock";
import { failure, type Failure } from "@/lib/failures/failure";
import type { SignInStage } from "@/lib/auth/stage";

// Step 2 of a sign-in with a typed code, from the form on /login/verify. The code is proven, used
// up and the sign-in completed by lib/two-factor/proof.ts (docs/rules.md, rule 26); this says what
// the form shows.

type Account = { id: string; email: string };

export type SecondStepResult =
  | {
      ok: true;
      method: "totp" | "recovery";
      recoveryCodesLeft: number | null;
      /** Complete, or on to /login/enroll (docs/rules.md, rules 33 and 34). */
      stage: SignInStage;
    }
  | { ok: false; failure: Failure; locked: false }
  /** Locked: `lockedUntil` is when the form can be used again (null: attempts in flight). */
  | { ok: false; failure: Failure; locked: true; lockedUntil: Date | null };

/**
 * What the step-2 page shows beside its form, in one raw read: the lock notice (docs/rules.md,
 * rule 4) and whether the account has a passkey to offer (rule 18).
 */
export async function secondStepPageFacts(userId: string, now: Date) {
  const rows = await db.$queryRaw<{ lockedUntil: Date | null; hasPasskey: unknown }[]>`
    SELECT u."lockedUntil", ${HAS_PASSKEY_COLUMN} FROM "User" u WHERE u."id" = ${userId}`;
  const user = rows[0];
  const notice = user ? lockNotice(user, now) : null;
  return {
    lockNotice: notice,
    // When the form can be used again: the page disables it until then (rule 31).
    lockedUntil: notice ? user!.lockedUntil : null,
    hasPasskey: user ? sqlBoolean(user.hasPasskey) : false,
  };
}

/** Step 2: an authentication code or an unused recovery code completes a pending sign-in. */
export async function verifySecondStep(
  signInId: string,
  account: Account,
  input: { code?: unknown; recoveryCode?: unknown },
  now: Date,
  context: RequestContext,
): Promise<SecondStepResult> {
  const method = input.recoveryCode !== undefined ? "recovery" : "totp";
  const code = method === "recovery" ? input.recoveryCode : input.code;
  const result = await proveSecondFactor(
    { account, factor: { method, code }, context, now },
    completesWaitingSignIn(signInId, now),
  );
  if (result.ok) {
    const { recoveryCodesLeft, completed: stage } = result;
    return { ok: true, method, recoveryCodesLeft, stage };
  }
  // A typo counted nothing (docs/rules.md, rule 31); a locked step checked nothing, so its refusal
  // says only until when, never that the code was wrong.
  if (result.reason === "typo") return { ok: false, failure: result.failure, locked: false };
  if (result.reason === "locked") {
    return { ok: false, failure: result.notice, locked: true, lockedUntil: result.lockedUntil };
  }
  if (result.reason === "over") {
    return { ok: false, failure: failure("sign_in_expired"), locked: false };
  }
  const wrong = method === "recovery" ? "recovery_code_wrong" : "wrong_code";
  const lockedUntil = result.reason === "wrong" ? result.lockedUntil : null;
  const refusal = wrongAndLocked(wrong, lockedUntil, now);
  return lockedUntil
    ? { ok: false, failure: refusal, locked: true, lockedUntil }
    : { ok: false, failure: refusal, locked: false };
}
