import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { getSettings } from "@/lib/settings/settings";
import { completesWaitingSignIn, opensCompleteSignIn } from "@/lib/two-factor/completions";
import { proveSecondFactor, type ProofResult } from "@/lib/two-factor/proof";
import type { AssertionRefusal } from "@/lib/passkeys/assertion";
import type { SignInStage } from "@/lib/auth/stage";
import type { Prisma } from "@/lib/db/generated/client";
import { isKnownBrowser, type CookieReader } from "./known-browser";

// The two sign-in doors of a passkey: on its own on /login (the next-auth `passkey` provider,
// lib/sign-in/next-auth-options.ts), and at step 2 (app/api/passkeys/second-step). Both prove it through
// lib/two-factor/proof.ts, which completes the sign-in in the transaction that uses the passkey.

type Refusal = AssertionRefusal | "turned_off" | "sign_in_over";

export type PasskeySignInResult =
  | { ok: true; userId: string; signInId: string; stage: SignInStage }
  | { ok: false; reason: Refusal };

/** Whether passkeys are offered and accepted on this instance (docs/rules.md, rule 18). */
export async function passkeysAllowed(): Promise<boolean> {
  return (await getSettings()).allowPasskeys;
}

function signInResult(
  result: ProofResult<string>,
  stage: SignInStage = "COMPLETE",
): PasskeySignInResult {
  if (result.ok) {
    return { ok: true, userId: result.account.id, signInId: result.completed, stage };
  }
  // A passkey is never a counted guess: "locked", "wrong" and "typo" come from codes only.
  const codeOnly =
    result.reason === "locked" || result.reason === "wrong" || result.reason === "typo";
  if (result.reason === "over" || codeOnly) {
    return { ok: false, reason: "sign_in_over" };
  }
  return { ok: false, reason: result.reason };
}

/**
 * A sign-in with a passkey alone (a discoverable credential, user verified): no password and no
 * code. It opens a complete sign-in row, as a password and a code would have, for the next-auth
 * provider to name in the session.
 */
export async function signInWithPasskey(
  input: unknown,
  context: RequestContext,
  now = new Date(),
  cookie: CookieReader = () => undefined,
): Promise<PasskeySignInResult> {
  const factor = { method: "passkey", response: input } as const;
  const isNewBrowser = async (tx: Prisma.TransactionClient, userId: string) =>
    !(await isKnownBrowser(tx, userId, cookie, now));
  return signInResult(
    await proveSecondFactor(
      { account: null, factor, context, now },
      opensCompleteSignIn(context, now, isNewBrowser),
    ),
  );
}

/** Step 2 with one of the account's passkeys instead of a code. */
export async function completeSecondStepWithPasskey(
  signInId: string,
  account: { id: string; email: string },
  input: unknown,
  context: RequestContext,
  now = new Date(),
): Promise<PasskeySignInResult> {
  const factor = { method: "passkey", response: input } as const;
  const result = await proveSecondFactor(
    { account, factor, context, now },
    completesWaitingSignIn(signInId, now),
  );
  // The stage it reached: complete, or on to /login/enroll (docs/rules.md, rule 34).
  if (!result.ok) return signInResult(result);
  return signInResult({ ...result, completed: signInId }, result.completed);
}
