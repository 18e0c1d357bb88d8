import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { HAS_PASSKEY_COLUMN, sqlBoolean } from "@/lib/db/raw-sql";
import { WRONG_CODE } from "@/lib/two-factor/totp-check";
import { completesWaitingSignIn } from "@/lib/two-factor/completions";
import { proveSecondFactor } from "@/lib/two-factor/proof";
import { formatLockNotice, lockNotice } from "@/lib/two-factor/code-lock";

// Step 2 of a sign-in with a typed code, from the form on /login/verify. The code is proven, used
// up and the sign-in completed by lib/two-factor/proof.ts (docs/rules.md, rule 26); this says what
// the form shows.

type Account = { id: string; email: string };

export type SecondStepResult =
  | { ok: true; method: "totp" | "recovery"; recoveryCodesLeft: number | null }
  | { ok: false; message: string; locked: false }
  /** Locked: `lockedUntil` is when the form can be used again (null: attempts in flight). */
  | { ok: false; message: string; locked: true; lockedUntil: Date | null };

const SIGN_IN_OVER = "Your sign-in has expired. Sign in again.";
const RECOVERY_CODE_WRONG = "That recovery code is not valid.";

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
  if (result.ok) return { ok: true, method, recoveryCodesLeft: result.recoveryCodesLeft };
  // A typo counted nothing (docs/rules.md, rule 31); a locked step checked nothing, so its refusal
  // says only until when, never that the code was wrong.
  if (result.reason === "typo") return { ok: false, message: result.message, locked: false };
  if (result.reason === "locked") {
    return { ok: false, message: result.notice, locked: true, lockedUntil: result.lockedUntil };
  }
  if (result.reason === "over") return { ok: false, message: SIGN_IN_OVER, locked: false };
  const message = method === "recovery" ? RECOVERY_CODE_WRONG : WRONG_CODE;
  const lockedUntil = result.reason === "wrong" ? result.lockedUntil : null;
  return lockedUntil
    ? {
        ok: false,
        message: `${message} ${formatLockNotice(lockedUntil, now)}`,
        locked: true,
        lockedUntil,
      }
    : { ok: false, message, locked: false };
}
