import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { completeSignIn, openSignIn } from "@/lib/auth/sign-ins";
import { db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/settings";
import { verifyAssertion, type AssertionResult } from "./assertion";

type Refusal = Extract<AssertionResult, { ok: false }>["reason"] | "turned_off" | "sign_in_over";

export type PasskeySignInResult =
  { ok: true; userId: string; signInId: string } | { ok: false; reason: Refusal };

/** Whether passkeys are offered and accepted on this instance (docs/rules.md, rule 18). */
export async function passkeysAllowed(): Promise<boolean> {
  return (await getSettings()).allowPasskeys;
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
): Promise<PasskeySignInResult> {
  if (!(await passkeysAllowed())) return { ok: false, reason: "turned_off" };
  const result = await verifyAssertion(input, { account: null }, context, now);
  if (!result.ok) return result;
  const user = await db.user.findUnique({
    where: { id: result.account.id },
    select: { id: true, email: true, sessionVersion: true },
  });
  if (!user) return { ok: false, reason: "unknown" };
  const signInId = await openSignIn(user, "COMPLETE", context, now);
  await signedInWithPasskey(user, context);
  return { ok: true, userId: user.id, signInId };
}

/** Step 2 with one of the account's passkeys instead of a code. */
export async function completeSecondStepWithPasskey(
  signInId: string,
  account: { id: string; email: string },
  input: unknown,
  context: RequestContext,
  now = new Date(),
): Promise<PasskeySignInResult> {
  if (!(await passkeysAllowed())) return { ok: false, reason: "turned_off" };
  const result = await verifyAssertion(input, { account }, context, now);
  if (!result.ok) return result;
  if (!(await completeSignIn(signInId, "AWAITING_CODE", now))) {
    return { ok: false, reason: "sign_in_over" };
  }
  await signedInWithPasskey(account, context);
  return { ok: true, userId: account.id, signInId };
}

async function signedInWithPasskey(
  account: { id: string; email: string },
  context: RequestContext,
) {
  const event = { type: "sign_in_succeeded", subject: account, actor: account } as const;
  await recordAuditEvent({ ...event, context, details: { step: "passkey" } });
}
