import "server-only";
import type { Failure } from "@/lib/failures/failure";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import {
  codeAttemptFailed,
  refusedAttempt,
  releaseCodeAttempt,
  reserveCodeAttempt,
  type CodeAttempt,
} from "./code-attempts";
import { db } from "@/lib/db/client";
import {
  checkAssertion,
  recordAssertionUse,
  settleRefusedAssertion,
  type AssertionRefusal,
} from "@/lib/passkeys/assertion";
import { getSettings } from "@/lib/settings/settings";
import { checkTotpCodeAgainst } from "./totp-check";
import { consumeTypedCode } from "./codes";
import { readTypedCode } from "./typed-code";
import type { Account, Completion, ProofPurpose, Proven, SecondFactor, Transaction } from "./types";

// The one proof of a second factor (docs/rules.md, rule 26). Every door (step 2's form and its
// passkey route, the passkey sign-in on /login, the reset link) calls proveSecondFactor, which
// checks the factor and then, in one transaction, uses it up, writes its audit event (and, for a
// recovery code, its notice) and completes what the door asked for. So a factor is never used up
// for nothing, and nothing is completed without the factor's use, its record and its notice.
//
// Codes go through the account's code counter (rule 4): an attempt is reserved before the code is
// checked, a wrong one stays counted (the fifth locks), and one whose sign-in or link turned out
// to be over is given back. A code of the wrong shape is a typo (rule 31): refused with what to
// type before anything is reserved, counted or audited. Passkeys are not guesses (a signature cannot be typed): they are
// checked as rule 18 says, and a refused one is audited.

export type ProofRefusal =
  | { ok: false; reason: "typo"; failure: Failure }
  | { ok: false; reason: "locked"; notice: Failure; lockedUntil: Date | null }
  | { ok: false; reason: "wrong"; lockedUntil: Date | null }
  | { ok: false; reason: "over" }
  | { ok: false; reason: AssertionRefusal | "turned_off" };

export type ProofResult<T> = ({ ok: true; completed: T } & Proven) | ProofRefusal;

export type ProofRequest = {
  /** Null only for a passkey alone on /login, whose credential names the account. */
  account: Account | null;
  factor: SecondFactor;
  context: RequestContext;
  now: Date;
};

/** Thrown inside the proof's transaction to roll it back. */
class NotProven extends Error {
  constructor(readonly reason: "wrong" | "over" | "challenge" | "counter") {
    super(reason);
  }
}

// Interactive transactions wait for each other on SQLite; give a burst room to queue.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

/** How a sign-in's audit event names the factor that completed it. */
const SIGN_IN_STEP = {
  totp: "authentication_code",
  recovery: "recovery_code",
  issued_recovery: "issued_recovery_code",
  passkey: "passkey",
} as const;

/** The passkey challenge each purpose is issued for (lib/passkeys/challenges.ts). */
const CHALLENGE_PURPOSE = { second_step: "SECOND_STEP", reset: "RESET" } as const;

/** A wrong code's audit event says where it was typed, as re-checks' do. */
const FAILED_CODE_ACTION: Partial<Record<ProofPurpose, string>> = { reset: "reset_password" };

/** Proves the factor and completes `completion` with its use, or changes nothing but counters. */
export async function proveSecondFactor<T>(
  request: ProofRequest,
  completion: Completion<T>,
): Promise<ProofResult<T>> {
  const { account, factor } = request;
  if (factor.method === "passkey") return provePasskey(request, factor.response, completion);
  if (!account) throw new TypeError("A code proves a second factor only for a known account");
  return proveCode(request, account, factor, completion);
}

async function proveCode<T>(
  { context, now }: ProofRequest,
  account: Account,
  factor: Exclude<SecondFactor, { method: "passkey" }>,
  completion: Completion<T>,
): Promise<ProofResult<T>> {
  const typed = readTypedCode(factor.method, factor.code);
  if (!typed.ok) return { ok: false, reason: "typo", failure: typed.failure };
  const reserved = await reserveCodeAttempt(account.id, now);
  if (!reserved) {
    const { notice, lockedUntil } = await refusedAttempt(account.id, now);
    return { ok: false, reason: "locked", notice, lockedUntil };
  }
  const code = await checkTypedCode(account, typed.code, factor.method, reserved, now);
  let outcome: ProofResult<T> | NotProven;
  try {
    if (!code) throw new NotProven("wrong");
    await completion.prepare?.();
    outcome = await db.$transaction(async (tx) => {
      const used = await consumeTypedCode(tx, account, code, completion.purpose, context, now);
      if (!used) throw new NotProven("wrong");
      return complete(tx, { account, ...used }, completion, { context });
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (!(error instanceof NotProven)) throw error;
    outcome = error;
  }

  if (!(outcome instanceof NotProven)) return outcome;
  if (outcome.reason === "over") {
    await releaseCodeAttempt(account.id);
    return { ok: false, reason: "over" };
  }
  const action = FAILED_CODE_ACTION[completion.purpose];
  const lockedUntil = await codeAttemptFailed(account, reserved, now, context, action);
  return { ok: false, reason: "wrong", lockedUntil };
}

/** The typed code as it checked out (not yet used up), or null when it is wrong. */
async function checkTypedCode(
  account: Account,
  code: string,
  method: "totp" | "recovery",
  reserved: CodeAttempt,
  now: Date,
) {
  if (method === "recovery") return { method: "recovery" as const, recoveryCode: code };
  // Against the TOTP state the reservation's write returned: no read of its own.
  const timeStep = await checkTotpCodeAgainst(account.id, reserved, code, now);
  return timeStep === null ? null : { method: "totp" as const, timeStep };
}

async function provePasskey<T>(
  { account, context, now }: ProofRequest,
  response: unknown,
  completion: Completion<T>,
): Promise<ProofResult<T>> {
  if (!(await getSettings()).allowPasskeys) return { ok: false, reason: "turned_off" };
  // On /login the passkey names the account; anywhere else it must be one of the account's own.
  const { purpose } = completion;
  const expected =
    purpose === "sign_in" ? { account: null } : { account, purpose: CHALLENGE_PURPOSE[purpose] };
  if (purpose !== "sign_in" && !account) return { ok: false, reason: "unknown" };
  const check = await checkAssertion(response, expected, context, now);
  if (!check.ok) return check;
  const { checked } = check;
  const owner = { id: checked.account.id, email: checked.account.email };
  try {
    await completion.prepare?.();
    return await db.$transaction(async (tx) => {
      const recorded = await recordAssertionUse(tx, checked, context, now);
      if (!recorded.ok) throw new NotProven(recorded.reason);
      const proven = { account: owner, method: "passkey" as const, recoveryCodesLeft: null };
      return complete(tx, proven, completion, { context });
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (!(error instanceof NotProven)) throw error;
    const reason = error.reason === "challenge" || error.reason === "counter" ? error.reason : null;
    await settleRefusedAssertion(checked, reason ?? "other", context, now);
    return { ok: false, reason: reason ?? "over" };
  }
}

/**
 * The completion and, for a sign-in, its audit event: the same event, with the factor named the
 * same way, whichever door it came through (a reset audits itself, in its completion).
 */
async function complete<T>(
  tx: Transaction,
  proven: Proven,
  completion: Completion<T>,
  { context }: { context: RequestContext },
): Promise<{ ok: true; completed: T } & Proven> {
  const completed = await completion.complete(tx, proven);
  if (completed === null) throw new NotProven("over");
  if (completion.purpose !== "reset") {
    const { account } = proven;
    const event = { type: "sign_in_succeeded", subject: account, actor: account } as const;
    const details = { step: SIGN_IN_STEP[proven.method] };
    await recordAuditEvent({ ...event, context, details }, tx);
  }
  return { ok: true, completed, ...proven };
}
