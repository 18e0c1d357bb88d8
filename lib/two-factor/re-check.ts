import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { verifyAssertion } from "@/lib/passkeys/verify-assertion";
import { readAuthenticationResponse } from "@/lib/passkeys/responses";
import { failure, type Failure, type FailureCode } from "@/lib/failures/failure";
import { checkTotpCodeAgainst, claimTimeStep } from "./totp-check";
import {
  codeAttemptFailed,
  codeAttemptSucceeded,
  refusedAttemptNotice,
  releaseCodeAttempt,
  reserveCodeAttempt,
  type CodeAttempt,
} from "./code-attempts";
import { verifyPassword } from "@/lib/auth/password";
import { wrongAndLocked } from "./code-lock";
import {
  passwordAttemptFailed,
  passwordAttemptSucceeded,
  reservePasswordAttempt,
  throttleKeys,
  whileChecking,
  type Reservation,
} from "@/lib/auth/throttle";

// Re-checks of a signed-in person's current password or current code before a change to the
// account's security. A stolen session cookie must not turn them into an unlimited guessing
// oracle: passwords count toward the same per-account and per-address limits as sign-in step 1,
// codes toward the same lock as sign-in step 2, and every failure is audited. A passkey-only
// account confirms a change of its passkeys with one of them instead of a code (docs/rules.md,
// rule 27): the same reservation on the code counter, the same lock.

type Account = { id: string; email: string };

export type RecheckAction =
  | "enable_two_factor"
  | "disable_two_factor"
  | "regenerate_recovery_codes"
  | "change_password"
  | "add_passkey"
  | "remove_passkey";

export type RecheckField = "password" | "code";

/** A refusal: a wrong answer, or no check at all because a limit was reached first. */
export type RecheckResult =
  | { ok: true }
  | {
      ok: false;
      reason: "wrong" | "locked" | "throttled";
      failure: Failure;
      fields: RecheckField[];
    };

/**
 * Checks the current password, a current code from the authenticator app, or both (inputs
 * already well-formed). Both are reserved before either is checked, and both are checked
 * whatever the other's result, so a refusal never says which one was wrong. On success the
 * code's time-step is used up; a right code beside a wrong password is not.
 *
 * `passkey` (asked for when it is not undefined; null when the browser sent none) is a passkey
 * assertion over a `CONFIRM` challenge of this account, user verified, counted as a code is. Its
 * challenge is used up whatever the password's result, as the browser's prompt was.
 */
export async function recheckAccount(
  account: Account,
  input: { password?: string; code?: string; passkey?: unknown },
  action: RecheckAction,
  now: Date,
  context: RequestContext,
): Promise<RecheckResult> {
  const hasPassword = input.password !== undefined;
  const hasCode = input.code !== undefined;
  const hasPasskey = input.passkey !== undefined;
  // No readable assertion is no guess at all (the browser's prompt was not answered): it is
  // refused before anything is reserved or checked, as a code of the wrong shape is
  // (docs/rules.md, rules 15 and 31).
  if (hasPasskey && !readAuthenticationResponse(input.passkey)) {
    return {
      ok: false,
      reason: "wrong",
      failure: failure("passkey_confirmation_missing"),
      fields: [],
    };
  }
  let wrong: FailureCode =
    hasPassword && hasCode ? "wrong_password_or_code" : hasCode ? "wrong_code" : "wrong_password";
  if (hasPasskey) wrong = "wrong_password_or_passkey";

  let codeAttempt: CodeAttempt | null = null;
  if (hasCode || hasPasskey) {
    codeAttempt = await reserveCodeAttempt(account.id, now);
    if (!codeAttempt) {
      const notice = await refusedAttemptNotice(account.id, now);
      return { ok: false, reason: "locked", failure: notice, fields: hasCode ? ["code"] : [] };
    }
  }
  let reservation: Reservation | null = null;
  if (hasPassword) {
    const keys = throttleKeys(account.email, context.clientAddress);
    const attempt = await reservePasswordAttempt(keys, now);
    if (!attempt.ok) {
      if (codeAttempt) await releaseCodeAttempt(account.id);
      const params = { retryAfterSeconds: attempt.retryAfterSeconds };
      const throttled = failure("too_many_passwords", { params });
      return { ok: false, reason: "throttled", failure: throttled, fields: ["password"] };
    }
    reservation = attempt.reservation;
  }

  const passwordRight =
    !reservation ||
    (await whileChecking(reservation, () => passwordMatches(account.id, input.password!)));
  // The TOTP state came back from the write that reserved the attempt: no read of its own.
  const timeStep = codeAttempt
    ? await checkTotpCodeAgainst(account.id, codeAttempt, input.code, now)
    : null;
  // Of two concurrent uses of one code, the one that loses the claim counts as a wrong code.
  const codeRight =
    !hasCode ||
    (timeStep !== null && (!passwordRight || (await claimTimeStep(account.id, timeStep))));
  const passkey = hasPasskey
    ? await passkeyConfirmation(account, input.passkey, action, now, context)
    : "right";
  if (passkey === "missing") wrong = "passkey_confirmation_missing";
  const secondRight = codeRight && passkey === "right";

  if (reservation) {
    if (passwordRight) await passwordAttemptSucceeded(reservation, now);
    else await passwordCheckFailed(account, reservation, action, now, context);
  }
  let lockedUntil: Date | null = null;
  if (codeAttempt) {
    if (!secondRight)
      lockedUntil = await codeAttemptFailed(account, codeAttempt, now, context, action);
    else if (passwordRight) await codeAttemptSucceeded(account.id);
    else await releaseCodeAttempt(account.id);
  }

  if (passwordRight && secondRight) return { ok: true };
  const fields: RecheckField[] = passkey === "missing" ? [] : hasPassword ? ["password"] : [];
  if (hasCode) fields.push("code");
  return {
    ok: false,
    reason: "wrong",
    failure: wrongAndLocked(wrong, lockedUntil, now),
    fields,
  };
}

/**
 * A passkey confirmation: right, wrong, or missing (no readable assertion at all). The assertion
 * module audits a bad signature or counter; what it refuses earlier is audited here.
 */
async function passkeyConfirmation(
  account: Account,
  input: unknown,
  action: RecheckAction,
  now: Date,
  context: RequestContext,
): Promise<"right" | "wrong" | "missing"> {
  const result = await verifyAssertion(input, { account, purpose: "CONFIRM" }, context, now);
  if (result.ok) return "right";
  if (result.reason !== "invalid" && result.reason !== "counter") {
    await recordAuditEvent({
      type: "passkey_refused",
      subject: account,
      context,
      details: { reason: `confirmation_${result.reason}`, action },
    });
  }
  return result.reason === "malformed" ? "missing" : "wrong";
}

async function passwordMatches(userId: string, password: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return verifyPassword(user?.passwordHash ?? null, password);
}

async function passwordCheckFailed(
  account: Account,
  reservation: Reservation,
  action: RecheckAction,
  now: Date,
  context: RequestContext,
) {
  const blocked = await passwordAttemptFailed(reservation, now);
  const event = { subject: account, context, details: { action } };
  await recordAuditEvent({ type: "password_check_failed", ...event });
  if (blocked) await recordAuditEvent({ type: "sign_in_throttled", ...event });
}
